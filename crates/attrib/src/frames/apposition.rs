//! The apposition frame: a phrase between the speaker and the cue (`X, a spokesman for
//! Y, said CLAUSE`; `Gov. John Kasich (R-OH), said`), an apposition after an inverted
//! speaker (`said Alan Cole, an economist at X,`), and a description before a name
//! ("Donald Trump’s longtime confidant Roger Stone").

use text::ascii::starts_upper;

use super::clause::subject_before;
use super::sentence::{MAX_TITLE_WORDS, Sentence};
use super::{MAX_NP, is_dash};
use crate::cues::{CUE_LEXICON, Cue, CueLexicon, is_calendar, is_determiner, word};
use crate::mentions::lexicon::{WORD_CLASSES, WordClass};
use crate::tokens::Kind;
use segment::Span;

/// The most words of a role set off before a name ("its chief executive").
const MAX_ROLE_WORDS: usize = 6;

impl Sentence<'_> {
    /// The speaker before an apposition or a comma that ends right before cue `c` (`k`
    /// is the token after the last word between them, past "has", "also").
    pub(super) fn apposed_subject(&self, c: &Cue, k: usize) -> Option<(usize, usize)> {
        let (text, ts) = (self.text, self.ts);
        // "Gov. John Kasich (R-OH), said": a comma between a name and its verb, the
        // name (with its title and party tag) filling the whole stretch since the last
        // comma. Not an apposition, whose stretch is a description ("a spokesman for
        // Y"), nor a clause ending in a name ("... met Putin, said Smith").
        let spliced = if k == c.at && ts[k - 1].is_punct(',') {
            subject_before(text, self.lex, ts, k - 1).filter(|&(s, _)| {
                let from = ts[..s]
                    .iter()
                    .rposition(|t| t.is_punct(',') || t.quote().is_some())
                    .map_or(0, |i| i + 1);
                starts_upper(word(text, &ts[s]))
                    && ts[from..s].iter().all(|t| starts_upper(word(text, t)))
                    && !ts[c.at - 2].is_word()
            })
        } else {
            None
        };
        if spliced.is_some() {
            return spliced;
        }
        // `X, host of “Morning Joe,” suggested`: the apposition ends inside a quotation.
        let quote_comma = k > 0
            && ts[k - 1].quote().is_some()
            && ts[k - 1]
                .span
                .of(text)
                .trim_end_matches(['"', '”', '’', '\''])
                .ends_with(',');
        if k > 0 && (ts[k - 1].is_punct(',') || is_dash(&ts[k - 1]) || quote_comma) {
            // A state after its town ("a nurse in Allentown, Pa., said") is part of the
            // apposition when one opens before it; else ("a woman in Worcester,
            // Massachusetts, told him") the town and state are the subject's end.
            self.apposition_subject(k - 1, true)
                .or_else(|| self.apposition_subject(k - 1, false))
        } else {
            None
        }
    }

    /// `X, a spokesman for Y, said`: the speaker X before an apposition that ends with
    /// the comma at `comma`.
    fn apposition_subject(&self, comma: usize, past_state: bool) -> Option<(usize, usize)> {
        let (text, ts) = (self.text, self.ts);
        let mut i = comma;
        // "--" is two tokens: the delimiter is its first.
        let mut comma = comma;
        while comma > 0 && is_dash(&ts[comma]) && is_dash(&ts[comma - 1]) {
            comma -= 1;
            i -= 1;
        }
        let delim = if ts[comma].quote().is_some() {
            Kind::Punct(',')
        } else {
            ts[comma].kind
        };
        while i > 0 && comma - i < 30 {
            let t = &ts[i - 1];
            // ", 56," (an age) is part of the apposition.
            if t.kind == delim
                && i >= 2
                && word(text, &ts[i - 2]).bytes().all(|b| b.is_ascii_digit())
                && !word(text, &ts[i - 2]).is_empty()
            {
                i -= 1;
                continue;
            }
            if past_state
                && t.kind == delim
                && i < comma
                && comma - i <= 2
                && WORD_CLASSES
                    .classify_any_case(Span::new(ts[i].span.start, ts[comma - 1].span.end).of(text))
                    .intersects(WordClass::PLACE)
            {
                i -= 1;
                continue;
            }
            if t.kind == delim || (is_dash(t) && is_dash(&ts[comma])) {
                let mut i = i;
                while i >= 2 && is_dash(&ts[i - 2]) {
                    i -= 1;
                }
                // "Her budget director, Alan Cho, said": the name is the apposition.
                let between = &ts[i..comma];
                // "… with Republicans, and the meeting deteriorated from there, said one
                // GOP source": a stretch opening with "and" is a clause of its own, and
                // the speaker comes after the cue.
                if between
                    .first()
                    .is_some_and(|b| CueLexicon::has(&self.lex.conjunction, word(text, b)))
                {
                    return None;
                }
                // A dashed list ("— including Muslims, Christians and Jews —") holds
                // names, not a clause ("— specifically Rule 40, as it's written —").
                let lex = self.lex;
                if is_dash(&ts[comma])
                    && between.iter().any(|b| b.is_punct(','))
                    && between.iter().any(|b| {
                        let w = word(text, b);
                        CueLexicon::has(&lex.pronouns, w) || CueLexicon::has(&lex.subordinator, w)
                    })
                {
                    return None;
                }
                let name_only = !between.is_empty()
                    && between.len() <= 5
                    && between.iter().all(|b| {
                        let w = word(text, b);
                        starts_upper(w) || CueLexicon::has(&CUE_LEXICON.joiner, w)
                    })
                    && !between.iter().any(|b| is_calendar(word(text, b)));
                if name_only {
                    // `"…," Ryan's spokeswoman, AshLee Strong, said`: the description
                    // before the name is the frame's, not the quotation's.
                    if let Some((d, _)) = subject_before(text, self.lex, ts, i - 1)
                        && d > 0
                        && (ts[d - 1].quote().is_some()
                            || (d >= 2 && ts[d - 1].is_punct(',') && ts[d - 2].quote().is_some()))
                    {
                        return Some((d, comma));
                    }
                    return Some((i, comma));
                }
                let r = subject_before(text, self.lex, ts, i - 1)?;
                let first = word(text, &ts[r.0]);
                // "Murshed Zaheed, acting political director of CREDO Action, which
                // organized the letter, said": the description is itself an apposition
                // of the name before it.
                if !starts_upper(first)
                    && !is_determiner(first)
                    && r.0 >= 2
                    && ts[r.0 - 1].is_punct(',')
                    && let Some(named) = subject_before(text, self.lex, ts, r.0 - 1)
                    && starts_upper(word(text, &ts[named.0]))
                {
                    return Some(named);
                }
                return (starts_upper(first) || is_determiner(first)).then_some(r);
            }
            // "Many speakers — including Muslims, Christians and Jews — said": a dashed
            // apposition may hold a list.
            let inner_ok = t.is_word()
                || t.quote().is_some()
                || (is_dash(&ts[comma]) && t.is_punct(','))
                || matches!(
                    t.kind,
                    Kind::Punct('(' | ')' | '-' | '’' | '\'' | '$' | '%' | '.' | '/' | '&')
                );
            if !inner_ok {
                return None;
            }
            i -= 1;
        }
        None
    }

    /// Past an apposition after an inverted speaker ("said Alan Cole, an economist at X,").
    pub(super) fn skip_apposition(&self, from: usize) -> usize {
        let (text, ts) = (self.text, self.ts);
        if !ts.get(from).is_some_and(|t| t.is_punct(',')) {
            return from;
        }
        // "said Jason Doe, 54, a fire information officer …": past the age.
        let age = ts.get(from + 1).is_some_and(|t| {
            let w = word(text, t);
            (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        }) && ts.get(from + 2).is_some_and(|t| t.is_punct(','));
        self.skip_apposition_once(if age { from + 2 } else { from })
    }

    /// [`Sentence::skip_apposition`] of one apposition, the comma before it at `from`.
    fn skip_apposition_once(&self, from: usize) -> usize {
        let (text, ts) = (self.text, self.ts);
        if !ts.get(from).is_some_and(|t| t.is_punct(',')) {
            return from;
        }
        let mut i = from + 1;
        // "said RoseAnn DeMoro, executive director of …": a role in lower case too.
        let role = || {
            ts[i..ts.len().min(i + 3)]
                .iter()
                .take_while(|t| t.is_word())
                .any(|t| WORD_CLASSES.is_people_noun(word(text, t)))
        };
        if !ts
            .get(i)
            .is_some_and(|t| is_determiner(word(text, t)) || starts_upper(word(text, t)))
            && !role()
        {
            return from;
        }
        // "said Adam Segal, the author of "Hacked World Order," who …": a short quoted
        // title inside the description is part of it.
        let title = |i: usize| {
            i > from + 2
                && ts[i]
                    .quote()
                    .and_then(|q| self.quotes.get(q))
                    .is_some_and(|q| {
                        q.inner
                            .of(text)
                            .split_whitespace()
                            .nth(MAX_TITLE_WORDS)
                            .is_none()
                    })
        };
        while i < ts.len() && i - from < 12 && (ts[i].is_word() || title(i)) {
            i += 1;
        }
        i
    }

    /// Where the words before a frame whose speaker phrase starts at `s` end, past a
    /// role set off by commas before the name: in "CLAUSE, its chief executive, Siri
    /// Dahl, told shareholders" the clause ends before "its chief executive". `s` itself
    /// when there is no such role: it opens with a determiner or a possessive, ends on
    /// a role word, and has a comma before it; the phrase at `s` is a name.
    pub(super) fn before_role(&self, s: usize) -> usize {
        let (text, ts) = (self.text, self.ts);
        // Before a name only: "…, the warmth of a favorite aunt, her supporters say" is
        // a list.
        if s < 3
            || !ts[s - 1].is_punct(',')
            || !ts.get(s).is_some_and(|t| starts_upper(word(text, t)))
        {
            return s;
        }
        let end = s - 1;
        let mut k = end;
        while k > 0 && end - k < MAX_ROLE_WORDS && ts[k - 1].is_word() {
            k -= 1;
        }
        if k == end || k == 0 || !ts[k - 1].is_punct(',') {
            return s;
        }
        let first = word(text, &ts[k]);
        let opens = is_determiner(first) || crate::names_text::strip_possessive(first).is_some();
        let head = WORD_CLASSES
            .flag(word(text, &ts[end - 1]))
            .is_some_and(|f| f.intersects(WordClass::TITLE | WordClass::ROLE));
        let lower = ts[k + 1..end].iter().all(|t| !starts_upper(word(text, t)));
        if opens && head && lower { k } else { s }
    }

    /// Where the phrase ending at a speaker name starts, when a longer description
    /// precedes it ("Donald Trump’s longtime confidant Roger Stone"): back over
    /// descriptive words to a comma or dash, else the name itself.
    pub(super) fn np_left_edge(&self, s: usize) -> usize {
        let (text, lex, ts) = (self.text, self.lex, self.ts);
        let mut i = s;
        while i > 0 && s - i < MAX_NP {
            let t = &ts[i - 1];
            if t.is_punct(',') || t.is_punct('—') || t.quote().is_some() {
                return i;
            }
            let w = word(text, t);
            // "a narrator in the Clinton ad": prepositions may sit inside a description.
            let inner = lex.np_inner.contains(w);
            if w.is_empty() || (CueLexicon::has(&lex.np_stop, w) && !inner) || lex.cue(w).is_some()
            {
                return s;
            }
            i -= 1;
        }
        if i == 0 { 0 } else { s }
    }
}
