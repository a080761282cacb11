//! Issue #12, the database side: concurrent creation, foreign SQLite files, read-only
//! databases, and what the store's commands say when something is wrong.

use std::path::{Path, PathBuf};
use std::process::Command;

use store::Store;

use crate::common::{json_lines, spawn_ingest, whosaid, whosaid_bin};

fn quote_count(db: &Path) -> usize {
    let out = whosaid(db)
        .args(["quotes", "--format", "jsonl"])
        .output()
        .unwrap();
    crate::common::assert_ok(&out);
    json_lines(&out.stdout).len()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Item 4: the second process creating a new database used to fail at once with
/// "database is locked" (switching a new file to WAL does not wait on the busy
/// handler), and its input was not stored.
#[test]
fn two_processes_creating_one_database_both_store() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "\"We will talk,\" said Hakan Fidan.\n");
    let b = write(dir.path(), "b.txt", "\"We will not,\" said Bob Jones.\n");
    for round in 0..10 {
        let db = dir.path().join(format!("race{round}.db"));
        let (pa, pb) = (spawn_ingest(&db, &a), spawn_ingest(&db, &b));
        for p in [pa, pb] {
            let out = p.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {err}");
        }
        assert_eq!(quote_count(&db), 2, "round {round}");
    }
}

/// A foreign SQLite database at `path`: another application's table, made through an
/// attached file so that this test needs no SQLite of its own.
fn foreign_database(path: &Path) {
    let db = Store::open_in_memory().unwrap();
    let quoted = path.display().to_string().replace('\'', "''");
    db.conn()
        .execute_batch(&format!(
            "ATTACH DATABASE '{quoted}' AS f; \
             CREATE TABLE f.notes(id INTEGER PRIMARY KEY, body TEXT); \
             INSERT INTO f.notes(body) VALUES ('keep me'); DETACH DATABASE f;"
        ))
        .unwrap();
}

/// The files in `dir`, sorted, with their bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Item 5: every command used to migrate whatever SQLite file --db named.
#[test]
fn foreign_database_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", "\"We will talk,\" said Hakan Fidan.\n");
    let home = dir.path().join("db");
    std::fs::create_dir(&home).unwrap();
    let db = home.join("notes.db");
    foreign_database(&db);
    let before = snapshot(&home);
    for args in [
        vec!["quotes"],
        vec!["speakers"],
        vec!["show", "1"],
        vec!["claims"],
        vec!["ingest", article.to_str().unwrap()],
        vec!["speakers", "alias", "1", "x"],
    ] {
        let out = whosaid_bin()
            .arg("--db")
            .arg(&db)
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("not a whosaid database"), "{args:?}: {err}");
        assert!(err.contains("notes"), "{args:?}: {err}");
        assert_eq!(snapshot(&home), before, "{args:?} touched the foreign file");
    }
    // A file that is not SQLite at all is refused the same way.
    let text = write(&home, "text.db", "just text\n");
    let out = whosaid(&text).arg("ingest").arg(&article).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an SQLite database"));
    assert_eq!(std::fs::read(&text).unwrap(), b"just text\n");
}

/// Item 5: read-only commands do not migrate; an empty file is only set up by ingest,
/// and a whosaid database made before the application id still opens.
#[test]
fn only_ingest_creates_or_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.db", "");
    let out = whosaid(&empty).arg("quotes").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("run `whosaid ingest`"), "{err}");
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    let article = write(dir.path(), "a.txt", "\"We will talk,\" said Hakan Fidan.\n");
    whosaid(&empty)
        .arg("ingest")
        .arg(&article)
        .assert()
        .success();
    assert_eq!(quote_count(&empty), 1);

    // Version 5 (before the application id): queried as is, stamped by ingest.
    let old = dir.path().join("old.db");
    whosaid(&old).arg("ingest").arg(&article).assert().success();
    Store::open(&old)
        .unwrap()
        .conn()
        .execute_batch(
            "ALTER TABLE quotes DROP COLUMN parts; DROP TABLE names; \
             ALTER TABLE aliases DROP COLUMN node; ALTER TABLE sightings DROP COLUMN bound; \
             PRAGMA application_id = 0; PRAGMA user_version = 5;",
        )
        .unwrap();
    let before = std::fs::read(&old).unwrap();
    assert_eq!(quote_count(&old), 1);
    assert_eq!(std::fs::read(&old).unwrap(), before, "quotes wrote");
    let b = write(dir.path(), "b.txt", "\"We will not,\" said Bob Jones.\n");
    whosaid(&old).arg("ingest").arg(&b).assert().success();
    let id: i32 = Store::open_read_only(&old)
        .unwrap()
        .conn()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, store::APPLICATION_ID);
}

/// A failed migration says which one and why, without the migration's SQL.
#[test]
fn failed_migration_does_not_dump_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("half.db");
    let half = Store::open_in_memory().unwrap();
    let quoted = db.display().to_string().replace('\'', "''");
    half.conn()
        .execute_batch(&format!(
            "ATTACH DATABASE '{quoted}' AS f; PRAGMA f.application_id = {}; \
             CREATE TABLE f.documents(x); DETACH DATABASE f;",
            store::APPLICATION_ID
        ))
        .unwrap();
    let article = write(dir.path(), "a.txt", "\"We will talk,\" said Hakan Fidan.\n");
    let out = whosaid(&db).arg("ingest").arg(&article).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("version 1 failed"), "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(!err.contains("CREATE"), "{err}");
}

/// How to run the binary as a user without write permission on a folder: directly
/// when not root, through `setpriv` as `nobody` when root (root ignores permissions);
/// `None`, with a message, when neither works.
fn unprivileged() -> Option<Vec<String>> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(Vec::new());
    }
    let prefix: Vec<String> = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ]
    .map(String::from)
    .to_vec();
    let works = Command::new(&prefix[0])
        .args(&prefix[1..])
        .arg(whosaid_bin().get_program())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        Some(prefix)
    } else {
        eprintln!(
            "skipping the permission part: running as root and cannot run whosaid as \
             nobody through setpriv"
        );
        None
    }
}

fn run_as(prefix: &[String], db: &Path, args: &[&str]) -> std::process::Output {
    let mut c = match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(whosaid_bin().get_program());
            c
        }
        None => Command::new(whosaid_bin().get_program()),
    };
    c.env_remove("WHOSAID_DB")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Item 10: a database in a read-only folder (a shared archive, a snapshot) used to
/// fail with "attempt to write a readonly database". And the small one: ingest into
/// a database it cannot write stops at the first write error, with one message.
#[cfg(unix)]
#[test]
fn read_only_folder_can_be_queried() {
    let Some(prefix) = unprivileged() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let a = write(dir.path(), "a.txt", "\"We will talk,\" said Hakan Fidan.\n");
    let src = dir.path().join("src.db");
    whosaid(&src).arg("ingest").arg(&a).assert().success();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let db = ro.join("w.db");
    std::fs::copy(&src, &db).unwrap();
    chmod(&db, 0o444);
    chmod(&ro, 0o555);
    let before = snapshot(&ro);
    for args in [
        &["quotes", "--format", "jsonl"][..],
        &["speakers", "--format", "jsonl"],
        &["claims", "--format", "jsonl"],
        &["check", "we will talk", "--format", "jsonl"],
        &["timeline", "Fidan", "--format", "jsonl"],
        &["show", "1"],
    ] {
        let out = run_as(&prefix, &db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(snapshot(&ro), before);
    // A log the reader cannot index is refused, not silently ignored.
    chmod(&ro, 0o755);
    std::fs::write(ro.join("w.db-wal"), b"").unwrap();
    chmod(&ro, 0o555);
    let out = run_as(&prefix, &db, &["quotes"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("write-ahead log"), "{err}");
    chmod(&ro, 0o755);
    std::fs::remove_file(ro.join("w.db-wal")).unwrap();

    // Writing fails for every document alike: one message, then stop.
    let many: Vec<PathBuf> = (0..4)
        .map(|i| {
            write(
                dir.path(),
                &format!("n{i}.txt"),
                &format!("\"Point {i},\" said Ana Lopez.\n"),
            )
        })
        .collect();
    let mut args = vec!["ingest"];
    args.extend(many.iter().map(|p| p.to_str().unwrap()));
    let out = run_as(&prefix, &db, &args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("whosaid:").count(), 1, "{err}");
    assert!(err.contains("readonly"), "{err}");
    chmod(&ro, 0o755);
}

/// Small ones: `speakers merge` names the merged speakers as stored; `speakers alias`
/// refuses an alias another speaker has; `show KEY` lists documents sharing the key.
#[test]
fn speaker_edits_and_shared_keys_say_what_they_mean() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let one = write(
        dir.path(),
        "one.jsonl",
        "{\"id\": \"x\", \"text\": \"\\\"We will talk,\\\" said Hakan Fidan.\"}\n",
    );
    let two = write(
        dir.path(),
        "two.jsonl",
        "{\"id\": \"x\", \"text\": \"\\\"We will not,\\\" said Bob Jones.\"}\n",
    );
    whosaid(&db)
        .arg("ingest")
        .args([&one, &two])
        .assert()
        .success();

    let out = whosaid(&db).args(["show", "x"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("#1 (") && err.contains("#2 ("), "{err}");
    assert!(
        err.contains("one.jsonl") && err.contains("two.jsonl"),
        "{err}"
    );
    assert!(err.contains("show #ID"), "{err}");
    let out = whosaid(&db).args(["show", "#2"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Bob Jones"));

    let out = whosaid(&db)
        .args(["speakers", "alias", "Hakan Fidan", "Bob Jones"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("already an alias of speaker 2 (Bob Jones)"),
        "{err}"
    );

    let out = whosaid(&db)
        .args(["speakers", "merge", "1", "jones"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("merged speaker 2 (Bob Jones) into 1 (Hakan Fidan)"),
        "{err}"
    );
}
