//! `whosaid speakers`: stored speakers with aliases, roles and quote counts, and the
//! corrections a user can make when the automatic matching got it wrong.

use std::io::{self, BufWriter, Write};

use clap::Subcommand;
use serde::Serialize;
use store::{SpeakerFilter, SpeakerRow, SpeakerSort, Store};

use crate::Ctx;
use crate::output::{self, Format, Table};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_help = "Examples:
  whosaid speakers --search trump
  whosaid speakers --outlet nyt --since 2016-01-01 --sort spread
  whosaid speakers merge \"Donald Trump\" \"Donald J. Trump\"
  whosaid speakers split \"Donald Trump\" \"Donald J. Trump\"
  whosaid speakers alias 33 \"Mr. Trump\"")]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Only speakers with a name containing this text (case and accents ignored).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub period: super::common::Period,
    #[command(flatten)]
    pub filters: super::common::Filters,
    /// The order: quotes (most quoted first), name, date (most recently quoted first),
    /// or spread (quoted by the most outlets first). Quotations are counted within the
    /// period, outlet and confidence given.
    #[arg(long, value_enum, default_value_t)]
    pub sort: SpeakerOrder,
    /// At most this many speakers (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `speakers --sort`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SpeakerOrder {
    /// Most quoted first.
    #[default]
    Quotes,
    /// By name (also `speaker`, as the other commands call it).
    #[value(alias = "speaker")]
    Name,
    /// Most recently quoted first.
    Date,
    /// Quoted by the most outlets first.
    Spread,
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
#[derive(Serialize, Default)]
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
        args.period.warn_if_reversed();
        let filter = SpeakerFilter {
            search: args.search,
            limit: super::common::row_limit(args.limit, args.format),
            since: args.period.since,
            until: args.period.until,
            outlet: args.filters.outlet,
            min_confidence: args.filters.min_confidence,
            sort: match args.sort {
                SpeakerOrder::Quotes => SpeakerSort::Quotes,
                SpeakerOrder::Name => SpeakerSort::Name,
                SpeakerOrder::Date => SpeakerSort::Date,
                SpeakerOrder::Spread => SpeakerSort::Spread,
            },
        };
        return list(&super::open_to_read(ctx)?, filter, args.format);
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

fn list(db: &Store, mut filter: SpeakerFilter, format: Format) -> anyhow::Result<bool> {
    let rows = db.speakers(&filter)?;
    let total = if filter.limit.is_some_and(|l| rows.len() >= l) {
        filter.limit = None;
        db.count_speakers(&filter)?
    } else {
        rows.len()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        Format::Csv => {
            let flat: Vec<FlatRow<'_>> = rows.iter().map(flat).collect();
            output::write_records(&mut out, format, &flat)?;
        }
        Format::Json | Format::Jsonl => {
            output::write_json(&mut out, format, &rows)?;
        }
        Format::Table if rows.is_empty() => {}
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
    Ok(super::common::finish(rows.len(), total, "speakers"))
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
