//! Property tests: any mixture of quote marks, words, dots and newlines extracts without
//! panicking, and every span is in bounds, on character boundaries and in order.

use attrib::{Document, extract};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "„",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "—",
        "(",
        ")",
        "said",
        "says",
        "told",
        "according to",
        "adding that",
        "he",
        "She",
        "Smith",
        "Anna Lind",
        "the official",
        "that",
        "Mr.",
        "U.S.",
        "don’t",
        "’90s",
        "é",
        "日本",
        "Friday",
        "Istanbul",
        "reporters",
        "We",
        "win",
        "a",
        "the",
    ])
}

fn check(text: &str) {
    let doc = Document::new("p", text);
    let ex = extract(&doc);
    let mut last = 0;
    for q in &ex.quotes {
        for s in [Some(q.span), q.mention, q.cue].into_iter().flatten() {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{s:?} out of bounds"
            );
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        assert!(!q.span.is_empty());
        // Parts: in order, apart, inside the span, on character boundaries.
        let mut after = q.span.start;
        for p in q.parts() {
            assert!(
                after <= p.start && p.start < p.end && p.end <= q.span.end,
                "{p:?} of {q:?}"
            );
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            after = p.end;
        }
        assert!(q.words(text).is_some());
        assert!(q.span.start >= last, "quotes out of order");
        last = q.span.start;
        assert!((0.0..=1.0).contains(&q.confidence));
        assert!(q.speaker.is_none_or(|e| e < ex.entities.len()));
        assert!(q.sentence < ex.sentences.len().max(1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_pieces(pieces in prop::collection::vec(piece(), 0..120)) {
        check(&pieces.concat());
    }

    #[test]
    fn arbitrary_strings(s in "\\PC{0,300}") {
        check(&s);
    }
}

#[test]
fn pathological_inputs() {
    check("");
    check("\"");
    check(&"\"".repeat(10_000));
    check(&"“a ".repeat(5_000));
    check(&"said ".repeat(5_000));
    check(&"\"x,\" he said. ".repeat(2_000));
    check(&"‘\n".repeat(3_000));
}
