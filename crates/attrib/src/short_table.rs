//! A map from short words to small values, for the word lists looked up for nearly every
//! token (word classes, speech cues).
//!
//! Keys of up to 16 bytes are packed into two integers and found by integer comparison
//! in an open-addressing table, which measured faster per token than hashing the bytes
//! (a perfect hash such as `phf` would hash with SipHash).

use rustc_hash::FxHashMap;
use text::swar::{HI, LO, load};

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
    long: FxHashMap<Box<str>, V>,
    /// The value of the empty key.
    empty: Option<V>,
    /// For each lower-case ASCII letter, bit `n` set when some key starts with it and
    /// letter `a + n` (see [`ShortTable::may_start_with`]).
    pairs: [u32; 26],
    /// Bit `b` set when some key starts with byte `b` (see [`ShortTable::may_start_with_byte`]).
    firsts: [u64; 4],
}

/// One slot of the table: a packed key, its length and its value.
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
    let ge_a = x.wrapping_add(LO * u64::from(0x80 - b'A'));
    let gt_z = x.wrapping_add(LO * u64::from(0x7F - b'Z'));
    let upper = ge_a & !gt_z & HI;
    x | (upper >> 2)
}

/// The bytes of a key of 1 to 16 bytes as two integers; with the length, one-to-one.
#[inline]
fn pack(k: &[u8]) -> (u64, u64) {
    let n = k.len();
    let u64_at = |i: usize| load(k, i);
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
            long: FxHashMap::default(),
            empty: None,
            pairs: [0; 26],
            firsts: [0; 4],
        }
    }
}

impl<V: Copy> ShortTable<V> {
    /// The first slot to probe for a packed key.
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
        if (a | b) & HI != 0 {
            return None;
        }
        Some(self.get_packed(fold_ascii(a), fold_ascii(b), n))
    }

    /// The value of a packed key of `n` bytes.
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

    /// The value of a key longer than 16 bytes.
    // Rare, so kept out of line: the short path then needs no saved registers.
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

    /// Store a slot, replacing the one of the same key (the table has room).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_map() {
        let mut t = ShortTable::default();
        let mut keys: Vec<String> = [
            text::data_file!("roles.txt"),
            text::data_file!("given_names.txt"),
            text::data_file!("countries.txt"),
        ]
        .into_iter()
        .flat_map(|f| f.lines().map(|l| l.text.to_string()))
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
