//! Reading results in a terminal, and the research filters and exports: tables that fit
//! and wrap (never cut when piped), blocks, the notes on what a limit left out, the
//! no-match convention, closed pipes, colour, help, completions and the man page;
//! `--outlet`, `--sort`, `--min-confidence` and periods on every query command, and the
//! citation fields of exports. On `fixtures/terminal/news.jsonl`: three articles from
//! two outlets with URLs, one quotation 170 characters long.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{fixture, json_lines, whosaid, whosaid_bin};

/// The long quotation of the fixture, whole.
const LONG: &str = "We will build the bridge before the winter storms arrive, and every family \
on the north shore will be able to cross it on foot, by bicycle or by tram without paying a \
single toll,";

fn news_db(dir: &Path) -> PathBuf {
    let db = dir.join("news.db");
    whosaid(&db)
        .arg("ingest")
        .arg(fixture("terminal/news.jsonl"))
        .assert()
        .success();
    db
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The words of `text`, whatever the lines and indentation.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn tables_fit_the_width_and_wrap_the_quotation() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    for cmd in [
        vec!["quotes"],
        vec!["timeline", "Anna Holm"],
        vec!["check", "build the bridge"],
        vec!["claims"],
        vec!["speakers"],
    ] {
        let out = whosaid(&db)
            .args(&cmd)
            .env("COLUMNS", "60")
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
        let text = stdout(&out);
        for line in text.lines() {
            assert!(line.chars().count() <= 60, "{cmd:?}: {line:?} in\n{text}");
        }
        if cmd[0] != "speakers" && cmd[0] != "claims" {
            // Wrapped, not cut: every word of the quotation is there, in order.
            assert!(words(&text).contains("bicycle or by"), "{cmd:?}:\n{text}");
            assert!(!text.contains('…'), "{cmd:?}:\n{text}");
        }
    }
    // Every table of quotations says what kind each is.
    for cmd in [
        vec!["quotes"],
        vec!["timeline", "Holm"],
        vec!["check", "bridge"],
    ] {
        let out = whosaid(&db).args(&cmd).output().unwrap();
        let text = stdout(&out);
        assert!(text.contains("kind"), "{cmd:?}: {text}");
        assert!(
            text.contains("direct") && text.contains("indirect"),
            "{cmd:?}: {text}"
        );
    }
}

#[test]
fn piped_output_is_never_cut_or_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    let out = whosaid(&db)
        .arg("quotes")
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains("We will build")).unwrap();
    assert!(line.ends_with(LONG), "{line:?}");
    assert_eq!(
        text.lines().count(),
        7,
        "a header and one line a row:\n{text}"
    );
    // The timeline names who spoke on every row.
    let out = whosaid(&db).args(["timeline", "Holm"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().contains("speaker"), "{text}");
    assert_eq!(text.matches("Anna Holm").count(), 2, "{text}");
}

#[test]
fn blocks_show_one_quotation_each() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    let out = whosaid(&db)
        .args(["quotes", "--layout", "blocks", "--speaker", "Holm"])
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    let text = stdout(&out);
    let blocks: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{text}");
    let long = blocks[1];
    let head = long.lines().next().unwrap();
    for part in ["Anna Holm", "2024-03-04", "harbour-gazette", "direct"] {
        assert!(head.contains(part), "{head}");
    }
    assert!(
        long.lines()
            .skip(1)
            .all(|l| l.starts_with("    ") && l.len() <= 50),
        "{long}"
    );
    assert_eq!(words(long.split_once('\n').unwrap().1), LONG);
    // The other commands lay out blocks too.
    for cmd in [
        vec!["timeline", "Holm"],
        vec!["check", "bridge"],
        vec!["claims"],
    ] {
        let out = whosaid(&db)
            .args(&cmd)
            .args(["--layout", "blocks"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd:?}");
        assert!(stdout(&out).contains(" · "), "{cmd:?}: {}", stdout(&out));
    }
}

#[test]
fn a_limit_that_cuts_says_so_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    for (cmd, total) in [
        (vec!["quotes"], 6),
        (vec!["speakers"], 3),
        (vec!["claims"], 6),
        (vec!["timeline", "Holm"], 2),
        (vec!["check", "bridge"], 3),
    ] {
        let out = whosaid(&db)
            .args(&cmd)
            .args(["--limit", "1"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd:?}");
        assert_eq!(
            stderr(&out),
            format!("showing 1 of {total} (use --limit 0 for all)\n"),
            "{cmd:?}"
        );
        for all in ["0", "100"] {
            let out = whosaid(&db)
                .args(&cmd)
                .args(["--limit", all])
                .output()
                .unwrap();
            assert_eq!(stderr(&out), "", "{cmd:?} --limit {all}");
        }
    }
}

#[test]
fn nothing_matched_exits_1_in_every_command_and_csv_keeps_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    for cmd in [
        vec!["quotes", "--search", "zebra"],
        vec!["quotes", "--speaker", "Nobody Atall"],
        vec!["speakers", "--search", "zebra"],
        vec!["claims", "--outlet", "nowhere"],
        vec!["timeline", "Holm", "--since", "2030-01-01"],
        vec!["timeline", "Nobody Atall"],
        vec!["claims", "--speaker", "Nobody Atall"],
        vec!["check", "zebra giraffe"],
    ] {
        for format in ["table", "json", "jsonl", "csv"] {
            let out = whosaid(&db)
                .args(&cmd)
                .args(["--format", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{cmd:?} {format}");
            assert!(!stderr(&out).is_empty(), "{cmd:?} {format}: says so");
            let text = stdout(&out);
            match format {
                "csv" => {
                    assert_eq!(text.lines().count(), 1, "{cmd:?}: the header only: {text}");
                }
                "json" => assert_eq!(text.trim(), "[]", "{cmd:?}"),
                _ => assert_eq!(text, "", "{cmd:?} {format}"),
            }
        }
    }
    let out = whosaid(&db)
        .args(["quotes", "--search", "zebra", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("id,date,speaker_id,speaker,"),
        "{}",
        stdout(&out)
    );
    // A reversed period is named.
    let out = whosaid(&db)
        .args(["quotes", "--since", "2024-06-01", "--until", "2024-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is after --until"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_closed_pipe_ends_quietly_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    for cmd in [
        vec!["quotes"],
        vec!["speakers"],
        vec!["claims"],
        vec!["timeline", "Holm"],
        vec!["check", "bridge"],
    ] {
        for format in ["table", "json", "jsonl", "csv"] {
            // The reading end is closed before the command starts: its first write fails.
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("whosaid"))
                .arg("--db")
                .arg(&db)
                .args(&cmd)
                .args(["--format", format])
                .stdout(writer)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{cmd:?} {format}: {}",
                stderr(&out)
            );
            assert_eq!(stderr(&out), "", "{cmd:?} {format}");
        }
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    let run = |args: &[&str], no_color: bool| {
        let mut c = whosaid(&db);
        if !no_color {
            c.env_remove("NO_COLOR");
        }
        stdout(&c.args(args).output().unwrap())
    };
    assert!(run(&["--color", "always", "show", "1"], true).contains("\x1b[1;33m"));
    assert!(run(&["show", "1", "--color", "always"], false).contains("\x1b["));
    assert!(!run(&["--color", "never", "show", "1"], false).contains('\x1b'));
    // auto: not a terminal here, and NO_COLOR set too.
    assert!(!run(&["show", "1"], true).contains('\x1b'));
    assert!(
        run(
            &["--color", "always", "quotes", "--layout", "blocks"],
            false
        )
        .contains("\x1b[1m")
    );
    whosaid(&db)
        .args(["--color", "sometimes", "quotes"])
        .assert()
        .code(2);
}

#[test]
fn help_has_examples_and_explains_the_markers() {
    for sub in [
        "ingest",
        "quotes",
        "speakers",
        "show",
        "check",
        "claims",
        "timeline",
        "completions",
        "man",
        "segment",
        "extract",
    ] {
        let out = whosaid_bin().args([sub, "--help"]).output().unwrap();
        let text = stdout(&out);
        assert!(text.contains("Examples:"), "{sub}: {text}");
        assert!(text.contains(&format!("whosaid {sub}")), "{sub}: {text}");
    }
    let out = whosaid_bin().args(["check", "--help"]).output().unwrap();
    let text = stdout(&out);
    for term in [
        "!  it changed",
        "=  it did not match",
        "number",
        "negation",
        "speaker ",
    ] {
        assert!(text.contains(term), "{term}: {text}");
    }
}

#[test]
fn completions_for_each_shell() {
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef whosaid"),
        ("fish", "complete -c whosaid"),
    ] {
        let out = whosaid_bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = stdout(&out);
        assert!(text.contains(mark), "{shell}: {text}");
        for word in ["timeline", "min-confidence", "layout"] {
            assert!(text.contains(word), "{shell}: {word}");
        }
    }
    whosaid_bin().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page() {
    let out = whosaid_bin().arg("man").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with(".ie \\n(.g .ds Aq") || text.contains(".TH whosaid"),
        "{text}"
    );
    assert!(text.contains(".TH whosaid 1"), "{text}");
    for word in ["quotes", "timeline", "completions"] {
        assert!(text.contains(word), "{word}");
    }
    // One subcommand's page has its options in full.
    let out = whosaid_bin().args(["man", "quotes"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.contains(".TH whosaid-quotes 1"), "{text}");
    assert!(text.contains("min\\-confidence"), "{text}");
    whosaid_bin().args(["man", "nonesuch"]).assert().code(1);
}

/// The rows `args` writes as JSON lines.
fn rows(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = whosaid(db)
        .args(args)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    json_lines(&out.stdout)
}

fn texts(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["text"].as_str().unwrap()).collect()
}

#[test]
fn filters_and_sorts_on_every_query_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    // --outlet, case ignored.
    let ledger = rows(&db, &["quotes", "--outlet", "CITY-LEDGER"]);
    assert_eq!(ledger.len(), 4);
    assert!(ledger.iter().all(|r| r["outlet"] == "city-ledger"));
    assert_eq!(
        rows(&db, &["timeline", "Holm", "--outlet", "city-ledger"]).len(),
        1
    );
    assert_eq!(
        rows(&db, &["claims", "--outlet", "harbour-gazette"]).len(),
        2
    );
    assert_eq!(
        rows(&db, &["check", "bridge", "--outlet", "city-ledger"]).len(),
        1
    );
    let out = whosaid(&db)
        .args(["speakers", "--outlet", "harbour-gazette", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), 3, "{}", stdout(&out));
    // --min-confidence: the fixture's indirect quotations are below 0.85.
    let sure = rows(&db, &["quotes", "--min-confidence", "0.85"]);
    assert_eq!(sure.len(), 3);
    assert!(
        sure.iter()
            .all(|r| r["confidence"].as_f64().unwrap() >= 0.85)
    );
    assert_eq!(
        rows(&db, &["timeline", "Holm", "--min-confidence", "0.85"]).len(),
        1
    );
    assert_eq!(rows(&db, &["claims", "--min-confidence", "0.85"]).len(), 3);
    whosaid(&db)
        .args(["quotes", "--min-confidence", "2"])
        .assert()
        .code(2);
    // --since/--until on the timeline.
    let march = rows(
        &db,
        &[
            "timeline",
            "Holm",
            "--since",
            "2024-03-05",
            "--until",
            "2024-03-31",
        ],
    );
    assert_eq!(texts(&march), ["the budget was sound"]);
    // --sort.
    let by_speaker = rows(&db, &["quotes", "--sort", "speaker"]);
    let names: Vec<&str> = by_speaker
        .iter()
        .map(|r| r["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Anna Holm",
            "Anna Holm",
            "Lena Berg",
            "Lena Berg",
            "Piet Vos",
            "Piet Vos"
        ]
    );
    let by_outlet = rows(&db, &["quotes", "--sort", "outlet"]);
    assert_eq!(by_outlet[0]["outlet"], "city-ledger");
    assert_eq!(by_outlet[5]["outlet"], "harbour-gazette");
    let timeline = rows(&db, &["timeline", "Holm", "--sort", "outlet"]);
    assert_eq!(timeline[0]["outlet"], "city-ledger");
    for cmd in [
        vec!["quotes"],
        vec!["claims"],
        vec!["check", "bridge"],
        vec!["timeline", "Holm"],
    ] {
        for sort in ["date", "speaker", "outlet", "spread"] {
            let out = whosaid(&db)
                .args(&cmd)
                .args(["--sort", sort])
                .output()
                .unwrap();
            assert!(out.status.success(), "{cmd:?} {sort}: {}", stderr(&out));
        }
    }
    for sort in ["name", "speaker"] {
        let speakers = rows(&db, &["speakers", "--sort", sort]);
        assert_eq!(speakers[0]["name"], "Anna Holm");
    }
}

#[test]
fn exports_carry_the_citation_under_the_same_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = news_db(dir.path());
    for cmd in [
        vec!["quotes"],
        vec!["timeline", "Holm"],
        vec!["check", "bridge"],
    ] {
        let all = rows(&db, &cmd);
        let r = all
            .iter()
            .find(|r| r["text"] == LONG)
            .unwrap_or_else(|| panic!("{cmd:?}: {all:#?}"));
        assert_eq!(r["url"], "https://example.org/harbour-1", "{cmd:?}");
        assert_eq!(r["title"], "Council approves the new bridge", "{cmd:?}");
        assert_eq!(r["doc_key"], "harbour-1", "{cmd:?}");
        assert_eq!(r["outlet"], "harbour-gazette", "{cmd:?}");
        assert_eq!(r["speaker"], "Anna Holm", "{cmd:?}");
        assert_eq!(r["kind"], "direct", "{cmd:?}");
        let context = r["context"].as_str().unwrap();
        assert!(
            context.starts_with("\"We will build") && context.ends_with("said Mayor Anna Holm."),
            "{cmd:?}: {context}"
        );
        for field in ["date", "doc_id", "confidence", "path"] {
            assert!(r.get(field).is_some(), "{cmd:?}: {field}");
        }
    }
    // The paragraph instead of the sentence; none at all.
    let para = rows(
        &db,
        &["quotes", "--speaker", "Vos", "--context", "paragraph"],
    );
    let first = para.iter().find(|r| r["doc_key"] == "harbour-1").unwrap();
    assert_eq!(
        first["context"],
        "The vote was close. Councillor Piet Vos said the bridge would cost more than planned."
    );
    let sentence = rows(&db, &["quotes", "--speaker", "Vos"]);
    let first = sentence
        .iter()
        .find(|r| r["doc_key"] == "harbour-1")
        .unwrap();
    assert_eq!(
        first["context"],
        "Councillor Piet Vos said the bridge would cost more than planned."
    );
    let none = rows(&db, &["quotes", "--context", "none"]);
    assert!(none.iter().all(|r| r["context"].is_null()));
    // CSV has the same columns.
    let out = whosaid(&db)
        .args(["timeline", "Holm", "--format", "csv"])
        .output()
        .unwrap();
    let header = stdout(&out).lines().next().unwrap().to_string();
    for field in ["speaker", "doc_key", "title", "url", "context"] {
        assert!(header.split(',').any(|h| h == field), "{field}: {header}");
    }
}

#[test]
fn ingest_with_no_path_on_a_terminal_prints_usage() {
    // `script` (util-linux) runs the command on a pseudo-terminal; `timeout` turns the
    // old behaviour, waiting on the terminal for articles, into a failure, not a hang.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let bin = assert_cmd::cargo::cargo_bin("whosaid");
    let line = format!("'{}' --db '{}' ingest", bin.display(), db.display());
    let out = std::process::Command::new("timeout")
        .args(["60", "script", "-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("timeout and script (util-linux) are installed");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("standard input is a terminal"), "{text}");
    assert!(text.contains("whosaid ingest"), "{text}");
    assert!(!db.exists(), "nothing was created");
    // Not a terminal: standard input is read as before.
    let out = whosaid(&db)
        .arg("ingest")
        .write_stdin("\"We will,\" said Ana Ruiz.\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("ingested 1 documents"),
        "{}",
        stderr(&out)
    );
}
