//! Throughput of `attrib::extract` on one core: news-like text built by repeating the
//! fixture articles, fed as documents of about 4 KB (a news article). Prints MB/s and the
//! time for 1, 10 and 100 MB, so linear scaling can be read off.
//!
//! Run: `cargo bench -p whosaid-attrib --bench extract` (`WHOSAID_BENCH_MB=20` for a
//! shorter run: the sizes then are 1, 10 and that many MB).

mod common;
use common::cpu_seconds;

use std::time::Instant;

use attrib::{Document, extract};

fn articles() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/articles");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(raw) = std::fs::read_to_string(&p)
                && let Ok(doc) = Document::from_article("bench", raw)
            {
                out.push(doc.text);
            }
        }
    }
    if out.is_empty() {
        out.push(
            "\"We will win,\" Jane Smith said on Friday.\n\nShe added that the vote was close.\n"
                .repeat(40),
        );
    }
    out
}

/// Documents totalling at least `bytes`, cycling through the articles.
fn corpus(articles: &[String], bytes: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < bytes {
        let text = &articles[i % articles.len()];
        total += text.len();
        docs.push(Document::new(format!("d{i}"), text.clone()));
        i += 1;
    }
    docs
}

/// Wall seconds, CPU seconds, bytes, quotes.
fn run(docs: &[Document]) -> (f64, Option<f64>, usize, usize) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = Instant::now();
    let cpu = cpu_seconds();
    let mut quotes = 0;
    for d in docs {
        quotes += std::hint::black_box(extract(d)).quotes.len();
    }
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    (start.elapsed().as_secs_f64(), cpu, bytes, quotes)
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --benches` only smoke-test.
    if !std::env::args().any(|a| a == "--bench") {
        let articles = articles();
        let (_, _, bytes, quotes) = run(&corpus(&articles, 64 * 1024));
        assert!(bytes > 0 && quotes > 0);
        return;
    }
    let top: usize = std::env::var("WHOSAID_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
        .max(20);
    let articles = articles();
    // Warm up the lexicons and caches.
    run(&corpus(&articles, 1 << 20));
    println!("attrib::extract, one thread");
    for mb in [1, 10, top] {
        let docs = corpus(&articles, mb << 20);
        let (secs, cpu, bytes, quotes) = run(&docs);
        let mbs = bytes as f64 / (1 << 20) as f64;
        let cpu = cpu.map_or(String::new(), |c| {
            format!("  cpu {c:>7.3} s  {:>6.1} MB/s", mbs / c)
        });
        println!(
            "{mb:>4} MB: wall {secs:>7.3} s  {:>6.1} MB/s{cpu}  ({} docs, {quotes} quotes)",
            mbs / secs,
            docs.len()
        );
    }
}
