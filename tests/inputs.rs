//! End-to-end: the input formats of issue 16 — gzip-compressed files, JSON arrays and
//! `.json` files of JSON lines, a warning for every file a folder walk skips, and the
//! outlet and URL in a plain-text header line.

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

use crate::common::{json_lines, whosaid, whosaid_bin};

const SAID: &str = "\"We will rebuild the bridge,\" said Mayor Dana Reyes.";

fn gzip(path: &Path, bytes: &[u8]) {
    let mut gz = GzEncoder::new(std::fs::File::create(path).unwrap(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap();
}

/// The distinct `doc` values of `extract --format jsonl` on `args`, in order, and its
/// standard error.
fn extracted_docs(args: &[&Path]) -> (Vec<String>, String, bool) {
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    let mut docs: Vec<String> = Vec::new();
    for l in json_lines(&out.stdout) {
        let doc = l["doc"].as_str().unwrap().to_string();
        if docs.last() != Some(&doc) {
            docs.push(doc);
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (docs, stderr, out.status.success())
}

#[test]
fn gzip_files_are_read_directly() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"id": "from-gz-jsonl", "text": SAID}).to_string();
    gzip(
        &dir.path().join("a.jsonl.gz"),
        format!("{line}\n").as_bytes(),
    );
    gzip(&dir.path().join("b.txt.gz"), SAID.as_bytes());
    // By its magic bytes on standard input, whatever the name.
    let (docs, stderr, ok) = extracted_docs(&[dir.path()]);
    assert!(ok, "{stderr}");
    assert_eq!(docs.len(), 2, "{docs:?} {stderr}");
    assert_eq!(docs[0], "from-gz-jsonl");
    assert!(docs[1].ends_with("b.txt.gz"), "{docs:?}");
    assert!(stderr.is_empty(), "{stderr}");

    let mut piped = Vec::new();
    let mut gz = GzEncoder::new(&mut piped, Compression::default());
    gz.write_all(format!("{line}\n").as_bytes()).unwrap();
    gz.finish().unwrap();
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(piped)
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    assert_eq!(lines[0]["doc"], "from-gz-jsonl");
}

#[test]
fn a_corrupt_gzip_file_is_named_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt.gz"), b"\x1f\x8b\x08\x00garbage").unwrap();
    std::fs::write(dir.path().join("b.txt"), SAID).unwrap();
    let (docs, stderr, ok) = extracted_docs(&[dir.path()]);
    assert!(!ok);
    assert!(stderr.contains("a.txt.gz"), "{stderr}");
    assert_eq!(docs.len(), 1);
    assert!(docs[0].ends_with("b.txt"));
}

#[test]
fn json_arrays_and_json_lines_in_json_files() {
    let dir = tempfile::tempdir().unwrap();
    let array = serde_json::to_string_pretty(&serde_json::json!([
        {"id": "arr-1", "text": SAID},
        {"id": "arr-2", "text": ""},
        {"id": "arr-3", "text": SAID},
    ]))
    .unwrap();
    std::fs::write(dir.path().join("a.json"), &array).unwrap();
    let lines = [
        serde_json::json!({"id": "line-1", "text": SAID}).to_string(),
        serde_json::json!({"id": "line-2", "text": SAID}).to_string(),
    ];
    std::fs::write(dir.path().join("b.json"), lines.join("\n")).unwrap();
    let (docs, stderr, ok) = extracted_docs(&[dir.path()]);
    assert_eq!(docs, ["arr-1", "arr-3", "line-1", "line-2"], "{stderr}");
    // The empty element is named by the line it starts on, and fails the run.
    assert!(!ok);
    assert!(
        stderr.contains("a.json:6: \"text\" is empty; skipped"),
        "{stderr}"
    );

    // An array on standard input too.
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(array.replace("\"\"", "\"x\""))
        .assert();
    let docs: Vec<Value> = json_lines(&out.get_output().stdout)
        .into_iter()
        .map(|l| l["doc"].clone())
        .collect();
    assert!(docs.contains(&Value::from("arr-1")) && docs.contains(&Value::from("arr-3")));
}

#[test]
fn skipped_files_in_a_folder_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SAID).unwrap();
    std::fs::write(dir.path().join("table.csv"), "a,b\n1,2\n").unwrap();
    std::fs::write(dir.path().join("page.html"), "<p>hi</p>").unwrap();
    std::fs::write(dir.path().join("old.gz"), b"").unwrap();
    let (docs, stderr, ok) = extracted_docs(&[dir.path()]);
    assert!(ok, "a skipped file is a warning, not a failure: {stderr}");
    assert_eq!(docs.len(), 1);
    for name in ["table.csv", "page.html", "old.gz"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("warning") && l.contains(name) && l.contains("skipped")),
            "{name} not named: {stderr}"
        );
    }
    assert!(!stderr.contains("a.txt"), "{stderr}");
}

#[test]
fn the_text_header_carries_outlet_and_url() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let article = dir.path().join("bridge.txt");
    std::fs::write(
        &article,
        format!(
            " date 2025-03-03 Bridge | plans | outlet: The Gazette | url: https://example.org/b?x|y\n\n{SAID}\n"
        ),
    )
    .unwrap();
    // The old header, without fields, reads as before.
    let old = dir.path().join("old.txt");
    std::fs::write(&old, format!(" date 2025-03-04 Old | style\n\n{SAID}\n")).unwrap();
    whosaid(&db)
        .arg("ingest")
        .arg(&article)
        .arg(&old)
        .assert()
        .success();
    let out = whosaid(&db)
        .args(["quotes", "--format", "jsonl"])
        .assert()
        .success();
    let rows = json_lines(&out.get_output().stdout);
    let bridge = rows.iter().find(|r| r["date"] == "2025-03-03").unwrap();
    assert_eq!(bridge["outlet"], "The Gazette");
    assert_eq!(bridge["title"], "Bridge | plans");
    let old_row = rows.iter().find(|r| r["date"] == "2025-03-04").unwrap();
    assert_eq!(old_row["outlet"], Value::Null);
    assert_eq!(old_row["title"], "Old | style");
    let doc = bridge["doc_id"].to_string();
    let out = whosaid(&db)
        .args(["show", &format!("#{doc}")])
        .assert()
        .success();
    let shown = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(shown.contains("https://example.org/b?x|y"), "{shown}");
}
