//! Pass 1 of mention finding: runs of capitalised words ("cores") become people,
//! organisations or places; a person's core takes the title or role before it, an
//! appositive after it and a party tag.

use super::*;
use crate::cues::{CUE_LEXICON, CueLexicon};

impl<'t> Finder<'t> {
    /// Pass 1: capitalised runs.
    pub(super) fn names(&mut self) {
        let mut i = 0;
        // Most tokens are not capitalised: go from one capitalised token to the next.
        let mut c = 0;
        loop {
            while self.caps.get(c).is_some_and(|&k| (k as usize) < i) {
                c += 1;
            }
            let Some(&k) = self.caps.get(c) else {
                break;
            };
            i = k as usize;
            let after_honorific =
                i > 0 && self.has(i - 1, WordClass::HONORIFIC) && self.toks[i - 1].cap;
            if !self.name_word(i)
                || (self.has(i, WordClass::TITLE) && !self.name_start(i) && !after_honorific)
            {
                i += 1;
                continue;
            }
            let cs = i;
            let mut ce = i + 1;
            let mut org = self.has(i, WordClass::ORG | WordClass::GROUP);
            loop {
                if self.toks.get(ce).is_some_and(|t| t.nl_before) {
                    break;
                }
                if self.name_word(ce) && self.org_before_given_name(ce) {
                    // "Fox News Sean Hannity": the organisation ends where a person's
                    // given name starts.
                    break;
                } else if self.name_word(ce) {
                    org |= self.has(ce, WordClass::ORG | WordClass::GROUP);
                    ce += 1;
                } else if self.word(ce)
                    && self.has(ce, WordClass::PARTICLE)
                    && self.name_word(ce + 1)
                {
                    ce += 1;
                } else if let Some(end) = self.org_tail(ce) {
                    // "The IWK Health Centre", "Acme Health Sciences Centre": capitalised
                    // common words ending on an organisation word go on with the name.
                    org = true;
                    ce = end;
                } else if org
                    && self.word(ce)
                    && self.is_connector(ce)
                    && self.word(ce + 1)
                    && self.toks[ce + 1].cap
                    && !self.has(ce + 1, WordClass::NONPERSON)
                {
                    // "Commission on Presidential Debates", "Center for American Progress".
                    ce += 2;
                    while self.word(ce) && self.toks[ce].cap && !self.has(ce, WordClass::NONPERSON)
                    {
                        ce += 1;
                    }
                } else if org
                    && self.word(ce)
                    && self.lower(ce) == "of"
                    && self.lower_is(ce + 1, "the")
                    && self.name_word(ce + 2)
                {
                    ce += 2;
                } else if self.lower_is(ce, "of")
                    && self.toks[ce - 1].cap
                    && self.has(ce - 1, WordClass::PLACEWORD)
                    && self.name_word(ce + 1)
                {
                    // "Port of Rotterdam (Authority)", "Isle of Wight": a place word
                    // named by what follows.
                    ce += 1;
                } else {
                    break;
                }
            }
            let next = self.emit_core(cs, ce);
            i = next.max(ce);
        }
    }

    /// Token `i`, a listed given name, follows an organisation's last word ("Fox News
    /// Sean Hannity", "Speaker of the House Newt Gingrich").
    fn org_before_given_name(&self, i: usize) -> bool {
        i > 0
            && WORD_CLASSES.gender.contains_key(self.lower(i))
            && self.has(i - 1, WordClass::ORG)
            && !self.has(i - 1, WordClass::GROUP)
    }

    /// The end of capitalised words from `i` (at most three, on the same line) whose
    /// last is an organisation word ("Health Centre", "Health Sciences Centre"), when
    /// they are not name words themselves; `None` otherwise.
    fn org_tail(&self, i: usize) -> Option<usize> {
        let mut k = i;
        while k < i + 3
            && self.word(k)
            && self.toks[k].cap
            && !self.toks[k].nl_before
            && !self.toks[k].allcaps
        {
            if self.has(k, WordClass::ORG) {
                return (k > i).then_some(k + 1);
            }
            k += 1;
        }
        None
    }

    /// Token `i` is a capitalised word right after a name's run (same line, no
    /// punctuation) that stopped it: a listed non-name or title ("Watch", "Security"),
    /// not a day or month, not an abbreviation, and not the title of a name that
    /// follows ("Secretary John Kerry").
    fn cut_before_common_capital(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        t.kind == TokenKind::Word
            && t.cap
            && !t.excluded
            && !t.claimed
            && !t.nl_before
            && !t.initial
            && self.has(i, WordClass::NONPERSON | WordClass::TITLE)
            && !self.has(i, WordClass::HONORIFIC | WordClass::PRONOUN)
            && !self.tok_text(i).ends_with('.')
            && !CUE_LEXICON.calendar.contains(self.tok_text(i))
            && !self.name_start(i + 1)
    }

    /// The text of token `i`.
    fn tok_text(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.text[t.start()..t.end()]
    }

    fn lower_is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokenKind::Word && self.lower(i) == w
    }

    /// Words joining an organisation's name ("Center for ...", "Bank of America").
    fn is_connector(&self, i: usize) -> bool {
        matches!(self.lower(i), "of" | "for" | "on" | "&" | "and")
    }

    /// The lower-case words of tokens `a..b`, one space apart, are a known place. The
    /// words are joined in a reused buffer: this runs for most capitalised runs.
    pub(super) fn known_place(&self, a: usize, b: usize) -> bool {
        // A place's first word is a place (PLACE) or opens one of several words
        // (PLACE_PART): without either, no need to join the words.
        if let Some(t) = (a..b)
            .map(|k| &self.toks[k])
            .find(|t| t.kind == TokenKind::Word)
            && !t.flags.intersects(WordClass::PLACE | WordClass::PLACE_PART)
        {
            return false;
        }
        let mut s = self.join_buf.borrow_mut();
        s.clear();
        for k in a..b {
            if self.toks[k].kind != TokenKind::Word {
                continue;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.lower(k));
        }
        WORD_CLASSES.places.contains(s.as_str())
    }

    fn is_place(&self, cs: usize, ce: usize) -> bool {
        if ce - cs == 1 {
            return self.has(cs, WordClass::PLACE);
        }
        if ce - cs > 5 {
            return false;
        }
        self.known_place(cs, ce) || self.has(ce - 1, WordClass::PLACEWORD)
    }

    fn is_org_core(&self, cs: usize, ce: usize) -> bool {
        let last = ce - 1;
        // A known place of several words is a place ("the West Bank", "Wall Street").
        if ce - cs > 1 && ce - cs <= 5 && self.known_place(cs, ce) {
            return false;
        }
        // "Statistics Canada", "Environment Canada", "BC Hydro": a public body's word
        // with a place.
        if ce - cs == 2
            && ((self.has(cs, WordClass::INSTITUTION) && self.has(last, WordClass::PLACE))
                || (self.has(cs, WordClass::PLACE) && self.has(last, WordClass::INSTITUTION)))
        {
            return true;
        }
        if self.has(last, WordClass::ORG) {
            // A known given name first makes a two-word name a person ("Michael
            // Bloomberg"), not a longer one ("Virginia Conservation Legacy Fund").
            let first = self.lower(cs);
            return !(ce - cs == 2 && WORD_CLASSES.gender.contains_key(first));
        }
        if (cs..ce).any(|k| self.has(k, WordClass::ORG) && self.toks[k].allcaps) {
            return true;
        }
        // "Greater Vancouver Board of Trade", "Roper Center for Public Opinion Research",
        // "Senate Committee on Homeland Security": an organisation word before a
        // connector inside the name, with no given name first.
        if ce - cs >= 3
            && !WORD_CLASSES.gender.contains_key(self.lower(cs))
            && (cs..ce - 1).any(|k| self.has(k, WordClass::ORG) && self.is_connector(k + 1))
            // Not a person with their organisation and title before the name ("Council
            // on American-Islamic Relations National Executive Director Nihad Awad").
            && !(cs + 1..ce - 1).any(|t| {
                self.has(t, WordClass::TITLE) && self.has(t, WordClass::ROLE)
            })
        {
            return true;
        }
        // Unknown acronyms ("NYPD", "SBU") are institutions more often than people;
        // longer all-capital words are names in capitals ("WALLACE:").
        ce - cs == 1
            && ((self.toks[cs].allcaps
                && !self.has(cs, WordClass::PLACE)
                && self.toks[cs].len() <= 5)
                || is_brand(self.tok_text(cs)))
    }

    /// Classify the core `[cs, ce)` and emit its mention; returns the token to go on from.
    fn emit_core(&mut self, cs: usize, ce: usize) -> usize {
        let single = ce - cs == 1;
        // "CURRENCIES: The loonie rose", "KEEPING SCORE: …": a section heading opening a
        // paragraph names nobody a later "she said" could mean.
        if self.toks[cs].initial
            && self.is_punct(ce, &[':'])
            && CueLexicon::has(&CUE_LEXICON.section_label, self.tok_text(cs))
        {
            return ce;
        }
        // A lone capitalised common word opening a sentence ("Delegations", "Such").
        if single && self.toks[cs].initial && !self.toks[cs].allcaps {
            let lo = self.lower(cs);
            let h = hash(lo);
            let plural = lo.ends_with('s') && !lo.ends_with("ss") && !lo.ends_with("us");
            let known = WORD_CLASSES.gender.contains_key(lo)
                || self.has(cs, WordClass::ORG | WordClass::PLACE);
            // A label ("WALLACE:") or a verb after it ("Fidan opened") makes it a name.
            let colon = self.is_punct(ce, &[':']) || self.verb_like(ce);
            if !colon && {
                let (seen_lower, seen_cap_mid) = self.seen_word(h);
                seen_lower || !(known || seen_cap_mid)
            } {
                // A common word after all; as a plural or a document it may still speak
                // ("Readers may not ...", "Video shows ...").
                let f = self.flags(cs);
                if plural
                    && !f.intersects(WordClass::STOP | WordClass::NONPERSON | WordClass::PRONOUN)
                {
                    let sp = self.span(cs, ce);
                    self.emit(cs, ce, MentionKind::Anonymous, None, Some(sp));
                } else if f.intersects(WordClass::DOC | WordClass::ROLE)
                    && !f.intersects(WordClass::STOP | WordClass::NONPERSON)
                {
                    let sp = self.span(cs, ce);
                    self.emit(cs, ce, MentionKind::Nominal, None, Some(sp));
                }
                return ce;
            }
        }
        // "Given Obama's record", "Year Barack Obama": a sentence's first word, written
        // in lower case elsewhere in the text and no given name, opens the sentence and
        // not the name.
        if !single
            && self.toks[cs].initial
            && !self.toks[cs].allcaps
            && !self.has(
                cs,
                WordClass::TITLE
                    | WordClass::HONORIFIC
                    | WordClass::ORG
                    | WordClass::PLACE
                    | WordClass::PLACE_PART
                    | WordClass::DEMONYM
                    | WordClass::PARTICLE,
            )
            && !WORD_CLASSES.gender.contains_key(self.lower(cs))
            && (self.seen_word(hash(self.lower(cs))).0
                // "Interestingly Blocher …": an adverb opening the sentence.
                || (self.lower(cs).len() > 6 && self.lower(cs).ends_with("ly")))
        {
            return self.emit_core(cs + 1, ce);
        }
        // "Judicial Watch", "Social Security": the run stopped at a capitalised word that
        // names no one ("Watch", "Security") and starts no name; the words are part of a
        // longer name, not a person's.
        if !self.toks[cs].allcaps && self.cut_before_common_capital(ce) {
            self.claim(cs, ce + 1);
            return ce + 1;
        }
        // "13th Amendment": an ordinal before makes it a thing (not an age: "81-year-old
        // Parker Eaton").
        if cs > 0 && self.toks[cs - 1].kind == TokenKind::Word && {
            let w = &self.text[self.toks[cs - 1].start()..self.toks[cs - 1].end()];
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|o| suffix.eq_ignore_ascii_case(o))
        } {
            return ce;
        }
        // Long all-capital words are headings ("BORROWING"), not acronyms, unless they
        // label a speaker in a transcript ("WALLACE: ...").
        if single
            && self.toks[cs].allcaps
            && self.toks[cs].len() > 5
            && !self.is_punct(ce, &[':'])
            && !self.has(cs, WordClass::ORG | WordClass::PLACE)
        {
            return ce;
        }
        let poss = self
            .toks
            .get(ce)
            .is_some_and(|t| t.kind == TokenKind::Possessive);
        // "North Carolina", "South Korea": the run stopped at a direction or nationality
        // word that, with the rest, names a known place.
        if cs > 0
            && ce - cs < 5
            && self.word(cs - 1)
            && self.toks[cs - 1].cap
            && !self.toks[cs].nl_before
            && self.has(cs - 1, WordClass::PLACE_PART | WordClass::DEMONYM)
            && self.known_place(cs - 1, ce)
        {
            return self.emit_place(cs - 1, ce, poss);
        }
        if self.is_org_core(cs, ce) {
            return self.emit_org(cs, ce, poss);
        }
        if self.is_place(cs, ce) {
            return self.emit_place(cs, ce, poss);
        }
        // A name followed by an organisation noun: "the Clinton campaign".
        if !poss
            && self.word(ce)
            && !self.toks[ce].cap
            && self.has(ce, WordClass::ORG_NOUN)
            && !self.name_start(ce + 1)
        {
            let mut end = ce + 1;
            if self.word(end) && self.has(end, WordClass::ANON_PL | WordClass::GROUP) {
                end += 1;
            }
            let a = if cs > 0 && self.lower_is(cs - 1, "the") && self.word(cs - 1) {
                cs - 1
            } else {
                cs
            };
            let name = self.span(cs, ce);
            self.emit(a, end, MentionKind::Organization, Some(name), None);
            return end;
        }
        if poss {
            return self.emit_possessor(cs, ce);
        }
        // "in Onawa, Iowa, the candidate …": a name a known state or country follows,
        // set off by commas, is a town there; no "he" or "the candidate" means it.
        if ce - cs <= 3
            && self.is_punct(ce, &[','])
            && self.word(ce + 1)
            && self.toks[ce + 1].cap
            && self.is_place(ce + 1, ce + 2)
            && (ce + 2 >= self.toks.len() || self.is_punct(ce + 2, &[',', '.', ')', ';']))
            && !WORD_CLASSES.gender.contains_key(self.lower(cs))
        {
            return self.emit_place(cs, ce, false);
        }
        self.emit_person(cs, ce)
    }

    fn emit_org(&mut self, cs: usize, ce: usize, poss: bool) -> usize {
        // Title-like capitalised words and a determiner before: "the Turkish Foreign Ministry".
        let mut a = cs;
        let mut steps = 0;
        while a > 0 && steps < 4 {
            let k = a - 1;
            if self.word(k)
                && self.toks[k].cap
                && self.has(
                    k,
                    WordClass::TITLE
                        | WordClass::DEMONYM
                        | WordClass::PLACE
                        | WordClass::PLACE_PART
                        | WordClass::MODIFIER,
                )
                && !self.toks[k].initial
            {
                a = k;
                steps += 1;
            } else if self.word(k)
                && self.toks[k].cap
                && self.has(k, WordClass::TITLE | WordClass::DEMONYM | WordClass::PLACE)
            {
                a = k;
                break;
            } else {
                break;
            }
        }
        if a > 0 && self.word(a - 1) && self.lower(a - 1) == "the" {
            a -= 1;
        }
        let mut end = ce;
        if poss {
            // "The Kremlin's spokesman ..." is left to the name that follows, if any.
            if let Some(h) = self.possessed_head(ce + 1) {
                if self.name_start(h + 1) {
                    return ce;
                }
                end = h + 1;
            }
        } else if self.word(ce)
            && self.has(
                ce,
                WordClass::ANON_PL | WordClass::GROUP | WordClass::ROLE_PL | WordClass::ROLE,
            )
            && !self.toks[ce].cap
        {
            // "Turkish Foreign Ministry officials", "a Pentagon spokesman".
            end = ce + 1;
        }
        let name = self.span(cs, ce);
        self.emit(a, end, MentionKind::Organization, Some(name), None);
        end
    }

    fn emit_place(&mut self, cs: usize, ce: usize, poss: bool) -> usize {
        if poss {
            // "Russia's" is no speaker; "Russia's foreign ministry" is an organisation.
            if let Some(h) = self.possessed_head(ce + 1)
                && self.has(h, WordClass::ORG_NOUN)
                && !self.name_start(h + 1)
            {
                let name = self.span(cs, ce);
                self.emit(cs, h + 1, MentionKind::Organization, Some(name), None);
                return h + 1;
            }
            // A place that does not speak is no phrase for the later passes either.
            self.claim(cs, ce);
            return ce;
        }
        // "Moscow officials", "Texas Republicans".
        if self.word(ce) && self.has(ce, WordClass::ANON_PL | WordClass::GROUP) {
            let name = self.span(cs, ce);
            self.emit(cs, ce + 1, MentionKind::Organization, Some(name), None);
            return ce + 1;
        }
        // "the Vermont senator", "Florida senator Marco Rubio": the place modifies a
        // role noun; the description (or the name after it) is the speaker.
        if self.word(ce)
            && !self.toks[ce].cap
            && self.has(ce, WordClass::ROLE)
            && !self.has(ce, WordClass::STOP)
        {
            return ce;
        }
        let mut a = cs;
        if cs > 0 && self.word(cs - 1) && self.lower(cs - 1) == "the" {
            a = cs - 1;
        }
        // After a preposition it is a place where something happens.
        if a > 0 && self.toks[a - 1].kind == TokenKind::Word && self.has(a - 1, WordClass::PREP) {
            // A place that does not speak is no phrase for the later passes either.
            self.claim(cs, ce);
            return ce;
        }
        // A speaker is followed by its verb (or "and" another speaker).
        // Only countries, states and cities speak ("Dolmabahçe Palace" does not).
        let speaks = if ce - cs == 1 {
            self.has(cs, WordClass::PLACE)
        } else {
            self.known_place(cs, ce)
        };
        let speaks = speaks
            && match self.toks.get(ce) {
                Some(t) if t.kind == TokenKind::Word && !t.nl_before => {
                    !t.cap
                        && !self.has(
                            ce,
                            WordClass::PLACEWORD
                                | WordClass::ORG
                                | WordClass::GROUP
                                | WordClass::PREP,
                        )
                }
                _ => false,
            };
        // A dateline or a heading ("ISTANBUL") is not a speaker either.
        if !speaks || (self.toks[cs].allcaps && self.toks[cs].initial) {
            // A place that does not speak is no phrase for the later passes either.
            self.claim(cs, ce);
            return ce;
        }
        let name = self.span(cs, ce);
        self.emit(a, ce, MentionKind::Country, Some(name), None);
        ce
    }

    /// After a possessive at `from`: modifiers then a role, organisation, group or
    /// document noun; returns the head's index.
    fn possessed_head(&self, from: usize) -> Option<usize> {
        let mut head = None;
        for k in from..(from + 5).min(self.toks.len()) {
            if !self.word(k) {
                break;
            }
            let f = self.flags(k);
            if f.intersects(
                WordClass::ROLE
                    | WordClass::ROLE_PL
                    | WordClass::ORG_NOUN
                    | WordClass::GROUP
                    | WordClass::ANON
                    | WordClass::ANON_PL
                    | WordClass::DOC,
            ) && !f.intersects(WordClass::STOP)
            {
                head = Some(k);
                continue;
            }
            if f.intersects(WordClass::MODIFIER | WordClass::DEMONYM)
                || (!self.toks[k].cap && !f.intersects(WordClass::STOP) && head.is_none())
            {
                if head.is_some() {
                    break;
                }
                continue;
            }
            break;
        }
        head
    }

    /// A name followed by a possessive: "Clinton's campaign", "Trump's statement", or
    /// just "Clinton's".
    fn emit_possessor(&mut self, cs: usize, ce: usize) -> usize {
        let name = self.span(cs, ce);
        if let Some(h) = self.possessed_head(ce + 1) {
            if self.name_start(h + 1) {
                // "Clinton's top aide Jake Sullivan": the name that follows takes it.
                return ce;
            }
            let f = self.flags(h);
            // "James Comey's statement", "Trump's tweet": a document speaks for its
            // author, the person a later "he" means.
            if f.intersects(WordClass::DOC)
                && !f.intersects(WordClass::ROLE | WordClass::ORG_NOUN | WordClass::GROUP)
                && !self.has(cs, WordClass::ORG | WordClass::PLACE)
            {
                let (a, role) = self.role_before(cs);
                self.emit(a, ce, MentionKind::Person, Some(name), role);
                return h + 1;
            }
            let kind = if f.intersects(
                WordClass::ORG_NOUN | WordClass::GROUP | WordClass::ANON_PL | WordClass::ROLE_PL,
            ) {
                MentionKind::Organization
            } else {
                MentionKind::Nominal
            };
            let role = self.span(ce + 1, h + 1);
            let (a, _) = self.role_before(cs);
            self.emit(a, h + 1, kind, Some(name), Some(role));
            return h + 1;
        }
        let (a, role) = self.role_before(cs);
        self.emit(a, ce, MentionKind::Person, Some(name), role);
        ce
    }

    /// Title and role words before a name at `cs`: returns where the mention starts and
    /// the role span.
    fn role_before(&self, cs: usize) -> (usize, Option<Span>) {
        if cs == 0 || self.toks[cs].initial {
            return (cs, None);
        }
        let first = cs - 1;
        let ok_first = self.word(first)
            && self.has(
                first,
                WordClass::TITLE
                    | WordClass::HONORIFIC
                    | WordClass::ROLE
                    | WordClass::ROLE_PL
                    | WordClass::ORG
                    | WordClass::ANON,
            )
            && !self.has(first, WordClass::STOP);
        if !ok_first {
            return (cs, None);
        }
        let mut a = cs;
        let mut k = cs;
        let mut steps = 0;
        while k > 0 && steps < ROLE_WINDOW {
            let j = k - 1;
            let t = &self.toks[j];
            if t.excluded || self.toks[j + 1].nl_before {
                break;
            }
            let f = t.flags;
            let ok = match t.kind {
                TokenKind::Possessive => {
                    j > 0 && self.toks[j - 1].kind == TokenKind::Word && !self.toks[j - 1].excluded
                }
                TokenKind::Punct => false,
                TokenKind::Word => {
                    if f.intersects(WordClass::DEFINITE) || matches!(self.lower(j), "a" | "an") {
                        // A determiner opens the phrase: it belongs to the span, not the role.
                        if k < cs {
                            a = j;
                        }
                        break;
                    }
                    let lo = self.lower(j);
                    if lo == "of" {
                        k < cs && self.toks[k].kind == TokenKind::Word
                    } else if t.cap {
                        f.intersects(
                            WordClass::TITLE
                                | WordClass::HONORIFIC
                                | WordClass::DEMONYM
                                | WordClass::PLACE
                                | WordClass::PLACE_PART
                                | WordClass::MODIFIER
                                | WordClass::ORG
                                | WordClass::ROLE,
                        ) || self
                            .toks
                            .get(j + 1)
                            .is_some_and(|n| n.kind == TokenKind::Possessive)
                            || (self.toks[j + 1].cap
                                && self.toks[j + 1].flags.intersects(WordClass::PLACE))
                    } else {
                        !f.intersects(WordClass::STOP)
                            && f.intersects(
                                WordClass::TITLE
                                    | WordClass::HONORIFIC
                                    | WordClass::ROLE
                                    | WordClass::ROLE_PL
                                    | WordClass::MODIFIER
                                    | WordClass::ORG
                                    | WordClass::DEMONYM
                                    | WordClass::ANON,
                            )
                    }
                }
            };
            if !ok {
                break;
            }
            k = j;
            steps += 1;
            if t.initial {
                break;
            }
        }
        // Never cut into the previous mention: swallow it whole or stop at its end.
        if let Some(last) = self.out.last()
            && k < cs
            && last.span.end > self.toks[k].start()
            && last.span.start < self.toks[k].start()
        {
            while k < cs && self.toks[k].start() < last.span.end {
                k += 1;
            }
            a = a.max(k);
        }
        // Drop a dangling "of" or possessive at the left edge.
        while k < cs && (self.toks[k].kind != TokenKind::Word || self.lower(k) == "of") {
            k += 1;
        }
        if k == cs {
            return (cs, None);
        }
        if a == cs {
            a = k;
        }
        // Honorifics are not roles: "Mr." gives no role, "Sen." does.
        let mut re = cs;
        while re > k
            && self.has(re - 1, WordClass::HONORIFIC)
            && !self.has(re - 1, WordClass::TITLE)
        {
            re -= 1;
        }
        let mut rs = k;
        while rs < re && self.has(rs, WordClass::HONORIFIC) && !self.has(rs, WordClass::TITLE) {
            rs += 1;
        }
        let role = (rs < re).then(|| self.span(rs, re));
        (a.min(k), role)
    }

    fn emit_person(&mut self, cs: usize, ce: usize) -> usize {
        let (a, role) = self.role_before(cs);
        let name = self.span(cs, ce);
        let mut end = ce;
        // "(R-Texas)": a party and state tag.
        if self.is_punct(end, &['(']) {
            let mut k = end + 1;
            while k < self.toks.len() && k < end + 6 && !self.is_punct(k, &[')']) {
                k += 1;
            }
            let tag = self
                .toks
                .get(end + 1)
                .map(|t| &self.text[t.start()..t.end()])
                .unwrap_or("");
            if self.is_punct(k, &[')']) && (is_party_tag(tag) || matches!(tag, "R" | "D" | "I")) {
                end = k + 1;
            }
        }
        // ", R-Ky.,": the same tag between commas, the house style of many papers.
        if self.is_punct(end, &[',']) && self.word(end + 1) && is_party_tag(self.tok_text(end + 1))
        {
            end += 2;
            if self.is_punct(end, &['.']) {
                end += 1;
            }
        }
        let appositive = self.appositive(end);
        let before = appositive
            .is_none()
            .then(|| self.appositive_before(a, end))
            .flatten()
            .map(|(s, e)| self.span(s, e));
        self.emit(a, end, MentionKind::Person, Some(name), role);
        if let Some(sp) = before
            && let Some(m) = self.out.last_mut()
        {
            // Not part of the mention's span: the words before it may be a mention of
            // their own ("A spokesman for the authority").
            m.appositive = Some(sp);
        }
        if let Some((s, e)) = appositive {
            let sp = self.span(s, e);
            self.claim(end, e);
            if let Some(m) = self.out.last_mut() {
                m.appositive = Some(sp);
                m.span.end = sp.end;
            }
            return e;
        }
        end
    }

    /// "Its chairwoman, Ingrid Moe, said", "A spokesman for the authority, Jan Bakker,
    /// said": a role phrase opening the sentence, set off by commas before a name at
    /// tokens `[start, end)`; its tokens `[s, e)` when there is one. It must open with a
    /// definite or indefinite article or a possessive and hold a role word ("Last year,
    /// Ingrid Moe, ..." holds none).
    fn appositive_before(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start < 2 || !self.is_punct(start - 1, &[',']) || !self.is_punct(end, &[',']) {
            return None;
        }
        let e = start - 1;
        let mut s = e;
        while s > 0 && e - s < ROLE_WINDOW && !self.toks[s].initial {
            let t = &self.toks[s - 1];
            if t.excluded || t.kind == TokenKind::Punct || self.toks[s].nl_before {
                return None;
            }
            s -= 1;
        }
        let role = (s..e).any(|k| {
            self.word(k)
                && !self.toks[k].cap
                && self.has(k, WordClass::ROLE | WordClass::TITLE)
                && !self.has(k, WordClass::STOP)
        });
        // "The", "Its", "A" open a role; "One", "Another" a count ("One candidate").
        let opens = self.has(s, WordClass::DEFINITE) || matches!(self.lower(s), "a" | "an");
        (s < e && self.toks[s].initial && opens && role).then_some((s, e))
    }

    /// ", a spokesman for the United Mine Workers," after a name ending at `at`: the
    /// appositive's tokens `[s, e)` when there is one.
    fn appositive(&self, at: usize) -> Option<(usize, usize)> {
        if !self.is_punct(at, &[',']) {
            return None;
        }
        let s = at + 1;
        let mut head = None;
        let mut k = s;
        while k < self.toks.len() && k < s + 6 {
            let t = &self.toks[k];
            if t.excluded || t.kind == TokenKind::Punct || t.nl_before {
                break;
            }
            if t.kind == TokenKind::Word {
                let f = t.flags;
                if f.intersects(WordClass::ROLE | WordClass::ROLE_PL)
                    && !f.intersects(WordClass::STOP)
                    && !t.cap
                {
                    head = Some(k);
                } else if (f.intersects(WordClass::STOP) && !f.intersects(WordClass::DET))
                    || head.is_some()
                {
                    break;
                }
            }
            k += 1;
        }
        let mut h = head?;
        while self.word(h + 1)
            && !self.toks[h + 1].cap
            && self.has(h + 1, WordClass::ROLE)
            && !self.has(h + 1, WordClass::STOP)
        {
            h += 1;
        }
        // The head must not itself start a name ("..., President Obama said").
        if self.name_start(h + 1) {
            return None;
        }
        // Then its complement, to the next comma or stop.
        let mut e = h + 1;
        while e < self.toks.len() && e < h + 1 + ROLE_WINDOW {
            let t = &self.toks[e];
            if t.excluded || t.kind == TokenKind::Punct || t.initial || t.nl_before {
                break;
            }
            if t.kind == TokenKind::Word
                && matches!(
                    self.lower(e),
                    "said" | "says" | "told" | "who" | "which" | "but"
                )
            {
                break;
            }
            e += 1;
        }
        // A complement must start with a preposition ("envoy to Ukraine").
        if e > h + 1
            && !self.has(h + 1, WordClass::PREP)
            && self.toks[h + 1].kind != TokenKind::Possessive
        {
            e = h + 1;
        }
        Some((s, e))
    }
}

/// A party and state tag: "R-Ky", "D-N.Y.", "I-Vt".
/// A one-word brand or site: words run together ("RealClearPolitics", "HuffPollster",
/// "EgyptAir": a capital after three lower-case letters, which surnames such as
/// "McCain", "DeSantis" or "MacArthur" do not have) or a domain ("Factcheck.org").
fn is_brand(w: &str) -> bool {
    let b = w.as_bytes();
    let camel = b.first().is_some_and(u8::is_ascii_uppercase)
        && b.windows(4)
            .any(|x| x[..3].iter().all(u8::is_ascii_lowercase) && x[3].is_ascii_uppercase());
    let domain = [".com", ".org", ".net"]
        .iter()
        .any(|d| b.len() > d.len() && b[b.len() - d.len()..].eq_ignore_ascii_case(d.as_bytes()));
    camel || domain
}

fn is_party_tag(w: &str) -> bool {
    ["R-", "D-", "I-"]
        .iter()
        .any(|p| w.starts_with(p) && w[2..].starts_with(|c: char| c.is_ascii_uppercase()))
}
