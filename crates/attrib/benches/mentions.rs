//! Throughput of speaker-mention finding and coreference.
//!
//! ```text
//! cargo bench -p whosaid-attrib --bench mentions
//! ```
//!
//! Repeats the fixture article until there are at least 20 MB of text and runs
//! `mentions::find` and `coref::resolve` on each copy as its own document, the way the
//! pipeline calls them. Sentence splitting and quote marks are done beforehand and not
//! timed. Prints MB/s for find alone, resolve alone, and both together per document (the
//! best of three runs), by wall clock and, on Linux, by the thread's CPU time. Set `WHOSAID_BENCH_JSONL` to a JSON-lines file of articles (`"text"` fields)
//! to measure those texts too.

use attrib::{Document, Span};
use attrib::{coref, mentions};
use std::hint::black_box;
use std::time::Instant;

mod common;
use common::cpu_seconds;

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

/// Wall-clock and CPU seconds of `f`.
fn timed(f: impl FnOnce()) -> (f64, Option<f64>) {
    let c0 = cpu_seconds();
    let t0 = Instant::now();
    f();
    let wall = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(c0).map(|(c1, c0)| c1 - c0);
    (wall, cpu)
}

/// The smaller of two optional times.
fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn measure(label: &str, docs: &[String]) {
    let prepared: Vec<(&str, Vec<Span>, Vec<Span>)> = docs
        .iter()
        .map(|t| (t.as_str(), segment::sentences(t), quotes(t)))
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    // Mentions for timing resolve alone.
    let found: Vec<_> = prepared
        .iter()
        .map(|(t, s, q)| mentions::find(t, s, q))
        .collect();
    let n_mentions: usize = found.iter().map(Vec::len).sum();
    let mut best = [(f64::MAX, None); 3];
    for _ in 0..3 {
        // find alone, resolve alone, and both per document as the pipeline calls them.
        let runs = [
            timed(|| {
                for (t, s, q) in &prepared {
                    black_box(mentions::find(t, s, q).len());
                }
            }),
            timed(|| {
                for ((t, _, _), ms) in prepared.iter().zip(&found) {
                    black_box(coref::resolve(t, ms).0.len());
                }
            }),
            timed(|| {
                for (t, s, q) in &prepared {
                    let ms = mentions::find(t, s, q);
                    black_box(coref::resolve(t, &ms).0.len());
                }
            }),
        ];
        for (b, (wall, cpu)) in best.iter_mut().zip(runs) {
            b.0 = b.0.min(wall);
            b.1 = min_opt(b.1, cpu);
        }
    }
    println!(
        "{label}: {mb:.1} MB in {} documents, {n_mentions} mentions | find {:.1} MB/s | resolve {:.1} MB/s | find+resolve {:.1} MB/s",
        docs.len(),
        mb / best[0].0,
        mb / best[1].0,
        mb / best[2].0
    );
    if let (Some(f), Some(r), Some(both)) = (best[0].1, best[1].1, best[2].1) {
        println!(
            "  by CPU time: find {:.1} MB/s | resolve {:.1} MB/s | find+resolve {:.1} MB/s",
            mb / f,
            mb / r,
            mb / both
        );
    }
}

fn main() {
    let raw = include_str!("../../../fixtures/articles/istanbul-talks.txt");
    let text = match Document::from_article("istanbul", raw.to_string()) {
        Ok(d) => d.text,
        Err(_) => raw.to_string(),
    };
    // `cargo bench` passes --bench; under `cargo test --benches` only smoke-test.
    let target = if std::env::args().any(|a| a == "--bench") {
        TARGET_BYTES
    } else {
        64 * 1024
    };
    let copies = target.div_ceil(text.len().max(1));
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
