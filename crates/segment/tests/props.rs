//! Property tests: on any input the spans are well-formed and cover the text.

use proptest::prelude::*;
use segment::{Span, paragraphs, sentences, sentences_in};

/// Characters and fragments that exercise the rules: terminators, quotes of every kind,
/// brackets, whitespace of several kinds, multibyte letters, list markers and abbreviations.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
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
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "\t",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "a",
            "Z",
            "é",
            "İ",
            "ß",
            "日本",
            "😀",
            "1",
            "42",
            ",",
            ":",
            "-",
            "—",
            "•",
            "⁃",
            "@",
            "/",
            "°",
            "Mr.",
            "U.S.",
            "Inc.",
            "e.g.",
            "The",
            "He",
            "said",
            "1.",
            "2.",
            "a.",
            "b.",
            "1)",
            "2)",
            "J.",
            "No.",
            "[...]",
            "http://x.y/z.html",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,8}",
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// Spans in bounds, on char boundaries, non-empty, trimmed, ordered, disjoint, and every
/// non-whitespace char covered.
fn check_spans(text: &str, spans: &[Span], lo: usize, hi: usize) -> Result<(), TestCaseError> {
    let mut prev_end = lo;
    for s in spans {
        prop_assert!(s.start < s.end, "empty span {s:?}");
        prop_assert!(s.start >= prev_end, "overlap or disorder at {s:?}");
        prop_assert!(s.end <= hi, "out of bounds {s:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = s.of(text);
        prop_assert_eq!(t.trim(), t, "untrimmed span {:?}", s);
        prop_assert!(
            text[prev_end..s.start].chars().all(char::is_whitespace),
            "non-whitespace left out before {s:?}"
        );
        prev_end = s.end;
    }
    prop_assert!(text[prev_end..hi].chars().all(char::is_whitespace));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn sentence_spans_are_well_formed(t in text()) {
        let spans = sentences(&t);
        check_spans(&t, &spans, 0, t.len())?;
        // No sentence crosses a line break.
        for s in &spans {
            prop_assert!(!s.of(&t).contains(['\n', '\r']));
        }
    }

    #[test]
    fn paragraph_spans_are_well_formed(t in text()) {
        let paras = paragraphs(&t);
        check_spans(&t, &paras, 0, t.len())?;
    }

    #[test]
    fn per_paragraph_equals_whole(t in text()) {
        let whole = sentences(&t);
        let parts: Vec<Span> = paragraphs(&t).into_iter().flat_map(|p| sentences_in(&t, p)).collect();
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn arbitrary_unicode_never_panics(t in any::<String>()) {
        let spans = sentences(&t);
        check_spans(&t, &spans, 0, t.len())?;
    }
}
