//! The mention finder's tokenizer: words and punctuation of the whole text, each word
//! lower-cased once and classified with one lexicon lookup; then which tokens open a
//! sentence and which lie inside quotations.

use super::*;

impl<'t> Finder<'t> {
    /// A finder over `text` with its tokens made, sentence starts and excluded tokens
    /// marked; the buffers are reused from the last document.
    pub(super) fn new(
        text: &'t str,
        sentences: &[Span],
        exclude: &[Span],
        mut lower: String,
        mut toks: Vec<MentionToken>,
        mut caps: Vec<u32>,
    ) -> Finder<'t> {
        lower.clear();
        lower.reserve(text.len());
        toks.clear();
        toks.reserve(text.len() / 5);
        caps.clear();
        let mut f = Finder {
            text,
            lower,
            toks,
            caps,
            seen: None,
            scratch: String::new(),
            join_buf: std::cell::RefCell::default(),
            out: Vec::with_capacity(text.len() / 40),
        };
        f.tokenize();
        f.mark_initial(sentences);
        f.mark_excluded(exclude);
        f
    }

    // Kept out of line: inlined into `find` it made the passes after it slower
    // (callgrind: 4M fewer instructions this way).
    #[inline(never)]
    fn tokenize(&mut self) {
        // Cut `self.text` into `self.toks`: words with their classes, and punctuation.
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        let mut after_break = true;
        let mut nl = false;
        while i < n {
            // A space: most of the bytes between words.
            if bytes[i] == b' ' {
                i += 1;
                continue;
            }
            // The common word: ASCII letters and digits ending at an ASCII byte that joins
            // nothing (a space, a comma). The general path below would find the same
            // record after more tests; anything else goes there from the start.
            if crate::tokens::ASCII_ALNUM[usize::from(bytes[i])] {
                let (j, upper) = crate::tokens::alnum_run(bytes, i + 1);
                if bytes
                    .get(j)
                    .is_none_or(|&b| b < 0x80 && !matches!(b, b'-' | b'\'' | b'.' | b'&'))
                {
                    if upper || bytes[i].is_ascii_uppercase() {
                        self.push_cap_word(i, j, after_break, nl);
                    } else {
                        self.push_lower_word(i, j, after_break, nl);
                    }
                    after_break = false;
                    nl = false;
                    i = j;
                    continue;
                }
                // The same word before a full stop that joins nothing (the end of most
                // sentences): the general path's record, with the dot kept on an initial
                // or a known abbreviation ("H.", "Sen.").
                if bytes.get(j) == Some(&b'.')
                    && bytes
                        .get(j + 1)
                        .is_none_or(|&b| b < 0x80 && !b.is_ascii_alphanumeric())
                {
                    let w = &bytes[i..j];
                    let keep = (w.len() == 1 && w[0].is_ascii_alphabetic()) || {
                        self.scratch.clear();
                        self.scratch.push_str(&text[i..j]);
                        self.scratch.make_ascii_lowercase();
                        WORD_CLASSES.is_dotted(self.scratch.as_str())
                    };
                    let end = if keep { j + 1 } else { j };
                    let maybe_upper = upper || bytes[i].is_ascii_uppercase();
                    self.push_ascii_word(i, end, after_break, nl, maybe_upper, false);
                    after_break = false;
                    nl = false;
                    i = end;
                    continue;
                }
            }
            let c = match char_at(text, i) {
                Some(c) => c,
                None => break,
            };
            let cl = c.len_utf8();
            if c.is_whitespace() {
                if c == '\n' {
                    after_break = true;
                    nl = true;
                }
                i += cl;
                continue;
            }
            if !word_char(c) {
                let kind = if matches!(c, '\'' | '’')
                    && self.toks.last().is_some_and(|t| {
                        t.kind == TokenKind::Word
                            && t.end() == i
                            && text[t.start()..t.end()].ends_with('s')
                    }) {
                    TokenKind::Possessive
                } else {
                    TokenKind::Punct
                };
                self.push_mark(i, i + cl, kind, false, nl);
                nl = false;
                // A clause may start after these; a straight quote only when it opens.
                let opens = c == '"' && char_at(text, i + cl).is_some_and(|d| !d.is_whitespace());
                if matches!(c, ':' | '—' | '–' | '“' | '(') || opens {
                    after_break = true;
                }
                i += cl;
                continue;
            }
            // A word: letters and digits, with inner hyphens, apostrophes, dots and
            // ampersands ("al-Awlaki", "O'Brien", "U.S", "AT&T").
            let start = i;
            let mut j = i + cl;
            let mut apostrophe = false;
            // The AND of the word's ASCII letters and digits: bit 0x20 is clear only when
            // one of them is a capital. Whether the word is all ASCII, and has a hyphen.
            let mut and_bits = if c.is_ascii() { c as u8 } else { 0xff };
            let mut ascii = c.is_ascii();
            let mut hyphen = false;
            while j < n {
                // ASCII letters and digits first: most of the text.
                let b = bytes[j];
                if crate::tokens::ASCII_ALNUM[usize::from(b)] {
                    and_bits &= b;
                    j += 1;
                    continue;
                }
                let Some(d) = char_at(text, j) else {
                    break;
                };
                if word_char(d) {
                    ascii &= d.is_ascii();
                    and_bits &= if d.is_ascii() { d as u8 } else { 0xff };
                    j += d.len_utf8();
                    continue;
                }
                if matches!(d, '-' | '\'' | '’' | '.' | '&') {
                    let k = j + d.len_utf8();
                    if char_at(text, k).is_some_and(word_char) {
                        apostrophe |= matches!(d, '\'' | '’');
                        ascii &= d.is_ascii();
                        hyphen |= d == '-';
                        j = k;
                        continue;
                    }
                }
                break;
            }
            let mut word_end = j;
            let mut poss = None;
            let w = &text[start..j];
            let mut clitic = None;
            // Only words with an apostrophe can end in a possessive or a clitic.
            for suffix in ["'s", "’s", "'S", "’S"] {
                if !apostrophe {
                    break;
                }
                if let Some(stem) = w.strip_suffix(suffix)
                    && !stem.is_empty()
                {
                    word_end = start + stem.len();
                    poss = Some((word_end, j));
                    break;
                }
            }
            // "She'll", "I've", "they're": the pronoun stands alone.
            for suffix in [
                "'ll", "’ll", "'ve", "’ve", "'re", "’re", "'d", "’d", "'m", "’m",
            ] {
                if apostrophe
                    && poss.is_none()
                    && let Some(stem) = w.strip_suffix(suffix)
                    && !stem.is_empty()
                {
                    word_end = start + stem.len();
                    clitic = Some((word_end, j));
                    break;
                }
            }
            // Keep the dot of an initial or an abbreviation ("H.", "Sen.", "U.S.").
            if poss.is_none() && clitic.is_none() && j < n && bytes[j] == b'.' {
                let w = &text[start..j];
                let single = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
                let keep = single
                    || (w.contains('.') && w.chars().all(|c| c == '.' || c.is_alphabetic()))
                    || {
                        // Lower-case into a reused buffer: this runs at every full stop.
                        self.scratch.clear();
                        if w.is_ascii() {
                            self.scratch.push_str(w);
                            self.scratch.make_ascii_lowercase();
                        } else {
                            self.scratch.extend(w.chars().flat_map(char::to_lowercase));
                        }
                        WORD_CLASSES.is_dotted(self.scratch.as_str())
                    };
                if keep {
                    word_end = j + 1;
                    j += 1;
                }
            }
            if ascii {
                // `[start, word_end)` is part of `[start, j)`, maybe with a dot after it.
                let maybe_upper = and_bits & 0x20 == 0;
                self.push_ascii_word(start, word_end, after_break, nl, maybe_upper, hyphen);
            } else {
                self.push_word(start, word_end, after_break, nl);
            }
            after_break = false;
            nl = false;
            if let Some((a, b)) = poss {
                self.push_mark(a, b, TokenKind::Possessive, false, false);
            }
            if let Some((a, b)) = clitic {
                self.push_mark(a, b, TokenKind::Punct, false, false);
            }
            i = j;
        }
    }

    /// Record punctuation or a possessive: no case to fold, no classes.
    // Apart from `push_word`, whose word path saves many registers: behind one function
    // with it, each such record cost over 200 instructions.
    #[inline]
    fn push_mark(
        &mut self,
        start: usize,
        end: usize,
        kind: TokenKind,
        initial: bool,
        nl_before: bool,
    ) {
        self.toks.push(MentionToken {
            start: start as u32,
            end: end as u32,
            kind,
            lower_range: (start as u32, end as u32),
            lower_in_text: true,
            initial,
            nl_before,
            ..MentionToken::default()
        });
    }

    /// Record a word (any; ASCII ones go on to [`Finder::push_ascii_word`]).
    fn push_word(&mut self, start: usize, end: usize, initial: bool, nl_before: bool) {
        if self.text.as_bytes()[start..end].is_ascii() {
            self.push_ascii_word(start, end, initial, nl_before, true, true);
            return;
        }
        let s = &self.text[start..end];
        // Most words are already lower case: point into the text instead of copying.
        let in_text = s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase());
        let (a, b) = if in_text {
            (start, end)
        } else {
            let a = self.lower.len();
            if s.is_ascii() {
                self.lower.push_str(s);
                self.lower[a..].make_ascii_lowercase();
            } else {
                for c in s.chars() {
                    // Fold typographic apostrophes so "o’brien" meets the lexicon's "o'brien".
                    if c == '’' {
                        self.lower.push('\'');
                    } else {
                        self.lower.extend(c.to_lowercase());
                    }
                }
            }
            (a, self.lower.len())
        };
        let lo = if in_text {
            &self.text[a..b]
        } else {
            &self.lower[a..b]
        };
        let (mut allcaps, mut name_shape) = (false, false);
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        if cap {
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            allcaps = letters >= 2 && !s.chars().any(char::is_lowercase);
            // A lone capital ("X") is no name, but an initial keeps its dot ("H.");
            // "U-shaped", "X-ray": a lower-case part after a hyphen makes a common
            // word.
            let hyphen_lower = s
                .rsplit_once('-')
                .is_some_and(|(_, last)| last.starts_with(char::is_lowercase));
            name_shape = (letters >= 2 || s.ends_with('.'))
                && s.starts_with(char::is_alphabetic)
                && !hyphen_lower;
        }
        let flags = WORD_CLASSES.classify(lo);
        if cap {
            self.caps.push(self.toks.len() as u32);
        }
        self.toks.push(MentionToken {
            start: start as u32,
            end: end as u32,
            kind: TokenKind::Word,
            lower_range: (a as u32, b as u32),
            lower_in_text: in_text,
            name_shape,
            flags,
            cap,
            allcaps,
            initial,
            nl_before,
            ..MentionToken::default()
        });
    }

    /// [`Finder::push_ascii_word`] for a word of ASCII lower-case letters and digits, no
    /// hyphen: inlined into the tokenizer's short path, without a call for the most common
    /// word.
    #[inline(always)]
    fn push_lower_word(&mut self, start: usize, end: usize, initial: bool, nl_before: bool) {
        let flags = self
            .text
            .as_bytes()
            .get(start..end)
            .map_or(WordClass::empty(), |s| {
                WORD_CLASSES.classify_bytes(s, false)
            });
        self.toks.push(MentionToken {
            start: start as u32,
            end: end as u32,
            kind: TokenKind::Word,
            lower_range: (start as u32, end as u32),
            lower_in_text: true,
            flags,
            initial,
            nl_before,
            ..MentionToken::default()
        });
    }

    /// [`Finder::push_ascii_word`] for a word of ASCII letters and digits with a capital
    /// and no hyphen or dot (the tokenizer's short path): the same record, with the tests
    /// for hyphens and dots left out.
    // Out of line: inlined into the tokenizer it cost more, 1.6M instructions per 2 MB.
    #[inline(never)]
    fn push_cap_word(&mut self, start: usize, end: usize, initial: bool, nl_before: bool) {
        let s = &self.text.as_bytes()[start..end];
        let (mut upper, mut lowers) = (0usize, 0usize);
        for &b in s {
            // (Never taken: the word is ASCII. An exit keeps this a plain byte loop, which
            // for words this short beats the vector code the compiler makes otherwise.)
            if b >= 0x80 {
                break;
            }
            upper += usize::from(b.is_ascii_uppercase());
            lowers += usize::from(b.is_ascii_lowercase());
        }
        let in_text = upper == 0;
        let (a, b) = if in_text {
            (start, end)
        } else {
            let a = self.lower.len();
            self.lower.push_str(&self.text[start..end]);
            self.lower[a..].make_ascii_lowercase();
            (a, self.lower.len())
        };
        let cap = s.first().is_some_and(u8::is_ascii_uppercase);
        let letters = upper + lowers;
        let allcaps = cap && letters >= 2 && lowers == 0;
        let name_shape = cap && letters >= 2;
        let lo = if in_text {
            self.text.as_bytes().get(a..b)
        } else {
            self.lower.as_bytes().get(a..b)
        };
        let flags = lo.map_or(WordClass::empty(), |lo| {
            WORD_CLASSES.classify_bytes(lo, false)
        });
        if cap {
            self.caps.push(self.toks.len() as u32);
        }
        self.toks.push(MentionToken {
            start: start as u32,
            end: end as u32,
            kind: TokenKind::Word,
            lower_range: (a as u32, b as u32),
            lower_in_text: in_text,
            name_shape,
            flags,
            cap,
            allcaps,
            initial,
            nl_before,
            ..MentionToken::default()
        });
    }

    /// [`Finder::push_word`] for an ASCII word: the same record, from one pass over its bytes.
    /// `maybe_upper` and `maybe_hyphen` are `false` only when the word has no capital and
    /// no hyphen.
    fn push_ascii_word(
        &mut self,
        start: usize,
        end: usize,
        initial: bool,
        nl_before: bool,
        maybe_upper: bool,
        maybe_hyphen: bool,
    ) {
        let s = &self.text.as_bytes()[start..end];
        if !maybe_upper {
            // Lower case (or digits): the record needs only the lexicon classes.
            let flags = WORD_CLASSES.classify_bytes(s, maybe_hyphen);
            self.toks.push(MentionToken {
                start: start as u32,
                end: end as u32,
                kind: TokenKind::Word,
                lower_range: (start as u32, end as u32),
                lower_in_text: true,
                flags,
                initial,
                nl_before,
                ..MentionToken::default()
            });
            return;
        }
        let (mut upper, mut lowers, mut hyphen) = (0usize, 0usize, false);
        for &b in s {
            upper += usize::from(b.is_ascii_uppercase());
            lowers += usize::from(b.is_ascii_lowercase());
            hyphen |= b == b'-';
        }
        let in_text = upper == 0;
        let (a, b) = if in_text {
            (start, end)
        } else {
            let a = self.lower.len();
            self.lower.push_str(&self.text[start..end]);
            self.lower[a..].make_ascii_lowercase();
            (a, self.lower.len())
        };
        let cap = s.first().is_some_and(u8::is_ascii_uppercase);
        let (mut allcaps, mut name_shape) = (false, false);
        if cap {
            let letters = upper + lowers;
            allcaps = letters >= 2 && lowers == 0;
            let hyphen_lower = hyphen && {
                let last = s
                    .iter()
                    .rposition(|&c| c == b'-')
                    .map_or(s, |p| &s[p + 1..]);
                last.first().is_some_and(u8::is_ascii_lowercase)
            };
            name_shape = (letters >= 2 || s.last() == Some(&b'.')) && !hyphen_lower;
        }
        let lo = if in_text {
            &self.text[a..b]
        } else {
            &self.lower[a..b]
        };
        let flags = WORD_CLASSES.classify_hinted(lo, hyphen);
        if cap {
            self.caps.push(self.toks.len() as u32);
        }
        self.toks.push(MentionToken {
            start: start as u32,
            end: end as u32,
            kind: TokenKind::Word,
            lower_range: (a as u32, b as u32),
            lower_in_text: in_text,
            name_shape,
            flags,
            cap,
            allcaps,
            initial,
            nl_before,
            ..MentionToken::default()
        });
    }

    /// Mark the first word of each sentence.
    fn mark_initial(&mut self, sentences: &[Span]) {
        for s in sentences {
            let k = self.toks.partition_point(|t| t.start() < s.start);
            if let Some(t) = self.toks[k..]
                .iter_mut()
                .take(4)
                .take_while(|t| t.start() < s.end)
                .find(|t| t.kind == TokenKind::Word)
            {
                t.initial = true;
            }
        }
    }

    /// Mark the tokens inside the excluded spans (quotations).
    fn mark_excluded(&mut self, exclude: &[Span]) {
        if exclude.is_empty() {
            return;
        }
        let mut ex: Vec<Span> = exclude.to_vec();
        ex.sort_unstable();
        // Merge overlaps, so that each token is marked by the one span it meets.
        let mut merged: Vec<Span> = Vec::with_capacity(ex.len());
        for s in ex {
            match merged.last_mut() {
                Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
                _ => merged.push(s),
            }
        }
        // Tokens are in order and do not overlap (their ends are in order too): for each
        // span, find its first token and mark the tokens it meets, instead of visiting
        // every token of the text.
        for s in &merged {
            let mut k = self.toks.partition_point(|t| t.end() <= s.start);
            while let Some(t) = self.toks.get_mut(k)
                && t.start() < s.end
            {
                t.excluded = true;
                k += 1;
            }
        }
    }

    /// For a capitalised word that opens a sentence (hash of its lower-case form): whether
    /// the document also has it in lower case, and capitalised away from a sentence start.
    /// Built once, the first time it is needed; only the candidates' occurrences are
    /// hashed, the rest fail a cheap filter on first byte and length.
    pub(super) fn seen_word(&mut self, h: u64) -> (bool, bool) {
        if self.seen.is_none() {
            // The table of the last document, cleared: its room is kept.
            let mut cands: SeenMap = SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()));
            cands.clear();
            // Lengths (bit per length, 63 for longer) of the candidates, by first byte.
            let mut lens = [0u64; 256];
            for t in &self.toks {
                if (t.kind == TokenKind::Word) & t.initial & t.cap & !t.allcaps {
                    let lo = self.lower_of(t);
                    cands.insert(hash(lo), (false, false));
                    lens[usize::from(lo.as_bytes().first().copied().unwrap_or(0))] |=
                        1 << lo.len().min(63);
                }
            }
            for t in &self.toks {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let lo = self.lower_of(t);
                let b0 = usize::from(lo.as_bytes().first().copied().unwrap_or(0));
                if lens[b0] & (1 << lo.len().min(63)) == 0 {
                    continue;
                }
                if let Some(e) = cands.get_mut(&hash(lo)) {
                    if !t.cap && self.text[t.start()..].starts_with(char::is_lowercase) {
                        e.0 = true;
                    } else if t.cap && !t.initial && !t.allcaps {
                        e.1 = true;
                    }
                }
            }
            self.seen = Some(cands);
        }
        self.seen
            .as_ref()
            .and_then(|m| m.get(&h).copied())
            .unwrap_or((false, false))
    }
}
