//! One sentence's attributions: every cue is read by the frames in a fixed order (the
//! first frame that holds decides), and a sentence left with none may still be a
//! `X: "QUOTE"` or `"QUOTE" — X` line.

use segment::Span;

use std::cell::OnceCell;

use super::clause::{Content, Lead, clause_start, subject_after, subject_before};
use text::ascii::starts_upper;

use super::{Found, Frame, MAX_CLAUSE, Speaker, is_dash, span_of};
use crate::QuoteKind;
use crate::cues::{
    CUE_LEXICON, Cue, CueLexicon, Needs, find_cues, is_calendar, is_determiner, opens_clause, word,
};
use crate::marks::Quoted;
use crate::names_text::strip_possessive;
use crate::tokens::Token;

/// How far into what a reason-only cue reports its "for" or "as" may come, in words
/// ("attacked other candidates on stage for …").
const MAX_REASON_AT: usize = 7;

/// The most words of a frame's closing setting ("in The Intercept", "at a rally in Iowa").
const MAX_SETTING_WORDS: usize = 5;

/// The most words of a quoted title in an opening phrase ("State of the Union").
pub(super) const MAX_TITLE_WORDS: usize = 5;

/// One sentence and its cues, with what every frame reads.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) lex: &'a CueLexicon,
    /// The sentence's tokens.
    pub(super) ts: &'a [Token],
    pub(super) quotes: &'a [Quoted],
    /// The sentence's cues, in order.
    pub(super) cues: &'a [Cue],
    pub(super) para: usize,
    /// Index in the output of this sentence's first attribution.
    pub(super) first_here: usize,
    /// Where its first words are, found at the first cue that asks.
    lead: OnceCell<Lead>,
}

/// What a frame reads at one cue.
pub(super) struct Reading {
    /// The reported words and their kind; `None` when the frame holds but reports
    /// nothing (then no later frame is tried for this cue).
    pub(super) content: Option<Content>,
    pub(super) speaker: Speaker,
    pub(super) frame: Frame,
}

/// Where the clause a cue reports stands: before it, after it, or around it.
enum Placement {
    /// `But to prevent problems, he said, local officials should be vigilant`; the
    /// comma that closes the frame.
    Parenthetical(usize),
    /// `CLAUSE, X said.`
    CueLast,
    /// `X said CLAUSE.`
    CueFirst,
}

/// Attributions in one sentence, appended to `out`; `cues` is a buffer reused from
/// sentence to sentence.
pub(super) fn sentence(
    text: &str,
    lex: &CueLexicon,
    ts: &[Token],
    para: usize,
    quotes: &[Quoted],
    out: &mut Vec<Found>,
    cues: &mut Vec<Cue>,
) {
    find_cues(text, lex, ts, cues);
    let s = Sentence {
        text,
        lex,
        ts,
        quotes,
        cues: cues.as_slice(),
        para,
        first_here: out.len(),
        lead: OnceCell::new(),
    };
    for (ci, c) in s.cues.iter().enumerate() {
        if let Some(reading) = s.read_cue(out, ci, c) {
            s.push(out, c, reading);
        }
    }
    if out.len() > s.first_here {
        return;
    }
    if let Some(found) = s.dash_name() {
        out.push(found);
        return;
    }
    s.colon(out);
}

impl Sentence<'_> {
    /// The frames in their order of precedence, at cue `c` (the `ci`th).
    fn read_cue(&self, out: &[Found], ci: usize, c: &Cue) -> Option<Reading> {
        if c.according {
            // "“…,” Mr. Pence said during the session, according to audio provided to
            // The Times": after a direct quotation attributed in its sentence,
            // "according to" names where the report comes from, not another speaker.
            // (After a reported clause, "according to" is the outer source, as a poll is
            // of what "three in four say".)
            let attributed = out[self.first_here..].iter().any(|f| {
                f.frame == Frame::Cue
                    && f.kind == QuoteKind::Direct
                    && f.cue.is_some_and(|cue| cue.end <= self.ts[c.at].span.start)
            });
            if attributed && c.at > 0 && self.ts[c.at - 1].is_punct(',') {
                return None;
            }
            return self.according(c);
        }
        if let Some(r) = self.asked(c) {
            return Some(r);
        }
        if let Some(r) = self.said_first(c) {
            return Some(r);
        }
        let before = subject_before(self.text, self.lex, self.ts, c.at);
        if let Some(r) = self.participle(out, ci, c, before) {
            return Some(r);
        }
        self.around(out, ci, c, before)
    }

    /// Where the sentence's first words are.
    pub(super) fn lead(&self) -> &Lead {
        self.lead.get_or_init(|| Lead::of(self.ts))
    }

    /// `reading` as a found quotation of cue `c`, when it reports something.
    fn push(&self, out: &mut Vec<Found>, c: &Cue, reading: Reading) {
        if let Some(Content { span, kind, gap }) = reading.content {
            // "attacked the convoy", "put the book on the table", "rejected a request":
            // a cue that reports only a particular object reports nothing without it,
            // in whatever frame.
            let report = span.of(self.text);
            let given = match c.needs {
                Needs::Nothing => true,
                Needs::Reason => gives_reason(report),
                Needs::Estimate => gives_estimate(report),
                Needs::Claim => kind == QuoteKind::Direct || gives_claim(self.lex, report),
            };
            if !given {
                return;
            }
            out.push(Found {
                span,
                kind,
                cue: Some(Span::new(
                    self.ts[c.at].span.start,
                    self.ts[c.end - 1].span.end,
                )),
                speaker: reading.speaker,
                frame: reading.frame,
                para: self.para,
                gap,
            });
        }
    }

    /// A speaker next to the cue, before it, after it (inverted) or before an
    /// apposition; the clause before, after or around the frame.
    fn around(
        &self,
        out: &[Found],
        ci: usize,
        c: &Cue,
        before: Option<(usize, usize)>,
    ) -> Option<Reading> {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        // Inverted: `"QUOTE," said X` / `CLAUSE, said X`; or an apposition between
        // speaker and cue: `X, a spokesman for Y, said CLAUSE`.
        // The token before the cue, past "has", "also" ("Snyder, for his part, has denied").
        let mut k = c.at;
        while k > 1 && ts[k - 1].is_word() && CueLexicon::has(&lex.skip, word(text, &ts[k - 1])) {
            k -= 1;
        }
        let after_comma = before.is_none()
            && c.at > 0
            && (ts[c.at - 1].is_punct(',')
                || ts[c.at - 1].quote().is_some()
                || is_dash(&ts[c.at - 1])
                || (k < c.at && (ts[k - 1].is_punct(',') || is_dash(&ts[k - 1]))));
        let (inversion, apposed) = if after_comma {
            (self.inverted_subject(c), self.apposed_subject(c, k))
        } else {
            (None, None)
        };
        // `X, a spokesman for Y, said`: an apposition wins over an inversion unless a
        // quotation comes right before the cue.
        let inversion = inversion
            .filter(|_| apposed.is_none() || (c.at >= 2 && ts[c.at - 2].quote().is_some()));
        let inverted = inversion.is_some();
        let (subj, mut pre_end, post) = if let Some(r) = inversion {
            (r, c.at, self.skip_apposition(r.1))
        } else if let Some(r) = apposed {
            (r, self.before_role(self.np_left_edge(r.0)), c.end)
        } else {
            let r = before?;
            (r, self.before_role(self.np_left_edge(r.0)), c.end)
        };
        // "It does not say whether he had a gun, as police have said.": a frame after
        // ", as" that ends the sentence reports the clause before the comma.
        if !inverted
            && apposed.is_none()
            && pre_end >= 3
            && word(text, &ts[pre_end - 1]).eq_ignore_ascii_case("as")
            && ts[pre_end - 2].is_punct(',')
            && self.ends_after_setting(c.end)
        {
            pre_end -= 1;
        }
        // "a group called Lashkar-e-Taiba", "a super PAC called Future45": naming, not
        // speech.
        if !inverted
            && word(text, &ts[c.at]).eq_ignore_ascii_case("called")
            && lex.indefinite.contains(word(text, &ts[subj.0]))
            && ts.get(c.end).is_some_and(|t| starts_upper(word(text, t)))
        {
            return None;
        }
        let mut phrase = span_of(ts, subj);
        // "Rattling off promises to lower student debt …, Clinton promised …": a
        // participle opening the sentence is no speaker; the subject after its phrase is.
        if !inverted
            && subj.0 == 0
            && subj.1 >= 2
            && is_participle_word(word(text, &ts[0]))
            && !starts_upper(word(text, &ts[1]))
            // Past a list's commas to the one before a capital or a pronoun.
            && let Some(comma) = (c.end..ts.len().min(c.end + MAX_CLAUSE)).find(|&i| {
                ts[i].is_punct(',')
                    && ts.get(i + 1).is_some_and(|n| {
                        let n = word(text, n);
                        starts_upper(n) || CueLexicon::has(&lex.pronouns, n)
                    })
            })
            && let Some(r) = subject_after(text, lex, ts, comma + 1)
        {
            phrase = span_of(ts, r);
        }
        // "Trump's claim that …": the cue is the possessed noun, so its possessor
        // speaks (elsewhere a possessive names nobody: "Trump's campaign said").
        if !inverted && subj.1 == c.at {
            let p = phrase.of(text);
            if let Some(name) = strip_possessive(p)
                && starts_upper(name)
            {
                phrase = Span::new(phrase.start, phrase.start + name.len());
            }
        }
        // "And he’s predicted big wins": the contraction is the verb's, not the speaker's.
        if let Some(pronoun) = strip_possessive(phrase.of(text))
            && CueLexicon::has(&lex.pronouns, pronoun)
        {
            phrase = Span::new(phrase.start, phrase.start + pronoun.len());
        }
        let speaker = Speaker::Phrase(phrase);
        let after = clause_start(text, lex, ts, post, c.object && !inverted);
        let content = match self.placement(pre_end, post, after, inverted) {
            Placement::Parenthetical(comma) => self.parenthetical(out, ci, pre_end, comma),
            Placement::CueLast => self.cue_last(out, subj, pre_end, post, after),
            Placement::CueFirst => self.cue_first(ci, after),
        };
        Some(Reading {
            content,
            speaker,
            frame: Frame::Cue,
        })
    }

    /// Whether the clause of a frame ending at `pre_end` and resuming at `post` (its
    /// clause after it would start at `after`) stands before, after or around it.
    fn placement(&self, pre_end: usize, post: usize, after: usize, inverted: bool) -> Placement {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        // What stands before the speaker: a clause closed by a comma or a quotation?
        let pre_closed = pre_end > 0 && {
            let t = &ts[pre_end - 1];
            t.is_punct(',') || t.quote().is_some() || t.is_punct('—') || t.is_punct('-')
        };
        let pre_quoted = ts[pre_end.saturating_sub(MAX_CLAUSE)..pre_end]
            .iter()
            .any(|t| t.quote().is_some());
        // "that", a colon or a quotation right after the cue mark the clause as following.
        let explicit_after = after < ts.len()
            && after > 0
            && (word(text, &ts[after]).eq_ignore_ascii_case("that")
                || (opens_clause(lex, word(text, &ts[after]))
                    && ts[post.min(after)..after].iter().all(Token::is_word))
                || ts[after - 1].is_punct(':')
                || (ts[after].quote().is_some() && !ts[after - 1].is_punct(','))
                || (ts[after].quote().is_some() && !pre_quoted));
        // After the cue: nothing much, or an adverbial ("at the opening", "after the
        // talks ended"), when the clause came first.
        // A quotation counts as words: "… said Trump is "unelectable now."" has a clause.
        let post_words = ts[after.min(ts.len())..]
            .iter()
            .take(MAX_CLAUSE)
            .filter(|t| t.is_word() || t.quote().is_some())
            .count();
        // "But to prevent problems, he said, local officials should be vigilant": a frame
        // set off by commas inside one clause reports the whole sentence.
        // "The truth, the senator said then, was …": an adverb may close the frame.
        let mut comma = post;
        // "The difference now, he told me on Friday, is …": past the cue's object.
        if ts.get(comma).is_some_and(|t| {
            let w = word(text, t);
            !starts_upper(w) && !is_determiner(w) && CueLexicon::has(&lex.objects, w)
        }) {
            comma += 1;
        }
        while comma < ts.len().min(post + 2)
            && ts[comma].is_word()
            && CueLexicon::has(&lex.skip, word(text, &ts[comma]))
        {
            comma += 1;
        }
        // "…, top lawmakers said Friday afternoon, as …", "declared on Thursday,": a date
        // closes the frame too.
        let w = |i: usize| ts.get(i).map_or("", |t| word(text, t));
        let mut date = comma + usize::from(CueLexicon::has(&lex.date_preposition, w(comma)));
        if is_calendar(w(date)) {
            date += 1;
            if CueLexicon::has(&lex.time_unit, w(date)) {
                date += 1;
            }
            if ts.get(date).is_some_and(|t| t.is_punct(',')) {
                comma = date;
            }
        }
        // "…, top lawmakers said Friday, as they bristled at …", "…, Cruz explained,
        // recalling …": what follows the frame's comma is the frame's own adverbial (a
        // subordinate clause or a participle), so the clause came before the frame.
        let frame_adverbial = self.adverbial_after(comma);
        // "The debate is predictable - Trump has vowed to bring back …": after a dash
        // (not a comma), a clause before the frame needs the frame to end the sentence;
        // what follows an introductory word there is the cue's own report.
        let dash_closed = pre_end > 0 && is_dash(&ts[pre_end - 1]);
        let post_adverbial = frame_adverbial
            || after >= ts.len()
            || post_words <= 2
            || ((pre_quoted || !dash_closed)
                && (is_intro(word(text, &ts[after]))
                    || ts.get(post).is_some_and(|t| is_intro(word(text, t)))))
            || ts[after].is_punct(',');
        // "In a post on X, Fidan described ...": an introductory phrase, not a clause.
        let pre_intro = !pre_quoted
            && ts.first().is_some_and(|t| {
                let w = word(text, t);
                CueLexicon::has(&lex.subordinator, w) || (pre_end <= 14 && is_intro(w))
            });
        // "the ministry, whose spokesman, Ivo Park, called it ...": the frame stands in a
        // relative clause, and the main clause before it is narration.
        let relative = ts[pre_end.saturating_sub(6)..pre_end]
            .windows(2)
            .any(|w| w[0].is_punct(',') && CueLexicon::has(&lex.relative, word(text, &w[1])));
        // "More recently, Trump pledged to …", "In response, Trump wrote: …": two words
        // before the frame are an adverbial, not what was said.
        let pre_words = ts[..pre_end].iter().filter(|t| t.is_word()).count();
        // "In an interview on CBS's "Face the Nation," Ryan said the spate …": a quoted
        // title inside an opening phrase of place or time is no quotation before the frame
        // when a clause follows the cue.
        // Not "As for complexity, "…," said Mr. Kamin" (inverted: the quotation is
        // what he said) nor "Asked if "…," 72 percent said yes" (a cue of its own).
        // A longer opening ("Sunday, on CNN's "State of the Union," while commenting on
        // …, Fallin said …") holds only titles: quotations of a few words.
        let titles_only = || {
            ts[..pre_end].iter().filter_map(|t| t.quote()).all(|q| {
                self.quotes.get(q).is_some_and(|q| {
                    q.inner
                        .of(text)
                        .split_whitespace()
                        .nth(MAX_TITLE_WORDS)
                        .is_none()
                })
            })
        };
        let quoted_intro = pre_quoted
            && !inverted
            && (pre_end <= 14 || titles_only())
            && post_words >= 3
            && ts.first().is_some_and(|t| {
                let w = word(text, t);
                is_intro(w) && lex.cue(w).is_none()
            });
        let cue_last = pre_closed
            && !quoted_intro
            && (pre_quoted || pre_words > 2)
            && !relative
            && !explicit_after
            // "CLAUSE, said Brian Baker, a longtime adviser … who oversees …": after an
            // inverted speaker comes their description, however long.
            && (pre_quoted || inverted || (post_adverbial && !(pre_intro && post_words >= 3)));
        let parenthetical = !inverted
            && !relative
            && !frame_adverbial
            // "Hours later, Trump tweeted again, telling …": an opening adverbial is no
            // part of a clause around the frame.
            && !ts.first().is_some_and(|t| lex.lead_in.contains(word(text, t)))
            && pre_end >= 2
            && ts[pre_end - 1].is_punct(',')
            && !pre_quoted
            && ts.get(comma).is_some_and(|t| t.is_punct(','))
            && ts[comma..]
                .iter()
                .take(MAX_CLAUSE)
                .filter(|t| t.is_word() || t.quote().is_some())
                .count()
                >= 2;
        if parenthetical {
            Placement::Parenthetical(comma)
        } else if cue_last {
            Placement::CueLast
        } else {
            Placement::CueFirst
        }
    }

    /// Whether the sentence ends after token `from` but for a short setting of the frame
    /// ("recently", "in The Intercept", "on Friday"): only punctuation, no colon, after it.
    fn ends_after_setting(&self, from: usize) -> bool {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        let mut j = from;
        while ts.get(j).is_some_and(|t| {
            t.is_word() && {
                let w = word(text, t);
                CueLexicon::has(&lex.skip, w) || is_calendar(w)
            }
        }) {
            j += 1;
        }
        if ts.get(j).is_some_and(|t| {
            let w = word(text, t);
            CueLexicon::has(&lex.setting_preposition, w)
                || CueLexicon::has(&lex.medium_preposition, w)
                || CueLexicon::has(&lex.date_preposition, w)
        }) {
            let words = ts[j + 1..].iter().take_while(|t| t.is_word()).count();
            if !(1..=MAX_SETTING_WORDS).contains(&words) {
                return false;
            }
            j += 1 + words;
        }
        ts[j..]
            .iter()
            .all(|t| matches!(t.kind, crate::tokens::Kind::Punct(p) if p != ':'))
    }

    /// Whether the words after the comma at `comma` are a subordinate clause or a
    /// participle ("…, as they bristled", "…, recalling …"): the adverbial of the frame
    /// before the comma, not the rest of a clause around it.
    pub(super) fn adverbial_after(&self, comma: usize) -> bool {
        self.ts
            .get(comma + 1)
            .is_some_and(|t| CueLexicon::has(&self.lex.subordinator, word(self.text, t)))
            || self.participle_after(comma)
    }

    /// Whether a participle ("citing falling orders") follows the comma at `comma`.
    pub(super) fn participle_after(&self, comma: usize) -> bool {
        self.ts.get(comma + 1).is_some_and(|t| {
            let w = word(self.text, t);
            w.len() > 5 && w.ends_with("ing") && !starts_upper(w)
        })
    }

    /// Where a cue-last clause starts: the sentence start, or just after the clause of an
    /// earlier attribution in the same sentence.
    pub(super) fn previous_clause_start(&self, out: &[Found]) -> usize {
        let Some(prev) = out[self.first_here..].last() else {
            return 0;
        };
        self.ts.partition_point(|t| t.span.start < prev.span.end)
    }
}

/// Whether the first words of `report` give a reason or a name for its object ("Clinton
/// for her vote", "her opponent as a fraud"), not "allies as well as adversaries".
fn gives_reason(report: &str) -> bool {
    let words: Vec<&str> = report.split_whitespace().take(MAX_REASON_AT + 1).collect();
    words.iter().enumerate().take(MAX_REASON_AT).any(|(i, w)| {
        let near = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .is_some_and(|n| n.eq_ignore_ascii_case("well"))
        };
        w.eq_ignore_ascii_case("for")
            || (w.eq_ignore_ascii_case("as") && !near(i.checked_sub(1)) && !near(Some(i + 1)))
    })
}

/// Whether the first words of `report` give its object a figure with "at" ("the cost
/// of the scheme at 90 million", "the death toll at about 30"), not "it at risk".
fn gives_estimate(report: &str) -> bool {
    let words: Vec<&str> = report
        .split_whitespace()
        .take(MAX_ESTIMATE_AT + 3)
        .collect();
    words
        .iter()
        .enumerate()
        .take(MAX_ESTIMATE_AT)
        .any(|(i, w)| {
            w.eq_ignore_ascii_case("at")
                && words[i + 1..]
                    .iter()
                    .find(|n| !CueLexicon::has(&CUE_LEXICON.approximator, n))
                    .is_some_and(|n| {
                        n.starts_with(|c: char| c.is_ascii_digit() || text::signs::is_currency(c))
                    })
        })
}

/// Whether `report` is a claim's clause, as a denial reports it: "that" and a clause
/// ("that the deal was signed", "that Trump would …"), after a claim noun ("claims
/// that …", "the idea that …"); not "a request to …" nor "that argument".
fn gives_claim(lex: &CueLexicon, report: &str) -> bool {
    let mut words = report.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| is_determiner(w) && !w.eq_ignore_ascii_case("that"))
    {
        words.next();
    }
    if words
        .peek()
        .is_some_and(|w| CueLexicon::has(&lex.claim_noun, w))
    {
        words.next();
    }
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("that"))
        && words.next().is_some_and(|n| {
            is_determiner(n)
                || CueLexicon::has(&lex.pronouns, n)
                || n.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// How far into a report [`gives_estimate`] looks for "at": past an object of a few
/// words ("the cost of the port expansion").
const MAX_ESTIMATE_AT: usize = 10;

/// A capitalised "-ing" form ("Rattling"), as a participle opening a sentence; names
/// ending so ("King", "Sterling") are short or listed as given names.
fn is_participle_word(w: &str) -> bool {
    w.len() > 6 && w.ends_with("ing") && starts_upper(w) && crate::name_gender(w).is_none()
}

/// A word that opens an introductory phrase rather than a reported clause.
pub(super) fn is_intro(w: &str) -> bool {
    is_calendar(w) || CueLexicon::has(&CUE_LEXICON.intro, w)
}
