//! Claim grouping at scale: 100,000 synthetic quotations grouped into claims through
//! the same `assign` ingest uses (`Store::rebuild_claims`), timed, with a check that
//! re-reports joined their original and unrelated statements did not.
//!
//! `cargo bench -p whosaid-store --bench claims [-- N]` (N quotations, default 100,000).
//! Synthetic statements draw words from a Zipf-like vocabulary, so common words are
//! shared by thousands of statements, as in real news. Each has a speaker, as extracted
//! quotations do: words no known speaker said keep to their article (`Scope::may_join`),
//! so without speakers no re-report could join its original and the check measured
//! nothing (it read 0/75,000 unnoticed after that rule came in).
//!
//! The bench exits non-zero when fewer than [`MIN_JOINED`] of the re-reports join their
//! original, so a rule that quietly stops grouping fails it loudly.

mod common;
use common::{Draw, Rng, thread_cpu};

use std::time::Instant;

use rusqlite::params;
use store::{ClaimFilter, Store};

/// The share of re-reports that must join their original's claim. Every variant (a
/// negation or "that they" added, a word dropped, a number changed, a cut to three
/// quarters of 8 to 20 words) plainly restates its original, and 99.8% joined when
/// speakers were added; below 90%, grouping has stopped working, not got a little
/// stricter.
const MIN_JOINED: f64 = 0.9;

/// Speakers the statements are spread over: one per 20 originals, so a speaker is
/// quoted many times, as in news, and re-reports of an original are its speaker's.
const ORIGINALS_PER_SPEAKER: usize = 20;

/// A pronounceable made-up word for index `i`.
fn word(i: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "da", "ge", "po", "zu", "fe", "ha", "ri",
        "bo",
    ];
    let mut w = String::new();
    let mut n = i + 16;
    while n > 0 {
        w.push_str(SYL[n % 16]);
        n /= 16;
    }
    w
}

/// An original statement: 8 to 20 words, with a number somewhere.
fn statement(rng: &mut Rng, vocab: usize) -> Vec<String> {
    let len = 8 + rng.below(13);
    let mut words: Vec<String> = (0..len).map(|_| word(rng.zipf(vocab))).collect();
    let at = rng.below(len);
    words.insert(at, format!("{}", 10 + rng.below(5000)));
    words
}

/// A re-report of `s`: truncated, a word dropped or swapped, a number changed, a
/// negation added, or reported indirectly.
fn variant(rng: &mut Rng, s: &[String]) -> Vec<String> {
    let mut v = s.to_vec();
    match rng.below(5) {
        0 => v.truncate((v.len() * 3).div_ceil(4)),
        1 => {
            let i = rng.below(v.len());
            v.remove(i);
        }
        2 => {
            if let Some(n) = v
                .iter_mut()
                .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            {
                *n = format!("{}", 10 + rng.below(5000));
            }
        }
        3 => v.insert(0, "did not".to_string()),
        _ => {
            v.insert(0, "that".to_string());
            v.insert(1, "they".to_string());
        }
    }
    v
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --benches` only smoke-test.
    let bench = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(if bench { 100_000 } else { 2_000 });
    let dir = tempfile::tempdir().expect("temp dir");
    let mut db = Store::open(dir.path().join("bench.db")).expect("open");

    // One original in four; each original has three re-reports later on.
    let mut rng = Rng::with_seed(0x9e37_79b9_7f4a_7c15);
    let vocab = 20_000;
    let originals = n / 4;
    let mut quotes: Vec<(usize, String)> = Vec::with_capacity(n);
    let mut bases: Vec<Vec<String>> = Vec::with_capacity(originals);
    for o in 0..originals {
        let s = statement(&mut rng, vocab);
        quotes.push((o, s.join(" ")));
        bases.push(s);
    }
    while quotes.len() < n {
        let o = rng.below(originals.max(1));
        let v = variant(&mut rng, &bases[o]);
        quotes.push((o, v.join(" ")));
    }

    let t = Instant::now();
    {
        let conn = db.conn();
        conn.execute_batch("BEGIN").expect("begin");
        // Speaker ids are 1..=speakers; original `o` is speaker `o / ORIGINALS_PER_SPEAKER`'s.
        let speakers = originals / ORIGINALS_PER_SPEAKER + 1;
        for s in 1..=speakers {
            conn.execute(
                "INSERT INTO speakers(id, name, kind) VALUES (?1, ?2, 'person')",
                params![s as i64, format!("Speaker {s}")],
            )
            .expect("speaker");
        }
        let per_doc = 5;
        for (i, chunk) in quotes.chunks(per_doc).enumerate() {
            // Originals come first, so they are published first.
            let day = 1 + (i * 3650 / (n / per_doc + 1)) as u32;
            let date = format!(
                "{:04}-{:02}-{:02}",
                2015 + day / 365,
                1 + (day % 365) / 31 % 12,
                1 + day % 28
            );
            conn.execute(
                "INSERT INTO documents(doc_key, hash, outlet, published, ingested, text) \
                 VALUES (?1, ?1, ?2, ?3, '2026-01-01', '')",
                params![format!("d{i}"), format!("outlet{}", i % 40), date],
            )
            .expect("document");
            let doc = conn.last_insert_rowid();
            for (j, (o, text)) in chunk.iter().enumerate() {
                let speaker = (o / ORIGINALS_PER_SPEAKER + 1) as i64;
                conn.execute(
                    "INSERT INTO quotes(doc_id, speaker_id, text, kind, start, end, confidence, \
                     sentence) VALUES (?1, ?2, ?3, 'direct', ?4, ?4, 0.9, 0)",
                    params![doc, speaker, text, j as i64],
                )
                .expect("quote");
            }
        }
        conn.execute_batch("COMMIT").expect("commit");
    }
    let load = t.elapsed();

    if let Ok(kib) = std::env::var("CLAIMS_BENCH_CACHE_KIB") {
        db.conn()
            .execute_batch(&format!(
                "PRAGMA cache_size = -{}",
                kib.parse::<u32>().unwrap_or(2000)
            ))
            .expect("cache size");
    }
    let t = Instant::now();
    let cpu0 = thread_cpu();
    let claims = db.rebuild_claims().expect("group");
    let group = t.elapsed();
    let group_cpu = cpu0.zip(thread_cpu()).map(|(a, b)| b - a);

    // Quality: re-reports in their original's claim; originals in distinct claims.
    let claim_of: Vec<i64> = {
        let mut st = db
            .conn()
            .prepare("SELECT s.claim_id FROM sightings s ORDER BY s.quote_id")
            .expect("sql");
        st.query_map([], |r| r.get(0))
            .expect("sql")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let original_claim: Vec<i64> = claim_of[..originals].to_vec();
    let joined = (originals..n)
        .filter(|&i| claim_of[i] == original_claim[quotes[i].0])
        .count();
    let mut distinct = original_claim.clone();
    distinct.sort_unstable();
    distinct.dedup();

    // Queries on the grouped store: `check` for 100 statements, one `claims` listing.
    let t = Instant::now();
    let mut reports = 0;
    for i in 0..100 {
        let (_, text) = &quotes[i * (n / 100).max(1) % n.max(1)];
        reports += db.check_claim(text, None, None).expect("check").len();
    }
    let check = t.elapsed();
    let t = Instant::now();
    let listed = db
        .claims(&ClaimFilter {
            min_sightings: 2,
            limit: Some(50),
            ..Default::default()
        })
        .expect("claims")
        .len();
    let list = t.elapsed();

    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!("claims bench: {n} quotations, {cores} cores");
    println!("  load (SQL inserts + FTS): {:.1} s", load.as_secs_f64());
    println!(
        "  grouping: {:.1} s ({:.0} quotations/s), {claims} claims",
        group.as_secs_f64(),
        n as f64 / group.as_secs_f64()
    );
    if let Some(cpu) = group_cpu {
        println!(
            "  grouping CPU: {:.1} s on one thread (user + system; steadier than wall time \
             on a shared machine)",
            cpu.as_secs_f64()
        );
    }
    println!(
        "  re-reports joined their original: {joined}/{} ({:.1}%)",
        n - originals,
        100.0 * joined as f64 / (n - originals).max(1) as f64
    );
    println!(
        "  originals in distinct claims: {}/{originals}",
        distinct.len()
    );
    let rate = joined as f64 / (n - originals).max(1) as f64;
    assert!(
        rate >= MIN_JOINED,
        "only {joined}/{} re-reports joined their original ({:.1}%, at least {:.0}% \
         expected): grouping no longer groups these statements",
        n - originals,
        100.0 * rate,
        100.0 * MIN_JOINED
    );
    println!(
        "  check: 100 statements in {:.2} s ({reports} claims reported)",
        check.as_secs_f64()
    );
    println!(
        "  claims --min-sightings 2 --limit 50: {:.2} s ({listed} rows)",
        list.as_secs_f64()
    );
}
