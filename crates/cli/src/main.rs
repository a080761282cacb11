//! `whosaid`: find every quotation in news articles, say who said it, store it, and
//! follow claims over time.
//!
//! Each subcommand lives in its own module under `cmd`; `input` and `output` are shared.
//! Only this binary prints, picks colours and chooses exit codes: 0 when everything
//! went well, 1 when some input or operation failed (the rest still ran) or when a
//! query matched nothing (as grep does), 2 for usage errors.

mod batch;
mod cite;
mod cmd;
mod extracted;
#[cfg(test)]
mod fuzz;
mod input;
mod output;
mod progress;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Find quotations in news articles, attribute them, and track claims over time.
#[derive(Parser)]
#[command(name = "whosaid", version, about, long_about = None)]
#[command(after_help = "Examples:
  whosaid ingest articles/ corpus.jsonl
  whosaid quotes --speaker \"Hillary Clinton\" --search emails --layout blocks
  whosaid check \"Mexico will pay for the wall\"
  whosaid timeline \"Donald Trump\" --since 2016-01-01 --format csv > trump.csv
Each subcommand's --help has more; `whosaid man` prints the manual page.
Exit codes: 0 success, 1 a failure or nothing matched (as grep), 2 usage error.")]
struct Cli {
    /// The database file (default: $WHOSAID_DB, else ./whosaid.db).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,

    /// When to colour output: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    color: output::ColorWhen,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split articles into sentences.
    Segment(cmd::segment::Args),
    /// Find quotations and their speakers, without storing anything.
    Extract(cmd::extract::Args),
    /// Extract quotations from articles and store them in the database.
    Ingest(cmd::ingest::Args),
    /// Who said what: stored quotations, newest first.
    Quotes(cmd::quotes::Args),
    /// Stored speakers with their aliases and roles; merge or split them.
    Speakers(cmd::speakers::Args),
    /// One stored article with its quotations marked.
    Show(cmd::show::Args),
    /// Statements that match a text, grouped into claims, oldest first.
    Check(cmd::check::Args),
    /// Claims with their sightings.
    Claims(cmd::claims::Args),
    /// What one speaker said over time.
    Timeline(cmd::timeline::Args),
    /// How many quotations per speaker, outlet, month, year or kind.
    Stats(cmd::stats::Args),
    /// Write a self-contained HTML page of speakers, quotations and claims.
    Report(cmd::report::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd::completions::Args),
    /// Print the manual page (roff), or one subcommand's, to standard output.
    Man(cmd::man::Args),
    /// The stored quotations, speakers, claims and sightings as Parquet tables.
    Export(cmd::export::Args),
}

/// Settings every command may need.
pub struct Ctx {
    /// Where the database lives.
    pub db: PathBuf,
}

impl Ctx {
    fn new(db: Option<PathBuf>) -> Ctx {
        let db = db
            .or_else(|| std::env::var_os("WHOSAID_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("whosaid.db"));
        Ctx { db }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    output::set_colour(cli.color);
    let ctx = Ctx::new(cli.db);
    let result = match cli.command {
        Command::Segment(a) => cmd::segment::run(a, &ctx),
        Command::Extract(a) => cmd::extract::run(a, &ctx),
        Command::Ingest(a) => cmd::ingest::run(a, &ctx),
        Command::Quotes(a) => cmd::quotes::run(a, &ctx),
        Command::Speakers(a) => cmd::speakers::run(a, &ctx),
        Command::Show(a) => cmd::show::run(a, &ctx),
        Command::Check(a) => cmd::check::run(a, &ctx),
        Command::Claims(a) => cmd::claims::run(a, &ctx),
        Command::Timeline(a) => cmd::timeline::run(a, &ctx),
        Command::Stats(a) => cmd::stats::run(a, &ctx),
        Command::Report(a) => cmd::report::run(a, &ctx),
        Command::Completions(a) => cmd::completions::run(a, &ctx),
        Command::Man(a) => cmd::man::run(a, &ctx),
        Command::Export(a) => cmd::export::run(a, &ctx),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("whosaid: error: {}", message(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes joined by ": ", as anyhow's `{:#}` prints them, down to the
/// first cause whose text is already in the message. The store's errors quote their
/// SQLite cause (`database error: {0}`), and rusqlite's error then names an SQLite code
/// that says the same again; the walk stops there, so "db: database error: file is not a
/// database" reads as it did when the cause was flattened into the message.
fn message(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if out.contains(&text) {
            break;
        }
        out.push_str(": ");
        out.push_str(&text);
    }
    out
}

/// `whosaid quotes | head` closing the pipe early is not an error, in any format:
/// serde_json and csv wrap the I/O error without giving it as their source.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn a_quoted_cause_ends_the_message() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe closed");
        let e = Err::<(), _>(io).context("writing").unwrap_err();
        assert_eq!(message(&e), "writing: pipe closed");
        assert!(is_broken_pipe(&e));
        // An error that quotes its cause, as the store's do: the cause is not repeated.
        #[derive(Debug, thiserror::Error)]
        #[error("database error: {0}")]
        struct Quoting(#[source] std::io::Error);
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe closed");
        let e = Err::<(), _>(Quoting(io)).context("x.db").unwrap_err();
        assert_eq!(message(&e), "x.db: database error: pipe closed");
        assert!(is_broken_pipe(&e));
    }
}
