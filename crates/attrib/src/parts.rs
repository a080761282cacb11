//! The words of a quotation without the narration that interrupts it.
//!
//! `"They're so much braver than me," Trump said, veering off script. "I'm brave in
//! other ways."` is one quotation (PolNeAR and newspapers count it so) whose span runs
//! from the first quoted word to the last; its *parts* are the two quoted pieces, so
//! that a reader who pastes it, a search and a claim see only what was said. A direct
//! quotation's parts are the quote marks' contents inside its span; a reported one is
//! split where its own frame stands inside it ("But to prevent problems, he said,
//! local officials should be vigilant").

use std::borrow::Cow;

use segment::Span;

use crate::QuoteKind;
use crate::frames::Found;
use crate::marks::Quoted;

/// The parts of `found`, or none when its whole span is what was said. `quoted` are
/// the document's top-level quotations in order.
pub(crate) fn of(text: &str, found: &Found, quoted: &[Quoted]) -> Vec<Span> {
    let span = found.span;
    let mut parts = Vec::new();
    if found.kind == QuoteKind::Direct {
        let first = quoted.partition_point(|q| q.inner.end <= span.start);
        for q in quoted[first..]
            .iter()
            .take_while(|q| q.inner.start < span.end)
            // A title quoted in the frame ("said Adam Segal, the author of "Hacked
            // World Order," …") is the narration's.
            .filter(|q| {
                found
                    .gap
                    .is_none_or(|g| !(g.start <= q.outer.start && q.outer.end <= g.end))
            })
        {
            if let Some(part) = trimmed(
                text,
                Span::new(q.inner.start.max(span.start), q.inner.end.min(span.end)),
            ) {
                parts.push(part);
            }
        }
    }
    if parts.is_empty()
        && let Some(gap) = found.gap
        && span.start < gap.start
        && gap.end < span.end
    {
        parts.extend(trimmed(text, Span::new(span.start, gap.start)));
        parts.extend(trimmed(text, Span::new(gap.end, span.end)));
    }
    if parts.len() == 1 && parts[0] == span {
        parts.clear();
    }
    parts
}

/// `span` without the whitespace at its ends; `None` when nothing is left or the span
/// does not fall on the text's character boundaries.
pub(crate) fn trimmed(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.start..span.end)?;
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    (start < end).then(|| Span::new(start, end))
}

/// The words of `parts` (or of `span` when there are none) joined by single spaces;
/// `None` when a span is out of bounds or off a character boundary.
pub(crate) fn joined<'t>(text: &'t str, span: Span, parts: &[Span]) -> Option<Cow<'t, str>> {
    let words = |p: &Span| text.get(p.start..p.end);
    match parts {
        [] => words(&span).map(Cow::Borrowed),
        [one] => words(one).map(Cow::Borrowed),
        _ => {
            let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
            for p in parts {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(words(p)?);
            }
            Some(Cow::Owned(out))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, QuoteKind, extract};

    /// Each quotation's words and parts count.
    fn words(text: &str) -> Vec<(String, usize, QuoteKind)> {
        let doc = Document::new("t", text);
        let ex = extract(&doc);
        ex.quotes
            .iter()
            .map(|q| (q.words(text).unwrap().into_owned(), q.parts().len(), q.kind))
            .collect()
    }

    #[test]
    fn narration_between_two_quoted_sentences_is_left_out() {
        let got = words(
            "\"They are braver than me,\" Ana Ruiz said, veering off script before \
             qualifying her remark. \"I am brave in other ways.\"",
        );
        assert_eq!(
            got[0],
            (
                "They are braver than me, I am brave in other ways.".to_string(),
                2,
                QuoteKind::Direct
            )
        );
    }

    #[test]
    fn inverted_frame_between_two_quotations() {
        let got = words("\"We will win,\" said Ana Ruiz, the mayor, \"and we will win big.\"");
        assert_eq!(got[0].0, "We will win, and we will win big.");
        assert_eq!(got[0].1, 2);
    }

    #[test]
    fn parenthetical_frame_splits_reported_speech() {
        let got = words(
            "But to prevent problems, the governor said, local officials should be vigilant.",
        );
        assert_eq!(
            got[0],
            (
                "But to prevent problems local officials should be vigilant".to_string(),
                2,
                QuoteKind::Indirect
            )
        );
    }

    #[test]
    fn uninterrupted_quotations_are_one_part() {
        let got = words("\"We will win,\" Ana Ruiz said.\n\nShe added that the vote was close.");
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|g| g.1 == 1), "{got:?}");
        assert_eq!(got[1].0, "that the vote was close");
    }

    #[test]
    fn a_title_quoted_in_the_frame_is_no_part() {
        let got = words(
            "\"It sounds likely,\" said Ana Ruiz, the author of \"Hacked World,\" who \
             studies cyber issues. \"Attackers would have known.\"",
        );
        assert_eq!(got[0].0, "It sounds likely, Attackers would have known.");
        assert_eq!(got[0].1, 2);
    }

    #[test]
    fn nyt_double_apostrophes_split_the_same_way() {
        let got = words("''It is over,'' Mr. Diaz said. ''We lost.''");
        assert_eq!(got[0].0, "It is over, We lost.");
    }
}
