//! Eight bytes at a time (SWAR) searches for the hot byte scans.
//!
//! `memchr` covers searches for up to three bytes; the sentence scanner, the quote-mark
//! finder and coreference look for four, where a crate falls back to a byte loop. They
//! share this one zero-byte test.

/// `0x01` in every byte.
pub const LO: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `x` equal to `c`. Borrows can also flag bytes above a
/// true match, so only the lowest flag is exact: use it to find the first match, or as a
/// "some byte may match" test that a byte loop then settles.
#[inline(always)]
pub fn eq_mask(x: u64, c: u8) -> u64 {
    let y = x ^ (LO * u64::from(c));
    y.wrapping_sub(LO) & !y & HI
}

/// True when some byte of `x` equals `c` (exact: a false flag needs a true match below it).
#[inline(always)]
pub fn has_byte(x: u64, c: u8) -> bool {
    eq_mask(x, c) != 0
}

/// The eight bytes at `b[i..i + 8]`, little-endian (so byte `i` is the lowest).
///
/// # Panics
/// When fewer than eight bytes follow `i`.
#[inline(always)]
pub fn load(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Offset of the last byte of `b` that is one of `needles`: `rposition`, eight bytes at
/// a time.
#[inline]
pub fn rfind_any<const N: usize>(b: &[u8], needles: [u8; N]) -> Option<usize> {
    let mut end = b.len();
    while end >= 8 {
        let x = load(b, end - 8);
        if needles.iter().any(|&n| has_byte(x, n))
            && let Some(k) = b[end - 8..end].iter().rposition(|c| needles.contains(c))
        {
            return Some(end - 8 + k);
        }
        end -= 8;
    }
    b[..end].iter().rposition(|c| needles.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn rfind_any_is_rposition(b in proptest::collection::vec(prop_oneof![Just(b'.'), Just(b'!'), Just(0xE2u8), any::<u8>()], 0..80)) {
            let needles = [b'.', b'!', b'?', 0xE2];
            let want = b.iter().rposition(|c| needles.contains(c));
            prop_assert_eq!(rfind_any(&b, needles), want);
        }

        #[test]
        fn lowest_flag_is_exact(x in any::<u64>(), c in any::<u8>()) {
            let bytes = x.to_le_bytes();
            let want = bytes.iter().position(|&b| b == c);
            let m = eq_mask(x, c);
            let got = (m != 0).then(|| (m.trailing_zeros() / 8) as usize);
            prop_assert_eq!(got, want);
        }
    }
}
