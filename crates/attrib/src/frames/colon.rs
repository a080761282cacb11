//! The colon frames of a sentence no cue attributes: `X: "QUOTE"`, and `"QUOTE" ― X`
//! closing a quote-only paragraph.

use segment::Span;
use text::ascii::starts_upper;

use super::clause::{Content, content, sentence_subject, subject_before};
use super::sentence::Sentence;
use super::{Found, Frame, Speaker, span_of};
use crate::QuoteKind;
use crate::cues::{CueLexicon, is_determiner, word};
use crate::tokens::{Kind, Token};

impl Sentence<'_> {
    /// `"QUOTE" ― Name`: a dash and a name after the sentence's last quotation.
    pub(super) fn dash_name(&self) -> Option<Found> {
        let ts = self.ts;
        let d = ts.iter().rposition(|t| t.quote().is_some())? + 1;
        let dash = ts.get(d)?;
        let name = &ts[d + 1..];
        if !(matches!(dash.kind, Kind::Punct('―' | '—' | '–'))
            && !name.is_empty()
            && name.len() <= 8
            && name
                .iter()
                .all(|t| t.is_word() || t.is_punct('.') || t.is_punct(','))
            && name
                .first()
                .is_some_and(|t| starts_upper(word(self.text, t))))
        {
            return None;
        }
        let first = ts.iter().position(|t| t.quote().is_some())?;
        let Some(Content {
            span,
            kind: QuoteKind::Direct,
            ..
        }) = content(ts, self.quotes, first, ts.len() - name.len() - 1, None)
        else {
            return None;
        };
        let end = name.iter().rposition(Token::is_word).map_or(1, |i| i + 1);
        let speaker = Span::new(name[0].span.start, name[end - 1].span.end);
        Some(Found {
            span,
            kind: QuoteKind::Direct,
            cue: Some(dash.span),
            speaker: Speaker::Phrase(speaker),
            frame: Frame::Colon,
            para: self.para,
            gap: None,
        })
    }

    /// `X: "QUOTE"`: every quotation right after a colon with a speaker before it.
    pub(super) fn colon(&self, out: &mut Vec<Found>) {
        let ts = self.ts;
        for (i, t) in ts.iter().enumerate() {
            if t.quote().is_some() && i >= 2 && ts[i - 1].is_punct(':') {
                let Some(mut r) = subject_before(self.text, self.lex, ts, i - 1) else {
                    continue;
                };
                // "She then addressed the supporters again: "…"": the phrase before the
                // colon is the object of the sentence's verb, whose subject speaks.
                if r.0 > 0
                    && let Some(subj) = sentence_subject(self.text, self.lex, ts, r.0)
                    && subj.1 < r.0
                    && !is_determiner(word(self.text, &ts[subj.0]))
                    && !CueLexicon::has(&self.lex.question, word(self.text, &ts[subj.0]))
                    && ts[subj.1..i - 1].iter().all(Token::is_word)
                    && ts
                        .get(subj.1)
                        .is_some_and(|t| !starts_upper(word(self.text, t)))
                {
                    r = subj;
                }
                let Some(Content { span, .. }) = content(ts, self.quotes, i, i + 1, None) else {
                    continue;
                };
                out.push(Found {
                    span,
                    kind: QuoteKind::Direct,
                    cue: Some(ts[i - 1].span),
                    speaker: Speaker::Phrase(span_of(ts, r)),
                    frame: Frame::Colon,
                    para: self.para,
                    gap: None,
                });
            }
        }
    }
}
