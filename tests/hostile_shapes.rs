//! End-to-end: documents of one hostile shape (issue #12, item 3). One speaker quoted
//! twenty thousand times (`"…," he said.` paragraphs, or all on one line) was quadratic
//! in `attrib`'s linking; the output must be complete and right. No timing is asserted:
//! the adversarial bench (`cargo bench -p whosaid-attrib --bench adversarial`) measures.

use std::fmt::Write;

use crate::common::{json_lines, whosaid_bin};

/// Paragraphs (or one line) of `"Quote number N," he said.` after one named speaker.
fn he_said(n: usize, sep: &str) -> String {
    let mut text = format!("John Smith, the mayor, arrived on Monday.{sep}");
    for i in 0..n {
        let _ = write!(text, "\"Quote number {i},\" he said.{sep}");
    }
    text
}

/// Every quotation of `text`, extracted by the binary, is by John Smith, in order.
fn all_by_one_speaker(text: &str, n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("he-said.txt");
    std::fs::write(&path, text).expect("write input");
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .expect("whosaid runs");
    assert!(out.status.success(), "exit status {:?}", out.status);
    let recs = json_lines(&out.stdout);
    assert_eq!(recs.len(), n);
    for (i, r) in recs.iter().enumerate() {
        let want = format!("Quote number {i},");
        assert_eq!(r["text"].as_str(), Some(want.as_str()), "{r}");
        assert_eq!(r["speaker"].as_str(), Some("John Smith"), "{r}");
        assert_eq!(r["speaker_kind"].as_str(), Some("person"), "{r}");
        assert_eq!(r["speaker_mention"].as_str(), Some("he"), "{r}");
    }
}

#[test]
fn one_speaker_quoted_in_twenty_thousand_paragraphs() {
    all_by_one_speaker(&he_said(20_000, "\n\n"), 20_000);
}

#[test]
fn one_speaker_quoted_twenty_thousand_times_on_one_line() {
    all_by_one_speaker(&he_said(20_000, " "), 20_000);
}
