//! End-to-end: how `whosaid segment` and `whosaid extract` read their input, and how
//! they behave on bad input (every problem named, the rest of the batch still done,
//! a non-zero exit code when anything failed).

use crate::common::{fixture, json_lines, whosaid_bin as whosaid};

#[test]
fn segment_jsonl_spans_point_into_the_text() {
    let text = "Mr. Smith went to Washington. He said: \"It is done.\" Then he left.";
    let input = serde_json::json!({"id": "d1", "text": text}).to_string();
    let out = whosaid()
        .args(["segment", "--input", "jsonl", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    assert!(lines.len() >= 2, "{lines:?}");
    let mut last_end = 0;
    for l in &lines {
        assert_eq!(l["doc"], "d1");
        let (s, e) = (
            l["start"].as_u64().unwrap() as usize,
            l["end"].as_u64().unwrap() as usize,
        );
        assert!(s >= last_end && e > s && e <= text.len());
        assert_eq!(&text[s..e], l["text"].as_str().unwrap());
        last_end = e;
    }
    // "Mr." is not the end of a sentence.
    assert!(
        lines[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Mr. Smith went")
    );
}

#[test]
fn segment_text_strips_the_date_header() {
    let out = whosaid()
        .args(["segment"])
        .arg(fixture("articles/istanbul-talks.txt"))
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains(" date 20"), "header kept: {stdout}");
    assert!(stdout.lines().count() > 10);
}

#[test]
fn bad_files_are_named_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad_utf8 = dir.path().join("a-bad.txt");
    std::fs::write(&bad_utf8, b"Fine text. Then \xff\xfe broken.").unwrap();
    let binary = dir.path().join("b-binary.txt");
    std::fs::write(&binary, b"\x7fELF\x00\x01\x02 binary junk").unwrap();
    let empty = dir.path().join("c-empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let good = dir.path().join("d-good.txt");
    std::fs::write(&good, "The mayor spoke. \"We will rebuild,\" she said.\n").unwrap();

    for command in ["segment", "extract"] {
        let out = whosaid()
            .arg(command)
            .args(["--format", "jsonl"])
            .arg(dir.path())
            .assert()
            .code(1);
        let o = out.get_output();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains("a-bad.txt") && stderr.contains("byte offset 16"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("b-binary.txt"), "{command}: {stderr}");
        assert!(
            stderr.contains("c-empty.txt: empty file; skipped"),
            "an empty file is an error: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        if command == "segment" {
            let lines = json_lines(&o.stdout);
            assert!(
                lines
                    .iter()
                    .all(|l| l["doc"].as_str().unwrap().ends_with("d-good.txt"))
            );
            assert_eq!(lines.len(), 2, "{lines:?}");
        }
    }
}

#[test]
fn empty_input_is_no_output_and_success() {
    for command in ["segment", "extract"] {
        whosaid()
            .arg(command)
            .args(["--format", "jsonl"])
            .write_stdin("")
            .assert()
            .success()
            .stdout("");
    }
}

#[test]
fn malformed_json_lines_are_reported_with_their_line_number() {
    let input = [
        r#"{"id": "one", "text": "First document. It has two sentences."}"#,
        r#"{"id": "two", "text": "unterminated"#,
        r#"["not", "an", "object"]"#,
        r#"{"id": "four"}"#,
        r#"{"id": "five", "text": "Last one.", "date": "yesterday"}"#,
        r#"{"id": "six", "text": "Really the last one."}"#,
    ]
    .join("\n");
    let out = whosaid()
        .args(["segment", "--input", "jsonl", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .code(1);
    let o = out.get_output();
    let stderr = String::from_utf8_lossy(&o.stderr);
    for line in [":2:", ":3:", ":4:", ":5:"] {
        assert!(stderr.contains(line), "missing {line} in {stderr}");
    }
    let docs: Vec<String> = json_lines(&o.stdout)
        .iter()
        .map(|l| l["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["one", "one", "six"]);
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let out = whosaid()
        .args(["extract", "--format", "jsonl", "no/such/file.txt"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
}

#[test]
fn huge_paragraphs_and_unbalanced_quotes_do_not_break_anything() {
    // One 400 KB paragraph with no full stop, a quote that never closes, and stray marks.
    let mut text = String::from("\"This quote never closes and goes on ");
    while text.len() < 400_000 {
        text.push_str("and on \u{201c} with “curly” marks, ‘single’ ones and » odd « ones ");
    }
    text.push_str("\n\nThen a normal paragraph. \"Short quote,\" he said.");
    let input = serde_json::json!({"id": "big", "text": text}).to_string();
    for command in ["segment", "extract"] {
        let out = whosaid()
            .arg(command)
            .args(["--input", "jsonl", "--format", "jsonl"])
            .write_stdin(input.clone())
            .assert()
            .success();
        for l in json_lines(&out.get_output().stdout) {
            let (s, e) = (
                l["start"].as_u64().unwrap() as usize,
                l["end"].as_u64().unwrap() as usize,
            );
            assert!(s <= e && e <= text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
}
