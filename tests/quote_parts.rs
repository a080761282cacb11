//! End-to-end: a quotation interrupted by its attribution is one quotation whose words
//! are its parts only, in `extract`, in the store and in search (issue 13).

use serde_json::Value;

use crate::common::{fixture, json_lines, whosaid, whosaid_bin};

fn harbour() -> std::path::PathBuf {
    fixture("articles/harbour-interrupted.txt")
}

fn extracted() -> Vec<Value> {
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(harbour())
        .output()
        .unwrap();
    assert!(out.status.success());
    json_lines(&out.stdout)
}

/// (kind, speaker, text, number of parts) of every extracted quotation.
fn summary(recs: &[Value]) -> Vec<(String, String, String, usize)> {
    recs.iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["speaker"].as_str().unwrap_or("?").to_string(),
                r["text"].as_str().unwrap().to_string(),
                r["parts"].as_array().unwrap().len(),
            )
        })
        .collect()
}

#[test]
fn interrupted_quotations_carry_only_the_words_said() {
    let got = summary(&extracted());
    let want = [
        (
            "direct",
            "Ines Calder",
            "The harbour will stay open to fishing boats, We will not sell the north quay.",
            2,
        ),
        // The Times' two-apostrophe marks, with an inverted frame and an apposition.
        (
            "direct",
            "Tomas Brandt",
            "It is a fair deal for the town, Nobody loses a mooring.",
            2,
        ),
        // A frame set off by commas inside the reported clause.
        (
            "indirect",
            "Tomas Brandt",
            "But to keep the budget balanced the council would raise mooring fees by 4 percent next year",
            2,
        ),
        // A frame inside a relative clause reports only its own quotation.
        ("direct", "Ivo Park", "a fair deal.", 1),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(k, s, t, n)| (k.to_string(), s.to_string(), t.to_string(), *n))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn store_and_search_see_the_parts_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    whosaid(&db).arg("ingest").arg(harbour()).assert().success();
    let out = whosaid(&db)
        .args(["quotes", "--limit", "0", "--format", "jsonl"])
        .output()
        .unwrap();
    let texts: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert!(
        texts.contains(&"It is a fair deal for the town, Nobody loses a mooring.".to_string()),
        "{texts:?}"
    );
    // "ferry" is in the narration between two parts, "quay" in the second part.
    for (word, hits) in [("ferry", 0), ("quay", 1)] {
        let out = whosaid(&db)
            .args(["quotes", "--search", word, "--format", "jsonl"])
            .output()
            .unwrap();
        assert_eq!(json_lines(&out.stdout).len(), hits, "{word}");
    }
}
