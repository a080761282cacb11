//! Fuzz targets for the input readers (bolero): under `cargo test` each runs random
//! inputs for a second (`BOLERO_RANDOM_TEST_TIME_MS` or `BOLERO_RANDOM_ITERATIONS` run
//! it longer); `cargo bolero test` runs the same targets under a coverage-guided engine.
//!
//! They live inside the binary because the readers are private to it. Any bytes, as a
//! text file or as JSON lines, must read without a panic, and every error must name the
//! file (and for JSON lines, a line that exists and is not blank; for a JSON array, a
//! line that exists).

#[path = "../../../fuzz/vocabulary.rs"]
mod vocabulary;

use std::path::Path;

use crate::input::{Item, read_json_array, read_jsonl, read_text};

const LABEL: &str = "in.jsonl";

/// A plain-text file: a document whose text is the end of the file (the header line
/// and anything before it removed), or an error naming the file.
fn check_text(bytes: &[u8]) {
    match read_text(LABEL, Path::new(LABEL), bytes) {
        Ok(None) => panic!("only standard input can hold no document"),
        Ok(Some(input)) => {
            assert!(
                bytes.ends_with(input.doc.text.as_bytes()),
                "text {:?} is not the end of the file {bytes:?}",
                input.doc.text
            );
            assert_eq!(input.origin.as_deref(), Some(LABEL));
        }
        Err(e) => {
            assert_eq!(e.file, LABEL);
            assert_eq!(e.line, None);
            assert!(e.to_string().starts_with(&format!("{LABEL}: ")), "{e}");
        }
    }
}

/// A JSON-lines file: items in line order; an error names its (non-blank) line; a
/// document's text is the `text` of its line.
fn check_jsonl(bytes: &[u8]) {
    let mut items: Vec<Item> = Vec::new();
    read_jsonl(LABEL, bytes, &mut |item| items.push(item));
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let mut prev = 0;
    for item in items {
        let line = match &item {
            Ok(input) => {
                let origin = input.origin.as_deref().expect("a file has an origin");
                let n = origin
                    .strip_prefix(&format!("{LABEL}:"))
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or_else(|| panic!("origin {origin:?} names no line"));
                let raw = lines.get(n.wrapping_sub(1)).expect("origin line exists");
                let raw = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw);
                let value: serde_json::Value =
                    serde_json::from_slice(raw).expect("a line read as a document is JSON");
                assert_eq!(
                    value.get("text").and_then(|t| t.as_str()),
                    Some(input.doc.text.as_str()),
                    "line {n} of {bytes:?}"
                );
                n
            }
            Err(e) => {
                assert_eq!(e.file, LABEL);
                let n = e.line.unwrap_or_else(|| panic!("no line in {e}"));
                assert!(e.to_string().starts_with(&format!("{LABEL}:{n}: ")), "{e}");
                let raw = lines.get(n.wrapping_sub(1)).expect("error line exists");
                assert!(
                    !raw.iter().all(u8::is_ascii_whitespace),
                    "error for blank line {n}: {e}"
                );
                n
            }
        };
        assert!(line > prev, "line {line} after line {prev} in {bytes:?}");
        prev = line;
    }
}

/// Pieces of JSON lines and article headers: keys, well- and ill-formed values, the
/// dates and ids of known defects, escapes, a byte-order mark. A byte past the end of
/// the list stands for itself, so invalid UTF-8 and NUL bytes occur too.
const VOCAB: &[&str] = &[
    "{",
    "}",
    "{\"id\":\"x\",\"text\":\"",
    "\"}\n",
    "\"id\":",
    "\"text\":",
    "\"date\":",
    "\"title\":",
    "\"publisher\":",
    "\"url\":",
    "\"",
    ",",
    ":",
    "\n",
    "\r\n",
    " ",
    "[",
    "]",
    "null",
    "true",
    "7",
    "-0",
    "1e999",
    "123456789012345678901234567890",
    "\"2025-01-0€\"",
    "\"2025-02-30\"",
    "\"2016-09-12T10:00\"",
    "\"0000-01-01\"",
    "\"\"",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "\\n",
    "\"Hi,\" said Bob Jones.",
    "\\\"Hi,\\\" said Bob Jones.",
    " date ",
    "2025-05-16",
    "2025-13-01",
    "Talks open",
    "\u{feff}",
    "€",
    "日本",
];

/// A JSON array: every document and every error names a line of the file (an error
/// at the very end may name the line after the last newline).
fn check_array(bytes: &[u8]) {
    let mut items: Vec<Item> = Vec::new();
    read_json_array(LABEL, bytes, &mut |item| items.push(item));
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for item in items {
        let n = match &item {
            Ok(input) => {
                let origin = input.origin.as_deref().expect("a file has an origin");
                origin
                    .strip_prefix(&format!("{LABEL}:"))
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or_else(|| panic!("origin {origin:?} names no line"))
            }
            Err(e) => {
                assert_eq!(e.file, LABEL);
                let n = e.line.unwrap_or_else(|| panic!("no line in {e}"));
                assert!(e.to_string().starts_with(&format!("{LABEL}:{n}: ")), "{e}");
                n
            }
        };
        assert!((1..=lines).contains(&n), "line {n} of {lines} in {bytes:?}");
    }
}

#[test]
fn fuzz_json_array_reader_raw_bytes() {
    bolero::check!().for_each(check_array);
}

#[test]
fn fuzz_json_array_reader_vocabulary() {
    bolero::check!()
        .with_generator(vocabulary::tokens(512))
        .for_each(|bytes: &Vec<u8>| {
            let mut array = b"[".to_vec();
            array.extend(vocabulary::bytes(VOCAB, bytes));
            check_array(&array);
        });
}

#[test]
fn fuzz_text_reader_raw_bytes() {
    bolero::check!().for_each(check_text);
}

#[test]
fn fuzz_text_reader_vocabulary() {
    bolero::check!()
        .with_generator(vocabulary::tokens(512))
        .for_each(|bytes: &Vec<u8>| check_text(&vocabulary::bytes(VOCAB, bytes)));
}

#[test]
fn fuzz_jsonl_reader_raw_bytes() {
    bolero::check!().for_each(check_jsonl);
}

#[test]
fn fuzz_jsonl_reader_vocabulary() {
    bolero::check!()
        .with_generator(vocabulary::tokens(512))
        .for_each(|bytes: &Vec<u8>| check_jsonl(&vocabulary::bytes(VOCAB, bytes)));
}

/// The hostile inputs of issue #12 hold the same invariants (a panic on the first was
/// the reason for these targets).
#[test]
fn issue_inputs_hold_the_invariants() {
    for bytes in [
        "{\"id\":\"x\",\"text\":\"\\\"Hi,\\\" said Bob Jones.\",\"date\":\"2025-01-0€\"}\n".as_bytes(),
        "\u{feff}{\"id\":\"x\",\"text\":\"Hi.\"}\n".as_bytes(),
        b"{\"id\":123456789012345678901234567890,\"text\":\"a\"}\n{\"id\":123456789012345678901234567891,\"text\":\"b\"}",
        b"{\"id\":\"x\",\"text\":\"a\",\"date\":\"2025-02-30\"}\n\n \n{\"text\":1}",
        "\u{feff} date 2025-05-16 Talks open\n\"Hi,\" said Bob Jones.".as_bytes(),
        b" date 2025-02-29 X\n",
        b"",
    ] {
        check_text(bytes);
        check_jsonl(bytes);
        check_array(bytes);
    }
}
