//! Runs `attrib::extract` over the fixture articles repeated to `WHOSAID_MB` MB (default 2),
//! for counting instructions: `valgrind --tool=callgrind target/release/examples/extract_count`
//! gives figures that a loaded machine does not skew, unlike the `extract` bench.
use attrib::{Document, extract};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let arts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|raw| Document::from_article("b", raw).ok())
        .map(|d| d.text)
        .collect();
    let mb: usize = std::env::var("WHOSAID_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let mut total = 0;
    let mut i = 0;
    let mut quotes = 0;
    while total < mb << 20 {
        let t = &arts[i % arts.len()];
        total += t.len();
        let d = Document::new(format!("d{i}"), t.clone());
        quotes += std::hint::black_box(extract(&d)).quotes.len();
        i += 1;
    }
    println!("{i} docs, {quotes} quotes");
}
