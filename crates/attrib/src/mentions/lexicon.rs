//! The word lists behind mention finding and coreference, loaded once from
//! `data/*.txt` and folded into one map from a lower-case word to its classes, so that
//! classifying a token costs one hash lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A fast hasher for short words (the keys of every lexicon); SipHash is needlessly slow
/// here and nothing hashed is chosen by an adversary who gains from collisions.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, mixed as in rustc's FxHasher: words are short, and this
        // runs once for every token of every document.
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a variable-length copy would call memcpy.
            let mut v = (rest.len() as u64) << 56;
            for (i, &b) in rest.iter().enumerate() {
                v ^= u64::from(b) << (8 * i);
            }
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, b: u8) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
}

/// A `HashMap` with the fast word hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A title word before a name ("minister", "sen.").
pub(crate) const TITLE: u32 = 1;
/// An honorific ("mr.").
pub(crate) const HONORIFIC: u32 = 1 << 1;
/// A role noun ("aide", "president").
pub(crate) const ROLE: u32 = 1 << 2;
/// A plural of a role noun ("presidents", "spokesmen").
pub(crate) const ROLE_PL: u32 = 1 << 3;
/// A word that may stand before a role noun ("former").
pub(crate) const MODIFIER: u32 = 1 << 4;
/// An organisation word or name.
pub(crate) const ORG: u32 = 1 << 5;
/// A noun for an unnamed source ("official").
pub(crate) const ANON: u32 = 1 << 6;
/// A plural noun for a group that speaks ("voters").
pub(crate) const GROUP: u32 = 1 << 7;
/// A document or poll that "says".
pub(crate) const DOC: u32 = 1 << 8;
/// A subject pronoun.
pub(crate) const PRONOUN: u32 = 1 << 9;
/// A capitalised word that never names a person.
pub(crate) const NONPERSON: u32 = 1 << 10;
/// A word that ends a noun phrase.
pub(crate) const STOP: u32 = 1 << 11;
/// A one-word country, state or city.
pub(crate) const PLACE: u32 = 1 << 12;
/// The last word of a place name ("palace").
pub(crate) const PLACEWORD: u32 = 1 << 13;
/// A nationality or party adjective.
pub(crate) const DEMONYM: u32 = 1 << 14;
/// A lower-case word inside a name ("van").
pub(crate) const PARTICLE: u32 = 1 << 15;
/// A determiner or quantifier that starts a noun phrase.
pub(crate) const DET: u32 = 1 << 16;
/// A definite determiner ("the", "his").
pub(crate) const DEFINITE: u32 = 1 << 17;
/// A preposition: a place after one is a place, not a speaker.
pub(crate) const PREP: u32 = 1 << 18;
/// The first word of a place name of several words ("new" in "new york").
pub(crate) const PLACE_PART: u32 = 1 << 19;
/// The plural of an anonymous-source noun ("officials").
pub(crate) const ANON_PL: u32 = 1 << 20;
/// An adverb that may sit between a subject and its verb ("also", "later").
pub(crate) const ADVERB: u32 = 1 << 22;
/// A verb that follows its subject ("says", "claimed", "would").
pub(crate) const VERB: u32 = 1 << 23;
/// A word ending in "-ly" that is no adverb ("family", "rally").
pub(crate) const LY_NOUN: u32 = 1 << 24;
/// A lower-case noun heading an organisation's description ("campaign", "ministry").
pub(crate) const ORG_NOUN: u32 = 1 << 21;

/// Gender as far as a name or honorific tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    /// He.
    Male,
    /// She.
    Female,
}

/// All word lists.
pub(crate) struct Lexicon {
    /// Word classes by lower-case word (see [`Lexicon::flag`]; looked up for every token).
    short_flags: ShortTable<u32>,
    /// Countries, states and cities, several words allowed.
    pub(crate) places: FastMap<&'static str, ()>,
    /// Gender of honorifics and given names.
    pub(crate) gender: FastMap<&'static str, Gender>,
    /// Gender told by a role noun ("widow", "congressman").
    pub(crate) noun_gender: FastMap<&'static str, Gender>,
    /// Pronoun kind letter from `pronouns.txt`.
    pub(crate) pronoun: FastMap<&'static str, u8>,
    /// Abbreviations that keep their dot ("sen.", "u.s."), without the dot.
    pub(crate) dotted: FastMap<&'static str, ()>,
}

/// The entries of one data file: trimmed, lower-case, no comments or blank lines.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The lexicon, built on first use.
pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(build);

fn build() -> Lexicon {
    let mut flags: FastMap<&'static str, u32> = FastMap::default();
    let mut add = |src: &'static str, f: u32| {
        for w in entries(src) {
            *flags.entry(w).or_insert(0) |= f;
        }
    };
    add(include_str!("../../data/titles.txt"), TITLE);
    add(include_str!("../../data/roles.txt"), ROLE);
    add(include_str!("../../data/modifiers.txt"), MODIFIER);
    add(include_str!("../../data/orgs.txt"), ORG);
    add(include_str!("../../data/org_nouns.txt"), ORG_NOUN);
    add(include_str!("../../data/anonymous.txt"), ANON);
    add(include_str!("../../data/groups.txt"), GROUP);
    add(include_str!("../../data/documents.txt"), DOC);
    add(include_str!("../../data/nonpersons.txt"), NONPERSON);
    add(include_str!("../../data/stopwords.txt"), STOP);
    add(include_str!("../../data/placewords.txt"), PLACEWORD);
    add(include_str!("../../data/demonyms.txt"), DEMONYM);
    add(include_str!("../../data/name_particles.txt"), PARTICLE);
    add(include_str!("../../data/prepositions.txt"), PREP);
    add(include_str!("../../data/adverbs.txt"), ADVERB);
    add(include_str!("../../data/verbs.txt"), VERB);
    add(include_str!("../../data/ly_nouns.txt"), LY_NOUN);
    let mut gender = FastMap::default();
    let mut pronoun = FastMap::default();
    let mut noun_gender = FastMap::default();
    for line in entries(include_str!("../../data/gendered_nouns.txt")) {
        if let Some((g, w)) = line.split_once(' ') {
            noun_gender.insert(w, gender_of(g));
        }
    }
    for line in entries(include_str!("../../data/honorifics.txt")) {
        if let Some((g, w)) = line.split_once(' ') {
            *flags.entry(w).or_insert(0) |= HONORIFIC;
            gender.insert(w, gender_of(g));
        }
    }
    for line in entries(include_str!("../../data/given_names.txt")) {
        if let Some((g, w)) = line.split_once(' ') {
            gender.insert(w, gender_of(g));
        }
    }
    for line in entries(include_str!("../../data/pronouns.txt")) {
        if let Some((k, w)) = line.split_once(' ') {
            *flags.entry(w).or_insert(0) |= PRONOUN;
            pronoun.insert(w, k.as_bytes().first().copied().unwrap_or(b'x'));
        }
    }
    for line in entries(include_str!("../../data/determiners.txt")) {
        if let Some((k, w)) = line.split_once(' ') {
            let f = if k == "d" { DET | DEFINITE } else { DET };
            *flags.entry(w).or_insert(0) |= f;
        }
    }
    let mut places = FastMap::default();
    for w in entries(include_str!("../../data/countries.txt")) {
        places.insert(w, ());
        match w.split_once(' ') {
            None => *flags.entry(w).or_insert(0) |= PLACE,
            Some((first, _)) => *flags.entry(first).or_insert(0) |= PLACE_PART,
        }
    }
    // Plurals of role and source nouns, and of nationalities, so that classifying a word
    // is one lookup: "officials", "spokesmen", "Russians".
    let mut plurals: Vec<(String, u32)> = Vec::new();
    for (&w, &f) in flags.iter() {
        if f & (ROLE | ANON | DEMONYM) == 0 || w.contains(' ') {
            continue;
        }
        let mut pf = 0;
        if f & ROLE != 0 {
            pf |= ROLE_PL;
        }
        if f & ANON != 0 {
            pf |= ANON_PL;
        }
        if f & DEMONYM != 0 {
            pf |= GROUP;
        }
        match w.strip_suffix("man") {
            Some(stem) => plurals.push((format!("{stem}men"), pf)),
            None => plurals.push((format!("{w}s"), pf)),
        }
    }
    for (p, pf) in plurals {
        let p: &'static str = Box::leak(p.into_boxed_str());
        let e = flags.entry(p).or_insert(0);
        // A word that is itself a role ("news", "press") keeps its own classes only.
        if *e & (ROLE | ANON) == 0 {
            *e |= pf;
        }
    }
    let mut dotted = FastMap::default();
    for (&w, _) in flags.iter() {
        if let Some(stem) = w.strip_suffix('.') {
            dotted.insert(stem, ());
        }
    }
    for &w in places.keys() {
        if let Some(stem) = w.strip_suffix('.') {
            dotted.insert(stem, ());
        }
    }
    let mut short_flags = ShortTable::default();
    for (&w, &f) in flags.iter() {
        short_flags.insert(w, f);
    }
    Lexicon {
        short_flags,
        places,
        gender,
        noun_gender,
        pronoun,
        dotted,
    }
}

impl Lexicon {
    /// Classes of a lower-case word, plural forms of role and anonymous nouns included.
    /// The classes of a lower-case word, if it is in the lexicon.
    #[inline]
    pub(crate) fn flag(&self, w: &str) -> Option<u32> {
        self.short_flags.get(w)
    }

    /// [`Lexicon::flag`] of the UTF-8 bytes of a word.
    #[inline]
    pub(crate) fn flag_bytes(&self, w: &[u8]) -> Option<u32> {
        self.short_flags.get_bytes(w)
    }

    pub(crate) fn classify(&self, lo: &str) -> u32 {
        self.classify_hinted(lo, true)
    }

    /// [`Lexicon::classify`] of the UTF-8 bytes `lo`, told whether `lo` may contain a
    /// hyphen.
    #[inline]
    pub(crate) fn classify_bytes(&self, lo: &[u8], maybe_hyphen: bool) -> u32 {
        if maybe_hyphen {
            std::str::from_utf8(lo).map_or(0, |lo| self.classify_hinted(lo, true))
        } else {
            self.short_flags.get_bytes(lo).unwrap_or(0)
        }
    }

    /// [`Lexicon::classify`], told whether `lo` may contain a hyphen (`false` only when it
    /// has none).
    #[inline]
    pub(crate) fn classify_hinted(&self, lo: &str, maybe_hyphen: bool) -> u32 {
        let mut f = self.short_flags.get(lo).unwrap_or(0);
        if f == 0 && maybe_hyphen && lo.contains('-') {
            // "African-American(s)": compounds of nationalities.
            let mut parts = lo.split('-').map(|p| self.classify(p));
            if parts.all(|p| p & (DEMONYM | GROUP) != 0) {
                let last = self.classify(lo.rsplit('-').next().unwrap_or(lo));
                f |= if last & GROUP != 0 { GROUP } else { DEMONYM };
            }
        }
        f
    }
}

/// A map from words to small values, for the lookups made for every token: keys of up to
/// 16 bytes are packed into two integers and found in an open-addressing table by
/// integer comparison (no hashing of bytes one by one, no `memcmp` call); longer keys go
/// to an ordinary map. Lookups give exactly what a `HashMap` with the same entries would.
pub struct ShortTable<V> {
    /// Power-of-two many slots; `n == 0` marks an empty one.
    slots: Vec<Slot<V>>,
    /// Keys in `slots`.
    len: usize,
    /// Keys longer than 16 bytes.
    long: FastMap<Box<str>, V>,
    /// The value of the empty key.
    empty: Option<V>,
    /// For each lower-case ASCII letter, bit `n` set when some key starts with it and
    /// letter `a + n` (see [`ShortTable::may_start_with`]).
    pairs: [u32; 26],
    /// Bit `b` set when some key starts with byte `b` (see [`ShortTable::may_start_with_byte`]).
    firsts: [u64; 4],
}

#[derive(Clone, Copy)]
struct Slot<V> {
    a: u64,
    b: u64,
    n: u8,
    v: V,
}

/// `x` (ASCII bytes) with its capitals made lower case, eight bytes at once: a byte gets
/// bit 5 when it lies in `A..=Z` (the sums stay within each byte, nothing carries).
#[inline]
fn fold_ascii(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ge_a = x.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let gt_z = x.wrapping_add(ONES * u64::from(0x7F - b'Z'));
    let upper = ge_a & !gt_z & 0x8080_8080_8080_8080;
    x | (upper >> 2)
}

/// The bytes of a key of 1 to 16 bytes as two integers; with the length, one-to-one.
#[inline]
fn pack(k: &[u8]) -> (u64, u64) {
    let n = k.len();
    let u64_at = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&k[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let u32_at = |i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&k[i..i + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    if n >= 8 {
        // First and last eight bytes (overlapping when shorter than 16).
        (u64_at(0), u64_at(n - 8))
    } else if n >= 4 {
        (u32_at(0) | (u32_at(n - 4) << 32), 0)
    } else {
        // One to three bytes as first, middle and last: one-to-one given the length,
        // and no loop.
        let a = u64::from(k[0]) | (u64::from(k[n / 2]) << 8) | (u64::from(k[n - 1]) << 16);
        (a, 0)
    }
}

impl<V: Copy> Default for ShortTable<V> {
    fn default() -> Self {
        ShortTable {
            slots: Vec::new(),
            len: 0,
            long: FastMap::default(),
            empty: None,
            pairs: [0; 26],
            firsts: [0; 4],
        }
    }
}

impl<V: Copy> ShortTable<V> {
    #[inline]
    fn slot_of(&self, a: u64, b: u64, n: usize) -> usize {
        let h = (a ^ b.rotate_left(23) ^ ((n as u64) << 56))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29)
            .wrapping_mul(0x517c_c1b7_2722_0a95);
        (h >> 32) as usize & (self.slots.len() - 1)
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<V> {
        self.get_bytes(key.as_bytes())
    }

    /// The value of the key whose UTF-8 bytes are `k` (no UTF-8 check for short keys: a
    /// key that is not UTF-8 is in no table).
    #[inline]
    pub fn get_bytes(&self, k: &[u8]) -> Option<V> {
        let n = k.len();
        if n == 0 {
            return self.empty;
        }
        if n > 16 {
            return self.get_long(k);
        }
        let (a, b) = pack(k);
        self.get_packed(a, b, n)
    }

    /// The value of the ASCII lower case of `k`, a key of 1 to 16 bytes, folded in its
    /// packed form without a copy: `None` when `k` is not that (empty, longer, or not
    /// ASCII), `Some(v)` with `v` what [`ShortTable::get_bytes`] gives for the lower case.
    #[inline]
    pub fn get_ascii_lower(&self, k: &[u8]) -> Option<Option<V>> {
        let n = k.len();
        if n == 0 || n > 16 {
            return None;
        }
        // The packed integers hold every byte of `k` (see `pack`), and folding case byte
        // by byte commutes with packing.
        let (a, b) = pack(k);
        if (a | b) & 0x8080_8080_8080_8080 != 0 {
            return None;
        }
        Some(self.get_packed(fold_ascii(a), fold_ascii(b), n))
    }

    #[inline]
    fn get_packed(&self, a: u64, b: u64, n: usize) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(a, b, n);
        loop {
            let s = &self.slots[i];
            if s.n == 0 {
                return None;
            }
            if s.a == a && s.b == b && usize::from(s.n) == n {
                return Some(s.v);
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of a key longer than 16 bytes: rare, so kept out of line (the short path
    /// then needs no saved registers).
    #[cold]
    #[inline(never)]
    fn get_long(&self, k: &[u8]) -> Option<V> {
        std::str::from_utf8(k)
            .ok()
            .and_then(|key| self.long.get(key).copied())
    }

    /// True when `key` is in the table.
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// False when no key starts with the lower-case ASCII letters `a` and `b` (true for
    /// anything else).
    #[inline]
    pub fn may_start_with(&self, a: u8, b: u8) -> bool {
        if !a.is_ascii_lowercase() || !b.is_ascii_lowercase() {
            return true;
        }
        self.pairs[usize::from(a - b'a')] & (1 << (b - b'a')) != 0
    }

    /// False when no key starts with the byte `b`.
    #[inline]
    pub fn may_start_with_byte(&self, b: u8) -> bool {
        self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// Set the value of `key` (replacing any).
    pub fn insert(&mut self, key: &str, v: V) {
        if let Some(&b) = key.as_bytes().first() {
            self.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        if let [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] = key.as_bytes() {
            self.pairs[usize::from(a - b'a')] |= 1 << (b - b'a');
        }
        let n = key.len();
        if n == 0 {
            self.empty = Some(v);
            return;
        }
        if n > 16 {
            self.long.insert(key.into(), v);
            return;
        }
        // At most half full.
        if 2 * (self.len + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            let size = (old.len() * 2).max(64);
            self.slots = vec![
                Slot {
                    a: 0,
                    b: 0,
                    n: 0,
                    v,
                };
                size
            ];
            self.len = 0;
            for s in old.into_iter().filter(|s| s.n != 0) {
                self.put(s);
            }
        }
        let (a, b) = pack(key.as_bytes());
        self.put(Slot {
            a,
            b,
            n: n as u8,
            v,
        });
    }

    fn put(&mut self, new: Slot<V>) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(new.a, new.b, usize::from(new.n));
        loop {
            let s = &mut self.slots[i];
            if s.n == 0 {
                *s = new;
                self.len += 1;
                return;
            }
            if s.a == new.a && s.b == new.b && s.n == new.n {
                s.v = new.v;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

impl FromIterator<String> for ShortTable<()> {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut t = ShortTable::default();
        for k in iter {
            t.insert(&k, ());
        }
        t
    }
}

/// The gender letter of a lexicon line (`f` female, anything else male).
fn gender_of(letter: &str) -> Gender {
    if letter == "f" {
        Gender::Female
    } else {
        Gender::Male
    }
}

#[cfg(test)]
mod short_table_tests {
    use super::*;

    #[test]
    fn agrees_with_the_map() {
        let mut t = ShortTable::default();
        let mut keys: Vec<String> = entries(include_str!("../../data/roles.txt"))
            .chain(entries(include_str!("../../data/given_names.txt")))
            .chain(entries(include_str!("../../data/countries.txt")))
            .map(str::to_string)
            .collect();
        let x16 = "x".repeat(16);
        let x17 = "x".repeat(17);
        for k in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefg",
            "abcdefgh",
            &x16,
            &x17,
            "é",
            "o’brien",
            "twenty-four-letter-words!",
        ] {
            keys.push(k.to_string());
        }
        for (i, k) in keys.iter().enumerate() {
            t.insert(k, i);
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                t.get(k),
                keys.iter().rposition(|x| x == k).or(Some(i)),
                "{k}"
            );
        }
        for k in &keys {
            if let [a, b, ..] = k.as_bytes() {
                assert!(t.may_start_with(*a, *b), "{k}");
            }
        }
        assert!(!t.may_start_with(b'q', b'x'));
        // Folding in packed form agrees with lower-casing first.
        for k in keys.iter().map(String::as_str).chain([
            "Said",
            "SAID",
            "sAiD",
            "Ab",
            "Z",
            "@[`{",
            "ÀB",
            "Hakan Fidan",
            "X-RAY",
            "ABCDEFGHIJKLMNOP",
            "ABCDEFGHIJKLMNOPQ",
        ]) {
            let b = k.as_bytes();
            let want = (!b.is_empty() && b.len() <= 16 && b.is_ascii())
                .then(|| t.get_bytes(k.to_ascii_lowercase().as_bytes()));
            assert_eq!(t.get_ascii_lower(b), want, "{k}");
            let upper = k.to_ascii_uppercase();
            let want = (!b.is_empty() && b.len() <= 16 && b.is_ascii())
                .then(|| t.get_bytes(k.to_ascii_lowercase().as_bytes()));
            assert_eq!(t.get_ascii_lower(upper.as_bytes()), want, "{upper}");
        }
        for k in keys.iter().filter(|k| !k.is_empty()) {
            assert!(t.may_start_with_byte(k.as_bytes()[0]), "{k}");
        }
        assert!(!t.may_start_with_byte(b'~'));
        for probe in [
            "",
            "zzz",
            "abcdefgi",
            "abce",
            "x",
            "xxxxxxxxxxxxxxxxxx",
            "said",
            "Said",
            "é!",
        ] {
            let want = keys.iter().rposition(|x| x == probe);
            assert_eq!(t.get(probe), want, "{probe}");
        }
    }
}
