//! Labelled paragraphs: a headline or transcript line opening with `Label: words`, and a
//! transcript quoted paragraph by paragraph (`"WALLACE: Do you ...`); and the span of a
//! run of quotations with no attribution of its own.

use segment::Span;
use text::ascii::{capital_letters, starts_upper};

use super::clause::{Content, content};
use super::{Found, Frame, Speaker, span_of};
use crate::QuoteKind;
use crate::cues::{CUE_LEXICON, CueLexicon, is_calendar, word};
use crate::marks::Quoted;
use crate::tokens::Token;

/// A paragraph opening with `Label: words`, the label a short capitalised phrase.
pub(super) fn labelled(
    text: &str,
    lex: &CueLexicon,
    toks: &[Token],
    quotes: &[Quoted],
    para: usize,
) -> Option<Found> {
    let colon = toks.iter().take(8).position(|t| t.is_punct(':'))?;
    if colon == 0 || toks.len() < colon + 3 {
        return None;
    }
    let label = &toks[..colon];
    let first = word(text, &label[0]);
    let ok = label.iter().all(|t| {
        let w = word(text, t);
        !w.is_empty() && (starts_upper(w) || CueLexicon::has(&lex.label_joiner, w))
    }) && !CueLexicon::has(&lex.label_stop, first)
        && !CueLexicon::has(&lex.section_label, first)
        && !label.iter().any(|t| {
            is_calendar(word(text, t)) || word(text, t).bytes().all(|b| b.is_ascii_digit())
        });
    // "Elizabeth Warren Hammers Wells Fargo CEO: …", "Veto Power Impedes Peace
    // Efforts: …": a headline in title case, its verb inside the label, is no speaker's
    // label (a transcript's labels are names).
    // Such a headline opening with a person's name ("Ted Cruz Says …: 'I Am
    // Horrified'") quotes that person; any other is a heading.
    let verb = (label.len() >= 4)
        .then(|| {
            (2..label.len()).find(|&i| {
                let w = word(text, &label[i]);
                w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && starts_upper(w)
                    && label
                        .get(i + 1)
                        .is_some_and(|n| starts_upper(word(text, n)))
            })
        })
        .flatten();
    let named = verb.is_some_and(|v| v <= 3 && crate::name_gender(word(text, &label[0])).is_some());
    if !ok || (verb.is_some() && !named) {
        return None;
    }
    // A score or a figure ("Sanders: 1,501") is not something said.
    let lettered = toks[colon + 1..]
        .iter()
        .filter(|t| t.is_word() && word(text, t).chars().any(char::is_alphabetic))
        .take(3)
        .count();
    if lettered < 3 && !toks[colon + 1..].iter().any(|t| t.quote().is_some()) {
        return None;
    }
    let Content { span, kind, .. } = content(toks, quotes, colon + 1, toks.len(), None)?;
    // The speaker is the label up to "to"/"on" ("Clinton to Planned Parenthood"), or
    // up to a headline's verb.
    let end = label
        .iter()
        .position(|t| CueLexicon::has(&lex.label_joiner, word(text, t)))
        .unwrap_or(label.len())
        .min(verb.unwrap_or(label.len()))
        .max(1);
    Some(Found {
        span,
        kind,
        cue: Some(toks[colon].span),
        speaker: Speaker::Phrase(span_of(label, (0, end))),
        frame: Frame::Colon,
        para,
        gap: None,
    })
}

/// A transcript quoted paragraph by paragraph: `"WALLACE: Do you ...` or `"Q: ...`,
/// a label in capitals and a colon opening the quotation that opens the paragraph.
/// The label is the speaker and the words after it are what was said.
pub(super) fn labelled_quote(
    text: &str,
    para: Span,
    toks: &[Token],
    quotes: &[Quoted],
    pi: usize,
) -> Option<Found> {
    let q = quotes.get(toks.first()?.quote()?)?;
    let end = q.inner.end.min(para.end);
    let inner = text.get(q.inner.start..end)?;
    let lead = inner.len() - inner.trim_start().len();
    // The label is short: look for its colon in the first 40 bytes (cut at a char
    // boundary).
    let mut cut = inner.len().min(lead + 40);
    while !inner.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &inner[lead..cut];
    let colon = head.find(':')?;
    let label = &head[..colon];
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() > 3
        || !words
            .iter()
            .all(|w| capital_letters(w).is_some_and(|n| n > 0))
    {
        return None;
    }
    let after = &inner[lead + colon + 1..];
    let start = q.inner.start + lead + colon + 1 + (after.len() - after.trim_start().len());
    // Something must be said: at least one letter after the label.
    if !text.get(start..end)?.chars().any(char::is_alphabetic) {
        return None;
    }
    let label_start = q.inner.start + lead;
    // "VIDEO: ...", "CLARIFICATION: ...": a section label, not a speaker; the words after
    // it are still the transcript's.
    let speaker = if CueLexicon::has(&CUE_LEXICON.section_label, words[0]) {
        Speaker::Unknown
    } else {
        Speaker::Phrase(Span::new(label_start, label_start + colon))
    };
    Some(Found {
        span: Span::new(start, end),
        kind: QuoteKind::Direct,
        cue: Some(Span::new(label_start + colon, label_start + colon + 1)),
        speaker,
        frame: Frame::Colon,
        para: pi,
        gap: None,
    })
}

/// The span from the first to the last quotation of a quote-only token run.
pub(super) fn quote_run(ts: &[Token], quotes: &[Quoted]) -> Option<Span> {
    let mut it = ts
        .iter()
        .filter_map(|t| t.quote())
        .filter_map(|i| quotes.get(i));
    let first = it.next()?;
    let last = it.next_back().unwrap_or(first);
    Some(Span::new(first.inner.start, last.inner.end))
}
