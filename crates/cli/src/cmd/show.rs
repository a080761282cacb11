//! `whosaid show`: one stored article with its quotations marked, then who said each.

use std::io::{self, BufWriter, Write};

use store::QuoteRow;

use crate::Ctx;
use crate::output;

#[derive(clap::Args)]
#[command(
    after_help = "Quotations are bracketed and numbered in the text ([…][3]), in bold \
yellow on a colour terminal; the list below says who said each, its kind, cue and confidence.

Examples:
  whosaid show 580
  whosaid show breitbart_2015-11-11_the-ninth-circle
  whosaid --color always show 580 | less -R"
)]
pub struct Args {
    /// The document: its id (as `quotes` prints it; `#ID` for an id only) or its key
    /// (file name or JSON id).
    pub doc: String,
}

const MARK: &str = "\x1b[1;33m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Run `whosaid show`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let db = super::open_to_read(ctx)?;
    let doc = db.document(&args.doc).map_err(|e| match e {
        store::Error::AmbiguousDocument { .. } => {
            anyhow::anyhow!("{e}; show one with `whosaid show #ID`")
        }
        e => e.into(),
    })?;
    let colour = output::colour();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Article text and what came with it are not trusted on a terminal.
    writeln!(out, "#{} {}", doc.id, output::printable_line(&doc.key))?;
    let published = doc.published.map(|d| d.to_string());
    let about: Vec<&str> = [&doc.title, &doc.outlet, &published, &doc.url, &doc.path]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !about.is_empty() {
        writeln!(out, "{}", output::printable_line(&about.join(" | ")))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", marked(&doc.text, &doc.quotes, colour))?;
    writeln!(out)?;
    writeln!(out, "{} quotations", doc.quotes.len())?;
    for (i, q) in doc.quotes.iter().enumerate() {
        let speaker = match (&q.speaker, &q.role) {
            (Some(s), Some(r)) => output::printable_line(&format!("{s} ({r})")),
            (Some(s), None) => output::printable_line(s),
            (None, _) => "?".to_string(),
        };
        let cue = q
            .cue
            .as_deref()
            .map(|c| format!(", {c:?}"))
            .unwrap_or_default();
        writeln!(
            out,
            "[{}] {speaker} — {}{cue}, confidence {:.2}: {}",
            i + 1,
            q.kind.as_str(),
            q.confidence,
            output::printable_line(&q.text)
        )?;
    }
    out.flush()?;
    Ok(true)
}

/// The text with each quotation highlighted and numbered, and control characters shown
/// as pictures (only the highlighting's own escapes reach the terminal). Quotes nested in
/// or overlapping an earlier one are listed but not marked, and spans that do not fit
/// the text are skipped rather than trusted.
fn marked(text: &str, quotes: &[QuoteRow], colour: bool) -> String {
    let mut out = String::with_capacity(text.len() + quotes.len() * 16);
    let mut at = 0;
    for (i, q) in quotes.iter().enumerate() {
        let (Ok(start), Ok(end)) = (usize::try_from(q.start), usize::try_from(q.end)) else {
            continue;
        };
        if start < at || text.get(start..end).is_none() {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(&output::printable(before));
        let inside = output::printable(inside);
        if colour {
            out.push_str(&format!("{MARK}{inside}{RESET}{DIM}[{}]{RESET}", i + 1));
        } else {
            out.push_str(&format!("[{inside}][{}]", i + 1));
        }
        at = end;
    }
    out.push_str(&output::printable(text.get(at..).unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(start: i64, end: i64) -> QuoteRow {
        QuoteRow {
            id: 0,
            date: None,
            speaker_id: None,
            speaker: None,
            role: None,
            kind: attrib::QuoteKind::Direct,
            text: String::new(),
            cue: None,
            mention: None,
            confidence: 1.0,
            doc_id: 1,
            doc_key: "k".into(),
            outlet: None,
            title: None,
            start,
            end,
        }
    }

    #[test]
    fn marks_quotes_and_survives_bad_spans() {
        let text = "He said \"yes\" and \"no\".";
        let s = marked(text, &[q(9, 12), q(10, 11), q(19, 21), q(30, 99)], false);
        assert_eq!(s, "He said \"[yes][1]\" and \"[no][3]\".");
        assert_eq!(marked("é", &[q(0, 1)], false), "é");
        assert_eq!(
            marked("\x1b[2J\"hi\"\x1b]0;x\x07", &[q(5, 7)], true),
            format!("␛[2J\"{MARK}hi{RESET}{DIM}[1]{RESET}\"␛]0;x␇")
        );
    }
}
