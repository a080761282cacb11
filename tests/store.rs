//! End-to-end: `whosaid ingest`, `quotes`, `speakers`, `show` against a real database
//! file. Databases are built either by the binary (from generated articles) or through
//! the store library with hand-built extractions, so attribution quality does not
//! decide whether storage works.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use store::Store;

use crate::common::{Said, json_lines, put, spawn_ingest, whosaid, whosaid_bin};

fn sample_db(dir: &Path) -> PathBuf {
    let path = dir.join("s.db");
    let mut db = Store::open(&path).unwrap();
    put(
        &mut db,
        Said {
            id: "a",
            date: "2025-01-01",
            outlet: None,
            speaker: "Recep Tayyip Erdoğan",
            role: None,
            words: "foo and bar",
        },
    );
    put(
        &mut db,
        Said {
            id: "b",
            date: "2025-02-01",
            outlet: None,
            speaker: "President Erdogan",
            role: None,
            words: "peace is near",
        },
    );
    put(
        &mut db,
        Said {
            id: "c",
            date: "2025-03-01",
            outlet: None,
            speaker: "Hakan Fidan",
            role: None,
            words: "we will talk",
        },
    );
    path
}

#[test]
fn reingesting_the_same_content_is_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let arts = dir.path().join("in");
    std::fs::create_dir(&arts).unwrap();
    for i in 0..3 {
        std::fs::write(arts.join(format!("{i}.txt")), format!("Article {i}.\n")).unwrap();
    }
    let out = whosaid(&db).arg("ingest").arg(&arts).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("ingested 3 documents"), "{err}");
    let out = whosaid(&db).arg("ingest").arg(&arts).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("ingested 0 documents") && err.contains("3 duplicates"),
        "{err}"
    );
}

#[test]
fn bad_file_is_named_skipped_and_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let good = dir.path().join("good.txt");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&good, "Fine.\n").unwrap();
    std::fs::write(&bad, b"\xff\xfe broken").unwrap();
    let out = whosaid(&db)
        .arg("ingest")
        .args([&bad, &good])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("bad.txt"), "{err}");
    assert!(
        err.contains("1 documents") && err.contains("1 errors"),
        "{err}"
    );
}

#[test]
fn documents_remember_the_file_they_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let txt = dir.path().join("a.txt");
    let jsonl = dir.path().join("b.jsonl");
    std::fs::write(&txt, "\"We will win,\" Ana Lopez said.\n").unwrap();
    std::fs::write(
        &jsonl,
        "{\"id\": \"x1\", \"text\": \"One.\"}\n{\"id\": \"x2\", \"text\": \"Two.\"}\n",
    )
    .unwrap();
    whosaid(&db)
        .arg("ingest")
        .args([&txt, &jsonl])
        .assert()
        .success();
    let store = Store::open(&db).unwrap();
    let path_of = |key: &str| store.document(key).unwrap().path.unwrap();
    assert_eq!(
        path_of(&txt.display().to_string()),
        txt.display().to_string()
    );
    assert_eq!(path_of("x2"), format!("{}:2", jsonl.display()));
    // `show` prints it with the rest of what is known about the article.
    let out = whosaid(&db).args(["show", "x2"]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(shown.contains(&format!("{}:2", jsonl.display())), "{shown}");
}

#[test]
fn published_date_comes_from_the_article_then_the_flag_never_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let dated = dir.path().join("dated.txt");
    let undated = dir.path().join("undated.txt");
    std::fs::write(&dated, " date 2019-05-05 Headline\nBody one.\n").unwrap();
    std::fs::write(&undated, "Body two.\n").unwrap();
    whosaid(&db)
        .args(["ingest", "--date", "2020-01-02"])
        .args([&dated, &undated])
        .assert()
        .success();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "Body three.\n").unwrap();
    whosaid(&db).arg("ingest").arg(&plain).assert().success();
    let s = Store::open(&db).unwrap();
    let key = |p: &Path| p.display().to_string();
    assert_eq!(
        s.document(&key(&dated))
            .unwrap()
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2019-05-05")
    );
    assert_eq!(
        s.document(&key(&undated))
            .unwrap()
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-01-02")
    );
    assert_eq!(s.document(&key(&plain)).unwrap().published, None);
    whosaid(&db)
        .args(["ingest", "--date", "last week"])
        .arg(&plain)
        .assert()
        .code(2);
}

#[test]
fn newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    Store::open(&db)
        .unwrap()
        .conn()
        .execute_batch("PRAGMA user_version = 1000")
        .unwrap();
    let out = whosaid(&db).arg("quotes").assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn search_text_with_fts_syntax_is_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    for q in ["foo AND (", "\"foo", "foo*", "NOT", ")(", "bar) OR (x"] {
        let out = whosaid(&db)
            .args(["quotes", "--format", "jsonl", "--search", q])
            .output()
            .unwrap();
        let rows = json_lines(&out.stdout);
        assert!(rows.len() <= 1, "{q}: {rows:?}");
        // Nothing matched exits 1, as grep does; a match exits 0.
        let code = if rows.is_empty() { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(code), "{q}");
    }
    let out = whosaid(&db)
        .args(["quotes", "--format", "jsonl", "--search", "foo AND ("])
        .assert()
        .success();
    let rows = json_lines(&out.get_output().stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["text"], "foo and bar,");
}

#[test]
fn quotes_are_newest_first_and_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = whosaid(&db)
        .args(["quotes", "--format", "jsonl"])
        .assert()
        .success();
    let dates: Vec<String> = json_lines(&out.get_output().stdout)
        .iter()
        .map(|r| r["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2025-03-01", "2025-02-01", "2025-01-01"]);
    let out = whosaid(&db)
        .args(["quotes", "--format", "csv", "--since", "2025-01-15"])
        .args(["--until", "2025-02-15"])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    whosaid(&db)
        .args(["quotes", "--since", "2025-1-1"])
        .assert()
        .code(2);
    let out = whosaid(&db).args(["quotes"]).assert().success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(table.starts_with("date"), "{table}");
    assert!(table.contains("Hakan Fidan"), "{table}");
}

#[test]
fn merge_then_split_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let speaker_ids = |name: &str| -> Vec<i64> {
        let out = whosaid(&db)
            .args(["quotes", "--format", "jsonl", "--speaker", name])
            .assert()
            .success();
        json_lines(&out.get_output().stdout)
            .iter()
            .map(|r| r["speaker_id"].as_i64().unwrap())
            .collect()
    };
    // The title and surname alone stand for the one full name: one speaker, found
    // by surname, accents ignored.
    let ids = speaker_ids("ERDOĞAN");
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
    whosaid(&db)
        .args([
            "speakers",
            "split",
            &ids[0].to_string(),
            "president erdogan",
        ])
        .assert()
        .success();
    let split = speaker_ids("President Erdogan");
    let kept = speaker_ids("Recep Tayyip Erdogan");
    assert_eq!((split.len(), kept.len()), (1, 1));
    assert_ne!(split[0], kept[0]);
    // Now "Mr. Erdogan" fits two speakers: an error naming both, not a guess.
    let out = whosaid(&db)
        .args(["speakers", "merge", "Mr. Erdogan", "fidan"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("Recep Tayyip Erdoğan") && err.contains(&format!("#{}", split[0])),
        "{err}"
    );
    whosaid(&db)
        .args([
            "speakers",
            "merge",
            "recep tayyip erdogan",
            "President Erdoğan",
        ])
        .assert()
        .success();
    let ids = speaker_ids("President Erdogan");
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
    let out = whosaid(&db)
        .args(["speakers", "--format", "json", "--search", "erdo"])
        .assert()
        .success();
    let list: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["quotes"], 2);
    assert_eq!(list[0]["first_seen"], "2025-01-01");
    assert_eq!(list[0]["last_seen"], "2025-02-01");
    whosaid(&db)
        .args(["speakers", "alias", "nobody", "x"])
        .assert()
        .failure();
    whosaid(&db)
        .args(["speakers", "alias", "fidan", "Turkey's top diplomat"])
        .assert()
        .success();
    assert_eq!(speaker_ids("turkey’s top diplomat").len(), 1);
    let out = whosaid(&db)
        .args(["speakers", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(csv.contains("Turkey's top diplomat"), "{csv}");
}

#[test]
fn show_marks_quotes_with_brackets_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = whosaid(&db).args(["show", "c"]).assert().success();
    let s = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        s.contains("\"[we will talk,][1]\" said Hakan Fidan."),
        "{s}"
    );
    assert!(s.contains("[1] Hakan Fidan"), "{s}");
    assert!(!s.contains('\x1b'), "{s}");
    whosaid(&db)
        .args(["show", "no-such-doc"])
        .assert()
        .failure();
}

/// Many small articles, each with a few quotes the extractor can find.
fn corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let text = format!(
            " date 2024-{:02}-{:02} Story {i}\n\
             KYIV — Talks resumed on Monday after a pause of {i} days.\n\n\
             \"We are ready to continue the negotiations on item {i},\" said Foreign \
             Minister Anna Berg{}.\n\n\
             A senior official, who spoke on condition of anonymity, said the delegation \
             would stay until Friday.\n\n\
             \"There is no deal yet,\" Berg{} told reporters. \"But we are close.\"\n",
            i % 12 + 1,
            i % 28 + 1,
            i % 40,
            i % 40
        );
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
}

/// The journal mode of the database at `db`, as a new connection finds it.
fn journal_mode(db: &Path) -> String {
    Store::open_read_only(db)
        .unwrap()
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// `ingest` fills a database it creates with a rollback journal (see
/// `Store::open_for_ingest`): killed during that first load it leaves whole documents
/// that a reader can query, and the database is in WAL once a load ends.
#[test]
fn killed_first_load_of_a_new_database_is_whole_and_ends_in_wal() {
    const N: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    std::fs::create_dir(&arts).unwrap();
    corpus(&arts, N);
    let db = dir.path().join("new.db");
    let mut child = spawn_ingest(&db, &arts);
    loop {
        // A reader waits for each commit rather than failing.
        let seen = db.exists()
            && Store::open_read_only(&db)
                .and_then(|s| s.stats())
                .is_ok_and(|s| s.documents > 0);
        if seen || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().ok();
    child.wait().unwrap();

    let killed = Store::open_read_only(&db).unwrap().stats().unwrap();
    eprintln!("killed after {} of {N} documents", killed.documents);
    assert!(killed.documents as usize <= N);
    Store::open(&db).unwrap().check().unwrap();
    // A write open finishes what the killed load could not.
    assert_eq!(journal_mode(&db), "wal");

    whosaid(&db).arg("ingest").arg(&arts).assert().success();
    let done = Store::open_read_only(&db).unwrap();
    assert_eq!(done.stats().unwrap().documents as usize, N);
    done.check().unwrap();
    assert_eq!(journal_mode(&db), "wal");

    // A load that ends normally leaves a WAL database and no journal beside it.
    let other = dir.path().join("other.db");
    whosaid(&other).arg("ingest").arg(&arts).assert().success();
    assert_eq!(journal_mode(&other), "wal");
    assert!(!dir.path().join("other.db-journal").exists());
    assert_eq!(
        Store::open_read_only(&other)
            .unwrap()
            .stats()
            .unwrap()
            .documents as usize,
        N
    );
}

#[test]
fn killed_ingest_leaves_whole_documents_and_a_rerun_completes() {
    const N: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    std::fs::create_dir(&arts).unwrap();
    corpus(&arts, N);
    let db = dir.path().join("k.db");
    // A second connection, open before and during the write (WAL lets it read).
    let reader = Store::open(&db).unwrap();

    let mut child = spawn_ingest(&db, &arts);
    let seen = loop {
        // Every read must succeed while the writer is busy.
        let seen = reader.stats().expect("read during ingest").documents;
        if seen > 0 || child.try_wait().unwrap().is_some() {
            break seen;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    child.kill().ok(); // SIGKILL on Unix; fails harmlessly if it already finished.
    child.wait().unwrap();
    // Finishing before the first poll saw a document is possible on a fast machine;
    // then the checks below still hold, they just test less.
    if seen == 0 {
        eprintln!("ingest finished before it could be killed");
    }

    let after_kill = reader.stats().unwrap();
    eprintln!("killed after {} of {N} documents", after_kill.documents);
    reader.check().unwrap();
    assert!(after_kill.documents as usize <= N);

    // What a fresh extraction finds for each document.
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&arts)
        .assert()
        .success();
    let mut expected: HashMap<String, i64> = HashMap::new();
    for r in json_lines(&out.get_output().stdout) {
        *expected
            .entry(r["doc"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let whole = |s: &Store| {
        for (key, n) in s.quote_counts().unwrap() {
            assert_eq!(
                n,
                expected.get(&key).copied().unwrap_or(0),
                "document {key} is stored with some of its quotes"
            );
        }
    };
    whole(&reader);

    // What the killed run stored but had not indexed yet is still found by a search,
    // by the reader that watched it and by a new process.
    let stored: i64 = reader
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM quotes WHERE text LIKE '%negotiations%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let f = store::QuoteFilter {
        search: Some("negotiations".into()),
        ..Default::default()
    };
    assert_eq!(reader.quotes(&f).unwrap().len() as i64, stored);
    let out = whosaid(&db)
        .args(["quotes", "--search", "negotiations", "--limit", "100000"])
        .args(["--format", "jsonl"])
        .assert()
        .success();
    assert_eq!(json_lines(&out.get_output().stdout).len() as i64, stored);

    // The rerun stores the rest and skips what is there.
    let out = whosaid(&db).arg("ingest").arg(&arts).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains(&format!("{} duplicates", after_kill.documents)),
        "{err}"
    );
    let done = reader.stats().unwrap();
    assert_eq!(done.documents as usize, N);
    assert_eq!(done.quotes, expected.values().sum::<i64>());
    reader.check().unwrap();
    whole(&reader);
    // Every quotation is in a claim, including those the killed run stored but had
    // not grouped yet.
    let ungrouped: i64 = reader
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM quotes q WHERE NOT EXISTS \
             (SELECT 1 FROM sightings s WHERE s.quote_id = q.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ungrouped, 0);
    // The long-lived reader searches what a fresh connection searches.
    let fresh = Store::open(&db).unwrap();
    for w in ["negotiations", "deal", "close"] {
        let f = store::QuoteFilter {
            search: Some(w.into()),
            ..Default::default()
        };
        assert_eq!(reader.quotes(&f).unwrap(), fresh.quotes(&f).unwrap(), "{w}");
    }
}

#[test]
fn reading_commands_do_not_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    for args in [&["quotes"][..], &["speakers"], &["show", "1"]] {
        let out = whosaid(&db).args(args).assert().failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains("no database"), "{err}");
    }
    assert!(!db.exists());
}

#[test]
fn a_document_the_store_refuses_fails_alone_and_a_rerun_stores_it() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    std::fs::create_dir(&arts).unwrap();
    corpus(&arts, 12);
    let db = dir.path().join("r.db");
    // A database that refuses, after its document row is written, the quotations of
    // one article: ingest shares a transaction between documents, and must not lose
    // the others of that batch nor keep half of this one.
    Store::open(&db)
        .unwrap()
        .conn()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON quotes \
             WHEN (SELECT path FROM documents WHERE id = new.doc_id) LIKE '%00005.txt' \
             BEGIN SELECT RAISE(ABORT, 'refused by test'); END;",
        )
        .unwrap();
    let out = whosaid(&db).arg("ingest").arg(&arts).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("00005") && err.contains("refused by test"),
        "{err}"
    );
    assert!(
        err.contains("ingested 11 documents") && err.contains("1 errors"),
        "{err}"
    );
    let stored = Store::open(&db).unwrap();
    let counts = stored.quote_counts().unwrap();
    assert_eq!(counts.len(), 11);
    assert!(
        counts
            .iter()
            .all(|(key, n)| !key.contains("00005") && *n > 0)
    );
    let half: i64 = stored
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM documents WHERE path LIKE '%00005.txt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(half, 0);
    stored.check().unwrap();

    stored.conn().execute_batch("DROP TRIGGER refuse").unwrap();
    let out = whosaid(&db).arg("ingest").arg(&arts).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("ingested 1 documents") && err.contains("11 duplicates"),
        "{err}"
    );
    assert_eq!(stored.quote_counts().unwrap().len(), 12);
}
