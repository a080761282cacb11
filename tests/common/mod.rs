//! Helpers shared by the end-to-end tests: running the binary, reading its JSON lines,
//! finding fixtures, and storing hand-made extractions through the library.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use attrib::{Document, Entity, EntityKind, Extraction, Quote, QuoteKind, Span};
use serde_json::Value;
use store::Store;

/// The built `whosaid` binary, with no database chosen by the environment.
pub fn whosaid_bin() -> Command {
    let mut c = Command::cargo_bin("whosaid").expect("the whosaid binary is built");
    c.env_remove("WHOSAID_DB").env("NO_COLOR", "1");
    c
}

/// The built `whosaid` binary on the database `db`.
pub fn whosaid(db: &Path) -> Command {
    let mut c = whosaid_bin();
    c.arg("--db").arg(db);
    c
}

/// Every line of `stdout` parsed as JSON.
pub fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

/// A path under the workspace's `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel)
}

/// What [`put`] stores: one document with one direct quote by `speaker`.
pub struct Said<'a> {
    pub id: &'a str,
    pub date: &'a str,
    pub outlet: Option<&'a str>,
    pub speaker: &'a str,
    pub role: Option<&'a str>,
    pub words: &'a str,
}

/// Store `s` through the library, so the test does not depend on the extractor.
pub fn put(db: &mut Store, s: Said<'_>) {
    let text = format!("\"{},\" said {}.", s.words, s.speaker);
    let q = Span::new(1, 1 + s.words.len() + 1);
    let m = Span::new(text.len() - 1 - s.speaker.len(), text.len() - 1);
    let ex = Extraction {
        sentences: vec![Span::new(0, text.len())],
        entities: vec![Entity {
            canonical: s.speaker.into(),
            kind: EntityKind::Person,
            roles: s.role.map(String::from).into_iter().collect(),
            mentions: vec![m],
        }],
        quotes: vec![Quote {
            span: q,
            kind: QuoteKind::Direct,
            speaker: Some(0),
            mention: Some(m),
            cue: None,
            confidence: 0.9,
            sentence: 0,
        }],
    };
    let mut doc = Document::new(s.id, text);
    doc.date = Some(s.date.parse().expect("a test date"));
    doc.source = s.outlet.map(String::from);
    db.ingest(&doc, &ex).expect("ingest");
}
