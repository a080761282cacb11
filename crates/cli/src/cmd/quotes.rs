//! `whosaid quotes`: who said what, newest first.

use std::io::{self, BufWriter, Write};

use attrib::{Date, QuoteKind};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde::Serialize;
use store::{QuoteFilter, QuoteRow};

use super::common::{self, Filters, Period, SortBy, View};
use crate::Ctx;
use crate::cite::{Citer, Context};
use crate::output::{self, Block, Format, Layout, Table};

/// `--kind`: one of the store's kind names, listed in `--help` and in errors.
fn kind_parser() -> impl TypedValueParser<Value = QuoteKind> {
    PossibleValuesParser::new(
        [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed].map(QuoteKind::as_str),
    )
    .try_map(|s| s.parse::<QuoteKind>())
}

#[derive(clap::Args)]
#[command(
    after_help = "Kinds: direct is verbatim (inside quotation marks), indirect is reported \
speech (a paraphrase), mixed is a paraphrase with quoted words in it.

Examples:
  whosaid quotes --speaker \"Donald Trump\" --search wall
  whosaid quotes --outlet nyt --since 2016-03-01 --until 2016-03-31 --kind direct
  whosaid quotes --search emails --sort spread --layout blocks
  whosaid quotes --speaker sanders --format csv --context paragraph > sanders.csv
  whosaid quotes --limit 0 --min-confidence 0.8 --format jsonl | jq -r .speaker"
)]
pub struct Args {
    /// Only this speaker: any of its names (case and accents ignored), a surname, or an id.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub period: Period,
    #[command(flatten)]
    pub filters: Filters,
    /// Only quotations containing all these words, in any inflection ("immigrant" finds
    /// "immigrants"); "a phrase", a OR b and prefix* are understood, nothing else.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only quotations of this kind.
    #[arg(long, value_parser = kind_parser())]
    pub kind: Option<QuoteKind>,
    /// The order: date (newest first), speaker, outlet, or spread (the quotation's
    /// claim reported by the most outlets first).
    #[arg(long, value_enum, default_value_t)]
    pub sort: SortBy,
    /// At most this many quotations (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// What json, jsonl and csv carry around each quotation.
    #[arg(long, value_enum, default_value_t)]
    pub context: Context,
    #[command(flatten)]
    pub view: View,
}

/// One quotation as `quotes --format json|jsonl|csv` writes it. Field names are an
/// interface, shared with `timeline` and `check` where they mean the same.
#[derive(Serialize, Default)]
struct Record<'a> {
    id: i64,
    date: Option<Date>,
    speaker_id: Option<i64>,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    kind: &'a str,
    text: &'a str,
    cue: Option<&'a str>,
    mention: Option<&'a str>,
    confidence: f64,
    doc_id: i64,
    doc_key: &'a str,
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<String>,
    path: Option<String>,
    start: i64,
    end: i64,
    context: Option<String>,
}

/// Run `whosaid quotes`; `Ok(false)` when nothing matched (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let db = super::open_to_read(ctx)?;
    args.period.warn_if_reversed();
    let limit = common::row_limit(args.limit, args.view.format);
    let filter = QuoteFilter {
        speaker: args.speaker.clone(),
        since: args.period.since,
        until: args.period.until,
        search: args.search,
        kind: args.kind,
        outlet: args.filters.outlet,
        min_confidence: args.filters.min_confidence,
        sort: args.sort.into(),
        limit,
    };
    let rows = db.quotes(&filter)?;
    let total = if limit.is_some_and(|l| rows.len() >= l) {
        db.count_quotes(&filter)?
    } else {
        rows.len()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.view.format {
        Format::Table => print(&mut out, &rows, args.view.layout)?,
        format => {
            let records = Citer::new(&db, args.context).records(
                &rows,
                |r| (r.doc_id, r.start, r.end),
                record,
            )?;
            output::write_records(&mut out, format, &records)?;
        }
    }
    out.flush()?;
    if rows.is_empty()
        && let Some(s) = &args.speaker
        && !s.trim().chars().all(|c| c.is_ascii_digit() || c == '#')
        && db.speaker_ids(s)?.is_empty()
    {
        eprintln!("whosaid: no speaker is called {s:?}");
        return Ok(false);
    }
    Ok(common::finish(rows.len(), total, "quotations"))
}

fn record(r: &QuoteRow, cite: crate::cite::Cite) -> Record<'_> {
    Record {
        id: r.id,
        date: r.date,
        speaker_id: r.speaker_id,
        speaker: r.speaker.as_deref(),
        role: r.role.as_deref(),
        kind: r.kind.as_str(),
        text: &r.text,
        cue: r.cue.as_deref(),
        mention: r.mention.as_deref(),
        confidence: r.confidence,
        doc_id: r.doc_id,
        doc_key: &r.doc_key,
        outlet: r.outlet.as_deref(),
        title: r.title.as_deref(),
        url: cite.url,
        path: cite.path,
        start: r.start,
        end: r.end,
        context: cite.context,
    }
}

fn print(out: &mut dyn Write, rows: &[QuoteRow], layout: Layout) -> io::Result<()> {
    let width = output::terminal_width();
    let date = |r: &QuoteRow| r.date.map_or_else(|| "-".into(), |d| d.to_string());
    let speaker = |r: &QuoteRow| r.speaker.clone().unwrap_or_else(|| "?".into());
    let outlet = |r: &QuoteRow| r.outlet.clone().unwrap_or_else(|| "-".into());
    if layout == Layout::Blocks {
        let blocks: Vec<Block> = rows
            .iter()
            .map(|r| Block {
                head: vec![
                    speaker(r),
                    date(r),
                    outlet(r),
                    r.kind.as_str().to_string(),
                    format!("doc {}", r.doc_id),
                ],
                text: r.text.clone(),
            })
            .collect();
        return output::print_blocks(out, &blocks, width, output::colour());
    }
    if rows.is_empty() {
        return Ok(());
    }
    let mut t = Table::new(vec!["date", "speaker", "kind", "outlet", "doc", "quote"]);
    for r in rows {
        t.push(vec![
            date(r),
            speaker(r),
            r.kind.as_str().to_string(),
            outlet(r),
            r.doc_id.to_string(),
            r.text.clone(),
        ]);
    }
    t.print(out, width)
}
