//! The cue-first frame: the speaker and cue open the clause they report
//! (`X said (that) CLAUSE.`, `X told reporters CLAUSE.`), an inverted cue opens the
//! sentence (`Said Dorothy Poynter, who grew up with Ali, "We were all so proud of
//! him."`), or a question is reported before its answer (`Asked whether he would run,
//! Smith said ...`).

use super::clause::{Content, clause_end, content, subject_after};
use super::sentence::{Reading, Sentence};
use super::{Frame, MAX_CLAUSE, Speaker, is_dash, span_of};
use crate::QuoteKind;
use crate::cues::{Cue, CueLexicon, is_determiner, opens_clause, opens_sentence, word};
use crate::tokens::Token;
use text::ascii::starts_upper;

/// The most words naming who asked ("Asked by CNN's Jake Tapper to …").
const MAX_ASKER: usize = 8;

impl Sentence<'_> {
    /// "Asked whether he would run, Smith said ...": the question is reported too; its
    /// asker is not named.
    pub(super) fn asked(&self, c: &Cue) -> Option<Reading> {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        if !word(text, &ts[c.at]).eq_ignore_ascii_case("asked") {
            return None;
        }
        let opening =
            c.at == 0 || (c.at == 1 && CueLexicon::has(&lex.asked_opener, word(text, &ts[0])));
        // "…," Christie said when asked whether he would …": the question closes the
        // sentence.
        let closing =
            !opening && c.at >= 2 && CueLexicon::has(&lex.asked_opener, word(text, &ts[c.at - 1]));
        // "Asked to describe the device, O'Neill said", "Asked by Stephanopoulos to
        // respond, Carson said": what the question asked for.
        let mut q = c.end;
        if opening && word(text, ts.get(q)?).eq_ignore_ascii_case("by") {
            q = (q + 1..ts.len().min(q + 1 + MAX_ASKER))
                .find(|&i| word(text, &ts[i]).eq_ignore_ascii_case("to"))?;
        }
        let asks = ts.get(q).is_some_and(|t| {
            let w = word(text, t);
            lex.question.contains(w) || (opening && w.eq_ignore_ascii_case("to"))
        });
        if !(asks && (opening || closing)) {
            return None;
        }
        let comma = (q..ts.len().min(q + MAX_CLAUSE)).find(|&i| ts[i].is_punct(','));
        let end = if opening {
            comma?
        } else {
            // "when asked about Trump, Obama said …": a main clause after the comma.
            match comma {
                Some(k) if self.cues.iter().any(|c| c.at > k) => k,
                _ => ts.len(),
            }
        };
        let start = if word(text, &ts[q]).eq_ignore_ascii_case("about") {
            q + 1
        } else {
            q
        };
        Some(Reading {
            content: content(ts, self.quotes, start, end, None),
            speaker: Speaker::Unknown,
            frame: Frame::Cue,
        })
    }

    /// "Said Dorothy Poynter, who grew up with Ali, “We were all so proud of him.”": a
    /// cue opening the sentence, its speaker after it, then a comma and the clause.
    pub(super) fn said_first(&self, c: &Cue) -> Option<Reading> {
        let ts = self.ts;
        if c.at != 0 || c.participle {
            return None;
        }
        let r = subject_after(self.text, self.lex, ts, c.end)?;
        let mut q = self.skip_apposition(r.1);
        while q < ts.len() && q - r.1 < 24 && ts[q].quote().is_none() {
            q += 1;
        }
        if !(q < ts.len() && ts[q - 1].is_punct(',')) {
            return None;
        }
        Some(Reading {
            content: content(ts, self.quotes, q, ts.len(), None),
            speaker: Speaker::Phrase(span_of(ts, r)),
            frame: Frame::Cue,
        })
    }

    /// Cue first: the clause follows the cue (the `ci`th), starting at `start`.
    pub(super) fn cue_first(&self, ci: usize, start: usize) -> Option<Content> {
        let ts = self.ts;
        // A clause never opens with "from" or "by": that is a place or an agent; nor
        // with "to" before a noun ("Responds To Question About Minimum Wage", "replied
        // to the letter"): that is what the words answer.
        if ts.get(start).is_some_and(|t| {
            let w = word(self.text, t);
            CueLexicon::has(&self.lex.preposition, w)
                || (CueLexicon::has(&self.lex.topic_preposition, w)
                    && ts.get(start + 1).is_some_and(|n| {
                        let n = word(self.text, n);
                        starts_upper(n) || CueLexicon::has(&self.lex.det, n)
                    }))
        }) {
            return None;
        }
        // "Trump tweeted again, telling voters …": the participle reports, not the cue
        // before it.
        if self
            .cues
            .iter()
            .any(|c| c.participle && c.at == start && start > 0 && ts[start - 1].is_punct(','))
        {
            return None;
        }
        let mut end = clause_end(self.text, ts, start, self.cues, ci);
        // "As Trump lamented illegal immigration, Clinton took a moment …": a frame in an
        // opening subordinate clause reports up to the comma that closes the clause.
        let at = self.cues.get(ci).map_or(start, |c| c.at);
        // Not "As Breitbart News reported on Friday, the White House …", where "as"
        // makes the frame a parenthesis and the main clause is what was reported.
        // "Claiming the criticism was unfair, Trump lashed out": so does a participle
        // opening the sentence.
        let opening_participle =
            opens_sentence(self.text, ts, at) && self.cues.get(ci).is_some_and(|c| c.participle);
        if (opening_participle
            || ts.first().is_some_and(|t| {
                let w = word(self.text, t);
                CueLexicon::has(&self.lex.subordinator, w) && !w.eq_ignore_ascii_case("as")
            }))
            && !ts[..at].iter().any(|t| t.is_punct(','))
            && let Some(comma) = (start..end).find(|&i| ts[i].is_punct(','))
        {
            end = comma;
        }
        if let Some(setting) = self.trailing_setting(start, end) {
            end = setting;
        }
        if let Some(rel) = self.trailing_relative(start, end) {
            end = rel;
        }
        if let Some(sub) = self.trailing_subordinate(start, end) {
            end = sub;
        }
        if let Some(aside) = self.trailing_aside(start, end) {
            end = aside;
        }
        if let Some(and) = self.coordinated_past(ci, start, end) {
            end = and;
        }
        let found = content(ts, self.quotes, start, end, None)?;
        // "noted in The Intercept", "claimed at one point, ...": a short phrase after a
        // preposition of place or time is where or when, not a reported clause.
        if found.kind == QuoteKind::Indirect
            && start > 0
            && CueLexicon::has(
                &self.lex.setting_preposition,
                word(self.text, &ts[start - 1]),
            )
            && at_most_words(ts.get(start..end).unwrap_or_default(), 3)
        {
            return None;
        }
        // "everything Trump says is true", "the report was based on …": a clause never
        // opens with an auxiliary; the cue sits in a relative clause. But in "a term which
        // he said was not a sentence" the relative pronoun is the clause's subject.
        let relative_subject = ts[at.saturating_sub(3)..at].iter().any(|t| {
            CueLexicon::has(&self.lex.relative, word(self.text, t))
                || word(self.text, t).eq_ignore_ascii_case("that")
                || word(self.text, t).eq_ignore_ascii_case("what")
        });
        if found.kind == QuoteKind::Indirect
            && !relative_subject
            && ts
                .get(start)
                .is_some_and(|t| CueLexicon::has(&self.lex.auxiliary, word(self.text, t)))
        {
            return None;
        }
        // "dismissed the lawsuit": a cue that reports quoted words only reports nothing
        // here.
        if found.kind == QuoteKind::Indirect && self.cues.get(ci).is_some_and(|c| c.quoted_only) {
            return None;
        }
        // "wrote his book", "continued to stay away": a cue that reports clauses only
        // takes a short object for what it is, an object.
        if found.kind == QuoteKind::Indirect
            && self.cues.get(ci).is_some_and(|c| c.clause_only)
            && !ts
                .get(start)
                .is_some_and(|t| opens_clause(self.lex, word(self.text, t)))
            && at_most_words(&ts[start..end], 4)
        {
            return None;
        }
        // "told a dispatcher before police arrived": past the cue's object, a clause
        // opening with "before" or "because" is when or why it was told, not what.
        if found.kind == QuoteKind::Indirect
            && self.cues.get(ci).is_some_and(|c| c.object && start > c.end)
            && ts
                .get(start)
                .is_some_and(|t| CueLexicon::has(&self.lex.fragment_opener, word(self.text, t)))
        {
            return None;
        }
        // "said before he died", "argued Ms. Brainard", "cautioned against it": a few
        // words opening with a subordinator or a preposition, or only a name, are a
        // setting or a speaker, not a reported clause.
        if found.kind == QuoteKind::Indirect && at_most_words(&ts[start..end], 3) {
            let words: Vec<&str> = ts[start..end]
                .iter()
                .filter(|t| t.is_word())
                .map(|t| word(self.text, t))
                .collect();
            let first = words.first().copied().unwrap_or("");
            if CueLexicon::has(&self.lex.fragment_opener, first)
                || CueLexicon::has(&self.lex.setting_preposition, first)
                || CueLexicon::has(&self.lex.preposition, first)
                || words.iter().all(|w| starts_upper(w))
            {
                return None;
            }
        }
        // "reports: http://politi.co/...": a link is where the words are, not the words.
        if found.kind == QuoteKind::Indirect && is_link(found.span.of(self.text)) {
            return None;
        }
        Some(found)
    }

    /// Where a setting phrase of the medium ends the reported words between `start` and
    /// `end`: "called for more school investment in a statement on Thursday", "said as
    /// much in an interview earlier Thursday": what follows tells where it was said, not
    /// what. Not "said the report in the letter was false", where a verb follows.
    fn trailing_setting(&self, start: usize, end: usize) -> Option<usize> {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        let w = |i: usize| word(text, &ts[i]);
        // The phrase follows a short object ("as much", "more school investment"): look
        // no further than a few words in, not through every clause.
        (start + 2..end.saturating_sub(2).min(start + MAX_SETTING_AT)).find(|&i| {
            if !CueLexicon::has(&lex.medium_preposition, w(i)) || !is_determiner(w(i + 1)) {
                return false;
            }
            // "in a statement", "in a televised interview".
            let Some(m) = (i + 2..(i + 4).min(end)).find(|&m| CueLexicon::has(&lex.medium, w(m)))
            else {
                return false;
            };
            let verb_after = ts[m + 1..end.min(m + 3)].iter().any(|t| {
                let n = word(text, t);
                CueLexicon::has(&lex.auxiliary, n) || CueLexicon::has(&lex.modal, n)
            });
            !verb_after && ts[i + 1..m].iter().all(Token::is_word)
        })
    }
}

impl Sentence<'_> {
    /// Where a closing subordinate clause set off by a comma ends the reported words:
    /// ", although he again refused to …", ", while about 4 in 10 want …", ", as he
    /// did again during the debate" are the writer's contrast or circumstance.
    fn trailing_subordinate(&self, start: usize, end: usize) -> Option<usize> {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        let comma = |t: &Token| t.is_punct(',');
        // ", even though …", ", even as …", ", even if …" too; and ", however this
        // time …" (not ", however," inside the report).
        let opens = |i: usize| {
            let w = word(text, &ts[i]);
            CueLexicon::has(&lex.contrast_subordinator, w)
                || (w.eq_ignore_ascii_case("however") && ts.get(i + 1).is_some_and(Token::is_word))
                || (w.eq_ignore_ascii_case("even")
                    && ts.get(i + 1).is_some_and(|n| {
                        let n = word(text, n);
                        CueLexicon::has(&lex.contrast_subordinator, n)
                            || n.eq_ignore_ascii_case("if")
                    }))
        };
        self.trailing_clause(start, end, opens, comma, |_| false)
    }

    /// Where a closing relative clause ends the reported words: ", which forced her to
    /// leave …", ", who was his chief of staff …" describe what the report names, in the
    /// writer's words (a relative clause with a comma in it stays: it may go on with
    /// the report).
    fn trailing_relative(&self, start: usize, end: usize) -> Option<usize> {
        let comma = |t: &Token| t.is_punct(',');
        let opens = |i: usize| CueLexicon::has(&self.lex.relative, word(self.text, &self.ts[i]));
        self.trailing_clause(start, end, opens, comma, comma)
    }

    /// Where a closing aside after a dash ends the reported words: "— a controversial
    /// proposal he has raised before", "— all businesses that he has assailed" name what
    /// the report said in the writer's words. Not a pair of dashes ("— a member of the
    /// Kennedy clan — to replace …"), after which the report goes on.
    fn trailing_aside(&self, start: usize, end: usize) -> Option<usize> {
        let opens =
            |i: usize| CueLexicon::has(&self.lex.aside_opener, word(self.text, &self.ts[i]));
        self.trailing_clause(start, end, opens, is_dash, is_dash)
    }

    /// Where a second verb of the cue's subject ends what a past-tense cue reports:
    /// "promised a veto and attempted to make the case …", "claimed self-defense and
    /// was acquitted": "and" with a past form after it coordinates with the cue, not
    /// inside the report. ("said" is left out: its reports often go on so, "said he
    /// was tired and wanted …".)
    fn coordinated_past(&self, ci: usize, start: usize, end: usize) -> Option<usize> {
        let (text, ts) = (self.text, self.ts);
        let cue = self.cues.get(ci)?;
        let verb = word(text, &ts[cue.end - 1]);
        if !is_past(verb) || verb.eq_ignore_ascii_case("said") {
            return None;
        }
        (start + 1..end.saturating_sub(1)).find(|&i| {
            if !word(text, &ts[i]).eq_ignore_ascii_case("and") || !ts[i + 1].is_word() {
                return false;
            }
            let (before, next) = (word(text, &ts[i - 1]), word(text, &ts[i + 1]));
            (is_past(next) || CueLexicon::has(&self.lex.past_verb, next))
                // Not two past forms paired ("unsubstantiated and fabricated") nor
                // inside a clause of the report: "who was born and raised", "if Rubio
                // ran and lost".
                && !(is_past(before) && is_past(next))
                && !CueLexicon::has(&self.lex.past_verb, before)
                && !ts[start..i].iter().any(|t| {
                    t.quote().is_some()
                        || CueLexicon::has(&self.lex.fragment_opener, word(text, t))
                        || word(text, t).eq_ignore_ascii_case("if")
                })
        })
    }

    /// The delimiter (a comma, a dash) before the last clause in `[start, end)` that
    /// `opens` at its first token and that holds no quotation (nor a token `closed`
    /// accepts), when at least [`MIN_BEFORE_RELATIVE`] words of report come before it.
    fn trailing_clause(
        &self,
        start: usize,
        end: usize,
        opens: impl Fn(usize) -> bool,
        delimiter: fn(&Token) -> bool,
        closed: fn(&Token) -> bool,
    ) -> Option<usize> {
        let ts = self.ts;
        let i = (start + 1..end.saturating_sub(2))
            .rev()
            .find(|&i| delimiter(&ts[i]) && opens(i + 1))?;
        if ts[i + 1..end]
            .iter()
            .any(|t| t.quote().is_some() || closed(t))
        {
            return None;
        }
        (!at_most_words(&ts[start..i], MIN_BEFORE_RELATIVE)).then_some(i)
    }
}

/// A regular past form: "claimed", "attempted" (not "red", "need").
fn is_past(w: &str) -> bool {
    w.len() >= 5 && w.ends_with("ed") && !starts_upper(w) && !w.ends_with("eed")
}

/// Whether `ts` holds at most `n` words (counting no further than one past `n`).
fn at_most_words(ts: &[Token], n: usize) -> bool {
    ts.iter().filter(|t| t.is_word()).nth(n).is_none()
}

/// The fewest words a report keeps before a closing clause is cut from it.
const MIN_BEFORE_RELATIVE: usize = 4;

/// How far into what a cue reports a trailing phrase of the medium may start, in tokens.
const MAX_SETTING_AT: usize = 12;

/// A web address standing alone: `http://...`, `www.example.com/...`.
fn is_link(s: &str) -> bool {
    let s = s.trim_end_matches(['.', ',']);
    let b = s.as_bytes();
    (b.len() >= 4 && (b[..4].eq_ignore_ascii_case(b"http") || b[..4].eq_ignore_ascii_case(b"www.")))
        && !s.contains(' ')
}
