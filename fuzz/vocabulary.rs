//! Inputs built from a vocabulary, for the bolero fuzz targets of every crate (each
//! includes this file with `#[path]`, as the benches include `benches/cpu_time.rs`).
//!
//! Random bytes rarely spell the shapes a parser reacts to, and bolero's byte generator
//! stops at 64 bytes; so each byte of a longer input picks a token of the target's
//! vocabulary, and a byte past its end stands for itself.

// Each target uses only the builders it needs.
#![allow(dead_code)]

/// Up to `max` tokens of input.
pub fn tokens(max: usize) -> impl bolero::ValueGenerator<Output = Vec<u8>> {
    bolero::produce::<Vec<u8>>().with().len(0usize..=max)
}

/// The text the tokens spell: a byte past the vocabulary is that Latin-1 character (so
/// bytes from 0x80 up become two-byte characters).
pub fn text(vocab: &[&str], bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match vocab.get(usize::from(b)) {
            Some(t) => (*t).to_string(),
            None => char::from(b).to_string(),
        })
        .collect()
}

/// The bytes the tokens spell: a byte past the vocabulary is that raw byte, so the
/// result need not be UTF-8 (for the readers of files).
pub fn bytes(vocab: &[&str], tokens: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &b in tokens {
        match vocab.get(usize::from(b)) {
            Some(t) => out.extend_from_slice(t.as_bytes()),
            None => out.push(b),
        }
    }
    out
}
