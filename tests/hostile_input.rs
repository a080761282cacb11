//! End-to-end: hostile and careless input (issue #12). Malformed dates, folders that
//! link to themselves, byte-order marks, escape sequences in articles, impossible
//! dates, huge numeric ids and empty files: each is a clear message naming the file,
//! the rest of the input goes on, and nothing reaches the terminal but text.

use std::path::Path;

use crate::common::{json_lines, whosaid, whosaid_bin};

const QUOTE: &str = "\"We will rebuild the bridge,\" said Bob Jones.\n";

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).unwrap();
}

fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

fn stdout_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// The `doc` of every JSON line `segment` or `extract` wrote, in order, once each.
fn docs(out: &assert_cmd::assert::Assert) -> Vec<String> {
    let mut docs: Vec<String> = json_lines(&out.get_output().stdout)
        .iter()
        .map(|l| l["doc"].as_str().unwrap().to_string())
        .collect();
    docs.dedup();
    docs
}

/// Item 1: a date whose tenth byte falls inside a multi-byte character panicked.
#[test]
fn a_malformed_json_date_is_an_error_for_its_line_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.jsonl");
    write(
        &file,
        concat!(
            "{\"id\":\"x\",\"text\":\"\\\"Hi,\\\" said Bob Jones.\",\"date\":\"2025-01-0€\"}\n",
            "{\"id\":\"y\",\"text\":\"\\\"Bye,\\\" said Bob Jones.\",\"date\":\"2025-01-02\"}\n",
        ),
    );
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&file)
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("d.jsonl:1: invalid date"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(docs(&out), ["y"]);
}

/// A folder `dir` with `a.txt`, `sub/b.txt`, two links to itself, a link to a file and
/// a link to a folder outside it (`elsewhere`, holding `c.txt`).
fn linked_tree() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("dir");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(root.path().join("elsewhere")).unwrap();
    write(&dir.join("a.txt"), "A said it. Then A left.\n");
    write(&dir.join("sub/b.txt"), "B said it. Then B left.\n");
    write(
        &root.path().join("elsewhere/c.txt"),
        "C said it. Then C left.\n",
    );
    write(&root.path().join("d.txt"), "D said it. Then D left.\n");
    std::os::unix::fs::symlink(".", dir.join("loop1")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop2")).unwrap();
    std::os::unix::fs::symlink("../d.txt", dir.join("link-to-file.txt")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", dir.join("link-to-folder")).unwrap();
    root
}

/// Item 2: links to folders are not followed unless asked; a link to a file is read.
#[test]
fn a_folder_linking_to_itself_is_read_once() {
    let root = linked_tree();
    let dir = root.path().join("dir");
    let out = whosaid_bin()
        .args(["segment", "--format", "jsonl"])
        .arg(&dir)
        .assert()
        .success();
    let names: Vec<String> = docs(&out)
        .iter()
        .map(|d| d.strip_prefix(dir.to_str().unwrap()).unwrap().to_string())
        .collect();
    // File-name order, depth first, as before the walk was streamed.
    assert_eq!(names, ["/a.txt", "/link-to-file.txt", "/sub/b.txt"]);
    assert_eq!(stderr_of(&out), "");
}

/// Item 2: with `--follow`, every folder is entered once however many links lead back
/// to it, and the loops are reported as warnings (nothing was lost: exit 0).
#[test]
fn following_links_detects_loops() {
    let root = linked_tree();
    let dir = root.path().join("dir");
    let out = whosaid_bin()
        .args(["segment", "--format", "jsonl", "--follow"])
        .arg(&dir)
        .assert()
        .success();
    let names: Vec<String> = docs(&out)
        .iter()
        .map(|d| d.strip_prefix(dir.to_str().unwrap()).unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "/a.txt",
            "/link-to-file.txt",
            "/link-to-folder/c.txt",
            "/sub/b.txt"
        ]
    );
    let stderr = stderr_of(&out);
    assert_eq!(stderr.matches("warning").count(), 2, "{stderr}");
    assert!(stderr.contains("loop1: not followed"), "{stderr}");
}

/// Item 6: a byte-order mark hid a text file's date header and first quotation.
#[test]
fn a_byte_order_mark_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("bom.txt");
    write(
        &text,
        format!("\u{feff} date 2025-03-04 Bridge news\n{QUOTE}"),
    );
    let db = dir.path().join("w.db");
    whosaid(&db).arg("ingest").arg(&text).assert().success();
    let out = whosaid(&db)
        .args(["quotes", "--format", "jsonl"])
        .assert()
        .success();
    let rows = json_lines(&out.get_output().stdout);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["date"], "2025-03-04");
    assert_eq!(rows[0]["title"], "Bridge news");
    assert_eq!(rows[0]["text"], "We will rebuild the bridge,");

    let line = serde_json::json!({"id": "j1", "text": QUOTE}).to_string();
    let jsonl = dir.path().join("bom.jsonl");
    write(&jsonl, format!("\u{feff}{line}\n\u{feff}{line}\n"));
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&jsonl)
        .assert()
        .success();
    assert_eq!(json_lines(&out.get_output().stdout).len(), 2);

    // Standard input with --input auto: the mark does not hide the JSON lines.
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(format!("\u{feff}\n  {line}\n"))
        .assert()
        .success();
    assert_eq!(docs(&out), ["j1"]);
}

/// An article whose text and title carry escape sequences (colour, window title, clear
/// screen, bell) and a C1 control.
const HOSTILE: &str = " date 2025-03-04 \u{1b}]0;pwned\u{7}Title\n\
    \"We will rebuild\u{1b}[0m the \u{1b}[31m\u{9b}2Jbridge,\" said Bob Jones. \u{1b}[2J\n\n\
    \"=1+2 is the answer,\" Jones said.\n";

fn assert_clean(what: &str, out: &assert_cmd::assert::Assert) {
    let stdout = stdout_of(out);
    assert!(!stdout.is_empty(), "{what}: no output");
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "{what}: {stdout:?}"
    );
}

/// Item 7: control characters from articles never reach the terminal.
#[test]
fn escape_sequences_are_shown_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.txt");
    write(&file, HOSTILE);
    let out = whosaid_bin().arg("extract").arg(&file).assert().success();
    assert_clean("extract", &out);
    assert!(
        stdout_of(&out).contains("rebuild␛[0m the ␛[31m\u{fffd}2Jbridge"),
        "{}",
        stdout_of(&out)
    );
    let out = whosaid_bin().arg("segment").arg(&file).assert().success();
    assert_clean("segment", &out);

    let db = dir.path().join("w.db");
    whosaid(&db).arg("ingest").arg(&file).assert().success();
    for args in [
        &["quotes"][..],
        &["show", "1"],
        &["claims"],
        &["timeline", "Jones"],
        &["check", "rebuild"],
        &["speakers"],
    ] {
        let out = whosaid(&db).args(args).assert().success();
        assert_clean(args[0], &out);
    }
    // Machine formats keep the exact text: JSON escapes controls itself.
    let out = whosaid(&db)
        .args(["quotes", "--format", "jsonl"])
        .assert()
        .success();
    let texts: Vec<String> = json_lines(&out.get_output().stdout)
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    assert!(texts.iter().any(|t| t.contains("\u{1b}[0m")), "{texts:?}");
    // CSV cells a spreadsheet would run as formulas are neutralised.
    let out = whosaid(&db)
        .args(["quotes", "--format", "csv"])
        .assert()
        .success();
    let csv = stdout_of(&out);
    assert!(csv.contains(",\"'=1+2 is the answer,\","), "{csv}");
}

/// Item 7: a hostile file name in an error message is shown, not run.
#[test]
fn a_hostile_file_name_is_shown_not_run() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("bad\u{1b}[2J.txt"), b"\xff");
    let out = whosaid_bin()
        .arg("extract")
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("bad␛[2J.txt: invalid UTF-8"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

/// Item 8: impossible dates are refused wherever a date is read.
#[test]
fn impossible_dates_are_refused_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("dates.jsonl");
    let lines: Vec<String> = ["2025-02-30", "2025-02-29", "0000-01-01", "2024-02-29"]
        .iter()
        .enumerate()
        .map(|(i, d)| serde_json::json!({"id": i + 1, "text": QUOTE, "date": d}).to_string())
        .collect();
    write(&jsonl, lines.join("\n"));
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&jsonl)
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    for line in [
        "dates.jsonl:1: invalid date: \"2025-02-30\" is not a calendar date",
        "dates.jsonl:2: invalid date: \"2025-02-29\" is not a calendar date",
        "dates.jsonl:3: invalid date: \"0000-01-01\" is not a plausible date",
    ] {
        assert!(stderr.contains(line), "missing {line:?} in {stderr}");
    }
    assert_eq!(docs(&out), ["4"]);

    for (name, date) in [("a.txt", "2025-02-30"), ("b.txt", "0000-01-01")] {
        write(
            &dir.path().join(name),
            format!(" date {date} Title\n{QUOTE}"),
        );
    }
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("a.txt: invalid date in header line"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b.txt: invalid date in header line"),
        "{stderr}"
    );

    let db = dir.path().join("w.db");
    for args in [
        &["ingest", "--date", "2025-02-30", "-"][..],
        &["quotes", "--since", "2025-02-29"],
        &["quotes", "--until", "0000-01-01"],
        &["claims", "--since", "2023-02-29"],
        &["check", "x", "--until", "2025-04-31"],
    ] {
        let out = whosaid(&db).args(args).write_stdin("").assert().code(2);
        let stderr = stderr_of(&out);
        assert!(stderr.contains("invalid value"), "{args:?}: {stderr}");
    }
    assert!(!db.exists(), "nothing was stored");
}

/// Item 9: long numeric ids keep their digits, so two of them never collide.
#[test]
fn long_numeric_ids_keep_their_exact_text() {
    let input = format!(
        "{}\n{}\n",
        r#"{"id": 123456789012345678901234567890, "text": "\"Yes,\" said Bob Jones."}"#,
        r#"{"id": 123456789012345678901234567891, "text": "\"No,\" said Bob Jones."}"#,
    );
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .success();
    assert_eq!(
        docs(&out),
        [
            "123456789012345678901234567890",
            "123456789012345678901234567891"
        ]
    );
}

/// An empty or blank file, or a JSON line with no text, is no document: an error
/// naming it, and the rest goes on.
#[test]
fn empty_articles_are_errors_not_documents() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a-blank.txt"), " \n\t\n");
    write(
        &dir.path().join("b-header-only.txt"),
        " date 2025-01-01 T\n",
    );
    write(&dir.path().join("c-good.txt"), QUOTE);
    write(
        &dir.path().join("d.jsonl"),
        "{\"id\": \"e\", \"text\": \"  \"}\n",
    );
    let db = dir.path().join("w.db");
    let out = whosaid(&db).arg("ingest").arg(dir.path()).assert().code(1);
    let stderr = stderr_of(&out);
    for message in [
        "a-blank.txt: empty file; skipped",
        "b-header-only.txt: no text after the date line; skipped",
        "d.jsonl:1: \"text\" is empty; skipped",
    ] {
        assert!(stderr.contains(message), "missing {message:?} in {stderr}");
    }
    assert!(stderr.contains("ingested 1 documents"), "{stderr}");
}
