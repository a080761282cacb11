//! `whosaid ingest`: extract quotations from articles and store them, or with
//! `--extracted` store what `extract --format docs` wrote elsewhere.
//!
//! Extraction runs on every core (rayon) a batch at a time; writes are serialised, in
//! input order, each extracted batch in one transaction (`Store::ingest_batch`: a
//! document that fails is rolled back alone), so an interrupted run leaves whole
//! documents and a re-run (duplicates are skipped by content hash) completes it.
//! The store indexes quotations for full-text search and groups them into claims a
//! batch at a time; the end of the run does the rest, and whatever a killed run left.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Context;
use attrib::Extraction;
use indicatif::ProgressBar;
use store::{BatchItem, IngestOptions, IngestOutcome, Store};

use crate::Ctx;
use crate::batch;
use crate::extracted;
use crate::input::Input;
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

/// Documents read from `--extracted` lines stored in one transaction at most, and
/// how long the first of them waits for the others (a slow feed is not held back).
const EXTRACTED_BATCH: usize = 256;
const EXTRACTED_WAIT: Duration = Duration::from_millis(100);

/// Store `pending` (in one transaction where possible, see [`Store::ingest_batch`]),
/// empty it and count what happened; `Err` only for a storage failure, which every
/// later document would meet too.
fn store_batch(
    db: &mut Store,
    pending: &mut Vec<(Input, Extraction)>,
    date: Option<attrib::Date>,
    ctx: &Ctx,
    bar: &ProgressBar,
    n: &mut Counts,
) -> anyhow::Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let opts: Vec<IngestOptions> = pending
        .iter()
        .map(|(input, _)| IngestOptions {
            fallback_date: date,
            path: input.origin.clone(),
        })
        .collect();
    let items: Vec<BatchItem<'_>> = pending
        .iter()
        .zip(&opts)
        .map(|((input, ex), opts)| BatchItem {
            doc: &input.doc,
            ex,
            opts,
        })
        .collect();
    let results = db.ingest_batch(&items);
    let mut stop = None;
    for ((input, _), result) in pending.iter().zip(results) {
        match result {
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
                stop = Some(anyhow::Error::new(e).context(format!(
                    "{}: storing {}; stopped, the documents before it are stored",
                    ctx.db.display(),
                    crate::output::printable_line(&input.doc.id)
                )));
                break;
            }
            Err(e) => {
                n.errors += 1;
                let id = crate::output::printable_line(&input.doc.id);
                bar.suspend(|| eprintln!("whosaid: {id}: {e}"));
            }
        }
    }
    pending.clear();
    stop.map_or(Ok(()), Err)
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
    let mut db = Store::open_for_ingest(&ctx.db).with_context(|| ctx.db.display().to_string())?;
    let mut progress = Progress::new(&args.sources.paths);
    let bar = progress.bar().clone();
    let mut n = Counts::default();
    let mut pending: Vec<(Input, Extraction)> = Vec::new();
    let mut first_at = Instant::now();
    // Takes one document or input error; `end` stores what is pending.
    let mut take = |item: Option<batch::Extracted>, end: bool| -> anyhow::Result<()> {
        match item {
            Some(Ok((input, ex))) => {
                progress.document(input.origin.as_deref(), input.doc.text.len(), n.quotes);
                if pending.is_empty() {
                    first_at = Instant::now();
                }
                pending.push((input, ex));
            }
            Some(Err(e)) => {
                // What came before it is stored first, so messages keep input order.
                store_batch(&mut db, &mut pending, args.date, ctx, &bar, &mut n)?;
                n.errors += 1;
                bar.suspend(|| eprintln!("whosaid: {e}"));
            }
            None => {}
        }
        // Extracted lines come one at a time, so a batch there is closed by its size
        // or age; an extracted batch is whole when it arrives.
        let full = args.extracted
            && (pending.len() >= EXTRACTED_BATCH || first_at.elapsed() >= EXTRACTED_WAIT);
        if end || full {
            store_batch(&mut db, &mut pending, args.date, ctx, &bar, &mut n)?;
        }
        Ok(())
    };
    // Both paths end in the same `store_batch`, so the database is the same.
    let run = if args.extracted {
        extracted::read_all(&args.sources, |item| take(Some(item), false))
            .and_then(|()| take(None, true))
    } else {
        batch::extract_batches(&args.sources, |items| {
            items
                .into_iter()
                .try_for_each(|item| take(Some(item), false))?;
            take(None, true)
        })
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
