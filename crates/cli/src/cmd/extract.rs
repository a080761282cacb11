//! `whosaid extract`: quotations and speakers as JSON lines or a table, nothing stored.
//!
//! Stateless by design, so it can run under any batch engine (`scripts/spark/`):
//! `--format docs` writes everything `ingest --extracted` needs. Documents are read in
//! batches and extracted on every core (rayon); output keeps input order.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use attrib::{Document, Extraction};
use clap::ValueEnum;
use serde::Serialize;

use crate::Ctx;
use crate::batch;
use crate::input::Input;
use crate::output::{self, Table};

/// Output of `extract`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// An aligned table: speaker, kind, quote.
    #[default]
    Table,
    /// One JSON object per quotation.
    Jsonl,
    /// One JSON object per document: its fields, `origin` and the whole extraction,
    /// which `ingest --extracted` stores without extracting again.
    Docs,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid extract article.txt
  whosaid extract corpus.jsonl --format jsonl | jq -r 'select(.kind == \"direct\") | .text'")]
pub struct Args {
    #[command(flatten)]
    pub sources: super::common::Sources,
    /// How to write quotations.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExtractFormat,
}

/// One quotation as `extract --format jsonl` writes it. The field names are an interface:
/// the scorer and other tools read them.
#[derive(Serialize)]
pub struct QuoteRecord<'a> {
    pub doc: &'a str,
    /// The words said: the parts joined by single spaces.
    pub text: Cow<'a, str>,
    /// The outer bounds, narration that interrupts the quotation included.
    pub start: usize,
    pub end: usize,
    /// Byte spans of the words said, without the narration between them.
    pub parts: Vec<[usize; 2]>,
    pub speaker: Option<&'a str>,
    pub speaker_mention: Option<&'a str>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub speaker_kind: &'static str,
    pub role: Option<&'a str>,
    pub kind: &'static str,
    pub cue: Option<&'a str>,
    pub confidence: f32,
    pub sentence: usize,
}

/// The records of one document's extraction, in document order.
pub fn records<'a>(doc: &'a Document, ex: &'a Extraction) -> impl Iterator<Item = QuoteRecord<'a>> {
    ex.quotes.iter().map(move |q| {
        let entity = ex.speaker(q);
        QuoteRecord {
            doc: &doc.id,
            // Extraction spans always fit the document they came from.
            text: q.words(&doc.text).unwrap_or_default(),
            start: q.span.start,
            end: q.span.end,
            parts: q.parts().iter().map(|p| [p.start, p.end]).collect(),
            speaker: entity.map(|e| e.canonical.as_str()),
            speaker_mention: q.mention.map(|m| m.of(&doc.text)),
            speaker_start: q.mention.map(|m| m.start),
            speaker_end: q.mention.map(|m| m.end),
            speaker_kind: entity.map_or("other", |e| e.kind.as_str()),
            role: entity.and_then(|e| e.roles.first()).map(String::as_str),
            kind: q.kind.as_str(),
            cue: q.cue.map(|c| c.of(&doc.text)),
            confidence: (q.confidence * 1000.0).round() / 1000.0,
            sentence: q.sentence,
        }
    })
}

/// Run `whosaid extract`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let width = output::terminal_width();
    let mut ok = true;
    batch::extract_all(&args.sources, |item| {
        match item {
            Ok((input, ex)) => write_doc(&mut out, &input, &ex, args.format, width)?,
            Err(e) => {
                ok = false;
                // Flush first, so the error stands between the documents around it.
                out.flush()?;
                eprintln!("whosaid: {e}");
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(ok)
}

fn write_doc(
    out: &mut dyn Write,
    input: &Input,
    ex: &Extraction,
    format: ExtractFormat,
    width: usize,
) -> anyhow::Result<()> {
    let doc = &input.doc;
    match format {
        ExtractFormat::Docs => crate::extracted::write(out, input, ex)?,
        ExtractFormat::Jsonl => {
            for r in records(doc, ex) {
                serde_json::to_writer(&mut *out, &r)?;
                out.write_all(b"\n")?;
            }
        }
        ExtractFormat::Table => {
            if ex.quotes.is_empty() {
                return Ok(());
            }
            writeln!(
                out,
                "== {} ({} quotations)",
                output::printable_line(&doc.id),
                ex.quotes.len()
            )?;
            let mut t = Table::new(vec!["speaker", "kind", "quote"]);
            for r in records(doc, ex) {
                let speaker = match (r.speaker, r.role) {
                    (Some(s), Some(role)) => format!("{s} ({role})"),
                    (Some(s), None) => s.to_string(),
                    (None, _) => "?".to_string(),
                };
                t.push(vec![speaker, r.kind.to_string(), r.text.to_string()]);
            }
            t.print(out, width)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
