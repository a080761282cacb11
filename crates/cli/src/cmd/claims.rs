//! `whosaid claims`: claims with first and last seen dates, how often, in how many
//! articles and outlets they were reported, oldest first (or widest spread first).

use std::io::{self, BufWriter, Write};

use store::{ClaimFilter, ClaimSummary};

use super::common::{self, Filters, Period, SortBy, View};
use crate::Ctx;
use crate::output::{self, Block, Format, Layout, Table};

#[derive(clap::Args)]
#[command(
    after_help = "A claim is one statement as reported again and again: each quotation \
is a sighting of a claim, grouped by wording across articles. sightings counts every report \
(repeats inside one article too), articles the distinct articles, outlets the distinct outlets.
`whosaid check TEXT` shows one claim's sightings and what changed between them.

Examples:
  whosaid claims --sort spread
  whosaid claims --speaker \"Donald Trump\" --min-sightings 2 --since 2016-01-01
  whosaid claims --outlet politico --layout blocks
  whosaid claims --format csv --limit 0 > claims.csv"
)]
pub struct Args {
    /// Only claims this speaker made or repeated: a name (case and accents ignored), a
    /// surname, or an id.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub period: Period,
    #[command(flatten)]
    pub filters: Filters,
    /// Only claims reported at least this many times (in the period).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_sightings: usize,
    /// The order: date (first seen, oldest first), speaker or outlet (of the first
    /// sighting), or spread (the most outlets, then articles, first).
    #[arg(long, value_enum, default_value_t)]
    pub sort: SortBy,
    /// At most this many claims (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub view: View,
}

/// Run `whosaid claims`; `Ok(false)` when nothing matched (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    args.period.warn_if_reversed();
    let limit = common::row_limit(args.limit, args.view.format);
    let mut filter = ClaimFilter {
        speaker: args.speaker,
        since: args.period.since,
        until: args.period.until,
        min_sightings: args.min_sightings,
        outlet: args.filters.outlet,
        min_confidence: args.filters.min_confidence,
        sort: args.sort.into(),
        limit,
    };
    // An unknown speaker is "nothing matched" too: the same note, exit code and header.
    let (rows, unknown) = match db.claims(&filter) {
        Err(store::Error::NoSpeaker(name)) => (Vec::new(), Some(name)),
        other => (other?, None),
    };
    let total = if limit.is_some_and(|l| rows.len() >= l) {
        filter.limit = None;
        db.count_claims(&filter)?
    } else {
        rows.len()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.view.format == Format::Table {
        print(&mut out, &rows, args.view.layout)?;
    } else {
        output::write_records(&mut out, args.view.format, &rows)?;
    }
    out.flush()?;
    if let Some(name) = unknown {
        eprintln!("whosaid: no speaker is called {name:?}");
        return Ok(false);
    }
    Ok(common::finish(rows.len(), total, "claims"))
}

fn print(out: &mut dyn Write, rows: &[ClaimSummary], layout: Layout) -> io::Result<()> {
    let width = output::terminal_width();
    let date = |d: Option<attrib::Date>| d.map_or_else(|| "-".into(), |d| d.to_string());
    let who = |r: &ClaimSummary| r.first_speaker.clone().unwrap_or_else(|| "?".into());
    if layout == Layout::Blocks {
        let blocks: Vec<Block> = rows
            .iter()
            .map(|r| Block {
                head: vec![
                    format!("claim {}", r.claim),
                    format!("first said by {}", who(r)),
                    format!("{} → {}", date(r.first_seen), date(r.last_seen)),
                    format!(
                        "{} sightings in {} articles, {} outlets",
                        r.sightings, r.articles, r.outlets
                    ),
                ],
                text: r.text.clone(),
            })
            .collect();
        return output::print_blocks(out, &blocks, width, output::colour());
    }
    if rows.is_empty() {
        return Ok(());
    }
    // The last-seen date is in blocks and exports, to leave the statement room.
    let mut t = Table::new(vec![
        "claim",
        "first seen",
        "seen",
        "articles",
        "outlets",
        "first said by",
        "statement",
    ]);
    for r in rows {
        t.push(vec![
            r.claim.to_string(),
            date(r.first_seen),
            format!("{}×", r.sightings),
            r.articles.to_string(),
            r.outlets.to_string(),
            who(r),
            r.text.clone(),
        ]);
    }
    t.print(out, width)
}
