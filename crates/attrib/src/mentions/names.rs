//! Pass 1.

use super::*;

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
            let after_honorific = i > 0 && self.has(i - 1, HONORIFIC) && self.toks[i - 1].cap;
            if !self.name_word(i) || (self.has(i, TITLE) && !self.name_start(i) && !after_honorific)
            {
                i += 1;
                continue;
            }
            let cs = i;
            let mut ce = i + 1;
            let mut org = self.has(i, ORG | GROUP);
            loop {
                if self.toks.get(ce).is_some_and(|t| t.nl_before) {
                    break;
                }
                if self.name_word(ce) {
                    org |= self.has(ce, ORG | GROUP);
                    ce += 1;
                } else if self.word(ce) && self.has(ce, PARTICLE) && self.name_word(ce + 1) {
                    ce += 1;
                } else if org
                    && self.word(ce)
                    && self.is_connector(ce)
                    && self.word(ce + 1)
                    && self.toks[ce + 1].cap
                    && !self.has(ce + 1, NONPERSON)
                {
                    // "Commission on Presidential Debates", "Center for American Progress".
                    ce += 2;
                    while self.word(ce) && self.toks[ce].cap && !self.has(ce, NONPERSON) {
                        ce += 1;
                    }
                } else if org
                    && self.word(ce)
                    && self.lo(ce) == "of"
                    && self.lo_is(ce + 1, "the")
                    && self.name_word(ce + 2)
                {
                    ce += 2;
                } else {
                    break;
                }
            }
            let next = self.emit_core(cs, ce);
            i = next.max(ce);
        }
    }

    fn lo_is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == Tk::Word && self.lo(i) == w
    }

    /// Words joining an organisation's name ("Center for ...", "Bank of America").
    fn is_connector(&self, i: usize) -> bool {
        matches!(self.lo(i), "of" | "for" | "on" | "&" | "and")
    }

    /// The lower-case words of tokens `a..b`, one space apart, are a known place. The
    /// words are joined in a reused buffer: this runs for most capitalised runs.
    pub(super) fn known_place(&self, a: usize, b: usize) -> bool {
        // A place's first word is a place (PLACE) or opens one of several words
        // (PLACE_PART): without either, no need to join the words.
        if let Some(t) = (a..b).map(|k| &self.toks[k]).find(|t| t.kind == Tk::Word)
            && t.flags & (PLACE | PLACE_PART) == 0
        {
            return false;
        }
        let mut s = self.join_buf.borrow_mut();
        s.clear();
        for k in a..b {
            if self.toks[k].kind != Tk::Word {
                continue;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.lo(k));
        }
        LEX.places.contains_key(s.as_str())
    }

    fn is_place(&self, cs: usize, ce: usize) -> bool {
        if ce - cs == 1 {
            return self.has(cs, PLACE);
        }
        if ce - cs > 5 {
            return false;
        }
        self.known_place(cs, ce) || self.has(ce - 1, PLACEWORD)
    }

    fn is_org_core(&self, cs: usize, ce: usize) -> bool {
        let last = ce - 1;
        // A known place of several words is a place ("the West Bank", "Wall Street").
        if ce - cs > 1 && ce - cs <= 5 && self.known_place(cs, ce) {
            return false;
        }
        if self.has(last, ORG) {
            // A known given name first makes it a person ("Michael Bloomberg").
            let first = self.lo(cs);
            return !(ce - cs >= 2 && LEX.gender.contains_key(first));
        }
        if (cs..ce).any(|k| self.has(k, ORG) && self.toks[k].allcaps) {
            return true;
        }
        // Unknown acronyms ("NYPD", "SBU") are institutions more often than people;
        // longer all-capital words are names in capitals ("WALLACE:").
        ce - cs == 1 && self.toks[cs].allcaps && !self.has(cs, PLACE) && self.toks[cs].len() <= 5
    }

    /// Classify the core `[cs, ce)` and emit its mention; returns the token to go on from.
    fn emit_core(&mut self, cs: usize, ce: usize) -> usize {
        let single = ce - cs == 1;
        // A lone capitalised common word opening a sentence ("Delegations", "Such").
        if single && self.toks[cs].initial && !self.toks[cs].allcaps {
            let lo = self.lo(cs);
            let h = hash(lo);
            let plural = lo.ends_with('s') && !lo.ends_with("ss") && !lo.ends_with("us");
            let known = LEX.gender.contains_key(lo) || self.has(cs, ORG | PLACE);
            // A label ("WALLACE:") or a verb after it ("Fidan opened") makes it a name.
            let colon = self.is_punct(ce, &[':']) || self.verb_like(ce);
            if !colon && {
                let (seen_lower, seen_cap_mid) = self.seen_word(h);
                seen_lower || !(known || seen_cap_mid)
            } {
                // A common word after all; as a plural or a document it may still speak
                // ("Readers may not ...", "Video shows ...").
                let f = self.flags(cs);
                if plural && f & (STOP | NONPERSON | PRONOUN) == 0 {
                    let sp = self.span(cs, ce);
                    self.emit(cs, ce, MentionKind::Anonymous, None, Some(sp));
                } else if f & (DOC | ROLE) != 0 && f & (STOP | NONPERSON) == 0 {
                    let sp = self.span(cs, ce);
                    self.emit(cs, ce, MentionKind::Nominal, None, Some(sp));
                }
                return ce;
            }
        }
        // "13th Amendment": an ordinal before makes it a thing.
        if cs > 0 && self.toks[cs - 1].kind == Tk::Word && {
            let w = &self.text[self.toks[cs - 1].s()..self.toks[cs - 1].e()];
            w.starts_with(|c: char| c.is_ascii_digit()) && w.ends_with(|c: char| c.is_alphabetic())
        } {
            return ce;
        }
        // Long all-capital words are headings ("BORROWING"), not acronyms, unless they
        // label a speaker in a transcript ("WALLACE: ...").
        if single
            && self.toks[cs].allcaps
            && self.toks[cs].len() > 5
            && !self.is_punct(ce, &[':'])
            && !self.has(cs, ORG | PLACE)
        {
            return ce;
        }
        let poss = self.toks.get(ce).is_some_and(|t| t.kind == Tk::Poss);
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
            && self.has(ce, ORG_NOUN)
            && !self.name_start(ce + 1)
        {
            let mut end = ce + 1;
            if self.word(end) && self.has(end, ANON_PL | GROUP) {
                end += 1;
            }
            let a = if cs > 0 && self.lo_is(cs - 1, "the") && self.word(cs - 1) {
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
                && self.has(k, TITLE | DEMONYM | PLACE | PLACE_PART | MODIFIER)
                && !self.toks[k].initial
            {
                a = k;
                steps += 1;
            } else if self.word(k) && self.toks[k].cap && self.has(k, TITLE | DEMONYM | PLACE) {
                a = k;
                break;
            } else {
                break;
            }
        }
        if a > 0 && self.word(a - 1) && self.lo(a - 1) == "the" {
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
            && self.has(ce, ANON_PL | GROUP | ROLE_PL | ROLE)
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
                && self.has(h, ORG_NOUN)
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
        if self.word(ce) && self.has(ce, ANON_PL | GROUP) {
            let name = self.span(cs, ce);
            self.emit(cs, ce + 1, MentionKind::Organization, Some(name), None);
            return ce + 1;
        }
        let mut a = cs;
        if cs > 0 && self.word(cs - 1) && self.lo(cs - 1) == "the" {
            a = cs - 1;
        }
        // After a preposition it is a place where something happens.
        if a > 0 && self.toks[a - 1].kind == Tk::Word && self.has(a - 1, PREP) {
            // A place that does not speak is no phrase for the later passes either.
            self.claim(cs, ce);
            return ce;
        }
        // A speaker is followed by its verb (or "and" another speaker).
        // Only countries, states and cities speak ("Dolmabahçe Palace" does not).
        let speaks = if ce - cs == 1 {
            self.has(cs, PLACE)
        } else {
            self.known_place(cs, ce)
        };
        let speaks = speaks
            && match self.toks.get(ce) {
                Some(t) if t.kind == Tk::Word && !t.nl_before => {
                    !t.cap && !self.has(ce, PLACEWORD | ORG | GROUP | PREP)
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
            if f & (ROLE | ROLE_PL | ORG_NOUN | GROUP | ANON | ANON_PL | DOC) != 0 && f & STOP == 0
            {
                head = Some(k);
                continue;
            }
            if f & (MODIFIER | DEMONYM) != 0
                || (!self.toks[k].cap && f & STOP == 0 && head.is_none())
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
            let kind = if f & (ORG_NOUN | GROUP | ANON_PL | ROLE_PL) != 0 {
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
            && self.has(first, TITLE | HONORIFIC | ROLE | ROLE_PL | ORG | ANON)
            && !self.has(first, STOP);
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
                Tk::Poss => {
                    j > 0 && self.toks[j - 1].kind == Tk::Word && !self.toks[j - 1].excluded
                }
                Tk::Punct => false,
                Tk::Word => {
                    if f & DEFINITE != 0 || matches!(self.lo(j), "a" | "an") {
                        // A determiner opens the phrase: it belongs to the span, not the role.
                        if k < cs {
                            a = j;
                        }
                        break;
                    }
                    let lo = self.lo(j);
                    if lo == "of" {
                        k < cs && self.toks[k].kind == Tk::Word
                    } else if t.cap {
                        f & (TITLE
                            | HONORIFIC
                            | DEMONYM
                            | PLACE
                            | PLACE_PART
                            | MODIFIER
                            | ORG
                            | ROLE)
                            != 0
                            || self.toks.get(j + 1).is_some_and(|n| n.kind == Tk::Poss)
                            || (self.toks[j + 1].cap && self.toks[j + 1].flags & PLACE != 0)
                    } else {
                        f & STOP == 0
                            && f & (TITLE
                                | HONORIFIC
                                | ROLE
                                | ROLE_PL
                                | MODIFIER
                                | ORG
                                | DEMONYM
                                | ANON)
                                != 0
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
            && last.span.end > self.toks[k].s()
            && last.span.start < self.toks[k].s()
        {
            while k < cs && self.toks[k].s() < last.span.end {
                k += 1;
            }
            a = a.max(k);
        }
        // Drop a dangling "of" or possessive at the left edge.
        while k < cs && (self.toks[k].kind != Tk::Word || self.lo(k) == "of") {
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
        while re > k && self.has(re - 1, HONORIFIC) && !self.has(re - 1, TITLE) {
            re -= 1;
        }
        let mut rs = k;
        while rs < re && self.has(rs, HONORIFIC) && !self.has(rs, TITLE) {
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
                .map(|t| &self.text[t.s()..t.e()])
                .unwrap_or("");
            if self.is_punct(k, &[')'])
                && (tag.starts_with("R-")
                    || tag.starts_with("D-")
                    || tag.starts_with("I-")
                    || matches!(tag, "R" | "D" | "I"))
            {
                end = k + 1;
            }
        }
        let appositive = self.appositive(end);
        self.emit(a, end, MentionKind::Person, Some(name), role);
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
            if t.excluded || t.kind == Tk::Punct || t.nl_before {
                break;
            }
            if t.kind == Tk::Word {
                let f = t.flags;
                if f & (ROLE | ROLE_PL) != 0 && f & STOP == 0 && !t.cap {
                    head = Some(k);
                } else if (f & STOP != 0 && f & DET == 0) || head.is_some() {
                    break;
                }
            }
            k += 1;
        }
        let mut h = head?;
        while self.word(h + 1)
            && !self.toks[h + 1].cap
            && self.has(h + 1, ROLE)
            && !self.has(h + 1, STOP)
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
            if t.excluded || t.kind == Tk::Punct || t.initial || t.nl_before {
                break;
            }
            if t.kind == Tk::Word
                && matches!(
                    self.lo(e),
                    "said" | "says" | "told" | "who" | "which" | "but"
                )
            {
                break;
            }
            e += 1;
        }
        // A complement must start with a preposition ("envoy to Ukraine").
        if e > h + 1 && !self.has(h + 1, PREP) && self.toks[h + 1].kind != Tk::Poss {
            e = h + 1;
        }
        Some((s, e))
    }
}
