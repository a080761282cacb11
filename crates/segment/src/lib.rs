//! Sentence and paragraph segmentation for news prose.
//!
//! (skeleton: to be written)

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

/// Paragraph spans: runs of text separated by blank lines or line breaks.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let _ = text;
    Vec::new()
}

/// Sentence spans over the whole text, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let _ = text;
    Vec::new()
}
