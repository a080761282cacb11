//! Helpers shared by the end-to-end tests: running the binary, reading its JSON lines,
//! finding fixtures, and storing hand-made extractions through the library.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use attrib::EntityKind;
use attrib::testutil::Article;
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

/// `whosaid --db db ingest input` started in the background (to run two at once, or
/// to kill one), its standard error piped.
pub fn spawn_ingest(db: &Path, input: &Path) -> std::process::Child {
    std::process::Command::new(whosaid_bin().get_program())
        .env_remove("WHOSAID_DB")
        .arg("--db")
        .arg(db)
        .arg("ingest")
        .arg(input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("whosaid starts")
}

/// Fail the test with the command's standard error unless it succeeded.
pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

/// A fresh database in a temporary folder with the fixture folder `rel` ingested; the
/// folder lives as long as the returned guard.
pub fn ingested(rel: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("w.db");
    whosaid(&db)
        .arg("ingest")
        .arg(fixture(rel))
        .assert()
        .success();
    (dir, db)
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

/// Store `s` through the library, so the test does not depend on the extractor, and
/// group it into claims at once: the handle may be dropped next, and a drop writes
/// nothing.
pub fn put(db: &mut Store, s: Said<'_>) {
    let (mut doc, ex) = Article::new()
        .quote(
            s.speaker,
            EntityKind::Person,
            s.role,
            &format!("{},", s.words),
        )
        .build(s.id);
    doc.date = Some(s.date.parse().expect("a test date"));
    doc.source = s.outlet.map(String::from);
    db.ingest(&doc, &ex).expect("ingest");
    db.group_claims().expect("group claims");
}

/// An article whose title, quotation, outlet and URL are made to break a page that
/// does not escape them (written by [`report_db`], not kept in `fixtures/`, which the
/// quick start ingests whole).
pub const HOSTILE_ARTICLE: &str = " date 2025-02-10 Markup <script>alert(\"title\")</script> & co \
| outlet: <b>Evil</b> Times | url: javascript:alert(1)

A reporter tested the page.

\"Immigration <script>alert('quote')</script> is a 1 < 2 issue,\" Ada Lindqvist said.
";

/// A database in `dir` holding `fixtures/report` (outlets and URLs in the text
/// headers) and [`HOSTILE_ARTICLE`].
pub fn report_db(dir: &Path) -> PathBuf {
    let db = dir.join("w.db");
    let hostile = dir.join("hostile.txt");
    std::fs::write(&hostile, HOSTILE_ARTICLE).expect("write the hostile article");
    whosaid(&db)
        .arg("ingest")
        .arg(fixture("report"))
        .arg(&hostile)
        .assert()
        .success();
    db
}
