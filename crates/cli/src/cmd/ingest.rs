//! `whosaid ingest`: extract quotations from articles and store them, or with
//! `--extracted` store what `extract --format docs` wrote elsewhere.
//!
//! Extraction runs on every core (rayon) a batch at a time; writes are serialised, in
//! input order, one transaction per document, so an interrupted run leaves whole
//! documents and a re-run (duplicates are skipped by content hash) completes it.
//! The store indexes quotations for full-text search and groups them into claims a
//! batch at a time; the end of the run does the rest, and whatever a killed run left.

use std::io::IsTerminal;

use anyhow::Context;
use attrib::{Document, Extraction};
use indicatif::ProgressBar;
use store::{IngestOptions, IngestOutcome, Store};

use crate::Ctx;
use crate::batch;
use crate::extracted;
use crate::progress::Progress;

#[derive(clap::Args)]
#[command(
    after_help = "Reads .txt and .md articles (a first line \" date YYYY-MM-DD Title\" gives \
the date and title) and JSON lines (fields text, id, date, title, outlet, url). Folders are \
walked for those files. Standard input is read when no path (or -) is given, unless it is a \
terminal. Storing the same article again is a no-op, reported as a duplicate.

Examples:
  whosaid ingest articles/
  whosaid --db news.db ingest corpus.jsonl --date 2016-01-01
  curl -s https://example.org/feed.jsonl | whosaid ingest -"
)]
pub struct Args {
    #[command(flatten)]
    pub sources: super::common::Sources,
    /// Read documents already extracted (`whosaid extract --format docs` lines; a
    /// folder: every file in it but `_*` and `.*`, as Spark writes them) and store
    /// them without extracting again.
    #[arg(long, conflicts_with = "input")]
    pub extracted: bool,
    /// Publication date for documents that carry none (never the ingest time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<attrib::Date>,
}

/// Index the quotations stored so far, group them into claims and close the database;
/// a failure is counted and reported, and the documents stay stored (the next run
/// groups them).
fn close(db: Store, bar: &ProgressBar, n: &mut Counts) {
    if let Err(e) = db.close() {
        n.errors += 1;
        bar.suspend(|| eprintln!("whosaid: indexing and grouping quotations: {e}"));
    }
}

#[derive(Default)]
struct Counts {
    documents: usize,
    quotes: usize,
    speakers: usize,
    duplicates: usize,
    errors: usize,
}

/// Store one document and count what happened; `Err` only for a storage failure,
/// which every later document would meet too.
fn store_one(
    db: &mut Store,
    doc: &Document,
    ex: &Extraction,
    opts: &IngestOptions,
    ctx: &Ctx,
    bar: &ProgressBar,
    n: &mut Counts,
) -> anyhow::Result<()> {
    match db.ingest_with(doc, ex, opts) {
        Ok(IngestOutcome::Added {
            quotes,
            new_speakers,
            ..
        }) => {
            n.documents += 1;
            n.quotes += quotes;
            n.speakers += new_speakers;
        }
        Ok(IngestOutcome::Duplicate { .. }) => n.duplicates += 1,
        Err(e) if e.is_storage_failure() => {
            // Every later document would fail the same way (a full disk, an I/O
            // error): stop with one message.
            n.errors += 1;
            return Err(anyhow::Error::new(e).context(format!(
                "{}: storing {}; stopped, the documents before it are stored",
                ctx.db.display(),
                crate::output::printable_line(&doc.id)
            )));
        }
        Err(e) => {
            n.errors += 1;
            bar.suspend(|| eprintln!("whosaid: {}: {e}", crate::output::printable_line(&doc.id)));
        }
    }
    Ok(())
}

/// Run `whosaid ingest`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    if args.sources.paths.is_empty() && std::io::stdin().is_terminal() {
        // Waiting on a terminal for articles nobody is typing helps no one.
        use clap::CommandFactory;
        let mut cli = crate::Cli::command();
        let cmd = cli
            .find_subcommand_mut("ingest")
            .map(|c| c.clone().bin_name("whosaid ingest"));
        let mut cmd = cmd.unwrap_or_else(|| cli.clone());
        cmd.error(
            clap::error::ErrorKind::MissingRequiredArgument,
            "no files given, and standard input is a terminal (give `-` to type articles)",
        )
        .exit();
    }
    let mut db = Store::open(&ctx.db).with_context(|| ctx.db.display().to_string())?;
    let mut opts = IngestOptions {
        fallback_date: args.date,
        path: None,
    };
    let mut progress = Progress::new(&args.sources.paths);
    let bar = progress.bar().clone();
    let mut n = Counts::default();
    let mut store = |item: batch::Extracted| match item {
        Ok((input, ex)) => {
            progress.document(input.origin.as_deref(), input.doc.text.len(), n.quotes);
            opts.path = input.origin;
            store_one(&mut db, &input.doc, &ex, &opts, ctx, &bar, &mut n)
        }
        Err(e) => {
            n.errors += 1;
            bar.suspend(|| eprintln!("whosaid: {e}"));
            Ok(())
        }
    };
    // Both paths end in the same `store_one`, so the database is the same.
    let run = if args.extracted {
        extracted::read_all(&args.sources, &mut store)
    } else {
        batch::extract_all(&args.sources, &mut store)
    };
    if let Err(e) = run {
        bar.finish_and_clear();
        summary(&n);
        return Err(e);
    }
    // Also after a run that stored nothing: it completes a run that was killed.
    progress.read_all("indexing quotations and grouping them into claims");
    close(db, &bar, &mut n);
    bar.finish_and_clear();
    summary(&n);
    Ok(n.errors == 0)
}

fn summary(n: &Counts) {
    eprintln!(
        "ingested {} documents, {} quotes, {} new speakers; {} duplicates, {} errors",
        n.documents, n.quotes, n.speakers, n.duplicates, n.errors
    );
}
