//! Passes 2 and 3 of mention finding: noun phrases headed by a role, source, group,
//! organisation or document noun ("a senior Ukrainian official", "The clip says"), then
//! pronouns.

use super::*;

impl<'t> Finder<'t> {
    /// Pass 2: noun phrases headed by role, source, group, organisation or document nouns.
    pub(super) fn phrases(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if !self.word(i) {
                i += 1;
                continue;
            }
            let f = self.flags(i);
            let is_det = f.intersects(WordClass::DET)
                || (self.text.as_bytes()[self.toks[i].start()].is_ascii_digit()
                    && self
                        .lower(i)
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b','));
            let next = if is_det {
                self.det_phrase(i)
            } else if f.intersects(WordClass::GROUP | WordClass::ANON_PL | WordClass::ROLE_PL)
                && !f.intersects(WordClass::STOP)
            {
                self.bare_phrase(i)
            } else if self.toks[i].initial
                && self.toks[i].cap
                && f.intersects(WordClass::ROLE | WordClass::DEMONYM | WordClass::DOC)
                && !f.intersects(WordClass::STOP | WordClass::NONPERSON)
                && self.verb_like(i + 1)
            {
                // A headline's or sentence's subject: "Judge rejects ...", "Japanese are ...".
                let kind = if f.intersects(WordClass::DEMONYM) {
                    MentionKind::Anonymous
                } else {
                    MentionKind::Nominal
                };
                let sp = self.span(i, i + 1);
                self.emit(i, i + 1, kind, None, Some(sp));
                Some(i + 1)
            } else {
                None
            };
            i = next.unwrap_or(i + 1);
        }
    }

    fn head_flags(&self, k: usize) -> WordClass {
        let f = self.flags(k);
        if f.intersects(WordClass::STOP) || f.intersects(WordClass::DET) {
            return WordClass::empty();
        }
        f & (WordClass::ROLE
            | WordClass::ROLE_PL
            | WordClass::ANON
            | WordClass::ANON_PL
            | WordClass::GROUP
            | WordClass::ORG_NOUN
            | WordClass::DOC)
    }

    fn det_phrase(&mut self, d: usize) -> Option<usize> {
        let mut head = None;
        let mut k = d + 1;
        while k < self.toks.len() && k <= d + NP_WINDOW {
            if !self.word(k) {
                break;
            }
            let t = &self.toks[k];
            let f = t.flags;
            if t.nl_before {
                break;
            }
            // A capitalised word heads the phrase only as a group, role or organisation
            // noun.
            let head_nouns =
                WordClass::ORG_NOUN | WordClass::GROUP | WordClass::ROLE_PL | WordClass::ROLE;
            if !self.head_flags(k).is_empty() && (!t.cap || f.intersects(head_nouns)) {
                head = Some(k);
                k += 1;
                continue;
            }
            if f.intersects(WordClass::STOP)
                || f.intersects(WordClass::PRONOUN)
                || (f.intersects(WordClass::DET) && k > d + 1)
            {
                break;
            }
            if head.is_some() && !f.intersects(WordClass::MODIFIER | WordClass::DEMONYM) {
                break;
            }
            k += 1;
        }
        let definite = self.has(d, WordClass::DEFINITE);
        let Some(h) = head else {
            return self.subject_phrase(d, definite);
        };
        let hf = self.head_flags(h);
        let kind = if hf.intersects(WordClass::ROLE | WordClass::ROLE_PL)
            && !hf.intersects(WordClass::ANON | WordClass::ANON_PL)
            && definite
            && hf.intersects(WordClass::ROLE)
        {
            MentionKind::Nominal
        } else if hf.intersects(
            WordClass::ANON
                | WordClass::ANON_PL
                | WordClass::GROUP
                | WordClass::ROLE
                | WordClass::ROLE_PL,
        ) {
            MentionKind::Anonymous
        } else if hf.intersects(WordClass::ORG_NOUN) {
            MentionKind::Organization
        } else {
            MentionKind::Nominal
        };
        let role = Some(self.span(d + 1, h + 1));
        self.emit(d, h + 1, kind, None, role);
        Some(h + 1)
    }

    /// A verb-like word at `i`: a listed verb, or a past form ("chanted").
    pub(super) fn verb_like(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if t.kind != TokenKind::Word || t.cap || t.excluded {
            return false;
        }
        let lo = self.lower(i);
        if self.has(i, WordClass::VERB)
            || (lo.len() >= 4
                && lo.ends_with("ed")
                && !self.has(
                    i,
                    WordClass::STOP | WordClass::PREP | WordClass::ROLE | WordClass::MODIFIER,
                ))
        {
            return true;
        }
        // An adverb in between: "Cruz openly admitted".
        (self.has(i, WordClass::ADVERB)
            || (lo.len() > 4
                && lo.ends_with("ly")
                && !self.has(
                    i,
                    WordClass::LY_NOUN | WordClass::ROLE | WordClass::ORG | WordClass::DOC,
                )))
            && self.toks.get(i + 1).is_some_and(|n| {
                n.kind == TokenKind::Word && !n.cap && {
                    let nl = self.lower(i + 1);
                    self.has(i + 1, WordClass::VERB)
                        || (nl.len() >= 4
                            && nl.ends_with("ed")
                            && !self.has(i + 1, WordClass::STOP | WordClass::PREP))
                }
            })
    }

    /// A determiner and a few nouns right before a verb, whatever the nouns are: "The
    /// clip says", "one questioner claimed", "Some believe".
    fn subject_phrase(&mut self, d: usize, definite: bool) -> Option<usize> {
        let mut k = d + 1;
        while k < d + 5 && self.word(k) && !self.toks[k].nl_before {
            let f = self.flags(k);
            if self.verb_like(k)
                || f.intersects(WordClass::STOP | WordClass::PRONOUN)
                || (f.intersects(WordClass::DET) && k > d + 1)
            {
                break;
            }
            k += 1;
        }
        if !self.verb_like(k) {
            return None;
        }
        // "The" alone is no phrase; a quantifier alone is ("Some believe").
        if k == d + 1 && (definite || matches!(self.lower(d), "a" | "an" | "the")) {
            return None;
        }
        // "the U.S. said": a country as speaker.
        if k - d <= 5 && self.known_place(d + 1, k) {
            let name = self.span(d + 1, k);
            self.emit(d, k, MentionKind::Country, Some(name), None);
            return Some(k);
        }
        let kind = if definite {
            MentionKind::Nominal
        } else {
            MentionKind::Anonymous
        };
        let role = (k > d + 1).then(|| self.span(d + 1, k));
        self.emit(d, k, kind, None, role);
        Some(k)
    }

    fn bare_phrase(&mut self, h0: usize) -> Option<usize> {
        let mut h = h0;
        while self.word(h + 1)
            && self
                .head_flags(h + 1)
                .intersects(WordClass::GROUP | WordClass::ANON_PL | WordClass::ROLE_PL)
        {
            h += 1;
        }
        let mut a = h0;
        let mut steps = 0;
        while a > 0 && steps < 3 {
            let j = a - 1;
            if !self.word(j) || self.has(j, WordClass::STOP) {
                break;
            }
            let f = self.flags(j);
            if f.intersects(
                WordClass::MODIFIER
                    | WordClass::DEMONYM
                    | WordClass::ORG
                    | WordClass::TITLE
                    | WordClass::ROLE,
            ) || (self.toks[j].cap && f.intersects(WordClass::PLACE))
            {
                a = j;
                steps += 1;
                if self.toks[j].initial {
                    break;
                }
            } else {
                break;
            }
        }
        let role = Some(self.span(a, h + 1));
        self.emit(a, h + 1, MentionKind::Anonymous, None, role);
        Some(h + 1)
    }

    /// Pass 3: subject pronouns.
    pub(super) fn pronouns(&mut self) {
        for i in 0..self.toks.len() {
            // The tests of `word` and `has` on the record at hand, folded into one branch
            // (taken for few tokens, so well predicted).
            let t = &self.toks[i];
            let pronoun = (t.kind == TokenKind::Word)
                & !t.excluded
                & !t.claimed
                & (t.flags.intersects(WordClass::PRONOUN));
            if pronoun {
                let sp = self.span(i, i + 1);
                self.claim(i, i + 1);
                self.out.push(Mention {
                    span: sp,
                    name: None,
                    role: None,
                    kind: MentionKind::Pronoun,
                    appositive: None,
                });
            }
        }
    }
}
