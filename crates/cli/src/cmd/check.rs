//! `whosaid check "TEXT"`: statements matching a text across all stored documents,
//! grouped into claims, the best match first: who said it first, who repeated it,
//! when and where, and what changed between sightings. A text opening with a known
//! speaker's name and a verb of saying ("Hillary Clinton says ...") looks for what
//! that speaker said.
//!
//! `--format json` writes one object per claim with its sightings nested; `jsonl` and
//! `csv` write one flat record per sighting (with the claim's id and first sighting
//! repeated), which is what scripts filtering by claim or change want.

use std::io::{self, BufWriter, Write};

use attrib::Date;
use serde::Serialize;
use store::{Change, CheckFilter, ClaimReport, Sighting};

use super::common::{self, Filters, Period, View};
use crate::Ctx;
use crate::cite::{Citer, Context};
use crate::output::{self, Block, Format, Layout, Table};

#[derive(clap::Args)]
#[command(
    after_help = "Claims come the best match first (--sort relevance), each with all its \
sightings, oldest first. The first column marks a sighting:
  x  a dispute: someone other than the first speaker denies or contradicts the claim
     (reported as denying or rejecting it, or negating it, or giving another figure)
  !  it changed the claim's number, date or polarity (see `changed`)
  =  it did not match TEXT itself, but belongs to the same claim
     (blank) it matched TEXT and changed nothing
Change kinds (in `changed`, and the `changes` field of exports):
  number    a number differs (\"40 fishing boats → 45 fishing boats\")
  date      a date or day differs
  negation  one says it, the other denies it (affirmed → negated)
  speaker   someone else said it (A → B; in exports only: a repeat is no change)

Examples:
  whosaid check \"45 boats\"
  whosaid check \"Hillary Clinton says she never sent classified emails\"
  whosaid check \"Mexico will pay for the wall\" --since 2016-01-01 --sort spread
  whosaid check \"classified material\" --outlet wash-post --layout blocks
  whosaid check \"shutdown of Muslims\" --format jsonl | jq -r 'select(.changes != []) | .text'"
)]
pub struct Args {
    /// The statement to look for (search syntax is not interpreted: every word is a word).
    #[arg(value_name = "TEXT")]
    pub text: String,
    #[command(flatten)]
    pub period: Period,
    #[command(flatten)]
    pub filters: Filters,
    /// The order of the claims: relevance (the best match for TEXT first), date (first
    /// seen, oldest first), recent (last seen, newest first), spread (the most
    /// outlets, then articles, first), speaker or outlet (of the first sighting).
    #[arg(long, value_enum, default_value_t)]
    pub sort: CheckSort,
    /// Only claims this speaker said in a matching sighting: a name (case and accents
    /// ignored), a surname, or an id. Without it, a known name opening TEXT before a
    /// verb of saying is taken as the speaker.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// At most this many claims (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// What json, jsonl and csv carry around each sighting.
    #[arg(long, value_enum, default_value_t)]
    pub context: Context,
    /// Output format (--format) and table layout (--layout): json nests each claim's
    /// sightings; jsonl and csv write one record per sighting, with its claim's id.
    #[command(flatten)]
    pub view: View,
}

/// `check --sort`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckSort {
    /// The best match for the text first (ties: the widest spread).
    #[default]
    Relevance,
    /// First seen, oldest first.
    Date,
    /// Last seen, newest first.
    Recent,
    /// The most outlets, then articles, first.
    Spread,
    /// By the first speaker's name.
    Speaker,
    /// By the first outlet's name.
    Outlet,
}

impl From<CheckSort> for store::Sort {
    fn from(s: CheckSort) -> store::Sort {
        match s {
            CheckSort::Relevance => store::Sort::Relevance,
            CheckSort::Date => store::Sort::Date,
            CheckSort::Recent => store::Sort::Recent,
            CheckSort::Spread => store::Sort::Spread,
            CheckSort::Speaker => store::Sort::Speaker,
            CheckSort::Outlet => store::Sort::Outlet,
        }
    }
}

/// One sighting as `check --format jsonl` writes it. Field names are an interface,
/// shared with `quotes` and `timeline` where they mean the same.
#[derive(Serialize, Default)]
struct Record<'a, C: Serialize> {
    claim: i64,
    first_seen: Option<Date>,
    first_speaker: Option<&'a str>,
    /// 1 for the first sighting of the claim (in the period), then 2, 3…
    sighting: usize,
    date: Option<Date>,
    outlet: Option<&'a str>,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    kind: &'a str,
    /// True when this sighting matched the text (the others are the same claim).
    matched: bool,
    /// True when another speaker disputes the claim here.
    dispute: bool,
    text: &'a str,
    doc_id: i64,
    doc_key: &'a str,
    /// The same as `doc_key`, under the name `check` used before (and `extract` uses).
    doc: &'a str,
    title: Option<&'a str>,
    url: Option<String>,
    path: Option<String>,
    quote_id: i64,
    confidence: f64,
    context: Option<String>,
    /// What this sighting changed: objects (json lines) or `kind: from → to; …` (csv).
    changes: C,
}

/// One claim as `check --format json` writes it, its sightings nested.
#[derive(Serialize)]
struct Nested<'a> {
    claim: i64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
    first_speaker: Option<&'a str>,
    outlets: &'a [String],
    sightings: Vec<Record<'a, &'a [Change]>>,
}

fn records<'a, C: Serialize>(
    reports: &'a [ClaimReport],
    citer: &mut Citer<'_>,
    changes: impl Fn(&'a [Change]) -> C,
) -> anyhow::Result<Vec<Record<'a, C>>> {
    let mut out = Vec::new();
    for r in reports {
        for (i, s) in r.sightings.iter().enumerate() {
            let cite = citer.cite(s.doc_id, s.start, s.end)?;
            out.push(Record {
                claim: r.claim,
                first_seen: r.first_seen,
                first_speaker: r.first_speaker.as_deref(),
                sighting: i + 1,
                date: s.date,
                outlet: s.outlet.as_deref(),
                speaker: s.speaker.as_deref(),
                role: s.role.as_deref(),
                kind: s.kind.as_str(),
                matched: s.matched,
                dispute: s.dispute,
                text: &s.text,
                doc_id: s.doc_id,
                doc_key: &s.doc_key,
                doc: &s.doc_key,
                title: s.title.as_deref(),
                url: cite.url,
                path: cite.path,
                quote_id: s.quote_id,
                confidence: s.confidence,
                context: cite.context,
                changes: changes(&s.changes),
            });
        }
    }
    Ok(out)
}

/// Changes as one cell: `number: 1,000 prisoners → 1,200 prisoners; speaker: A → B`.
fn change_text(changes: &[Change]) -> String {
    changes
        .iter()
        .map(Change::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Run `whosaid check`; `Ok(false)` when nothing matched (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    args.period.warn_if_reversed();
    let mut text = args.text.clone();
    let mut speaker = args.speaker;
    let mut from_query = false;
    if speaker.is_none()
        && let Some((id, rest)) = db.speaker_in_query(&args.text)?
    {
        eprintln!(
            "whosaid: looking for what {} said: {rest:?} (--speaker chooses another)",
            db.speaker_name(id)?
        );
        speaker = Some(id.to_string());
        text = rest;
        from_query = true;
    }
    if !db.check_has_terms(&text) {
        eprintln!(
            "whosaid: {:?} has no words to look for (only common words such as \"the\")",
            args.text
        );
        return Ok(false);
    }
    let mut filter = CheckFilter {
        since: args.period.since,
        until: args.period.until,
        outlet: args.filters.outlet,
        min_confidence: args.filters.min_confidence,
        sort: args.sort.into(),
        limit: common::row_limit(args.limit, args.view.format),
        speaker,
    };
    let mut found = db.check_claims(&text, &filter);
    // A name opening the query that its speaker never said it under: what anyone said,
    // with the name as one more term, rather than nothing.
    if from_query && matches!(found, Ok((_, 0))) {
        eprintln!("whosaid: nothing that speaker said matches; statements by anyone:");
        filter.speaker = None;
        text = args.text.clone();
        found = db.check_claims(&text, &filter);
    }
    let (reports, total) = match found {
        Err(store::Error::NoSpeaker(name)) => {
            eprintln!("whosaid: no speaker is called {name:?}");
            return Ok(false);
        }
        other => other?,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut citer = Citer::new(&db, args.context);
    match args.view.format {
        Format::Json => {
            let mut nested = Vec::with_capacity(reports.len());
            for r in &reports {
                nested.push(Nested {
                    claim: r.claim,
                    first_seen: r.first_seen,
                    last_seen: r.last_seen,
                    first_speaker: r.first_speaker.as_deref(),
                    outlets: &r.outlets,
                    sightings: records(std::slice::from_ref(r), &mut citer, |c| c)?,
                });
            }
            output::write_json(&mut out, args.view.format, &nested)?;
        }
        Format::Jsonl => {
            let rows = records(&reports, &mut citer, |c| c)?;
            output::write_json(&mut out, args.view.format, &rows)?;
        }
        Format::Csv => {
            let rows = records(&reports, &mut citer, change_text)?;
            output::write_records(&mut out, args.view.format, &rows)?;
        }
        Format::Table => match args.view.layout {
            Layout::Table => print_table(&mut out, &reports)?,
            Layout::Blocks => print_blocks(&mut out, &reports)?,
        },
    }
    out.flush()?;
    if total == 0 {
        eprintln!("whosaid: no stored statement matches {:?}", args.text);
        return Ok(false);
    }
    Ok(common::finish(reports.len(), total, "claims"))
}

/// The line that opens a claim: its id, who said it first and when, and its spread.
pub(crate) fn claim_header(r: &ClaimReport) -> String {
    let n = r.sightings.len();
    let articles = r
        .sightings
        .iter()
        .map(|s| s.doc_id)
        .collect::<std::collections::HashSet<_>>()
        .len();
    let outlets = match r.outlets.len() {
        0 => String::new(),
        1 => format!(", 1 outlet ({})", r.outlets[0]),
        k => format!(", {k} outlets ({})", r.outlets.join(", ")),
    };
    let disputes = r.sightings.iter().filter(|s| s.dispute).count();
    let disputed = match disputes {
        0 => String::new(),
        1 => "; 1 dispute".to_string(),
        n => format!("; {n} disputes"),
    };
    format!(
        "claim {}: first said by {} on {}; {} sighting{} in {} article{}{}{}",
        r.claim,
        r.first_speaker.as_deref().unwrap_or("an unknown speaker"),
        r.first_seen
            .map_or_else(|| "an unknown date".into(), |d| d.to_string()),
        n,
        if n == 1 { "" } else { "s" },
        articles,
        if articles == 1 { "" } else { "s" },
        outlets,
        disputed,
    )
}

/// Claims as blocks: the header, then one block per sighting.
pub(crate) fn print_blocks(out: &mut dyn Write, reports: &[ClaimReport]) -> anyhow::Result<()> {
    let width = output::terminal_width();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        output::print_wrapped(out, &claim_header(r), width)?;
        writeln!(out)?;
        let blocks: Vec<Block> = r
            .sightings
            .iter()
            .map(|s| {
                let cells = row(s);
                let mut head = Vec::new();
                if !cells[0].is_empty() {
                    head.push(cells[0].clone());
                }
                head.extend(cells[1..5].iter().cloned());
                if !cells[5].is_empty() {
                    head.push(format!("changed {}", cells[5]));
                }
                Block {
                    head,
                    text: s.text.clone(),
                }
            })
            .collect();
        output::print_blocks(out, &blocks, width, output::colour())?;
    }
    Ok(())
}

/// Claims as tables: the header, then one row per sighting.
pub(crate) fn print_table(out: &mut dyn Write, reports: &[ClaimReport]) -> anyhow::Result<()> {
    let width = output::terminal_width();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        output::print_wrapped(out, &claim_header(r), width)?;
        let mut t = Table::new(vec![
            "",
            "date",
            "outlet",
            "speaker",
            "kind",
            "changed",
            "statement",
        ]);
        for s in &r.sightings {
            t.push(row(s));
        }
        t.print(out, width)?;
    }
    Ok(())
}

/// A table row; `x` marks a dispute by another speaker, `!` a sighting that changed
/// the claim's substance (a number, a
/// date, its polarity), `=` one that did not match the text itself but belongs to the
/// claim. Someone else repeating it is not a change here: the speaker column shows it.
fn row(s: &Sighting) -> Vec<String> {
    let substantive: Vec<Change> = s
        .changes
        .iter()
        .filter(|c| !matches!(c, Change::Speaker { .. }))
        .cloned()
        .collect();
    let mark = if s.dispute {
        "x"
    } else if !substantive.is_empty() {
        "!"
    } else if !s.matched {
        "="
    } else {
        ""
    };
    vec![
        mark.to_string(),
        s.date.map_or_else(|| "-".into(), |d| d.to_string()),
        s.outlet.clone().unwrap_or_else(|| "-".into()),
        s.speaker.clone().unwrap_or_else(|| "?".into()),
        s.kind.as_str().to_string(),
        change_text(&substantive),
        s.text.clone(),
    ]
}
