//! End-to-end: a claim restated in other words is one claim; a changed figure is
//! flagged, another speaker's denial is a dispute, and a statement that shares many
//! words but is about something else stays out (issue 15).

use serde_json::Value;

use crate::common::{fixture, json_lines, whosaid};

#[test]
fn restated_refigured_disputed_and_a_look_alike() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    whosaid(&db)
        .arg("ingest")
        .arg(fixture("claims-reworded"))
        .assert()
        .success();
    let out = whosaid(&db)
        .args([
            "check",
            "the jobless rate dropped to 4 percent",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = json_lines(&out.stdout);
    let claims: Vec<i64> = rows.iter().map(|r| r["claim"].as_i64().unwrap()).collect();
    assert!(
        claims.iter().all(|&c| c == claims[0]),
        "one claim: {rows:#?}"
    );
    let outlet = |r: &Value| r["outlet"].as_str().unwrap().to_string();
    let outlets: Vec<String> = rows.iter().map(outlet).collect();
    // "Unemployment ... fell" (Tribune) restates "the jobless rate dropped"; the ferry
    // traffic that "dropped to 4 ships" (Ledger) is another matter.
    assert_eq!(outlets, ["Courier", "Tribune", "Sentinel", "Gazette"]);
    let by = |o: &str| rows.iter().find(|r| outlet(r) == o).unwrap();
    let kinds = |r: &Value| -> Vec<String> {
        r["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        kinds(by("Tribune")).is_empty(),
        "a restatement changes nothing"
    );
    assert_eq!(by("Sentinel")["changes"][0]["to"], "5 percent");
    assert_eq!(by("Gazette")["dispute"], true);
    assert_eq!(by("Gazette")["speaker"], "Omar Haddad");
    for o in ["Courier", "Tribune", "Sentinel"] {
        assert_eq!(by(o)["dispute"], false, "{o}");
    }
}
