//! `whosaid check "TEXT"`: statements matching a text across all stored documents,
//! grouped into claims, oldest first: who said it first, who repeated it, when and
//! where, and what changed between sightings.
//!
//! `--format json` writes one object per claim with its sightings nested; `jsonl` and
//! `csv` write one flat record per sighting (with the claim's id and first sighting
//! repeated), which is what scripts filtering by claim or change want.

use std::io::{self, BufWriter, Write};

use attrib::Date;
use serde::Serialize;
use store::{Change, ClaimReport, Sighting};

use crate::Ctx;
use crate::output::{self, Format, Table};

#[derive(clap::Args)]
pub struct Args {
    /// The statement to look for (search syntax is not interpreted: every word is a word).
    #[arg(value_name = "TEXT")]
    pub text: String,
    #[command(flatten)]
    pub period: super::common::Period,
    /// Output format: json nests each claim's sightings; jsonl and csv write one record
    /// per sighting, with its claim's id.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// One sighting as `check --format jsonl` writes it. Field names are an interface.
#[derive(Serialize)]
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
    text: &'a str,
    doc: &'a str,
    quote_id: i64,
    /// What this sighting changed: objects (json lines) or `kind: from → to; …` (csv).
    changes: C,
}

fn records<'a, C: Serialize>(
    reports: &'a [ClaimReport],
    changes: impl Fn(&'a [Change]) -> C,
) -> Vec<Record<'a, C>> {
    let mut out = Vec::new();
    for r in reports {
        for (i, s) in r.sightings.iter().enumerate() {
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
                text: &s.text,
                doc: &s.doc_key,
                quote_id: s.quote_id,
                changes: changes(&s.changes),
            });
        }
    }
    out
}

/// Changes as one cell: `number: 1,000 prisoners → 1,200 prisoners; speaker: A → B`.
fn change_text(changes: &[Change]) -> String {
    changes
        .iter()
        .map(Change::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Run `whosaid check`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    let reports = db.check_claim(&args.text, args.period.since, args.period.until)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            output::write_records(&mut out, args.format, &reports)?;
        }
        Format::Jsonl => {
            output::write_records(&mut out, args.format, &records(&reports, |c| c))?;
        }
        Format::Csv => {
            output::write_records(&mut out, args.format, &records(&reports, change_text))?;
        }
        Format::Table => {
            if reports.is_empty() {
                eprintln!("whosaid: no stored statement matches {:?}", args.text);
            }
            print_table(&mut out, &reports)?;
        }
    }
    out.flush()?;
    Ok(true)
}

fn print_table(out: &mut dyn Write, reports: &[ClaimReport]) -> anyhow::Result<()> {
    let width = output::terminal_width();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let n = r.sightings.len();
        let outlets = match r.outlets.len() {
            0 => String::new(),
            1 => format!(" in 1 outlet ({})", r.outlets[0]),
            k => format!(" in {k} outlets ({})", r.outlets.join(", ")),
        };
        let header = format!(
            "claim {}: first said by {} on {}; {} sighting{}{}",
            r.claim,
            r.first_speaker.as_deref().unwrap_or("an unknown speaker"),
            r.first_seen
                .map_or_else(|| "an unknown date".into(), |d| d.to_string()),
            n,
            if n == 1 { "" } else { "s" },
            outlets,
        );
        writeln!(out, "{}", output::printable_line(&header))?;
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

/// A table row; `!` marks a sighting that changed something, `=` one that did not
/// match the text itself but belongs to the claim.
fn row(s: &Sighting) -> Vec<String> {
    let mark = if !s.changes.is_empty() {
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
        change_text(&s.changes),
        s.text.clone(),
    ]
}
