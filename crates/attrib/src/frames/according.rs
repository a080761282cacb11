//! The according-to frame: `According to X, CLAUSE.` and `CLAUSE, according to X.`

use super::clause::{content, content_from_start};
use super::sentence::{Reading, Sentence};
use super::{Frame, MAX_NP, Speaker, span_of};
use crate::cues::{Cue, is_determiner, word};
use text::ascii::starts_upper;

impl Sentence<'_> {
    /// "according to X, CLAUSE" or "CLAUSE, according to X" at cue `c`; `None` when no
    /// words follow "according to".
    pub(super) fn according(&self, c: &Cue) -> Option<Reading> {
        let ts = self.ts;
        // The words after "according to", up to `to`; a quoted name inside the phrase
        // ("the "Medicare for all" document") is one of its words.
        let words_to = |to: usize| {
            (c.end..to)
                .find(|&i| {
                    let quoted_word = ts[i].quote().is_some()
                        && i > c.end
                        && ts.get(i + 1).is_some_and(|n| n.is_word());
                    !ts[i].is_word() && !quoted_word
                })
                .unwrap_or(to)
        };
        // The speaker is looked for in a bounded window: a sentence of words only, with
        // "according to" again and again, would be scanned to its end at every one.
        let np_cut = words_to(ts.len().min(c.end + MAX_NP + 3));
        if np_cut == c.end {
            return None;
        }
        let speaker = Speaker::Phrase(span_of(ts, (c.end, np_cut)));
        // Opening the sentence (or after a word or two: "But according to X"), the frame
        // reports what follows; anywhere else, everything before it.
        // Set off by commas inside a clause that goes on ("The senator, according to
        // two aides, has told colleagues …"): the whole clause around it.
        let parenthetical = c.at >= 2
            && ts[c.at - 1].is_punct(',')
            && ts.get(np_cut).is_some_and(|t| t.is_punct(','))
            && ts[np_cut + 1..]
                .iter()
                .take(MAX_NP)
                .filter(|t| t.is_word())
                .count()
                >= 3
            && !ts[..c.at - 1].iter().any(|t| t.is_punct(','))
            // Not an apposition to the source ("…, according to an analysis by X, a
            // former tax aide, …").
            && ts.get(np_cut + 1).is_some_and(|t| {
                let w = word(self.text, t);
                !w.is_empty() && !starts_upper(w) && !is_determiner(w)
            });
        let content = if c.at == 0 || (c.at <= 2 && ts[..c.at].iter().all(|t| t.is_word())) {
            content(ts, self.quotes, words_to(ts.len()), ts.len(), None)
        } else if parenthetical {
            content(
                ts,
                self.quotes,
                self.lead().start,
                ts.len(),
                Some((c.at - 1, np_cut + 1)),
            )
        } else {
            content_from_start(ts, self.quotes, c.at, self.lead())
        };
        Some(Reading {
            content,
            speaker,
            frame: Frame::According,
        })
    }
}
