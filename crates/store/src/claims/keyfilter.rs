//! A Bloom filter over the retrieval keys in `claim_keys`, so that grouping skips the
//! index lookups of keys no stored statement has: about half of all lookups on a
//! large store, each a B-tree descent of a couple of microseconds.
//!
//! Blocked: the probes of one key fall in one 64-byte block, so a test costs one
//! cache miss instead of one per probe. Written here rather than taken from a crate
//! because the keys already are hashes ([`super::sketch::keys`]); a general filter
//! would hash them again, and this one only has to mix and split them.
//!
//! The filter is only as good as its knowledge of the table: it belongs to one
//! connection, remembers how far the table was grouped when it last matched it, and
//! is dropped as soon as anyone else may have written keys (see `group`).

use crate::Error;

/// About 1% false positives at this many bits per key (blocked filters lose a little
/// against the textbook 0.8% for 10 bits and 7 probes).
const BITS_PER_KEY: usize = 10;

/// Probes per key, each 9 bits of one 64-bit mix.
const PROBES: u32 = 7;

/// The smallest filter built: 64K keys, 80 KB.
const MIN_KEYS: usize = 1 << 16;

/// A Bloom filter over `claim_keys.key`.
#[derive(Debug)]
pub(crate) struct KeyFilter {
    blocks: Vec<[u64; 8]>,
    /// Keys inserted (with repeats).
    len: usize,
    /// Keys it was sized for; past that its false-positive rate climbs.
    capacity: usize,
    /// `MAX(sightings.quote_id)` when the filter last held exactly the table's keys.
    pub(crate) synced_to: i64,
}

/// Remix a key: keys are the smallest hashes of a statement (a bottom-k sketch), so
/// their high bits are far from uniform.
fn mix(key: i64) -> u64 {
    let mut h = key as u64;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl KeyFilter {
    /// An empty filter with room for `keys` keys.
    pub(crate) fn with_capacity(keys: usize, synced_to: i64) -> KeyFilter {
        let capacity = keys.max(MIN_KEYS);
        KeyFilter {
            blocks: vec![[0; 8]; (capacity * BITS_PER_KEY).div_ceil(512)],
            len: 0,
            capacity,
            synced_to,
        }
    }

    /// A filter holding every key in `claim_keys`, with room for `extra` more and
    /// as many again (so that it is rebuilt only each time the table doubles).
    pub(crate) fn load(
        conn: &rusqlite::Connection,
        extra: usize,
        synced_to: i64,
    ) -> Result<KeyFilter, Error> {
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM claim_keys", [], |r| r.get(0))?;
        let n = usize::try_from(n).unwrap_or(0);
        let mut filter = KeyFilter::with_capacity(2 * (n + extra), synced_to);
        let mut st = conn.prepare("SELECT key FROM claim_keys")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            filter.insert(r.get(0)?);
        }
        Ok(filter)
    }

    fn block_and_bits(&self, key: i64) -> (usize, u64) {
        let h = mix(key);
        // h * blocks / 2^64 picks the block (no division); a second multiply gives
        // the probe bits.
        let block = ((u128::from(h) * self.blocks.len() as u128) >> 64) as usize;
        (block, h.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// Add a key.
    pub(crate) fn insert(&mut self, key: i64) {
        let (b, mut x) = self.block_and_bits(key);
        let block = &mut self.blocks[b];
        for _ in 0..PROBES {
            let bit = (x >> 55) as usize;
            block[bit >> 6] |= 1 << (bit & 63);
            x <<= 9;
        }
        self.len += 1;
    }

    /// False when `key` is certainly not in the table; true when it may be.
    pub(crate) fn may_contain(&self, key: i64) -> bool {
        let (b, mut x) = self.block_and_bits(key);
        let block = &self.blocks[b];
        for _ in 0..PROBES {
            let bit = (x >> 55) as usize;
            if block[bit >> 6] & (1 << (bit & 63)) == 0 {
                return false;
            }
            x <<= 9;
        }
        true
    }

    /// Whether it holds as many keys as it was sized for.
    pub(crate) fn is_full(&self) -> bool {
        self.len >= self.capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_false_negatives_and_few_false_positives() {
        let mut f = KeyFilter::with_capacity(100_000, 0);
        // Keys like the real ones: hashes, then the smallest kept.
        let key = |i: i64| mix(i) as i64;
        for i in 0..100_000 {
            f.insert(key(i));
        }
        assert!((0..100_000).all(|i| f.may_contain(key(i))));
        let false_pos = (100_000..200_000)
            .filter(|&i| f.may_contain(key(i)))
            .count();
        assert!(false_pos < 3_000, "{false_pos} false positives in 100,000");
        // Bottom-k keys crowd the low end of the range; they must still spread.
        let mut g = KeyFilter::with_capacity(10_000, 0);
        for i in 0..10_000 {
            g.insert(i64::MIN + i);
        }
        let false_pos = (10_000..20_000)
            .filter(|&i| g.may_contain(i64::MIN + i))
            .count();
        assert!(false_pos < 300, "{false_pos} false positives in 10,000");
    }

    #[test]
    fn full_when_its_capacity_is_reached() {
        let mut f = KeyFilter::with_capacity(10, 7);
        assert_eq!(f.synced_to, 7);
        for i in 0..MIN_KEYS as i64 - 1 {
            f.insert(i);
        }
        assert!(!f.is_full());
        f.insert(-1);
        assert!(f.is_full());
    }
}
