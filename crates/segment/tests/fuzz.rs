//! Fuzz targets for the segmenter (bolero): under `cargo test` each runs random inputs
//! for a second (`BOLERO_RANDOM_TEST_TIME_MS` or `BOLERO_RANDOM_ITERATIONS` run it
//! longer); `cargo bolero test` runs the same targets under a coverage-guided engine.
//!
//! Raw bytes rarely form the shapes the rules look at, so a second target reads each
//! byte as a token from a vocabulary of terminators, quotes, abbreviations and
//! multi-byte characters.

#[path = "../../../fuzz/vocabulary.rs"]
mod vocabulary;

use segment::{Span, paragraphs, sentences, sentences_in};

/// Spans in bounds, on char boundaries, non-empty, trimmed, ordered and disjoint,
/// within one line, and covering every non-whitespace character.
fn check_spans(text: &str, spans: &[Span]) {
    let mut prev_end = 0;
    for s in spans {
        assert!(s.start < s.end, "empty span {s:?} in {text:?}");
        assert!(
            s.start >= prev_end,
            "overlap or disorder at {s:?} in {text:?}"
        );
        assert!(s.end <= text.len(), "out of bounds {s:?} in {text:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} splits a character in {text:?}"
        );
        let t = s.of(text);
        assert_eq!(t.trim(), t, "untrimmed span {s:?} in {text:?}");
        assert!(
            !t.contains(['\n', '\r']),
            "{s:?} crosses a line in {text:?}"
        );
        assert!(
            text[prev_end..s.start].chars().all(char::is_whitespace),
            "text left out before {s:?} in {text:?}"
        );
        prev_end = s.end;
    }
    assert!(text[prev_end..].chars().all(char::is_whitespace));
}

/// Everything the segmenter promises, for one text.
fn check(text: &str) {
    let whole = sentences(text);
    check_spans(text, &whole);
    let parts: Vec<Span> = paragraphs(text)
        .into_iter()
        .flat_map(|p| sentences_in(text, p))
        .collect();
    assert_eq!(whole, parts, "per-paragraph sentences differ for {text:?}");
}

/// Tokens the rules react to; a byte past the end of the list is a Latin-1 character
/// (so bytes from 0x80 up become two-byte characters).
const VOCAB: &[&str] = &[
    ".",
    "!",
    "?",
    "…",
    "...",
    ". . .",
    "?!",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    " ",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{2009}",
    "\u{3000}",
    "é",
    "İ",
    "日本",
    "😀",
    "42",
    "3.5",
    ",",
    ":",
    "—",
    "•",
    "Mr.",
    "Lt. Gen.",
    "U.S.",
    "Inc.",
    "e.g.",
    "a.m.",
    "p.m.",
    "No.",
    "The",
    "He",
    "said",
    "asked",
    "1.",
    "2.",
    "a)",
    "(b)",
    "J.",
    "[...]",
    "http://x.y/z.html",
    "a@b.c",
];

#[test]
fn fuzz_sentences_raw_bytes() {
    bolero::check!().for_each(|bytes: &[u8]| check(&String::from_utf8_lossy(bytes)));
}

#[test]
fn fuzz_sentences_vocabulary() {
    bolero::check!()
        .with_generator(vocabulary::tokens(512))
        .for_each(|bytes: &Vec<u8>| check(&vocabulary::text(VOCAB, bytes)));
}
