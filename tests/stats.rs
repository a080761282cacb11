//! End-to-end: `whosaid stats` counts what `quotes` lists, by one or two keys, in
//! every output format.

use crate::common::{json_lines, report_db, whosaid};

#[test]
fn who_is_quoted_most_on_a_subject_by_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let db = report_db(dir.path());
    let out = whosaid(&db)
        .args([
            "stats",
            "--search",
            "immigration",
            "--by",
            "outlet",
            "--by",
            "speaker",
        ])
        .args(["--format", "jsonl"])
        .assert()
        .success();
    let rows = json_lines(&out.get_output().stdout);
    let count = |outlet: &str, speaker: &str| {
        rows.iter()
            .find(|r| r["outlet"] == outlet && r["speaker"] == speaker)
            .map(|r| r["quotes"].as_i64().unwrap())
    };
    assert_eq!(
        count("Harbour Gazette", "Ada Lindqvist"),
        Some(2),
        "{rows:?}"
    );
    assert_eq!(
        count("Northern Ledger", "Bruno Okafor"),
        Some(1),
        "{rows:?}"
    );
    // Most quoted first.
    assert_eq!(rows[0]["quotes"], 2);
    // The sum is what `quotes` lists for the same search.
    let listed = whosaid(&db)
        .args(["quotes", "--search", "immigration", "--format", "jsonl"])
        .assert()
        .success();
    let total: i64 = rows.iter().map(|r| r["quotes"].as_i64().unwrap()).sum();
    assert_eq!(
        total as usize,
        json_lines(&listed.get_output().stdout).len()
    );
}

#[test]
fn months_come_in_time_order_and_csv_has_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let db = report_db(dir.path());
    let out = whosaid(&db)
        .args([
            "stats", "--by", "month", "--by", "speaker", "--format", "csv",
        ])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "month,speaker,quotes");
    assert_eq!(lines[1], "2025-01,Ada Lindqvist,2", "{csv}");
    assert!(lines.last().unwrap().starts_with("2025-02,"), "{csv}");
    // Nothing matched: the header alone.
    let out = whosaid(&db)
        .args([
            "stats", "--search", "zebra", "--by", "kind", "--format", "csv",
        ])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "kind,quotes\n"
    );
}

#[test]
fn a_cut_table_says_what_was_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = report_db(dir.path());
    let out = whosaid(&db)
        .args(["stats", "--limit", "1"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stdout, "quotes  speaker\n4       Ada Lindqvist\n");
    assert!(stderr.contains("showing 1 of 2"), "{stderr}");
}
