//! The claim keys and term hashes as stored: an **on-disk format**.
//!
//! `claim_keys.key` holds [`keys`] and `sightings.terms` holds [`term_hashes`] (as
//! [`hashes_to_blob`]), both from [`hash`], FNV-1a with the MurmurHash3 finaliser. They
//! must give the same values in every build: changing [`hash`], or what feeds it
//! (`terms`, `term` or `fold`, see [`super::text`]), changes stored keys and needs a
//! schema migration that regroups every claim, the work of `rebuild_claims` (as
//! migration 5 does with its `RegroupClaims` step, see `schema`).
//! In-memory maps use `rustc_hash` instead; this hash only lives here.

/// The [`terms`](super::text::terms) of a statement as 32-bit hashes, in order: what grouping keeps of a
/// sighting to score later candidates against it with [`similarity`](super::similarity::similarity). Two different
/// terms of two compared statements share a hash about once in 2^32 / 20^2 = 10^7
/// comparisons, and then only nudge the score.
///
/// The lowest bit of each hash says whether the term names an entity (`entity[i]`, see
/// [`marked_terms`](super::text::marked_terms)); [`split_marked`] takes it off again.
pub fn term_hashes<S: AsRef<str>>(terms: &[S], entity: &[bool]) -> Vec<u32> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (hash(t.as_ref()) as u32 & !ENTITY_BIT) | u32::from(entity.get(i) == Some(&true))
        })
        .collect()
}

/// The hash of the term every number is (`text::NUM`), without the entity mark, as
/// [`split_marked`] gives it.
pub fn num_hash() -> u32 {
    hash(super::text::NUM) as u32 & !ENTITY_BIT
}

/// The hashes of the terms that stand for a figure or a date (`text::FIGURES`), as
/// [`split_marked`] gives them.
pub fn figure_hashes() -> &'static [u32; 2] {
    static HASHES: std::sync::LazyLock<[u32; 2]> =
        std::sync::LazyLock::new(|| super::text::FIGURES.map(|t| hash(t) as u32 & !ENTITY_BIT));
    &HASHES
}

/// The bit of a stored term hash that marks an entity.
const ENTITY_BIT: u32 = 1;

/// Stored term hashes as (every term, the entity terms), both without the mark, so that
/// a term compares equal whether or not it was written as a name.
pub fn split_marked(hashes: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let all = hashes.iter().map(|h| h & !ENTITY_BIT).collect();
    let entities = hashes
        .iter()
        .filter(|h| *h & ENTITY_BIT != 0)
        .map(|h| h & !ENTITY_BIT)
        .collect();
    (all, entities)
}

/// Term hashes as stored (`sightings.terms`): 4 bytes each, little-endian.
pub fn hashes_to_blob(hashes: &[u32]) -> Vec<u8> {
    hashes.iter().flat_map(|h| h.to_le_bytes()).collect()
}

/// Term hashes from their stored form; a trailing partial hash is ignored.
pub fn hashes_from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// A stable 64-bit hash (FNV-1a): keys are stored, so they must not change between runs.
fn hash(s: &str) -> i64 {
    hash_parts(&[s])
}

/// [`hash`] of the concatenation of `parts`, without building it.
fn hash_parts(parts: &[&str]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Finalise (from MurmurHash3) so that similar strings spread over the whole range.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h as i64
}

/// Retrieval keys of a statement: the `n` smallest hashes of its adjacent term pairs,
/// each pair taken in either order
/// (a bottom-k sketch over pairs). Two statements sharing most pairs share the smallest
/// of them, so looking up the keys finds candidates without comparing against
/// everything. Pairs rather than single terms because a pair of common words is still
/// rare, so a key's postings stay short and each lookup reads few rows.
pub fn keys<S: AsRef<str>>(terms: &[S], n: usize) -> Vec<i64> {
    let mut hs: Vec<i64> = if terms.len() == 1 {
        vec![hash(terms[0].as_ref())]
    } else {
        // Unordered, so "the cost of the scheme" meets "the scheme will cost".
        terms
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0].as_ref(), w[1].as_ref());
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                hash_pair(a, b)
            })
            .collect()
    };
    hs.sort_unstable();
    hs.dedup();
    hs.truncate(n);
    hs
}

fn hash_pair(a: &str, b: &str) -> i64 {
    hash_parts(&[a, " ", b])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::text::terms;
    use crate::claims::{INDEX_KEYS, QUERY_KEYS};

    #[test]
    fn keys_survive_rewording() {
        let a = keys(
            &terms("We have agreed to exchange 1,000 prisoners of war each"),
            INDEX_KEYS,
        );
        let b = keys(
            &terms("Russia and Ukraine agreed to exchange 1,200 prisoners of war"),
            QUERY_KEYS,
        );
        assert!(a.iter().any(|k| b.contains(k)));
        assert!(keys::<&str>(&[], 8).is_empty());
        // Another figure for the same thing, put the other way round.
        let a = keys(&terms("The ferry scheme will cost 60 million"), INDEX_KEYS);
        let b = keys(
            &terms("the opposition put the cost of the scheme at 90 million"),
            QUERY_KEYS,
        );
        assert!(a.iter().any(|k| b.contains(k)));
    }

    #[test]
    fn stored_key_hashes_never_change() {
        // Keys are stored in `claim_keys`: a change here would orphan every stored key.
        assert_eq!(hash_pair("peac", "talk"), hash("peac talk"));
        // FNV-1a then the MurmurHash3 finaliser, as computed independently.
        assert_eq!(hash("peac talk"), -5_637_832_673_929_180_251);
    }
}
