//! `whosaid claims`: claims with first and last seen dates, how often, in how many
//! articles and outlets they were reported, the widest spread first (or the most
//! recent, with `--sort recent`); `whosaid claims show ID` opens one claim with its
//! sightings and what changed between them.

use std::io::{self, BufWriter, Write};

use attrib::Date;
use serde::Serialize;
use store::{Change, ClaimFilter, ClaimReport, ClaimSummary};

use super::common::{self, Filters, Period, View};
use crate::Ctx;
use crate::output::{self, Block, Format, Layout, Table};

#[derive(clap::Args)]
#[command(
    after_help = "A claim is one statement as reported again and again: each quotation \
is a sighting of a claim, grouped by wording across articles. sightings counts every report \
(repeats inside one article too), articles the distinct articles, outlets the distinct outlets; \
spread, --sort and --min-sightings go by articles, so a repeat inside one article is no new \
sighting. --format json nests each claim's sightings (its count is then `seen`). `whosaid claims show ID` opens one claim; `whosaid check TEXT` finds claims by \
what they say.

Examples:
  whosaid claims --sort recent --since 2016-10-01
  whosaid claims show 878
  whosaid claims --speaker \"Donald Trump\" --min-sightings 2 --since 2016-01-01
  whosaid claims --outlet politico --layout blocks
  whosaid claims --format csv --limit 0 > claims.csv"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Open one claim instead of listing them.
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Only claims this speaker made or repeated: a name (case and accents ignored), a
    /// surname, or an id.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub period: Period,
    #[command(flatten)]
    pub filters: Filters,
    /// Only claims reported in at least this many articles (in the period).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_sightings: usize,
    /// The order: spread (the most outlets, then articles, first), recent (last seen,
    /// newest first), date (first seen, oldest first), speaker or outlet (of the first
    /// sighting).
    #[arg(long, value_enum, default_value_t)]
    pub sort: ClaimSort,
    /// At most this many claims (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub view: View,
}

/// What `whosaid claims` can do besides listing.
#[derive(clap::Subcommand)]
pub enum Action {
    /// One claim with all its sightings (date, outlet, speaker, text), oldest first,
    /// and what changed between them.
    Show(ShowArgs),
}

/// `whosaid claims show ID`.
#[derive(clap::Args)]
pub struct ShowArgs {
    /// The claim's id (as `claims` and `check` print it).
    #[arg(value_name = "ID")]
    pub id: i64,
    #[command(flatten)]
    pub period: Period,
    /// Output format (json nests the sightings; jsonl and csv write one per line).
    #[command(flatten)]
    pub view: View,
}

/// `claims --sort`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ClaimSort {
    /// The most outlets, then articles, first.
    #[default]
    Spread,
    /// Last seen, newest first.
    Recent,
    /// First seen, oldest first.
    Date,
    /// By the first speaker's name.
    Speaker,
    /// By the first outlet's name.
    Outlet,
}

impl From<ClaimSort> for store::Sort {
    fn from(s: ClaimSort) -> store::Sort {
        match s {
            ClaimSort::Spread => store::Sort::Spread,
            ClaimSort::Recent => store::Sort::Recent,
            ClaimSort::Date => store::Sort::Date,
            ClaimSort::Speaker => store::Sort::Speaker,
            ClaimSort::Outlet => store::Sort::Outlet,
        }
    }
}

/// One sighting inside a claim, as `claims --format json` and `claims show` write it.
#[derive(Serialize)]
struct SightingOut<'a> {
    quote_id: i64,
    date: Option<Date>,
    outlet: Option<&'a str>,
    doc_key: &'a str,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    kind: &'a str,
    text: &'a str,
    changes: &'a [Change],
    /// Another speaker denies or contradicts the claim here.
    dispute: bool,
}

impl<'a> SightingOut<'a> {
    fn all(r: &'a ClaimReport) -> Vec<SightingOut<'a>> {
        r.sightings
            .iter()
            .map(|s| SightingOut {
                quote_id: s.quote_id,
                date: s.date,
                outlet: s.outlet.as_deref(),
                doc_key: &s.doc_key,
                speaker: s.speaker.as_deref(),
                role: s.role.as_deref(),
                kind: s.kind.as_str(),
                text: &s.text,
                changes: &s.changes,
                dispute: s.dispute,
            })
            .collect()
    }
}

/// A claim with its sightings, as `claims --format json` writes it: the summary's
/// fields, its count of sightings as `seen` (as the table heads it), and `sightings`
/// the sightings themselves.
#[derive(Serialize)]
struct WithSightings<'a> {
    claim: i64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
    seen: i64,
    articles: i64,
    outlets: i64,
    speakers: i64,
    first_speaker: Option<&'a str>,
    first_outlet: Option<&'a str>,
    text: &'a str,
    sightings: Vec<SightingOut<'a>>,
}

/// `whosaid claims show ID`; `Ok(false)` when the claim has no sighting (in the period).
fn show(a: ShowArgs, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    a.period.warn_if_reversed();
    let report = db.claim_report(a.id, a.period.since, a.period.until)?;
    if report.sightings.is_empty() {
        eprintln!("whosaid: claim {} has no sighting (in the period)", a.id);
        return Ok(false);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match a.view.format {
        Format::Table => match a.view.layout {
            Layout::Table => super::check::print_table(&mut out, std::slice::from_ref(&report))?,
            Layout::Blocks => super::check::print_blocks(&mut out, std::slice::from_ref(&report))?,
        },
        Format::Json => {
            #[derive(Serialize)]
            struct One<'a> {
                claim: i64,
                first_seen: Option<Date>,
                last_seen: Option<Date>,
                first_speaker: Option<&'a str>,
                outlets: &'a [String],
                sightings: Vec<SightingOut<'a>>,
            }
            let one = One {
                claim: report.claim,
                first_seen: report.first_seen,
                last_seen: report.last_seen,
                first_speaker: report.first_speaker.as_deref(),
                outlets: &report.outlets,
                sightings: SightingOut::all(&report),
            };
            serde_json::to_writer_pretty(&mut out, &one)?;
            writeln!(out)?;
        }
        Format::Jsonl | Format::Csv => {
            let rows: Vec<_> = SightingOut::all(&report)
                .into_iter()
                .map(|s| FlatSighting {
                    claim: report.claim,
                    quote_id: s.quote_id,
                    date: s.date,
                    outlet: s.outlet,
                    doc_key: s.doc_key,
                    speaker: s.speaker,
                    role: s.role,
                    kind: s.kind,
                    text: s.text,
                    dispute: s.dispute,
                    changes: s
                        .changes
                        .iter()
                        .map(Change::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect();
            output::write_records(&mut out, a.view.format, &rows)?;
        }
    }
    out.flush()?;
    Ok(true)
}

/// One sighting as `claims show --format jsonl|csv` writes it (changes as text).
#[derive(Serialize, Default)]
struct FlatSighting<'a> {
    claim: i64,
    quote_id: i64,
    date: Option<Date>,
    outlet: Option<&'a str>,
    doc_key: &'a str,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    kind: &'a str,
    text: &'a str,
    changes: String,
    dispute: bool,
}

/// Run `whosaid claims`; `Ok(false)` when nothing matched (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    if let Some(Action::Show(a)) = args.action {
        return show(a, ctx);
    }
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
    match args.view.format {
        Format::Table => print(&mut out, &rows, args.view.layout)?,
        // JSON nests each claim's sightings; the flat formats keep one row a claim.
        Format::Json => {
            let reports = rows
                .iter()
                .map(|r| db.claim_report(r.claim, args.period.since, args.period.until))
                .collect::<Result<Vec<_>, _>>()?;
            let nested: Vec<WithSightings<'_>> = rows
                .iter()
                .zip(&reports)
                .map(|(c, r)| WithSightings {
                    claim: c.claim,
                    first_seen: c.first_seen,
                    last_seen: c.last_seen,
                    seen: c.sightings,
                    articles: c.articles,
                    outlets: c.outlets,
                    speakers: c.speakers,
                    first_speaker: c.first_speaker.as_deref(),
                    first_outlet: c.first_outlet.as_deref(),
                    text: &c.text,
                    sightings: SightingOut::all(r),
                })
                .collect();
            output::write_json(&mut out, args.view.format, &nested)?;
        }
        _ => {
            output::write_records(&mut out, args.view.format, &rows)?;
        }
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
