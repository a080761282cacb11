//! `whosaid timeline SPEAKER`: what one speaker said over time, oldest first, with
//! their role at each date and how often each statement was reported.

use std::io::{self, BufWriter, Write};

use crate::Ctx;
use crate::output::{self, Format, Table};

#[derive(clap::Args)]
pub struct Args {
    /// The speaker: a name (case and accents ignored), a surname, or an id.
    #[arg(value_name = "SPEAKER")]
    pub speaker: String,
    /// Only statements about this (search syntax is not interpreted).
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Run `whosaid timeline`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    let rows = db.timeline(&args.speaker, args.about.as_deref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !output::write_records(&mut out, args.format, &rows)? {
        let mut t = Table::new(vec![
            "date",
            "role",
            "kind",
            "reported",
            "outlet",
            "statement",
        ]);
        for r in &rows {
            t.push(vec![
                r.date.map_or_else(|| "-".into(), |d| d.to_string()),
                r.role.clone().unwrap_or_else(|| "-".into()),
                r.kind.as_str().to_string(),
                format!("{}×", r.claim_sightings),
                r.outlet.clone().unwrap_or_else(|| "-".into()),
                r.text.clone(),
            ]);
        }
        t.print(&mut out, output::terminal_width())?;
    }
    out.flush()?;
    Ok(true)
}
