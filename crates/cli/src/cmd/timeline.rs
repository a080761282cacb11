//! `whosaid timeline SPEAKER`: what one speaker said over time, oldest first, with
//! who said it (a surname may name several speakers), their role at each date and how
//! often each statement was reported.

use std::io::{self, BufWriter, Write};

use attrib::Date;
use serde::Serialize;
use store::{TimelineFilter, TimelineRow};

use super::common::{self, Filters, Period, SortBy, View};
use crate::Ctx;
use crate::cite::{Citer, Context};
use crate::output::{self, Block, Format, Layout, Table};

#[derive(clap::Args)]
#[command(
    after_help = "A surname matches every speaker with that surname: the speaker column \
says who each statement is from; give a full name or an id (from `whosaid speakers`) for one. \
\"seen 3×\" (\"reported 3×\" in blocks) is how many times the statement's claim was reported \
in all.

Examples:
  whosaid timeline \"Hillary Clinton\" --about emails
  whosaid timeline 33 --since 2016-01-01 --until 2016-06-30 --outlet nyt
  whosaid timeline markova --layout blocks
  whosaid timeline trump --format csv --limit 0 > trump.csv"
)]
pub struct Args {
    /// The speaker: a name (case and accents ignored), a surname, or an id.
    #[arg(value_name = "SPEAKER")]
    pub speaker: String,
    /// Only statements about this (search syntax is not interpreted).
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    #[command(flatten)]
    pub period: Period,
    #[command(flatten)]
    pub filters: Filters,
    /// The order: date (oldest first), speaker, outlet, or spread (the statement's
    /// claim reported by the most outlets first).
    #[arg(long, value_enum, default_value_t)]
    pub sort: SortBy,
    /// At most this many statements (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// What json, jsonl and csv carry around each statement.
    #[arg(long, value_enum, default_value_t)]
    pub context: Context,
    #[command(flatten)]
    pub view: View,
}

/// One statement as `timeline --format json|jsonl|csv` writes it. Field names are an
/// interface, shared with `quotes` and `check` where they mean the same.
#[derive(Serialize, Default)]
struct Record<'a> {
    date: Option<Date>,
    speaker_id: i64,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    kind: &'a str,
    text: &'a str,
    outlet: Option<&'a str>,
    doc_id: i64,
    doc_key: &'a str,
    title: Option<&'a str>,
    url: Option<String>,
    path: Option<String>,
    claim: Option<i64>,
    claim_sightings: i64,
    quote_id: i64,
    confidence: f64,
    context: Option<String>,
}

/// Run `whosaid timeline`; `Ok(false)` when nothing matched (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    args.period.warn_if_reversed();
    let found = db.timeline_with(
        &args.speaker,
        &TimelineFilter {
            about: args.about.clone(),
            since: args.period.since,
            until: args.period.until,
            outlet: args.filters.outlet.clone(),
            min_confidence: args.filters.min_confidence,
        },
    );
    // An unknown speaker is "nothing matched" too: the same note, exit code and header.
    let (mut rows, unknown) = match found {
        Err(store::Error::NoSpeaker(name)) => (Vec::new(), Some(name)),
        other => (other?, None),
    };
    sort(&mut rows, args.sort);
    let total = rows.len();
    if let Some(l) = common::row_limit(args.limit, args.view.format) {
        rows.truncate(l);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.view.format {
        Format::Table => print(&mut out, &rows, args.view.layout)?,
        format => {
            let records = Citer::new(&db, args.context).records(
                &rows,
                |r| (r.doc_id, r.start, r.end),
                |r, cite| Record {
                    date: r.date,
                    speaker_id: r.speaker_id,
                    speaker: r.speaker.as_deref(),
                    role: r.role.as_deref(),
                    kind: r.kind.as_str(),
                    text: &r.text,
                    outlet: r.outlet.as_deref(),
                    doc_id: r.doc_id,
                    doc_key: &r.doc_key,
                    title: r.title.as_deref(),
                    url: cite.url,
                    path: cite.path,
                    claim: r.claim,
                    claim_sightings: r.claim_sightings,
                    quote_id: r.quote_id,
                    confidence: r.confidence,
                    context: cite.context,
                },
            )?;
            output::write_records(&mut out, format, &records)?;
        }
    }
    out.flush()?;
    if let Some(name) = unknown {
        eprintln!("whosaid: no speaker is called {name:?}");
        return Ok(false);
    }
    Ok(common::finish(rows.len(), total, "statements"))
}

/// Rows in `by`'s order; stable, so within one key they stay oldest first. Spread is
/// the claim's sightings here (the timeline carries no outlet count).
fn sort(rows: &mut [TimelineRow], by: SortBy) {
    let lower = |s: &Option<String>| s.as_ref().map(|s| s.to_lowercase());
    match by {
        SortBy::Date => {}
        SortBy::Speaker => rows.sort_by_cached_key(|r| (r.speaker.is_none(), lower(&r.speaker))),
        SortBy::Outlet => rows.sort_by_cached_key(|r| (r.outlet.is_none(), lower(&r.outlet))),
        SortBy::Spread => rows.sort_by_key(|r| std::cmp::Reverse(r.claim_sightings)),
    }
}

fn print(out: &mut dyn Write, rows: &[TimelineRow], layout: Layout) -> io::Result<()> {
    let width = output::terminal_width();
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let date = |r: &TimelineRow| r.date.map_or_else(|| "-".into(), |d| d.to_string());
    if layout == Layout::Blocks {
        let blocks: Vec<Block> = rows
            .iter()
            .map(|r| {
                let mut head = vec![dash(&r.speaker)];
                head.extend(r.role.clone());
                head.extend([
                    date(r),
                    dash(&r.outlet),
                    r.kind.as_str().to_string(),
                    format!("reported {}×", r.claim_sightings),
                ]);
                Block {
                    head,
                    text: r.text.clone(),
                }
            })
            .collect();
        return output::print_blocks(out, &blocks, width, output::colour());
    }
    if rows.is_empty() {
        return Ok(());
    }
    // The role goes with the name: a column of its own leaves the statement no room.
    let mut t = Table::new(vec![
        "date",
        "speaker",
        "kind",
        "seen",
        "outlet",
        "statement",
    ]);
    for r in rows {
        let who = match &r.role {
            Some(role) => format!("{} ({role})", dash(&r.speaker)),
            None => dash(&r.speaker),
        };
        t.push(vec![
            date(r),
            who,
            r.kind.as_str().to_string(),
            format!("{}×", r.claim_sightings),
            dash(&r.outlet),
            r.text.clone(),
        ]);
    }
    t.print(out, width)
}
