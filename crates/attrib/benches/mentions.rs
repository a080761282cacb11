//! Throughput of speaker-mention finding and coreference.
//!
//! ```text
//! cargo bench -p whosaid-attrib --bench mentions
//! ```
//!
//! Repeats the fixture article until there are at least 20 MB of text and runs
//! `mentions::find` and `mentions::resolve` on each copy as its own document, the way the
//! pipeline calls them. Sentence splitting and quote marks are done beforehand and not
//! timed. Prints MB/s for find, for resolve, and for both together (the best of three
//! runs). Set `WHOSAID_BENCH_JSONL` to a JSON-lines file of articles (`"text"` fields)
//! to measure those texts too.

use attrib::mentions;
use attrib::{Document, Span};
use std::hint::black_box;
use std::time::Instant;

/// CPU time this thread has run, from Linux's schedstat; `None` elsewhere. The machine
/// is shared, so wall-clock figures depend on the load while CPU time does not.
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// At least this much text is measured.
const TARGET_BYTES: usize = 20 * 1024 * 1024;

/// Quote-mark pairs within a line: what the quote finder would exclude.
fn quotes(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('\n', _) => open = None,
            ('"' | '“', None) => open = Some(i),
            ('"' | '”', Some(o)) => {
                out.push(Span::new(o, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    out
}

fn measure(label: &str, docs: &[String]) {
    let prepared: Vec<(&str, Vec<Span>, Vec<Span>)> = docs
        .iter()
        .map(|t| (t.as_str(), segment::sentences(t), quotes(t)))
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let (mut best_find, mut best_resolve, mut best_both) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut cpu_find, mut cpu_resolve) = (f64::MAX, f64::MAX);
    let mut n_mentions = 0;
    for _ in 0..3 {
        let c0 = cpu_time();
        let t0 = Instant::now();
        let found: Vec<_> = prepared
            .iter()
            .map(|(t, s, q)| mentions::find(t, s, q))
            .collect();
        let t1 = Instant::now();
        let c1 = cpu_time();
        let mut entities = 0;
        for ((t, _, _), ms) in prepared.iter().zip(&found) {
            let (ents, idx) = mentions::resolve(t, ms);
            entities += ents.len() + idx.len();
        }
        let t2 = Instant::now();
        let c2 = cpu_time();
        black_box(entities);
        if let (Some(c0), Some(c1), Some(c2)) = (c0, c1, c2) {
            cpu_find = cpu_find.min(c1 - c0);
            cpu_resolve = cpu_resolve.min(c2 - c1);
        }
        n_mentions = found.iter().map(Vec::len).sum();
        let f = (t1 - t0).as_secs_f64();
        let r = (t2 - t1).as_secs_f64();
        best_find = best_find.min(f);
        best_resolve = best_resolve.min(r);
        best_both = best_both.min(f + r);
    }
    println!(
        "{label}: {mb:.1} MB in {} documents, {n_mentions} mentions | find {:.1} MB/s | resolve {:.1} MB/s | find+resolve {:.1} MB/s",
        docs.len(),
        mb / best_find,
        mb / best_resolve,
        mb / best_both
    );
    if cpu_find < f64::MAX {
        println!(
            "  by CPU time: find {:.1} MB/s | resolve {:.1} MB/s | find+resolve {:.1} MB/s",
            mb / cpu_find,
            mb / cpu_resolve,
            mb / (cpu_find + cpu_resolve)
        );
    }
}

fn main() {
    let raw = include_str!("../../../fixtures/articles/istanbul-talks.txt");
    let text = match Document::from_article("istanbul", raw.to_string()) {
        Ok(d) => d.text,
        Err(_) => raw.to_string(),
    };
    let copies = TARGET_BYTES.div_ceil(text.len().max(1));
    let docs = vec![text; copies];
    measure("fixture article repeated", &docs);
    if let Ok(path) = std::env::var("WHOSAID_BENCH_JSONL")
        && let Ok(data) = std::fs::read_to_string(&path)
    {
        let texts: Vec<String> = data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect();
        let total: usize = texts.iter().map(String::len).sum();
        let rounds = TARGET_BYTES.div_ceil(total.max(1));
        let docs: Vec<String> = (0..rounds).flat_map(|_| texts.iter().cloned()).collect();
        measure(&path, &docs);
    }
}
