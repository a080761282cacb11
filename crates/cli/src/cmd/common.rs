//! Arguments several subcommands share, defined once so that their help and parsing
//! agree.

use std::path::PathBuf;

use crate::input::InputFormat;
use crate::output::{self, Format, Layout};

/// Where articles come from: `segment`, `extract` and `ingest`.
#[derive(clap::Args)]
pub struct Sources {
    /// Files or directories to read; `-` or nothing for standard input.
    pub paths: Vec<PathBuf>,
    /// How to read the input.
    #[arg(long, value_enum, default_value_t)]
    pub input: InputFormat,
    /// Follow symbolic links to folders inside the folders given (a folder is never
    /// entered from inside itself). Without it such links are skipped; links to files
    /// are read either way.
    #[arg(long)]
    pub follow: bool,
}

/// A period of publication dates, both ends included: the query commands.
#[derive(clap::Args, Clone, Copy)]
pub struct Period {
    /// Only what was published on or after this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<attrib::Date>,
    /// Only what was published on or before this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<attrib::Date>,
}

/// How many rows a listing shows: `--limit N` as given (0 = all), else 50 for a table
/// (a screenful) and all for machine-readable formats.
pub fn row_limit(limit: Option<usize>, format: Format) -> Option<usize> {
    match (limit, format) {
        (Some(0), _) => None,
        (Some(n), _) => Some(n),
        (None, Format::Table) => Some(50),
        (None, _) => None,
    }
}

impl Period {
    /// Warn when the period is empty (`--since` after `--until`): nothing can match.
    pub fn warn_if_reversed(&self) {
        if let (Some(s), Some(u)) = (self.since, self.until)
            && s > u
        {
            eprintln!("whosaid: --since {s} is after --until {u}: nothing can match");
        }
    }
}

/// Filters every query command shares, besides the period.
#[derive(clap::Args, Clone)]
pub struct Filters {
    /// Only what this outlet published (its stored name, ASCII case ignored).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only quotations attributed with at least this confidence (0 to 1).
    #[arg(long, value_name = "X", value_parser = confidence)]
    pub min_confidence: Option<f64>,
}

fn confidence(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

/// `--sort`: the order of a listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SortBy {
    /// By date (the command's usual order).
    #[default]
    Date,
    /// By speaker name.
    Speaker,
    /// By outlet name.
    Outlet,
    /// Widest spread first: the claim reported by the most outlets, then articles.
    Spread,
}

impl From<SortBy> for store::Sort {
    fn from(s: SortBy) -> store::Sort {
        match s {
            SortBy::Date => store::Sort::Date,
            SortBy::Speaker => store::Sort::Speaker,
            SortBy::Outlet => store::Sort::Outlet,
            SortBy::Spread => store::Sort::Spread,
        }
    }
}

/// How results are written: the format and, for tables, the layout.
#[derive(clap::Args, Clone, Copy)]
pub struct View {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// How a table shows quotations: rows with the quotation wrapped, or one block per
    /// quotation.
    #[arg(long, value_enum, default_value_t)]
    pub layout: Layout,
}

/// After writing `shown` of `total` rows: say what a limit left out, or that nothing
/// matched. Returns the command's success: false (exit 1, as grep) when nothing did.
pub fn finish(shown: usize, total: usize, what: &str) -> bool {
    if total == 0 {
        output::note_nothing(what);
        return false;
    }
    output::note_cut(shown, total);
    true
}
