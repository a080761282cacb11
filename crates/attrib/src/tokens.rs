//! Words, punctuation and whole quotations of one paragraph, split into the segmenter's
//! sentences except where a boundary falls inside a quotation.
//!
//! Attribution works on this stream: a quotation is one token, so `"A. B," he said.` is a
//! single sentence whose outside words are `he said`.

use segment::Span;
use text::ascii::char_at;
use text::swar::{HI, LO, load};

use crate::marks::Quoted;
use crate::mentions::lexicon::WORD_CLASSES;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A word: letters and digits with inner apostrophes, hyphens and dots ("U.S.", "don't").
    Word,
    /// One punctuation character.
    Punct(char),
    /// A whole quotation: index into the quotation list.
    Quote(usize),
}

/// One token with its byte span in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the document.
    pub span: Span,
    /// What it is.
    pub kind: Kind,
}

/// Whether token `i` of `ts` is punctuation that belongs to a figure: a currency sign
/// written right before the next token ("£500m") or a percent sign right after the one
/// before ("4%"). Reported words keep it where other punctuation at their ends is
/// trimmed: "unemployment fell to 4" is not what was said.
pub fn figure_sign(ts: &[Token], i: usize) -> bool {
    let Some(t) = ts.get(i) else { return false };
    match t.kind {
        Kind::Punct(c) if text::signs::is_currency(c) => ts
            .get(i + 1)
            .is_some_and(|n| n.span.start == t.span.end && n.is_word()),
        Kind::Punct('%') => i
            .checked_sub(1)
            .is_some_and(|p| ts[p].span.end == t.span.start),
        _ => false,
    }
}

impl Token {
    /// True for a word.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    /// True for the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    /// The index of the quotation this token is, if it is one.
    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            Kind::Quote(i) => Some(i),
            _ => None,
        }
    }
}

/// `ASCII_ALNUM[b]`: `b` is an ASCII letter or digit. One load instead of the range
/// tests of `u8::is_ascii_alphanumeric`, for the tokenizers' inner loops.
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits starting at `from` (the first byte at or
/// after it that is none, or `bytes.len()`), and whether the run holds a capital. Eight
/// bytes at a time: a word of news prose is then most often one step with no
/// data-dependent branch per byte.
#[inline]
pub(crate) fn alnum_run(bytes: &[u8], from: usize) -> (usize, bool) {
    const LOW7: u64 = 0x7F * LO;
    const BIT5: u64 = 0x20 * LO;
    let rep = |b: u8| u64::from(b) * LO;
    // Bit 7 of each byte of `x` (7-bit bytes) set when the byte is in `lo..=hi`: the sums
    // stay below 0x100 in every byte, so nothing carries into the next.
    let in_range = |x: u64, lo: u8, hi: u8| {
        let ge_lo = x.wrapping_add(rep(0x80 - lo));
        let gt_hi = x.wrapping_add(rep(0x7F - hi));
        ge_lo & !gt_hi & HI
    };
    let mut j = from;
    let mut upper = false;
    while j + 8 <= bytes.len() {
        let w = load(bytes, j);
        let x = w & LOW7;
        // ASCII (bit 7 clear in `w`) and a digit or, case folded, a letter.
        let alnum = (in_range(x, b'0', b'9') | in_range(x | BIT5, b'a', b'z')) & !w & HI;
        let stop = !alnum & HI;
        // Capitals are the letters and digits with bit 5 clear.
        if stop == 0 {
            upper |= !w & BIT5 != 0;
            j += 8;
            continue;
        }
        let n = (stop.trailing_zeros() / 8) as usize;
        let run = if n == 0 { 0 } else { u64::MAX >> (64 - 8 * n) };
        upper |= !w & BIT5 & run != 0;
        return (j + n, upper);
    }
    while j < bytes.len() && ASCII_ALNUM[usize::from(bytes[j])] {
        upper |= bytes[j].is_ascii_uppercase();
        j += 1;
    }
    (j, upper)
}

/// A letter or digit (`char::is_alphanumeric`), answering at once for ASCII and for the
/// General Punctuation block (curly quotes, dashes), which holds no letter or digit:
/// those are most of the non-ASCII characters of news text, and the Unicode tables are
/// slow to consult.
#[inline]
pub(crate) fn word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// A character that may join two parts of one word ("O'Brien", "al-Awlaki", "U.S").
fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&')
}

/// Tokens of `para` (a paragraph span of `text`), with the quotations in `quotes`
/// (document order; only those inside the paragraph are used) as single tokens, into
/// `out` (cleared first: the caller reuses it from paragraph to paragraph).
pub fn tokenize(
    text: &str,
    para: Span,
    quotes: &[Quoted],
    first_quote: usize,
    out: &mut Vec<Token>,
) {
    out.clear();
    // About one token per five bytes of news prose.
    out.reserve(para.len() / 5 + 4);
    let mut qi = first_quote;
    let mut i = para.start;
    while i < para.end {
        if text.as_bytes()[i] == b' ' {
            i += 1;
            continue;
        }
        if let Some(q) = quotes.get(qi)
            && q.outer.start <= i
        {
            if q.outer.start == i || q.outer.end > i {
                out.push(Token {
                    span: q.outer,
                    kind: Kind::Quote(qi),
                });
                i = q.outer.end.max(i + 1);
            }
            qi += 1;
            continue;
        }
        let limit = quotes
            .get(qi)
            .map_or(para.end, |q| q.outer.start.min(para.end));
        let b = text.as_bytes()[i];
        // The common word: ASCII letters and digits ending at an ASCII byte that joins
        // nothing (a space, a comma), with no dot to keep. The general path below gives
        // the same token after more tests.
        if ASCII_ALNUM[usize::from(b)] {
            let bytes = text.as_bytes();
            let within = bytes.get(..limit).unwrap_or(bytes);
            let (j, _) = alnum_run(within, i + 1);
            if j >= limit
                || (bytes[j].is_ascii() && !matches!(bytes[j], b'\'' | b'-' | b'.' | b'&'))
            {
                out.push(Token {
                    span: Span::new(i, j),
                    kind: Kind::Word,
                });
                i = j;
                continue;
            }
        }
        // ASCII fast path: no decoding for the common byte.
        let c = if b.is_ascii() {
            b as char
        } else {
            match char_at(text, i) {
                Some(c) => c,
                None => break,
            }
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
        } else if word_char(c) {
            let mut j = i + len;
            // ASCII letters and digits run on without decoding.
            let bytes = text.as_bytes();
            while j < limit && ASCII_ALNUM[usize::from(bytes[j])] {
                j += 1;
            }
            let run = j - i;
            // The common case: the word ends at an ASCII byte that joins nothing (a space,
            // a comma), where the loop below would stop at once.
            let plain_end = j >= limit
                || (bytes[j].is_ascii() && !matches!(bytes[j], b'\'' | b'-' | b'.' | b'&'));
            let rest = if plain_end { "" } else { &text[j..limit] };
            let mut it = rest.char_indices().peekable();
            let len = run;
            // Letters since the word start or its last dot: "U.S" joins, "said.Trump" not.
            let mut segment = run;
            while let Some((k, d)) = it.next() {
                if word_char(d) {
                    j = i + len + k + d.len_utf8();
                    segment += 1;
                } else if joiner(d)
                    && it.peek().is_some_and(|&(_, e)| word_char(e))
                    && (d != '.'
                        || segment <= 2
                        || (text[..i + len + k].ends_with(|c: char| c.is_ascii_digit())
                            && it.peek().is_some_and(|&(_, e)| e.is_ascii_digit())))
                {
                    if d == '.' {
                        segment = 0;
                    }
                    continue;
                } else {
                    break;
                }
            }
            // Keep the dot of an abbreviation or initial ("Mr.", "U.S.", "J.") on the word.
            if text[j..limit].starts_with('.')
                && is_abbreviation({
                    // The part after the last hyphen (`rsplit('-').next()`), by bytes.
                    let w = &text[i..j];
                    w.as_bytes()
                        .iter()
                        .rposition(|&b| b == b'-')
                        .map_or(w, |p| &w[p + 1..])
                })
            {
                j += 1;
            }
            out.push(Token {
                span: Span::new(i, j),
                kind: Kind::Word,
            });
            i = j;
        } else {
            out.push(Token {
                span: Span::new(i, i + len),
                kind: Kind::Punct(c),
            });
            i += len;
        }
    }
}

/// True when a word before a dot keeps the dot: an initial ("J."), a dotted
/// abbreviation ("U.S.") or one in the word-class lexicon's list ("Sen.", "Pvt.", "vs.").
fn is_abbreviation(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if word.contains('.') {
        return true;
    }
    WORD_CLASSES.is_dotted_any_case(word)
}

/// Sentence ranges (token index ranges) of a paragraph's tokens: the segmenter's
/// boundaries (`sentences`, for the whole document), except those inside a quotation,
/// which is one token. Into `out`, cleared first.
pub fn sentences(sentences: &[Span], tokens: &[Token], out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return;
    };
    let mut start = 0;
    let mut ti = 0;
    let from = sentences.partition_point(|s| s.end <= first.span.start);
    for s in &sentences[from..] {
        if s.end >= last.span.end {
            break;
        }
        while ti < tokens.len() && tokens[ti].span.end <= s.end {
            ti += 1;
        }
        // A boundary inside a token (a quotation) is no boundary here.
        if ti < tokens.len() && tokens[ti].span.start < s.end {
            continue;
        }
        if ti > start {
            out.push(start..ti);
            start = ti;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_run_matches_the_byte_loop() {
        let texts = [
            "",
            "a",
            "Hello, world",
            "abcdefghijklmnopqrstuvwxyz0123456789 x",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "mixedCASEword9 tail",
            "@[`{/:",
            "caf\u{e9} na\u{ef}ve",
            "twelve chars",
        ];
        for t in texts {
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let mut j = from;
                let mut upper = false;
                while j < b.len() && b[j].is_ascii_alphanumeric() {
                    upper |= b[j].is_ascii_uppercase();
                    j += 1;
                }
                assert_eq!(alnum_run(b, from), (j, upper), "{t:?} from {from}");
            }
        }
        // Every byte value, at every place in an eight-byte window.
        for v in 0..=255u8 {
            for at in 0..10 {
                let mut b = vec![b'a'; 12];
                b[at] = v;
                let end = if v.is_ascii_alphanumeric() { 12 } else { at };
                let upper = v.is_ascii_uppercase() && v.is_ascii_alphanumeric();
                assert_eq!(alnum_run(&b, 0), (end, upper), "{v} at {at}");
            }
        }
    }

    #[test]
    fn word_char_is_alphanumeric() {
        let chars = (0u32..0x3000)
            .chain(0x1_0000..0x1_0100)
            .filter_map(char::from_u32);
        for c in chars {
            assert_eq!(word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
