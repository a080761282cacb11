//! Store benchmark on a synthetic corpus (harness = false; run with
//! `cargo bench -p whosaid-store --bench store`).
//!
//! Builds a database of `WHOSAID_BENCH_QUOTES` quotations (default 1,000,000) in
//! articles of about 4 KB with 5 quotations each, spread over quotes/10 speakers
//! (100,000 by default), then measures:
//! - ingest throughput (articles/s, one core: writes are serial by design),
//! - `quotes --speaker NAME` latency (full name and bare surname, limit 50),
//! - full-text search latency (one or two words, limit 50),
//! - database bytes per quotation.
//!
//! Set `WHOSAID_BENCH_QUOTES=100000` for a quick run; `WHOSAID_BENCH_DB=path` keeps the
//! database (reused when it exists, skipping the ingest phase).
//!
//! The ingest figure counts what `whosaid ingest` does: 256 documents a transaction
//! (`Store::ingest_batch`), then claim grouping every `store::GROUP_BATCH` quotations and at
//! the end (reported separately as "of which claim grouping", which also builds the
//! full-text index). "Store" below is the total less the grouping: documents,
//! speakers, roles and quotes.
//!
//! Figures from 2026-11-26 (third session), `nproc` = 2, machine otherwise idle, release
//! build, ext4; two runs each. Four later runs of the final code gave 2,153-2,663
//! articles/CPU-s at 1M quotes (1,846-2,110/s wall): the machine drifts by a fifth.
//!
//! ```text
//!                          1,000,000 quotes / 100,000 speakers   100,000 / 10,000
//! ingest, whole            2,426-2,701 articles/CPU-s            3,916-4,013/CPU-s
//!                          (2,057-2,239/s wall)                  (3,473-3,479/s wall)
//!   of which store         4,739-5,405/CPU-s (37-42 s)           6,450-7,140/CPU-s (3 s)
//!   of which grouping      37.1-40.2 s (25,000-27,000 quotes/s)  2.0-2.2 s
//!                          (full-text indexing included)
//! written per article      104.5 KB (WAL, checkpoints, database) 77 KB
//! DB size                  1,359 bytes/quote (3.4 KB text each)  1,347 bytes/quote
//! quotes --speaker         median 0.10-0.15 ms, p95 0.13-0.21 ms median 0.15 ms
//! quotes --speaker SURNAME median 0.22-0.31 ms, p95 0.27-0.40 ms median 0.30 ms
//! quotes --search          median 9.5 ms, p95 54 ms, max 105 ms  median 1.8 ms, p95 16 ms
//!                          (the max: "of not", two stop words)
//! quotes, no filter        0.38-0.41 ms                          0.46 ms
//! speakers, top 50         78-118 ms                             16 ms
//! ```
//!
//! 2026-12-03, 256 documents a transaction (`Store::ingest_batch`) against one a
//! document, `WHOSAID_BENCH_QUOTES=200000`, two alternated runs each on the shared
//! machine: 2,242-2,487 against 1,721-2,136 articles/CPU-s for the whole ingest
//! (grouping unchanged, 4.8-6.1 s), 53.0 against 111.0 KB written per article.
//!
//! 2026-12-03 (later), a batch stored with a 64 MB page cache and cheaper claim
//! grouping (one tokenization a statement, sorted-vector similarity), against the
//! build before, `WHOSAID_BENCH_QUOTES=200000`, the two bench binaries alternated on the
//! shared machine (load 2.2-3.2): 2,478-3,730 against 2,425-2,778 articles/CPU-s (the
//! machine drifts by a third between runs), 34.0 against 53.0 KB written per article.
//! Steadier, `whosaid ingest` of PolNeAR's 923 articles under callgrind: store side
//! 2,179M -> 2,085M instructions (storing 1,091M -> 1,071M, grouping 1,088M ->
//! 1,014M, after pronoun and binding checks that first added 134M), 10,750 page
//! writes and 3,642 page reads against 12,868 and 6,116 (strace).
//!
//! 2026-12-03 (h23), what an ingest transaction learns of names and aliases kept for
//! its later articles (`linking::Memo`) and each mention folded and parsed once:
//! PolNeAR under callgrind, storing 1,081M -> 1,002M instructions (resolving speakers
//! 355M -> 319M, relinking 189M -> 145M), whole run 3,098M -> 3,019M; speakers,
//! names, aliases, roles and quotes identical. Under valgrind SHA-256 takes its
//! software path (about 230M of storing, the content hash); natively `sha2` uses the
//! CPU's SHA instructions. Timings on the loaded shared machine did not tell the
//! builds apart.
//!
//! 2026-12-04 (h24), `nproc` = 2, the machine shared and loaded (load 1.9-4.6): each
//! statement's sorted term sets built once for all its candidates
//! (`similarity::Scored`), the claim tokenizer walking bytes, the stem cache keyed
//! by packed integers, a statement's terms collected into a vector of the right
//! size, the grouping's tables sized up front, a new name's first alias stored with
//! the key it came with, and each relinked block's names kept for the rest of the
//! ingest transaction (`linking::Memo::blocks`). `whosaid ingest` of PolNeAR's 923
//! articles under callgrind (`RAYON_NUM_THREADS=1`): whole run 2,985M -> 2,871M
//! instructions, grouping 987M -> 928M, storing 990M -> 927M (of which SHA-256's
//! software path about 232M, unchanged); speakers, quotes and claims dumps
//! byte-identical. Natively (`taskset -c 0`, `perf stat` task-clock, 20 alternated
//! runs each) the load hides it: median 455 against 466 ms, mean 487 against 478 ms,
//! best 432 against 422 ms (2,136 -> 2,185 articles/CPU-s at best). This bench under
//! callgrind at `WHOSAID_BENCH_QUOTES=20000`: storing 3,423M -> 3,060M, grouping
//! 1,290M -> 1,257M; at 200,000, alternated runs gave 2,940-4,072 against
//! 2,887-4,214 articles/CPU-s as the machine drifted. The claims bench at 20,000
//! quotations under callgrind: `rebuild_claims` 1,961M -> 1,706M.
//!
//! Earlier: at the start of this session the whole ingest did 1,377 articles/CPU-s at
//! 1,000,000 quotes (store 2,257/CPU-s, grouping 56.7 s, 204 KB written per article);
//! before the second session (claims grouped inside each document's transaction,
//! quotes added to the full-text index by a row trigger) 760-1,050 articles/CPU-s at
//! 100,000 quotes.

mod common;
use common::{Draw, Rng, bytes_written, thread_cpu};

use std::time::{Duration, Instant};

use attrib::testutil::Article;
use attrib::{Document, EntityKind, Extraction};
use store::{QuoteFilter, Store};

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "we",
    "will",
    "is",
    "that",
    "for",
    "on",
    "not",
    "with",
    "this",
    "our",
    "be",
    "are",
    "have",
    "it",
    "they",
    "peace",
    "talks",
    "war",
    "deal",
    "government",
    "president",
    "minister",
    "economy",
    "election",
    "people",
    "country",
    "support",
    "security",
    "future",
    "agreement",
    "sanctions",
    "ceasefire",
    "border",
    "budget",
    "reform",
    "vote",
    "parliament",
    "troops",
    "negotiations",
    "trade",
    "energy",
    "prices",
    "inflation",
    "health",
    "schools",
    "climate",
    "court",
    "law",
    "rights",
];

/// A Zipf-like word: common words often, a long tail of rare synthetic ones.
fn word(rng: &mut Rng) -> String {
    let tail = 20_000f64;
    let i = (tail.powf(rng.unit()) as usize).saturating_sub(1);
    match COMMON.get(i) {
        Some(w) => (*w).to_string(),
        None => format!("zor{i}"),
    }
}

fn speaker_name(k: usize) -> String {
    // Surnames are shared by 1 in 4 speakers, as in real news.
    format!("Given{k} Family{}", k / 4)
}

const QUOTES_PER_DOC: usize = 5;

/// Documents stored per transaction, as `whosaid ingest` stores an extracted batch.
const BATCH: usize = 256;

fn article(i: usize, speakers: usize, rng: &mut Rng) -> (Document, Extraction) {
    let mut a = Article::new();
    for q in 0..QUOTES_PER_DOC {
        // Filler paragraph of ~90 words (~700 bytes), then a quotation.
        let mut filler = String::with_capacity(800);
        if q > 0 {
            filler.push_str("\n\n");
        }
        for _ in 0..90 {
            filler.push_str(&word(rng));
            filler.push(' ');
        }
        filler.push_str("\n\n");
        let n = 8 + rng.below(12);
        let mut words = String::with_capacity(n * 8);
        for j in 0..n {
            if j > 0 {
                words.push(' ');
            }
            words.push_str(&word(rng));
        }
        let k = rng.below(speakers);
        let role = format!("minister of {}", k % 50);
        a = a
            .text(&filler)
            .quote(&speaker_name(k), EntityKind::Person, Some(&role), &words);
    }
    let (mut doc, ex) = a.build(&format!("doc{i}"));
    doc.date = attrib::Date::new(
        2015 + (i % 10) as i16,
        1 + (i % 12) as i8,
        1 + (i % 28) as i8,
    );
    doc.source = Some(format!("outlet{}", i % 30));
    doc.title = Some(format!("Story {i}"));
    (doc, ex)
}

fn percentiles(mut v: Vec<Duration>) -> String {
    v.sort();
    let at = |p: f64| v[((v.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    format!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} queries)",
        at(0.5),
        at(0.95),
        at(1.0),
        v.len()
    )
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let quotes: usize = std::env::var("WHOSAID_BENCH_QUOTES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let speakers = (quotes / 10).max(1);
    let docs = quotes.div_ceil(QUOTES_PER_DOC);
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = std::env::var_os("WHOSAID_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("bench.db"));
    let reuse = path.exists();
    let mut db = Store::open(&path).expect("open");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "whosaid-store bench: {quotes} quotes, {speakers} speakers, {docs} articles; {cores} cores"
    );

    if !reuse {
        // Generating the articles alone, same seed, so its CPU time can be taken off.
        let gen_cpu = {
            let mut rng = Rng::with_seed(0x9E37_79B9_7F4A_7C15);
            let a = thread_cpu();
            let mut bytes = 0;
            for i in 0..docs {
                bytes += article(i, speakers, &mut rng).0.text.len();
            }
            std::hint::black_box(bytes);
            a.zip(thread_cpu()).map(|(a, b)| b - a)
        };
        let mut rng = Rng::with_seed(0x9E37_79B9_7F4A_7C15);
        let mut spent = Duration::ZERO;
        let mut group_cpu = Duration::ZERO;
        let mut group_written = 0u64;
        let mut bytes = 0usize;
        let started = Instant::now();
        let cpu0 = thread_cpu();
        let written0 = bytes_written();
        let mut batch: Vec<(Document, Extraction)> = Vec::with_capacity(BATCH);
        let mut reported = 0;
        for i in 0..docs {
            let (doc, ex) = article(i, speakers, &mut rng);
            bytes += doc.text.len();
            batch.push((doc, ex));
            // As `whosaid ingest` does: a batch of documents per transaction, claims
            // grouped every GROUP_BATCH quotations and at the end, inside the timed
            // work.
            let group =
                ((i + 1) * QUOTES_PER_DOC).is_multiple_of(store::GROUP_BATCH) || i + 1 == docs;
            if batch.len() < BATCH && !group {
                continue;
            }
            let t = Instant::now();
            let opts = store::IngestOptions::default();
            let items: Vec<store::BatchItem<'_>> = batch
                .iter()
                .map(|(doc, ex)| store::BatchItem {
                    doc,
                    ex,
                    opts: &opts,
                })
                .collect();
            for r in db.ingest_batch(&items) {
                r.expect("ingest");
            }
            batch.clear();
            if group {
                let (c, w) = (thread_cpu(), bytes_written());
                db.group_claims().expect("group claims");
                if let (Some(a), Some(b)) = (c, thread_cpu()) {
                    group_cpu += b - a;
                }
                if let (Some(a), Some(b)) = (w, bytes_written()) {
                    group_written += b - a;
                }
            }
            spent += t.elapsed();
            if (i + 1) / 20_000 > reported {
                reported = (i + 1) / 20_000;
                eprintln!(
                    "  {} articles, {:.0}/s so far",
                    i + 1,
                    (i + 1) as f64 / spent.as_secs_f64()
                );
            }
        }
        if let (Some(a), Some(b), Some(g)) = (cpu0, thread_cpu(), gen_cpu) {
            let cpu = (b - a).saturating_sub(g).as_secs_f64();
            println!(
                "ingest CPU: {cpu:.1} s on one thread ({:.1} s of generation taken off): \
                 {:.0} articles per CPU-second; of which claim grouping {:.1} s",
                g.as_secs_f64(),
                docs as f64 / cpu,
                group_cpu.as_secs_f64()
            );
        }
        if let (Some(a), Some(b)) = (written0, bytes_written()) {
            println!(
                "ingest wrote {:.1} KB per article (WAL, checkpoints, database), \
                 of which claim grouping {:.1} KB",
                (b - a) as f64 / docs as f64 / 1024.0,
                group_written as f64 / docs as f64 / 1024.0
            );
        }
        println!(
            "ingest: {docs} articles ({:.1} KB avg) in {:.1} s of store time: {:.0} articles/s, \
             {:.0} quotes/s ({:.1} s wall with generation)",
            bytes as f64 / docs as f64 / 1024.0,
            spent.as_secs_f64(),
            docs as f64 / spent.as_secs_f64(),
            (docs * QUOTES_PER_DOC) as f64 / spent.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;")
        .expect("checkpoint");
    let stats = db.stats().expect("stats");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "size: {:.1} MB for {} documents, {} quotes, {} speakers: {:.0} bytes/quote \
         (article text included)",
        size as f64 / 1e6,
        stats.documents,
        stats.quotes,
        stats.speakers,
        size as f64 / stats.quotes.max(1) as f64
    );

    for (what, f) in [
        (
            "speaker",
            QuoteFilter {
                speaker: Some(speaker_name(7)),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "search",
            QuoteFilter {
                search: Some("peace talks".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "no filter",
            QuoteFilter {
                limit: Some(50),
                ..Default::default()
            },
        ),
    ] {
        println!(
            "plan ({what}): {}",
            db.explain_quotes(&f).expect("plan").join(" | ")
        );
    }
    let t = Instant::now();
    let n = db
        .quotes(&QuoteFilter {
            limit: Some(50),
            ..Default::default()
        })
        .expect("quotes")
        .len();
    println!(
        "quotes (no filter, newest {n}): {:.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let n = db
        .speakers(&store::SpeakerFilter {
            search: None,
            limit: Some(50),
            ..Default::default()
        })
        .expect("speakers")
        .len();
    println!(
        "speakers (top {n} by quotes): {:.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut rng = Rng::with_seed(42);
    let mut full = Vec::new();
    let mut surname = Vec::new();
    let mut found = 0;
    for _ in 0..300 {
        let k = rng.below(speakers);
        for (name, times) in [
            (speaker_name(k), &mut full),
            (format!("family{}", k / 4), &mut surname),
        ] {
            let f = QuoteFilter {
                speaker: Some(name),
                limit: Some(50),
                ..Default::default()
            };
            let t = Instant::now();
            // A surname several people share is an error naming them: also an answer.
            found += match db.quotes(&f) {
                Ok(rows) => rows.len(),
                Err(store::Error::AmbiguousSpeaker { .. }) => 0,
                Err(e) => panic!("quotes: {e}"),
            };
            times.push(t.elapsed());
        }
    }
    println!("quotes --speaker FULL NAME: {}", percentiles(full));
    println!("quotes --speaker SURNAME:   {}", percentiles(surname));
    let mut fts = Vec::new();
    for i in 0..300 {
        let q = if i % 2 == 0 {
            word(&mut rng)
        } else {
            format!("{} {}", word(&mut rng), word(&mut rng))
        };
        let f = QuoteFilter {
            search: Some(q),
            limit: Some(50),
            ..Default::default()
        };
        let t = Instant::now();
        found += db.quotes(&f).expect("search").len();
        fts.push(t.elapsed());
        if t.elapsed() > Duration::from_millis(100)
            && std::env::var_os("WHOSAID_BENCH_SLOW").is_some()
        {
            println!(
                "  slow: {:?} {:.0} ms",
                f.search,
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    println!("quotes --search WORDS:      {}", percentiles(fts));
    println!("({found} rows returned in all)");
}
