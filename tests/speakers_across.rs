//! End-to-end: one person is one speaker across articles, whatever the outlet's style
//! and whatever the order the articles came in; relatives and namesakes stay apart and
//! headline words are nobody (issue 14).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{fixture, json_lines, whosaid};

fn articles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture("speakers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Ingest `paths` one command each, in that order, into a new database at `db`.
fn ingest(db: &Path, paths: &[PathBuf]) {
    for p in paths {
        whosaid(db).arg("ingest").arg(p).assert().success();
    }
}

/// Each speaker's name and its quotations' texts, sorted.
fn partition(db: &Path) -> BTreeMap<String, Vec<String>> {
    let out = whosaid(db)
        .args(["quotes", "--limit", "0", "--format", "jsonl"])
        .output()
        .unwrap();
    let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in json_lines(&out.stdout) {
        let speaker = r["speaker"].as_str().unwrap_or("?").to_string();
        by.entry(speaker)
            .or_default()
            .push(r["text"].as_str().unwrap().to_string());
    }
    for texts in by.values_mut() {
        texts.sort();
    }
    by
}

#[test]
fn variants_join_relatives_stay_apart_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let forward = dir.path().join("forward.db");
    let backward = dir.path().join("backward.db");
    let mut paths = articles();
    ingest(&forward, &paths);
    paths.reverse();
    ingest(&backward, &paths);
    let got = partition(&forward);
    assert_eq!(
        got,
        partition(&backward),
        "the order of ingest changed the speakers"
    );

    let count = |name: &str| got.get(name).map_or(0, Vec::len);
    // "Donald J. Trump" (Times), "Donald Trump" and a bare "Trump" are one person.
    assert_eq!(count("Donald Trump"), 8, "{got:#?}");
    for relative in ["Ivanka Trump", "Eric Trump", "Donald Trump Jr."] {
        assert_eq!(count(relative), 1, "{relative}: {got:#?}");
    }
    // "Hillary Rodham Clinton" and the misspelt "Hilary Clinton"; not Bill.
    assert_eq!(count("Hillary Rodham Clinton"), 4, "{got:#?}");
    assert_eq!(count("Bill Clinton"), 1, "{got:#?}");
    // "Joe Biden" and "Joseph R. Biden" (a nickname and a middle initial).
    assert_eq!(count("Joe Biden") + count("Joseph R. Biden"), 2, "{got:#?}");
    assert!(count("Joe Biden") == 0 || count("Joseph R. Biden") == 0);
    // A headline's words are no speaker and say nothing.
    assert!(
        got.keys().all(|k| !k.contains("Responds")),
        "{:?}",
        got.keys()
    );
    assert_eq!(count("Marco Rubio"), 2, "{got:#?}");
}

#[test]
fn speaker_lookup_takes_any_alias_and_names_the_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    ingest(&db, &articles());
    let speakers_of = |name: &str| -> Vec<String> {
        let out = whosaid(&db)
            .args([
                "quotes",
                "--limit",
                "0",
                "--format",
                "jsonl",
                "--speaker",
                name,
            ])
            .output()
            .unwrap();
        let mut v: Vec<String> = json_lines(&out.stdout)
            .iter()
            .map(|r| r["speaker"].as_str().unwrap().to_string())
            .collect();
        v.dedup();
        v
    };
    for name in ["Trump", "Mr. Trump", "donald j trump", "DONALD TRUMP"] {
        assert_eq!(speakers_of(name), ["Donald Trump"], "{name}");
    }
    assert_eq!(speakers_of("Donald Trump Jr."), ["Donald Trump Jr."]);
    assert_eq!(speakers_of("Hilary Clinton"), ["Hillary Rodham Clinton"]);
    // A surname that fits several people and is no speaker's name: an error that
    // lists them, never a mix.
    let out = whosaid(&db)
        .args(["quotes", "--speaker", "Ms. Clinton"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Hillary Rodham Clinton") && err.contains("Bill Clinton"),
        "{err}"
    );
}
