//! `whosaid claims`: claims with first and last seen dates, how often and in how many
//! outlets they were reported, oldest first.

use std::io::{self, BufWriter, Write};

use store::ClaimFilter;

use crate::Ctx;
use crate::output::{self, Format, Table};

#[derive(clap::Args)]
pub struct Args {
    /// Only claims this speaker made or repeated: a name (case and accents ignored), a
    /// surname, or an id.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub period: super::common::Period,
    /// Only claims reported at least this many times (in the period).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_sightings: usize,
    /// At most this many claims (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Run `whosaid claims`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    let limit = super::common::row_limit(args.limit, args.format);
    let rows = db.claims(&ClaimFilter {
        speaker: args.speaker,
        since: args.period.since,
        until: args.period.until,
        min_sightings: args.min_sightings,
        limit,
    })?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !output::write_records(&mut out, args.format, &rows)? {
        let mut t = Table::new(vec![
            "claim",
            "first seen",
            "last seen",
            "sightings",
            "outlets",
            "speakers",
            "first said by",
            "statement",
        ]);
        for r in &rows {
            t.push(vec![
                r.claim.to_string(),
                r.first_seen.map_or_else(|| "-".into(), |d| d.to_string()),
                r.last_seen.map_or_else(|| "-".into(), |d| d.to_string()),
                r.sightings.to_string(),
                r.outlets.to_string(),
                r.speakers.to_string(),
                r.first_speaker.clone().unwrap_or_else(|| "?".into()),
                r.text.clone(),
            ]);
        }
        t.print(&mut out, output::terminal_width())?;
    }
    out.flush()?;
    Ok(true)
}
