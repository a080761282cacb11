//! `whosaid speakers`: stored speakers with aliases, roles and quote counts, and the
//! corrections a user can make when the automatic matching got it wrong.

use std::io::{self, BufWriter, Write};

use clap::Subcommand;
use serde::Serialize;
use store::{SpeakerFilter, SpeakerRow, Store};

use crate::Ctx;
use crate::output::{self, Format, Table};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Only speakers with a name containing this text (case and accents ignored).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// At most this many speakers (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Corrections. SPEAKER is an id or a name (it must fit exactly one speaker).
#[derive(Subcommand)]
pub enum Action {
    /// Merge OTHER speakers into KEEP: their quotations, aliases and roles move to KEEP.
    Merge {
        /// The speaker that stays.
        keep: String,
        /// The speakers merged into it.
        #[arg(required = true)]
        others: Vec<String>,
    },
    /// Split ALIAS off SPEAKER into a new speaker, with the quotations the articles
    /// attributed under that name.
    Split {
        /// The speaker to split.
        speaker: String,
        /// The alias that becomes a speaker of its own.
        alias: String,
    },
    /// Add an alias to SPEAKER (or remove one with --remove), so later articles naming
    /// it that way join it.
    Alias {
        /// The speaker.
        speaker: String,
        /// The alias.
        alias: String,
        /// Remove the alias instead of adding it.
        #[arg(long)]
        remove: bool,
    },
}

/// A speaker as one flat CSV row.
#[derive(Serialize)]
struct FlatRow<'a> {
    id: i64,
    name: &'a str,
    kind: &'a str,
    quotes: i64,
    aliases: String,
    roles: String,
    first_seen: Option<attrib::Date>,
    last_seen: Option<attrib::Date>,
}

/// Run `whosaid speakers`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let Some(action) = args.action else {
        return list(
            &super::open_to_read(ctx)?,
            args.search,
            args.limit,
            args.format,
        );
    };
    let mut db = super::open_to_edit(ctx)?;
    match action {
        Action::Merge { keep, others } => {
            let keep_id = db.find_speaker(&keep)?;
            let keep_name = db.speaker_name(keep_id)?;
            for o in &others {
                let id = db.find_speaker(o)?;
                // The stored names, not the arguments: "Biden" may have found
                // "Joe Biden" or, by surname, someone unexpected.
                let name = db.speaker_name(id)?;
                db.merge_speakers(keep_id, id)?;
                eprintln!("merged speaker {id} ({name}) into {keep_id} ({keep_name})");
            }
            Ok(true)
        }
        Action::Split { speaker, alias } => {
            let id = db.find_speaker(&speaker)?;
            let new = db.split_speaker(id, &alias)?;
            eprintln!("{alias:?} split off speaker {id} as speaker {new}");
            Ok(true)
        }
        Action::Alias {
            speaker,
            alias,
            remove,
        } => {
            let id = db.find_speaker(&speaker)?;
            if remove {
                db.remove_alias(id, &alias)?;
            } else {
                db.add_alias(id, &alias)?;
            }
            Ok(true)
        }
    }
}

fn list(
    db: &Store,
    search: Option<String>,
    limit: Option<usize>,
    format: Format,
) -> anyhow::Result<bool> {
    let limit = match (limit, format) {
        (Some(0), _) => None,
        (Some(n), _) => Some(n),
        (None, Format::Table) => Some(50),
        (None, _) => None,
    };
    let rows = db.speakers(&SpeakerFilter { search, limit })?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        Format::Csv => {
            let flat: Vec<FlatRow<'_>> = rows.iter().map(flat).collect();
            output::write_records(&mut out, format, &flat)?;
        }
        Format::Json | Format::Jsonl => {
            output::write_records(&mut out, format, &rows)?;
        }
        Format::Table => {
            let mut t = Table::new(vec![
                "id",
                "name",
                "kind",
                "quotes",
                "first",
                "last",
                "aliases; roles",
            ]);
            for r in &rows {
                let mut extra = r.aliases.join(", ");
                if !r.roles.is_empty() {
                    extra.push_str("; ");
                    extra.push_str(&r.roles.join(", "));
                }
                t.push(vec![
                    r.id.to_string(),
                    r.name.clone(),
                    r.kind.as_str().to_string(),
                    r.quotes.to_string(),
                    r.first_seen.map_or_else(|| "-".into(), |d| d.to_string()),
                    r.last_seen.map_or_else(|| "-".into(), |d| d.to_string()),
                    extra,
                ]);
            }
            t.print(&mut out, output::terminal_width())?;
        }
    }
    out.flush()?;
    Ok(true)
}

fn flat(r: &SpeakerRow) -> FlatRow<'_> {
    FlatRow {
        id: r.id,
        name: &r.name,
        kind: r.kind.as_str(),
        quotes: r.quotes,
        aliases: r.aliases.join("; "),
        roles: r.roles.join("; "),
        first_seen: r.first_seen,
        last_seen: r.last_seen,
    }
}
