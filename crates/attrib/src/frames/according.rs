//! The according-to frame: `According to X, CLAUSE.` and `CLAUSE, according to X.`

use super::clause::{content, content_from_start};
use super::sentence::{Reading, Sentence};
use super::{Frame, MAX_NP, Speaker, span_of};
use crate::cues::Cue;

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
        let content = if c.at == 0 || (c.at <= 2 && ts[..c.at].iter().all(|t| t.is_word())) {
            content(ts, self.quotes, words_to(ts.len()), ts.len(), None)
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
