//! Sentence and paragraph segmentation for news prose, as byte spans.
//!
//! whosaid reads articles that put one paragraph per line. [`paragraphs`] returns those
//! lines, trimmed; [`sentences`] splits each paragraph into sentences ([`sentences_in`] does
//! it for one span, [`for_each_sentence`] without collecting). All return [`Span`]s,
//! half-open byte ranges into the caller's text, so nothing is copied.
//!
//! Line breaks are hard boundaries. Inside a paragraph a byte-level scan, eight bytes at a
//! time, stops only at candidate terminators (`.` `!` `?` `…`) and decides each by rules
//! whose word lists live in `data/` (titles, abbreviations, common sentence starters,
//! clock-time followers, verbs of saying):
//!
//! * a terminator must be followed by whitespace, so numbers (3.5, 2.0.1), URLs and e-mail
//!   addresses never split; nor does a lowercase next word ('"Why?" he asked');
//! * closing quote marks and brackets after a terminator stay with its sentence;
//! * titles (Mr., Gen., Lt.) never end a sentence; abbreviations that can (Inc., etc.,
//!   U.S., initials) end one only before a common sentence starter such as "The"; "No.",
//!   "p." are abbreviations only before a number; a.m./p.m. end a sentence before a
//!   capital unless a time zone or day follows or the time opens the sentence;
//! * ellipses ("...", "…", ". . .") end a sentence before a capital, except the spaced
//!   three-dot omission mark and "[...]";
//! * '"Stop!" Smith shouted' stays one sentence; sentences inside a longer quotation
//!   split like any others ('"A. B," she said' is two);
//! * a paragraph that opens with a list marker ("1.", "a)", "• 9.") splits before each
//!   following marker in sequence, and a bracketed label ("(b)") opens a sentence.
//!
//! Every span is non-empty, trimmed, on char boundaries, in order and disjoint, and
//! together the spans cover every non-whitespace character of the text.
//!
//! ```
//! let text = "The U.S. team was led by retired Lt. Gen. Paul Reyes. \"Talks went well!\" \
//!             he said.\nApple Inc. The company grew 3.5 percent.";
//! let got: Vec<&str> = segment::sentences(text).iter().map(|s| s.of(text)).collect();
//! assert_eq!(got, [
//!     "The U.S. team was led by retired Lt. Gen. Paul Reyes.",
//!     "\"Talks went well!\" he said.",
//!     "Apple Inc.",
//!     "The company grew 3.5 percent.",
//! ]);
//! ```

mod lexicon;
mod list;
mod scan;

/// A half-open byte range `[start, end)` into a text that the caller keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let t = t.trim_end();
    if t.is_empty() {
        None
    } else {
        Some(Span::new(start + lead, start + lead + t.len()))
    }
}

/// Call `f` with each paragraph (line) of `text[start..end]`, trimmed, blank lines skipped.
fn for_each_paragraph(text: &str, start: usize, end: usize, mut f: impl FnMut(Span)) {
    let b = text.as_bytes();
    let mut line = start;
    loop {
        let i = next_line_break(b, line, end);
        if let Some(p) = trimmed(text, line, i) {
            f(p);
        }
        if i >= end {
            break;
        }
        line = i + 1;
    }
}

/// Offset of the first `\n` or `\r` in `b[i..end]`, or `end`. A lone `\r` (old Mac files)
/// ends a line too; the empty piece inside "\r\n" trims to nothing.
#[inline]
fn next_line_break(b: &[u8], i: usize, end: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &b[i..end]).map_or(end, |k| i + k)
}

/// Paragraph spans: each line is a paragraph (news text puts one paragraph per line, with or
/// without blank lines between); spans are trimmed and blank lines yield nothing.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for_each_paragraph(text, 0, text.len(), |p| out.push(p));
    out
}

/// Sentence spans over the whole text, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for_each_sentence(text, |s| out.push(s));
    out
}

/// Sentence spans inside `within` (for example one paragraph from [`paragraphs`]); line
/// breaks inside it are still hard boundaries.
///
/// # Panics
/// When `within` is out of bounds or not on char boundaries of `text`.
pub fn sentences_in(text: &str, within: Span) -> Vec<Span> {
    assert!(
        text.is_char_boundary(within.start)
            && text.is_char_boundary(within.end)
            && within.start <= within.end,
        "span {within:?} is not a valid range of the text"
    );
    let mut out = Vec::new();
    for_each_paragraph(text, within.start, within.end, |p| {
        scan::paragraph(text, p, &mut |s| out.push(s))
    });
    out
}

/// Call `f` with each sentence span of `text`, in order, without collecting them.
pub fn for_each_sentence(text: &str, mut f: impl FnMut(Span)) {
    for_each_paragraph(text, 0, text.len(), |p| scan::paragraph(text, p, &mut f));
}

#[cfg(test)]
mod tests;
