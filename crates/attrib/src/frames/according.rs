//! The according-to frame: `According to X, CLAUSE.` and `CLAUSE, according to X.`

use super::clause::{content, content_from_start};
use super::sentence::{Reading, Sentence};
use super::{Frame, MAX_NP, Speaker, span_of};
use crate::cues::{Cue, CueLexicon, is_determiner, word};
use crate::mentions::lexicon::WORD_CLASSES;
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
            content(
                ts,
                self.quotes,
                self.source_apposition_end(words_to(ts.len())),
                ts.len(),
                None,
            )
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

impl Sentence<'_> {
    /// Past an apposition to a named source opening the sentence ("According to Dr.
    /// Eileen de Villa, Toronto's medical officer of health, the city will …"): a few
    /// words naming a role between two commas, a new subject after them. Only after a
    /// name: in "According to police, the suspect, a local man, fled" the commas
    /// set off the reported clause's own words.
    fn source_apposition_end(&self, np_end: usize) -> usize {
        let (text, ts) = (self.text, self.ts);
        let named = np_end > 0 && starts_upper(word(text, &ts[np_end - 1]));
        if !named || !ts.get(np_end).is_some_and(|t| t.is_punct(',')) {
            return np_end;
        }
        let Some(close) = (np_end + 1..ts.len().min(np_end + 1 + MAX_SOURCE_APPOSITION))
            .find(|&i| !ts[i].is_word())
        else {
            return np_end;
        };
        let words = &ts[np_end + 1..close];
        // "Toronto's medical officer", "the city's chief planner", "a professor …"; not
        // "in a 12-person primary" or "majorities of voters in …", which report.
        let opens = words.first().is_some_and(|t| {
            let w = word(text, t);
            starts_upper(w) || is_determiner(w)
        });
        let role = opens
            && words
                .iter()
                .any(|t| WORD_CLASSES.is_people_noun(word(text, t)));
        let verb = words.iter().any(|t| {
            let w = word(text, t);
            self.lex.cue(w).is_some()
                || CueLexicon::has(&self.lex.auxiliary, w)
                || CueLexicon::has(&self.lex.modal, w)
        });
        let subject_after = ts.get(close + 1).is_some_and(|t| {
            let w = word(text, t);
            starts_upper(w) || is_determiner(w) || CueLexicon::has(&self.lex.pronouns, w)
        });
        if ts[close].is_punct(',') && role && !verb && subject_after && !words.is_empty() {
            close + 1
        } else {
            np_end
        }
    }
}

/// The most words of an apposition to a source opening the sentence.
const MAX_SOURCE_APPOSITION: usize = 10;
