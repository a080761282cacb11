//! Segment JSON-lines documents (`{"id", "text"}` per line, on standard input) and write one
//! `{"doc", "text", "start", "end"}` line per sentence, the format the SBD scorer reads.
//! Lets the segmenter be scored without building the whole CLI:
//!
//!     cargo run --release -p whosaid-segment --example sbd < gold.jsonl > pred.jsonl

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line).map_err(io::Error::other)?;
        let id = doc["id"].as_str().unwrap_or_default();
        let text = doc["text"].as_str().unwrap_or_default();
        for s in segment::sentences(text) {
            let rec =
                serde_json::json!({"doc": id, "text": s.of(text), "start": s.start, "end": s.end});
            writeln!(out, "{rec}")?;
        }
    }
    out.flush()
}
