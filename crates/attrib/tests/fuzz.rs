//! Fuzz targets for extraction (bolero): under `cargo test` each runs random inputs for a
//! second (`BOLERO_RANDOM_TEST_TIME_MS` or `BOLERO_RANDOM_ITERATIONS` run it longer);
//! `cargo bolero test` runs the same targets under a coverage-guided engine.
//!
//! Raw bytes rarely form a quotation, so the main target reads each byte as a token
//! from a vocabulary of quote marks, cues, names, pronouns and header pieces.

#[path = "../../../fuzz/vocabulary.rs"]
mod vocabulary;

use attrib::{Document, Extraction, Span, extract};

/// A span of `text` that slicing cannot panic on.
fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} {s:?} out of bounds in {text:?}"
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} splits a character in {text:?}"
    );
}

/// Everything an extraction promises about its spans and indices.
fn check_extraction(text: &str, ex: &Extraction) {
    let mut prev_end = 0;
    for &s in &ex.sentences {
        check_span(text, s, "sentence");
        assert!(!s.is_empty(), "empty sentence {s:?} in {text:?}");
        assert!(
            s.start >= prev_end,
            "sentences overlap at {s:?} in {text:?}"
        );
        prev_end = s.end;
    }
    for e in &ex.entities {
        for &m in &e.mentions {
            check_span(text, m, "entity mention");
        }
    }
    let mut last = 0;
    for q in &ex.quotes {
        check_span(text, q.span, "quote");
        for s in [q.mention, q.cue].into_iter().flatten() {
            check_span(text, s, "mention or cue");
        }
        assert!(!q.span.is_empty(), "empty quote {q:?} in {text:?}");
        let mut after = q.span.start;
        for &p in q.parts() {
            check_span(text, p, "quote part");
            assert!(
                after <= p.start && p.end <= q.span.end && !p.is_empty(),
                "part {p:?} of {q:?} in {text:?}"
            );
            after = p.end;
        }
        assert!(q.span.start >= last, "quotes out of order in {text:?}");
        last = q.span.start;
        assert!(
            (0.0..=1.0).contains(&q.confidence),
            "confidence {} in {text:?}",
            q.confidence
        );
        assert!(
            q.speaker.is_none_or(|e| e < ex.entities.len()),
            "speaker {:?} of {} entities in {text:?}",
            q.speaker,
            ex.entities.len()
        );
        assert!(
            q.sentence < ex.sentences.len(),
            "sentence {} of {} in {text:?}",
            q.sentence,
            ex.sentences.len()
        );
        let sent = ex.sentences[q.sentence];
        assert!(
            sent.start <= q.span.start && q.span.start <= sent.end,
            "quote {:?} does not start in its sentence {sent:?} in {text:?}",
            q.span
        );
        if let (Some(e), Some(m)) = (q.speaker, q.mention) {
            assert!(
                ex.entities[e].mentions.contains(&m),
                "mention {m:?} is not one of its speaker's in {text:?}"
            );
        }
    }
}

/// Extract from a plain-text article the way the text reader does (header line
/// included), and from the same text as a bare document.
fn check(raw: &str) {
    let doc = Document::new("f", raw);
    check_extraction(&doc.text, &extract(&doc));
    if let Ok(doc) = Document::from_article("f", raw.to_string()) {
        assert!(raw.ends_with(&doc.text), "header removal changed the text");
        check_extraction(&doc.text, &extract(&doc));
    }
}

/// Tokens the extractor reacts to; a byte past the end of the list is a Latin-1
/// character (so bytes from 0x80 up become two-byte characters).
const VOCAB: &[&str] = &[
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "「",
    "」",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    ".",
    ",",
    ":",
    "—",
    "–",
    "-",
    "(",
    ")",
    "[",
    "]",
    "said",
    "says",
    "told reporters",
    "according to",
    "adding that",
    "asked",
    "denied",
    "he",
    "She",
    "they",
    "it",
    "Smith",
    "Anna Lind",
    "Mr.",
    "Dr. Ruth O’Neil",
    "the official",
    "a senior official",
    "sources",
    "the ministry",
    "that",
    "U.S.",
    "don’t",
    "’90s",
    "é",
    "日本",
    "😀",
    "Friday",
    "ISTANBUL (AP) —",
    "reporters",
    "We",
    "win",
    "the",
    " date 2025-05-16 Talks\n",
    "date ",
    "2025-02-30",
    "…",
    "?",
    "!",
];

#[test]
fn fuzz_extract_raw_bytes() {
    bolero::check!().for_each(|bytes: &[u8]| check(&String::from_utf8_lossy(bytes)));
}

#[test]
fn fuzz_extract_vocabulary() {
    bolero::check!()
        .with_generator(vocabulary::tokens(512))
        .for_each(|bytes: &Vec<u8>| check(&vocabulary::text(VOCAB, bytes)));
}

/// Inputs the fuzzer once failed on.
#[test]
fn fuzz_regressions() {
    // A mark opening a line: the quotation starts after the line break, in its sentence.
    check("“\n‹\"");
}
