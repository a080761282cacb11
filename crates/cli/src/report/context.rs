//! A quotation in its sentence: the text of the sentences it overlaps, cut into what
//! comes before the quoted words, the words, and what follows, for the report to
//! highlight the words.

use segment::Span;

/// The sentence(s) around a quotation, in three parts.
#[derive(Debug, PartialEq, Eq)]
pub struct InContext<'a> {
    /// The sentence up to the quoted words.
    pub before: &'a str,
    /// The quoted words.
    pub quoted: &'a str,
    /// The sentence after them.
    pub after: &'a str,
}

/// The sentences of `text` (in order, as `segment::sentences` gives them) that the
/// quotation `start..end` overlaps, split around it; `None` when the offsets do not fit
/// the text (a store written by another version): the caller shows the quotation
/// alone. Found by binary search, so a long article costs no more per quotation.
pub fn in_context<'a>(
    text: &'a str,
    sentences: &[Span],
    start: usize,
    end: usize,
) -> Option<InContext<'a>> {
    if start > end {
        return None;
    }
    let quoted = text.get(start..end)?;
    let first = sentences.partition_point(|s| s.end <= start);
    let past = sentences.partition_point(|s| s.start < end);
    let (from, to) = if first < past {
        (
            sentences[first].start.min(start),
            sentences[past - 1].end.max(end),
        )
    } else {
        (start, end)
    };
    Some(InContext {
        before: text.get(from..start)?,
        quoted,
        after: text.get(end..to)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_is_cut_around_the_words() {
        let text = "First one. He said \"we will\" today. Last.";
        let sentences = segment::sentences(text);
        let start = text.find("we will").unwrap();
        let c = in_context(text, &sentences, start, start + 7).unwrap();
        assert_eq!(c.before, "He said \"");
        assert_eq!(c.quoted, "we will");
        assert_eq!(c.after, "\" today.");
    }

    #[test]
    fn offsets_that_do_not_fit_are_refused() {
        let text = "Zoë said so.";
        let s = segment::sentences(text);
        assert!(in_context(text, &s, 3, 5).is_none()); // inside "ë"
        assert!(in_context(text, &s, 5, 50).is_none());
        assert!(in_context(text, &s, 6, 2).is_none());
        // No sentences known: the words alone.
        let c = in_context(text, &[], 0, 4).unwrap();
        assert_eq!((c.before, c.quoted, c.after), ("", "Zoë", ""));
    }
}
