//! End-to-end: claims over time (`whosaid check`, `claims`, `timeline`).
//!
//! Two kinds of database: one ingested by the binary from the `fixtures/claims/` story
//! (so it also depends on the quote extractor finding the statements), and one built
//! through the store library with hand-made extractions (so the commands are tested
//! whatever the extractor does).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attrib::Document;
use serde_json::Value;
use store::Store;

use crate::common::{Said, fixture, json_lines, put, whosaid};

/// The fixture articles as JSON lines with their outlet as `source` (plain-text files
/// have no outlet field; the fixtures name it in the dateline, `PLACE (Outlet)`).
fn story_jsonl(dir: &Path) -> PathBuf {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture("claims"))
        .expect("fixtures/claims exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 6);
    let mut out = String::new();
    for p in paths {
        let raw = std::fs::read_to_string(&p).unwrap();
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let mut doc = Document::from_article(id, raw).expect("fixture header parses");
        let dateline = doc.text.lines().find(|l| !l.trim().is_empty()).unwrap();
        let outlet = dateline
            .split_once('(')
            .and_then(|(_, r)| r.split_once(')'))
            .map(|(o, _)| o.to_string());
        assert!(outlet.is_some(), "{} names its outlet", p.display());
        doc.source = outlet;
        out.push_str(&serde_json::to_string(&doc).unwrap());
        out.push('\n');
    }
    let path = dir.join("story.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn ingest_story(dir: &Path) -> PathBuf {
    let db = dir.join("story.db");
    whosaid(&db)
        .arg("ingest")
        .arg(story_jsonl(dir))
        .assert()
        .success();
    db
}

/// The story's claim: who first said Ostria would return the boats, the re-reports,
/// the changed number and the denial. Needs the extractor to find the statements.
#[test]
fn check_groups_the_story_and_flags_number_and_denial() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest_story(dir.path());
    let out = whosaid(&db)
        .args([
            "check",
            "Ostria agreed to return 40 fishing boats",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    crate::common::assert_ok(&out);
    let rows = json_lines(&out.stdout);
    let mut claims: BTreeMap<i64, Vec<&Value>> = BTreeMap::new();
    for r in &rows {
        claims
            .entry(r["claim"].as_i64().unwrap())
            .or_default()
            .push(r);
    }
    assert_eq!(claims.len(), 1, "one claim: {rows:#?}");
    let sightings = claims.values().next().unwrap();
    let docs: Vec<&str> = sightings
        .iter()
        .map(|r| r["doc"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        vec![
            "2025-03-03-gazette",
            "2025-03-10-ledger",
            "2025-03-17-times",
            "2025-03-24-gazette",
            "2025-03-31-ledger"
        ],
        "{rows:#?}"
    );
    assert_eq!(sightings[0]["outlet"], "Harbour Gazette");
    assert_eq!(sightings[1]["outlet"], "Northern Ledger");
    // Exactly the number change and the denial are flagged (the denial also has a new
    // speaker); re-wordings, truncation and indirect reports change nothing.
    let flagged: Vec<(&str, Vec<&str>)> = sightings
        .iter()
        .map(|r| {
            let kinds = r["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["kind"].as_str().unwrap())
                .filter(|k| *k != "speaker")
                .collect();
            (r["doc"].as_str().unwrap(), kinds)
        })
        .filter(|(_, k): &(&str, Vec<&str>)| !k.is_empty())
        .collect();
    assert_eq!(
        flagged,
        vec![
            ("2025-03-24-gazette", vec!["number"]),
            ("2025-03-31-ledger", vec!["negation"])
        ]
    );
    let number = &sightings[3]["changes"][0];
    assert!(number["from"].as_str().unwrap().contains("40"));
    assert!(number["to"].as_str().unwrap().contains("45"));
}

/// Statements sharing many words with the claim (boats, Ostria, agreed, fishing) are
/// claims of their own.
#[test]
fn unrelated_statements_are_not_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest_story(dir.path());
    let out = whosaid(&db)
        .args(["claims", "--min-sightings", "2", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 1, "only the story's claim repeats: {rows:#?}");
    assert_eq!(rows[0]["sightings"], 5);
    assert_eq!(rows[0]["outlets"], 3);
    assert_eq!(rows[0]["first_seen"], "2025-03-03");
    assert_eq!(rows[0]["last_seen"], "2025-03-31");
}

/// A database built without the extractor.
fn library_db(dir: &Path) -> PathBuf {
    let path = dir.join("lib.db");
    let mut db = Store::open(&path).unwrap();
    let m = "Elena Markova";
    put(
        &mut db,
        Said {
            id: "d1",
            date: "2025-03-03",
            outlet: Some("Harbour Gazette"),
            speaker: m,
            role: Some("Foreign Minister"),
            words: "Ostria has agreed to return the 40 fishing boats it seized in the Tamsin Strait",
        },
    );
    put(
        &mut db,
        Said {
            id: "d2",
            date: "2025-03-10",
            outlet: Some("Northern Ledger"),
            speaker: m,
            role: Some("Foreign Minister"),
            words: "Ostria has agreed to return the 40 fishing boats it seized",
        },
    );
    put(
        &mut db,
        Said {
            id: "d3",
            date: "2025-03-24",
            outlet: Some("Harbour Gazette"),
            speaker: m,
            role: Some("Foreign Minister"),
            words: "Ostria has agreed to return the 45 fishing boats it seized in the Tamsin Strait",
        },
    );
    put(
        &mut db,
        Said {
            id: "d4",
            date: "2025-03-31",
            outlet: Some("Northern Ledger"),
            speaker: "Pavel Dressler",
            role: Some("spokesman"),
            words: "Ostria has not agreed to return the fishing boats it seized in the Tamsin Strait",
        },
    );
    put(
        &mut db,
        Said {
            id: "d5",
            date: "2025-04-07",
            outlet: Some("Coastal Times"),
            speaker: m,
            role: Some("Prime Minister"),
            words: "My first task is to bring our fishermen home and rebuild trust with Ostria",
        },
    );
    put(
        &mut db,
        Said {
            id: "d6",
            date: "2025-04-08",
            outlet: Some("Coastal Times"),
            speaker: "Karl Enqvist",
            role: Some("opposition leader"),
            words: "The government has agreed to let Ostrian boats fish in our waters for ten years",
        },
    );
    path
}

#[test]
fn check_formats_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    // JSON: one object per claim with nested sightings.
    let out = whosaid(&db)
        .args(["check", "return the fishing boats", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = v.as_array().unwrap();
    assert_eq!(claims.len(), 1, "{v:#}");
    assert_eq!(claims[0]["first_speaker"], "Elena Markova");
    assert_eq!(claims[0]["sightings"].as_array().unwrap().len(), 4);
    assert_eq!(
        claims[0]["outlets"],
        serde_json::json!(["Harbour Gazette", "Northern Ledger"])
    );
    // Periods limit the sightings.
    let out = whosaid(&db)
        .args([
            "check",
            "return the fishing boats",
            "--since",
            "2025-03-20",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 2);
    // CSV: one row per sighting, changes as text.
    let out = whosaid(&db)
        .args(["check", "return the fishing boats", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(
        csv.contains("number: 40 fishing boats → 45 fishing boats"),
        "{csv}"
    );
    assert!(csv.contains("negation: affirmed → negated"), "{csv}");
    // The table marks changed sightings.
    let out = whosaid(&db)
        .args(["check", "return the fishing boats"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("claim "), "{table}");
    // The changed figure is marked `!`; Dressler's denial is a dispute, `x`.
    assert_eq!(
        table.lines().filter(|l| l.starts_with('!')).count(),
        1,
        "{table}"
    );
    assert_eq!(
        table.lines().filter(|l| l.starts_with('x')).count(),
        1,
        "{table}"
    );
    assert!(table.contains("; 1 dispute"), "{table}");
    // Search syntax is plain words; no match exits 1 (as grep) with a note, no output.
    whosaid(&db)
        .args(["check", "\"boats* AND (NEAR", "--format", "jsonl"])
        .assert()
        .code(1);
    let out = whosaid(&db)
        .args(["check", "zebra giraffe", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // A bad date is a usage error.
    whosaid(&db)
        .args(["check", "boats", "--since", "March"])
        .assert()
        .failure();
}

#[test]
fn claims_and_timeline_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    let out = whosaid(&db)
        .args(["claims", "--format", "jsonl"])
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert_eq!(rows[0]["sightings"], 4);
    assert_eq!(rows[0]["outlets"], 2);
    let out = whosaid(&db)
        .args(["claims", "--speaker", "enqvist", "--format", "jsonl"])
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert!(rows[0]["text"].as_str().unwrap().contains("waters"));
    whosaid(&db)
        .args(["claims", "--speaker", "Nobody Known"])
        .assert()
        .failure();

    let out = whosaid(&db)
        .args(["timeline", "Markova", "--format", "jsonl"])
        .output()
        .unwrap();
    crate::common::assert_ok(&out);
    let rows = json_lines(&out.stdout);
    let dated: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["date"].as_str().unwrap(), r["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dated,
        vec![
            ("2025-03-03", "Foreign Minister"),
            ("2025-03-10", "Foreign Minister"),
            ("2025-03-24", "Foreign Minister"),
            ("2025-04-07", "Prime Minister")
        ]
    );
    let out = whosaid(&db)
        .args([
            "timeline",
            "Markova",
            "--about",
            "fishermen",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let out = whosaid(&db).args(["timeline", "Markova"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("Prime Minister"), "{table}");
}

/// [`library_db`] plus: a statement said twice in one article (two halves of one
/// report), one reported in two articles of one outlet, and an older statement
/// sharing most words of the boats claim while about something else.
fn spread_db(dir: &Path) -> PathBuf {
    let path = library_db(dir);
    let mut db = Store::open(&path).unwrap();
    let (mut doc, ex) = attrib::testutil::Article::new()
        .quote(
            "Ina Berg",
            attrib::EntityKind::Person,
            Some("harbour master"),
            "The harbour will reopen on Monday for all ships,",
        )
        .quote(
            "Ina Berg",
            attrib::EntityKind::Person,
            Some("harbour master"),
            "the harbour will reopen on Monday for all ships,",
        )
        .build("d7");
    doc.date = Some("2025-04-09".parse().unwrap());
    doc.source = Some("Coastal Times".into());
    db.ingest(&doc, &ex).unwrap();
    db.group_claims().unwrap();
    // Worded apart a little: the same text twice would be one document.
    for (id, date, words) in [
        (
            "d8",
            "2025-03-15",
            "The ferry service to the islands will resume in May",
        ),
        (
            "d9",
            "2025-03-16",
            "the ferry service to the islands will resume in May",
        ),
    ] {
        put(
            &mut db,
            Said {
                id,
                date,
                outlet: Some("Harbour Gazette"),
                speaker: "Ola Strand",
                role: Some("ferry operator"),
                words,
            },
        );
    }
    put(
        &mut db,
        Said {
            id: "d0",
            date: "2025-03-01",
            outlet: Some("Coastal Times"),
            speaker: "Ina Berg",
            role: Some("harbour master"),
            words: "Ostria agreed long ago that fishing boats of both nations may shelter \
                    in any storm at all the harbours along the coast",
        },
    );
    path
}

/// Spread counts distinct articles: a statement repeated inside one article is one
/// sighting for `--min-sightings` and the order; `--sort recent` puts the last seen
/// first; `claims --format json` nests the sightings; `claims show` opens one claim.
#[test]
fn claims_spread_by_articles_sort_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = spread_db(dir.path());
    let run = |args: &[&str]| {
        let out = whosaid(&db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let rows = json_lines(&run(&["claims", "--format", "jsonl"]));
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert!(texts[0].contains("40 fishing boats"), "{texts:#?}");
    assert!(texts[1].contains("ferry"), "{texts:#?}");
    let harbour = rows
        .iter()
        .find(|r| r["text"].as_str().unwrap().contains("harbour will reopen"))
        .unwrap();
    assert_eq!(harbour["sightings"], 2);
    assert_eq!(harbour["articles"], 1);
    let repeated = json_lines(&run(&[
        "claims",
        "--min-sightings",
        "2",
        "--format",
        "jsonl",
    ]));
    assert_eq!(repeated.len(), 2, "{repeated:#?}");
    let recent = json_lines(&run(&["claims", "--sort", "recent", "--format", "jsonl"]));
    assert!(
        recent[0]["text"]
            .as_str()
            .unwrap()
            .contains("harbour will reopen")
    );

    let nested: Value = serde_json::from_slice(&run(&["claims", "--format", "json"])).unwrap();
    let first = &nested[0];
    assert_eq!(first["sightings"].as_array().unwrap().len(), 4, "{first:#}");
    assert_eq!(first["seen"], 4, "{first:#}");
    assert_eq!(first["articles"], 4, "{first:#}");
    assert_eq!(first["sightings"][0]["speaker"], "Elena Markova");
    assert_eq!(first["sightings"][0]["outlet"], "Harbour Gazette");

    let id = rows[0]["claim"].as_i64().unwrap().to_string();
    let one: Value =
        serde_json::from_slice(&run(&["claims", "show", &id, "--format", "json"])).unwrap();
    let kinds: Vec<&str> = one["sightings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["changes"].as_array().unwrap())
        .map(|c| c["kind"].as_str().unwrap())
        .filter(|k| *k != "speaker")
        .collect();
    assert_eq!(kinds, ["number", "negation"], "{one:#}");
    let disputes: Vec<&str> = one["sightings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["dispute"] == true)
        .map(|s| s["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(disputes, ["Pavel Dressler"], "{one:#}");
    let table = String::from_utf8(run(&["claims", "show", &id])).unwrap();
    assert!(table.contains("Pavel Dressler"), "{table}");
    assert!(table.contains("4 sightings in 4 articles"), "{table}");
    whosaid(&db)
        .args(["claims", "show", "999"])
        .assert()
        .code(1);
}

/// `check` puts the best match first (not the oldest), and a speaker named in the text
/// or with `--speaker` keeps only what that speaker said.
#[test]
fn check_ranks_by_relevance_and_filters_by_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let db = spread_db(dir.path());
    let claims_of = |args: &[&str]| -> Vec<String> {
        let out = whosaid(&db).args(args).output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["sightings"][0]["text"].as_str().unwrap().to_string())
            .collect()
    };
    let text = "Ostria agreed to return the fishing boats";
    let best = claims_of(&["check", text, "--format", "json"]);
    assert_eq!(best.len(), 2, "{best:#?}");
    assert!(best[0].contains("return the 40 fishing boats"), "{best:#?}");
    let by_date = claims_of(&["check", text, "--sort", "date", "--format", "json"]);
    assert!(by_date[0].contains("shelter"), "{by_date:#?}");

    let said = claims_of(&[
        "check",
        "agreed boats",
        "--speaker",
        "Enqvist",
        "--format",
        "json",
    ]);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(said[0].contains("waters"));
    let out = whosaid(&db)
        .args([
            "check",
            "Karl Enqvist says agreed boats",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v:#}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Karl Enqvist"));
}

/// Spread is outlets first: one outlet repeating a statement in three of its articles
/// has spread less than a statement two outlets reported once each.
#[test]
fn spread_ranks_outlets_before_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spread.db");
    let mut db = Store::open(&path).unwrap();
    for (id, date, outlet, words) in [
        (
            "a1",
            "2025-05-01",
            "Harbour Gazette",
            "The ferry service to the islands will resume in May",
        ),
        (
            "a2",
            "2025-05-02",
            "Harbour Gazette",
            "the ferry service to the islands will resume in May",
        ),
        (
            "a3",
            "2025-05-03",
            "Harbour Gazette",
            "The ferry service to the islands will resume in May,",
        ),
        (
            "b1",
            "2025-04-01",
            "Coastal Times",
            "The lighthouse on Skerry Point will be repaired before winter",
        ),
        (
            "b2",
            "2025-04-02",
            "Northern Ledger",
            "the lighthouse on Skerry Point will be repaired before winter",
        ),
    ] {
        put(
            &mut db,
            Said {
                id,
                date,
                outlet: Some(outlet),
                speaker: "Ola Strand",
                role: None,
                words,
            },
        );
    }
    db.close().unwrap();
    let out = whosaid(&path)
        .args(["claims", "--sort", "spread", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_lines(&out.stdout);
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 2, "{rows:#?}");
    assert!(texts[0].contains("lighthouse"), "{texts:#?}");
    assert!(texts[1].contains("ferry"), "{texts:#?}");
}
