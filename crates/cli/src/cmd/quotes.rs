//! `whosaid quotes`: who said what, newest first.

use std::io::{self, BufWriter, Write};

use attrib::QuoteKind;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use store::QuoteFilter;

use crate::Ctx;
use crate::output::{self, Format, Table};

/// `--kind`: one of the store's kind names, listed in `--help` and in errors.
fn kind_parser() -> impl TypedValueParser<Value = QuoteKind> {
    PossibleValuesParser::new(
        [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed].map(QuoteKind::as_str),
    )
    .try_map(|s| s.parse::<QuoteKind>())
}

#[derive(clap::Args)]
pub struct Args {
    /// Only this speaker: any of its names (case and accents ignored), a surname, or an id.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub period: super::common::Period,
    /// Only quotations containing all these words (search syntax is not interpreted).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only quotations of this kind.
    #[arg(long, value_parser = kind_parser())]
    pub kind: Option<QuoteKind>,
    /// At most this many quotations (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Run `whosaid quotes`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let db = super::open_to_read(ctx)?;
    let limit = super::common::row_limit(args.limit, args.format);
    let filter = QuoteFilter {
        speaker: args.speaker.clone(),
        since: args.period.since,
        until: args.period.until,
        search: args.search,
        kind: args.kind,
        limit,
    };
    let rows = db.quotes(&filter)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !output::write_records(&mut out, args.format, &rows)? {
        if rows.is_empty() {
            if let Some(s) = &args.speaker
                && !s.trim().chars().all(|c| c.is_ascii_digit() || c == '#')
                && db.speaker_ids(s)?.is_empty()
            {
                eprintln!("whosaid: no speaker is called {s:?}");
            }
        } else {
            let mut t = Table::new(vec!["date", "speaker", "source", "doc", "quote"]);
            for r in &rows {
                let source = match (&r.outlet, &r.title) {
                    (Some(o), Some(t)) => format!("{o}: {t}"),
                    (Some(o), None) => o.clone(),
                    (None, Some(t)) => t.clone(),
                    (None, None) => r.doc_key.clone(),
                };
                t.push(vec![
                    r.date.map_or_else(|| "-".into(), |d| d.to_string()),
                    r.speaker.clone().unwrap_or_else(|| "?".into()),
                    output::truncate(&source, 30),
                    r.doc_id.to_string(),
                    r.text.clone(),
                ]);
            }
            t.print(&mut out, output::terminal_width())?;
        }
    }
    out.flush()?;
    Ok(true)
}
