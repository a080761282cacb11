//! The according-to frame: `According to X, CLAUSE.` and `CLAUSE, according to X.`

use super::clause::content;
use super::sentence::{Reading, Sentence};
use super::{Frame, MAX_NP, Speaker, span_of};
use crate::cues::Cue;

impl Sentence<'_> {
    /// "according to X, CLAUSE" or "CLAUSE, according to X" at cue `c`; `None` when no
    /// words follow "according to".
    pub(super) fn according(&self, c: &Cue) -> Option<Reading> {
        let ts = self.ts;
        let np_end = (c.end..ts.len())
            .find(|&i| !ts[i].is_word())
            .unwrap_or(ts.len());
        if np_end == c.end {
            return None;
        }
        let speaker = Speaker::Phrase(span_of(ts, (c.end, np_end.min(c.end + MAX_NP + 3))));
        // Opening the sentence (or after a word or two: "But according to X"), the frame
        // reports what follows; anywhere else, everything before it.
        let content = if c.at == 0 || (c.at <= 2 && ts[..c.at].iter().all(|t| t.is_word())) {
            content(ts, self.quotes, np_end, ts.len(), None)
        } else {
            content(ts, self.quotes, 0, c.at, None)
        };
        Some(Reading {
            content,
            speaker,
            frame: Frame::According,
        })
    }
}
