//! Sentence and paragraph segmentation for news prose.
//!
//! (first working version: simple rules; a rule-driven segmenter follows)

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a text that the caller keeps.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The text this span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Trim Unicode whitespace from both ends of `[start, end)`; `None` when nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(Span::new(start + lead, start + lead + t.len()))
    }
}

/// Paragraph spans: each line is a paragraph (news text puts one paragraph per line, with or
/// without blank lines between); spans are trimmed and blank lines yield nothing.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.extend(trimmed(text, start, i));
            start = i + 1;
        }
    }
    out.extend(trimmed(text, start, text.len()));
    out
}

/// Sentence spans over the whole text, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for p in paragraphs(text) {
        let mut start = p.start;
        let mut i = p.start;
        while i < p.end {
            let b = bytes[i];
            if matches!(b, b'.' | b'?' | b'!') {
                let mut j = i + 1;
                while j < p.end && matches!(bytes[j], b'"' | b'\'' | b')' | b'.' | b'?' | b'!') {
                    j += 1;
                }
                if j + 1 < p.end && bytes[j] == b' ' && bytes[j + 1].is_ascii_uppercase() {
                    out.extend(trimmed(text, start, j));
                    start = j + 1;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        out.extend(trimmed(text, start, p.end));
    }
    out
}
