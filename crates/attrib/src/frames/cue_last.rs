//! The cue-last frame: the clause comes first and the frame after it (`CLAUSE, X said.`,
//! `"QUOTE," said X.`), possibly inverted and possibly interrupting the quotation
//! (`"A," he said, "B."`: one quotation from A to B), or set off by commas inside the
//! clause (`But to prevent problems, he said, local officials should be vigilant`).

use super::clause::{Content, clause_end, content, subject_after};
use super::sentence::{Sentence, is_intro};
use super::{Found, MAX_CLAUSE};
use crate::cues::{Cue, CueLexicon, is_determiner, word};
use crate::tokens::Kind;

/// The most tokens of an adverbial between a frame and the quotation it interrupts
/// ("during a rally in Kenansville, N.C.,").
const MAX_ADVERBIAL: usize = 16;

/// The most tokens left of an object's setting before the quotation it interrupts
/// ("2012,").
const MAX_REST: usize = 3;

/// The most tokens of a cue's object between a frame and the quotation it interrupts
/// ("told The Associated Press,").
const MAX_OBJECT: usize = 6;

impl Sentence<'_> {
    /// The speaker right after an inverted cue (`"QUOTE," said X`), when what follows
    /// the speaker leaves room for no clause of its own.
    pub(super) fn inverted_subject(&self, c: &Cue) -> Option<(usize, usize)> {
        let ts = self.ts;
        let after_quote =
            ts[c.at - 1].quote().is_some() || (c.at >= 2 && ts[c.at - 2].quote().is_some());
        subject_after(self.text, self.lex, ts, c.end).filter(|r| {
            // "— said the death is painful": a verb right after the phrase makes it the
            // subject of the reported clause, not an inverted speaker.
            if ts
                .get(r.1)
                .is_some_and(|t| CueLexicon::has(&self.lex.auxiliary, word(self.text, t)))
            {
                return false;
            }
            let rest = self.skip_apposition(r.1);
            after_quote
                || ts.get(r.1).is_some_and(|t| t.is_punct(','))
                || ts[rest..]
                    .iter()
                    .take(MAX_CLAUSE)
                    .filter(|t| t.is_word())
                    .count()
                    <= 4
                || ts
                    .get(rest)
                    .is_some_and(|t| t.is_punct(',') || t.quote().is_some())
        })
    }

    /// A frame set off by commas inside one clause: the clause runs on both sides of
    /// the frame `[pre_end, post]`.
    pub(super) fn parenthetical(
        &self,
        out: &[Found],
        ci: usize,
        pre_end: usize,
        post: usize,
    ) -> Option<Content> {
        let start = self
            .previous_clause_start(out)
            .max(pre_end.saturating_sub(MAX_CLAUSE));
        let end = clause_end(self.text, self.ts, post + 1, self.cues, ci);
        content(self.ts, self.quotes, start, end, Some((pre_end, post + 1)))
    }

    /// Cue last: the clause is what precedes the frame `[pre_end, post)` (speaker
    /// `subj`). A quotation after the frame (`"A," he said, "B."`) continues it.
    pub(super) fn cue_last(
        &self,
        out: &[Found],
        subj: (usize, usize),
        pre_end: usize,
        post: usize,
        after: usize,
    ) -> Option<Content> {
        let (text, ts) = (self.text, self.ts);
        let mut e = pre_end;
        let tail = post;
        let mut j = tail;
        while j < ts.len() && (ts[j].is_punct(',') || ts[j].is_punct(':')) {
            j += 1;
        }
        // `"A," he said, but "B"`: the conjunction joins two parts of one quotation.
        if j + 1 < ts.len()
            && ts[j + 1].quote().is_some()
            && CueLexicon::has(&self.lex.conjunction, word(text, &ts[j]))
        {
            j += 1;
        }
        // `"A," he said during a rally in Kenansville, "B."`: past a short adverbial set
        // off by a comma, a quotation still continues the one before the frame.
        let quoted_before = (pre_end.saturating_sub(2)..pre_end).any(|i| ts[i].quote().is_some());
        if quoted_before {
            j = self.past_adverbial(j, false);
        }
        // `"A," Scholz told reporters, "B."`: past the cue's object (and an adverbial
        // after it: `told The New York Times in 2012, "B."`).
        let object_end = after;
        let after = if quoted_before && after < ts.len() && ts[after].quote().is_none() {
            self.past_adverbial(after, true)
        } else {
            after
        };
        if quoted_before
            && j < after
            && after < ts.len()
            && object_end.saturating_sub(j) <= MAX_OBJECT
            && ts[after].quote().is_some()
            && ts[after - 1].is_punct(',')
            && ts[j..after].iter().all(|t| t.is_word() || t.is_punct(','))
        {
            j = after;
        }
        let frame_end;
        if j < ts.len() && ts[j].quote().is_some() {
            e = j + 1;
            while e < ts.len() && (ts[e].quote().is_some() || matches!(ts[e].kind, Kind::Punct(_)))
            {
                e += 1;
            }
            frame_end = j;
        } else if j < ts.len()
            && ts[j].is_word()
            // "…, said RoseAnn DeMoro, executive director of …, a union that has …": after
            // an inverted speaker a phrase opening with an article is one more apposition.
            && !(subj.0 >= pre_end && is_determiner(word(text, &ts[j])))
            && pre_end >= 2
            && ts[pre_end - 1].is_punct(',')
            && ts[tail..]
                .iter()
                .take(MAX_CLAUSE)
                .position(|t| t.is_punct(','))
                // "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt":
                // a subordinate clause goes on with what was said; a participle
                // ("…, citing falling orders") is the writer's.
                .is_some_and(|k| {
                    // Only right after the cue ("said, until"), not after a time or a
                    // setting of the frame's own ("said Friday afternoon, as they
                    // bristled"), and not "as", the frame's circumstance.
                    let sub = self.adverbial_after(tail + k);
                    let goes_on = k == 0
                        && !self.participle_after(tail + k)
                        && ts
                            .get(tail + k + 1)
                            .is_some_and(|t| !word(text, t).eq_ignore_ascii_case("as"));
                    !sub || goes_on
                })
            && self.starts_clause(after)
            && !self.cues.iter().any(|c| c.participle && c.at == after)
        {
            // "It was, the president said, CLAUSE": both sides; but not in "CLAUSE, the
            // company said on Friday, citing falling orders", where a participle follows.
            e = ts.len().min(j + MAX_CLAUSE);
            frame_end = j;
        } else {
            frame_end = pre_end;
        }
        let start = self
            .previous_clause_start(out)
            .max(pre_end.saturating_sub(MAX_CLAUSE));
        content(
            ts,
            self.quotes,
            start,
            e,
            Some((pre_end.min(subj.0), frame_end)),
        )
    }

    /// Past a short adverbial at `j` set off by a comma before a quotation: it opens
    /// with a preposition or a time ("during", "on Monday"), and holds no cue that
    /// could claim the quotation ("adding later, "B.""). `j` itself when there is none.
    /// After an object, the rest of its setting may be shorter still (`told The New
    /// York Times in 2012,`: "2012"): with `rest`, a word or two need no opening word.
    fn past_adverbial(&self, j: usize, rest: bool) -> usize {
        let ts = self.ts;
        if j >= ts.len() {
            return j;
        }
        let limit = if is_intro(word(self.text, &ts[j])) {
            ts.len().min(j + MAX_ADVERBIAL)
        } else if rest {
            ts.len().min(j + MAX_REST)
        } else {
            return j;
        };
        match (j + 1..limit).find(|&m| ts[m].quote().is_some()) {
            Some(m)
                if ts[m - 1].is_punct(',')
                    && ts[j..m].iter().all(|t| t.is_word() || t.is_punct(','))
                    && !self.cues.iter().any(|c| (j..m).contains(&c.at)) =>
            {
                m
            }
            _ => j,
        }
    }

    /// True when a clause of its own starts at `after`: "that", a colon, three words or
    /// quotations, or a quotation not set off by a comma.
    fn starts_clause(&self, after: usize) -> bool {
        let ts = self.ts;
        after < ts.len()
            && (word(self.text, &ts[after]).eq_ignore_ascii_case("that")
                || ts[after.saturating_sub(1)].is_punct(':')
                || ts[after..]
                    .iter()
                    .take(MAX_CLAUSE)
                    .filter(|t| t.is_word() || t.quote().is_some())
                    .count()
                    >= 3
                || (ts[after].quote().is_some() && !ts[after - 1].is_punct(',')))
    }
}
