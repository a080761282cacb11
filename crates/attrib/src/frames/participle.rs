//! The participle frame: `..., adding that CLAUSE`, and a verb coordinated with an
//! earlier one (`X confirmed it and said CLAUSE`): the speaker is that of the clause the
//! cue hangs on.

use super::clause::{clause_start, sentence_subject, subject_after, subject_before};
use super::sentence::{Reading, Sentence};
use super::{Found, Frame, Speaker, span_of};
use crate::cues::{Cue, CueLexicon, opens_sentence, word};

/// The most tokens of a participial phrase opening a sentence, to its comma.
const MAX_OPENING: usize = 30;

impl Sentence<'_> {
    /// The participle frame at cue `c` (the `ci`th), whose own subject before it is
    /// `before`; `None` when the cue has a subject of its own.
    pub(super) fn participle(
        &self,
        out: &[Found],
        ci: usize,
        c: &Cue,
        before: Option<(usize, usize)>,
    ) -> Option<Reading> {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        // "X confirmed it and said ...": a verb coordinated with an earlier one.
        let coordinated = before.is_none() && {
            let mut k = c.at;
            while k > 0 && ts[k - 1].is_word() && CueLexicon::has(&lex.skip, word(text, &ts[k - 1]))
            {
                k -= 1;
            }
            k >= 2
                && (CueLexicon::has(&lex.conjunction, word(text, &ts[k - 1]))
                    // "..., then says ...".
                    || (ts[k - 1].is_punct(',') && word(text, &ts[k]).eq_ignore_ascii_case("then")))
        };
        // "The town released a statement Wednesday saying …": a participle after the
        // medium a verb put out tells what it said, and the verb's subject speaks.
        let medium_speaker = before
            .filter(|&(s, e)| {
                c.participle
                    && s > 1
                    && ts[s - 1].is_word()
                    && CueLexicon::has(&lex.medium, word(text, &ts[e - 1]))
            })
            .and_then(|(s, _)| subject_before(text, lex, ts, s - 1));
        // "Having announced that …, Judge Berman proceeded": a perfect participle
        // opening the sentence.
        let opening = opens_sentence(text, ts, c.at);
        let hangs = c.participle
            && (medium_speaker.is_some()
                || (opening && c.at == 1)
                || before.is_none_or(|(s, _)| s > 0 && ts[s - 1].is_punct(',')));
        if !(coordinated || hangs) {
            return None;
        }
        // The speaker of the last attribution of this sentence that is no participle
        // itself, else the sentence's subject.
        let recent = out.len().saturating_sub(8).max(self.first_here);
        let speaker = match out[recent..]
            .iter()
            .rposition(|f| f.frame != Frame::Participle)
        {
            _ if let Some(r) = medium_speaker => Speaker::Phrase(span_of(ts, r)),
            Some(i) => Speaker::SameAs(recent + i),
            // "Lamenting their luck, the farmers …": a participle opening the sentence
            // hangs on the subject after its phrase.
            None if opening => match ts
                .iter()
                .take(MAX_OPENING)
                .position(|t| t.is_punct(','))
                .and_then(|comma| subject_after(text, lex, ts, comma + 1))
            {
                Some(r) => Speaker::Phrase(span_of(ts, r)),
                None => Speaker::Unknown,
            },
            None => match sentence_subject(text, lex, ts, c.at) {
                Some(r) => Speaker::Phrase(span_of(ts, r)),
                None => Speaker::Unknown,
            },
        };
        // The clause after a participle reads as after any cue ("(Writing by Luciana
        // Lopez; …)" reports nothing: a clause never opens with "by").
        let s = clause_start(text, lex, ts, c.end, c.object);
        Some(Reading {
            content: self.cue_first(ci, s),
            speaker,
            frame: Frame::Participle,
        })
    }
}
