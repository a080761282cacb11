//! Arguments several subcommands share, defined once so that their help and parsing
//! agree.

use std::path::PathBuf;

use crate::input::InputFormat;
use crate::output::Format;

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
