//! The sentence scanner: a byte-level pass over one paragraph that stops only at candidate
//! terminators (`.` `!` `?` `…`) and decides each with the rules below.

use text::ascii::char_at;
use text::quotes;
use text::swar;

use crate::Span;
use crate::lexicon::{BOUNDARY_LEXICON, WordClass};
use crate::list;

/// Bytes the scan stops at: `.` `!` `?` and the lead byte of `…` (shared with other
/// punctuation such as curly quotation marks, which the scan steps over).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t
};

/// Offset of the first candidate byte in `b[i..end]`, or `end`. Eight bytes at a time
/// (SWAR): most of a text is plain words, and this loop is where the time goes. The four
/// masks are spelt out and the tail uses a table: a generic loop over a needle array
/// benched about 6% slower on the whole segmenter.
#[inline]
fn next_candidate(b: &[u8], mut i: usize, end: usize) -> usize {
    while i + 8 <= end {
        let x = swar::load(b, i);
        let m = swar::eq_mask(x, b'.')
            | swar::eq_mask(x, b'!')
            | swar::eq_mask(x, b'?')
            | swar::eq_mask(x, 0xE2);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && !CANDIDATE[b[i] as usize] {
        i += 1;
    }
    i
}

/// Longest word (in bytes) looked at before a period; longer tokens are ordinary words.
const MAX_WORD: usize = 64;

/// Quote marks and brackets that may close a sentence after its terminator.
fn is_closer(c: char) -> bool {
    quotes::may_close(c) || matches!(c, ')' | ']' | '}')
}

/// Quote marks among the closers (for the attribution rule).
fn is_quote(c: char) -> bool {
    quotes::may_close(c)
}

/// Quote marks and brackets (and the Spanish inverted marks) that may open a sentence
/// before its first word.
fn is_opener(c: char) -> bool {
    quotes::may_open(c) || matches!(c, '(' | '[' | '{' | '¿' | '¡')
}

/// True when `…` (U+2026) starts at `pos`.
#[inline]
fn is_ellipsis_char(b: &[u8], pos: usize, end: usize) -> bool {
    pos + 3 <= end && b[pos..pos + 3] == [0xE2, 0x80, 0xA6]
}

/// A dot (`.` or `…`) at `pos`.
#[inline]
fn is_dot_at(b: &[u8], pos: usize, end: usize) -> bool {
    pos < end && (b[pos] == b'.' || is_ellipsis_char(b, pos, end))
}

/// Split one paragraph `para` (trimmed, no line breaks) into sentences.
pub(crate) fn paragraph(text: &str, para: Span, emit: &mut impl FnMut(Span)) {
    match list::marker_at(text, para.start, para.end) {
        None => scan(text, para.start, para.start, para.end, emit),
        Some(first) => {
            // A paragraph that opens with a list marker: each following marker in sequence
            // starts a new item, and no marker's own period counts as a terminator.
            let mut start = para.start;
            let mut marker = first;
            loop {
                let from = start + marker.len;
                let next = list::next_marker(text, from, para.end, &marker);
                let end = next.map_or(para.end, |(pos, _)| pos);
                scan(text, start, from, end, emit);
                match next {
                    Some((pos, m)) => {
                        start = pos;
                        marker = m;
                    }
                    None => break,
                }
            }
        }
    }
}

/// Scan `[start, end)` for sentence ends, looking for terminators from `from` on.
fn scan(text: &str, start: usize, from: usize, end: usize, emit: &mut impl FnMut(Span)) {
    let b = text.as_bytes();
    let mut sent = start;
    let mut i = from;
    loop {
        i = next_candidate(b, i, end);
        if i >= end {
            break;
        }
        if b[i] == 0xE2 && !is_ellipsis_char(b, i, end) {
            i += 1;
            continue;
        }
        let (next, split) = decide(text, start, sent, i, end);
        if let Some(stop) = split {
            emit_trimmed(text, sent, stop, emit);
            sent = stop;
        }
        i = next;
    }
    emit_trimmed(text, sent, end, emit);
}

fn emit_trimmed(text: &str, start: usize, end: usize, emit: &mut impl FnMut(Span)) {
    if let Some(s) = crate::trimmed(text, start, end) {
        emit(s);
    }
}

/// The first word after a candidate terminator and the whitespace that follows it.
struct Next {
    /// Byte offset of `first` (after any opening quote marks or brackets).
    pos: usize,
    /// First char of the next sentence, if one follows.
    first: char,
    /// The next sentence opens with a bracketed item label: "(a)", "(ii)", "(3)".
    label: bool,
}

impl Next {
    fn at(text: &str, mut pos: usize, end: usize) -> Option<Next> {
        let b = text.as_bytes();
        while pos < end {
            let Some(c) = char_at(text, pos) else { break };
            if is_opener(c) {
                pos += c.len_utf8();
                continue;
            }
            let label = pos > 0 && b[pos - 1] == b'(' && {
                // "(a)", "(iv)", "(12)", "(B)"; not "(AP)" in a dateline.
                let n = b[pos..end]
                    .iter()
                    .take(4)
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    .count();
                let n = if n == 0 && b[pos].is_ascii_uppercase() {
                    1
                } else {
                    n
                };
                (1..=3).contains(&n)
                    && b.get(pos + n) == Some(&b')')
                    && b.get(pos + n + 1).is_some_and(u8::is_ascii_whitespace)
            };
            return Some(Next {
                pos,
                first: c,
                label,
            });
        }
        None
    }

    fn is_lower(&self) -> bool {
        !self.label && self.first.is_lowercase()
    }

    fn is_upper(&self) -> bool {
        self.label || self.first.is_uppercase()
    }

    /// Punctuation that continues a sentence rather than opening one (`, ; : ) -`).
    fn continues(&self) -> bool {
        matches!(
            self.first,
            ',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—' | '―' | '%' | '&' | '.' | '!' | '?'
        )
    }

    /// The next word is a common sentence starter ("The", "He") and not an initial ("I.").
    fn is_starter(&self, text: &str, end: usize) -> bool {
        if self.label {
            return true;
        }
        if !self.first.is_ascii_uppercase() {
            return false;
        }
        let b = text.as_bytes();
        let mut e = self.pos;
        while e < end && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        if e < end
            && let Some(c) = char_at(text, e)
            && (c.is_alphanumeric() || (c == '.' && e - self.pos == 1))
        {
            return false;
        }
        BOUNDARY_LEXICON.is_starter(&text[self.pos..e])
    }
}

/// Decide the terminator run starting at `i`. Returns where scanning resumes and, when
/// the sentence ends here, the byte offset where it ends.
fn decide(text: &str, lo: usize, sent: usize, i: usize, end: usize) -> (usize, Option<usize>) {
    let b = text.as_bytes();
    // Fast path: a dot inside a token ("3.5", "example.com", "U.S.A").
    if b[i] == b'.' && i + 1 < end && b[i + 1].is_ascii_alphanumeric() {
        return (i + 1, None);
    }

    // The run of terminal punctuation: "?!", "...", "…", "." and spaced ". . .".
    let mut j = i;
    let mut dots = 0usize;
    let mut strong = false;
    while j < end {
        match b[j] {
            b'.' => {
                dots += 1;
                j += 1;
            }
            b'!' | b'?' => {
                strong = true;
                j += 1;
            }
            0xE2 if is_ellipsis_char(b, j, end) => {
                dots += 3;
                j += 3;
            }
            _ => break,
        }
    }
    let first_run = dots;
    let mut spaced = false;
    if !strong {
        while j + 1 < end && b[j] == b' ' && is_dot_at(b, j + 1, end) {
            spaced = true;
            j += 1;
            while is_dot_at(b, j, end) {
                if b[j] == b'.' {
                    dots += 1;
                    j += 1;
                } else {
                    dots += 3;
                    j += 3;
                }
            }
        }
    }

    // An ellipsis that opens a sentence or a quotation ('. ... He', '“… There') is not an end.
    if !strong && dots >= 2 && (i == lo || opens_after(text, lo, i)) {
        return (j, None);
    }

    // "[...]" marks an omission inside a sentence.
    if !strong && i > lo && b[i - 1] == b'[' && j < end && b[j] == b']' {
        return (j, None);
    }

    // Closing quote marks and brackets belong to the sentence that ends here.
    let mut k = j;
    let mut quoted = false;
    while k < end
        && let Some(c) = char_at(text, k)
        && is_closer(c)
    {
        quoted |= is_quote(c);
        k += c.len_utf8();
    }
    if k >= end {
        return (k, None); // the paragraph ends here anyway
    }

    // A terminator must be followed by whitespace: "3.5", "example.com", "Jr.'s".
    let w = skip_whitespace(text, k, end);
    if w == k {
        return (k, None);
    }
    let Some(next) = Next::at(text, w, end) else {
        return (k, None);
    };
    if matches!(next.first, '.' | '…') && (strong || dots == 1) {
        // "obsolete. ... NATO was": the period ends the sentence, the ellipsis opens the next.
        let split = ellipsis_then(text, next.pos, end).is_some_and(|after| {
            after.is_upper() && (strong || period_ends_sentence(text, lo, sent, i, &after, end))
        });
        return (k, split.then_some(k));
    }
    if next.is_lower() || next.continues() {
        return (k, None);
    }

    let split = if strong {
        // '"Stop!" Smith shouted.' continues; '"Stop!" The crowd ...' does not.
        !(quoted && attribution_follows(text, next.pos, end))
    } else if spaced {
        let attached = i > lo && !char_before(text, i).is_whitespace();
        if attached && first_run == 1 && dots >= 4 {
            // "word. . . . Next": a period, then an ellipsis that opens the next sentence.
            if next.is_upper() {
                return (k, Some(i + 1));
            }
            false
        } else {
            // " . . . ." ends a sentence; " . . . " marks an omission inside one.
            dots >= 4 && next.is_upper()
        }
    } else if dots >= 4 {
        next.is_upper()
    } else if dots == 3 {
        // "..." / "…" before a capital: the speaker trailed off and began anew.
        next.is_upper()
    } else {
        period_ends_sentence(text, lo, sent, i, &next, end)
    };
    (k, split.then_some(k))
}

/// The char just before byte `i` (> 0).
fn char_before(text: &str, i: usize) -> char {
    text[..i].chars().next_back().unwrap_or(' ')
}

/// True when the text before byte `i` is an opening quote mark or bracket, or whitespace
/// after a terminator (with any closing marks): what starts at `i` opens a sentence.
fn opens_after(text: &str, lo: usize, i: usize) -> bool {
    let before = text[lo..i].trim_end();
    let Some(c) = before.chars().next_back() else {
        return true;
    };
    if before.len() == i - lo {
        return is_opener(c); // attached: "“…" opens, "word…" does not
    }
    let before = before.trim_end_matches(is_closer);
    before.ends_with(['.', '!', '?', '…'])
}

/// An ellipsis ("...", "…", ". . .") at `pos` followed by whitespace: the next word after it.
fn ellipsis_then(text: &str, pos: usize, end: usize) -> Option<Next> {
    let b = text.as_bytes();
    let mut p = pos;
    let mut dots = 0;
    loop {
        while is_dot_at(b, p, end) {
            if b[p] == b'.' {
                dots += 1;
                p += 1;
            } else {
                dots += 3;
                p += 3;
            }
        }
        if p + 1 < end && b[p] == b' ' && is_dot_at(b, p + 1, end) {
            p += 1;
        } else {
            break;
        }
    }
    if dots < 3 {
        return None;
    }
    let w = skip_whitespace(text, p, end);
    if w == p {
        return None;
    }
    Next::at(text, w, end)
}

/// The first offset at or after `pos` that is not whitespace (or `end`).
fn skip_whitespace(text: &str, mut pos: usize, end: usize) -> usize {
    while pos < end
        && let Some(c) = char_at(text, pos)
        && c.is_whitespace()
    {
        pos += c.len_utf8();
    }
    pos
}

/// The word at `pos`: letters with inner periods ("E.T."), without a final period.
fn word_at(text: &str, pos: usize, end: usize) -> &str {
    let mut e = pos;
    while e < end
        && let Some(c) = char_at(text, e)
        && (c.is_alphabetic() || c == '.')
    {
        e += c.len_utf8();
    }
    text[pos..e].trim_end_matches('.')
}

/// Words needed before a clock time for it to be more than a phrase opening the sentence.
const TIME_PHRASE_WORDS: usize = 4;

/// A single period at `i`, followed by whitespace and `next` (not lowercase): does it end
/// the sentence that began at `sent`? Decided by the word before it.
fn period_ends_sentence(
    text: &str,
    lo: usize,
    sent: usize,
    i: usize,
    next: &Next,
    end: usize,
) -> bool {
    if i == lo {
        return true;
    }
    let before = char_before(text, i);
    if is_closer(before) {
        return true; // '... "no". Then': the quotation closed, so the period is real
    }
    let Some(word) = word_before(text, lo, i) else {
        return true;
    };
    if is_label(word) && text[sent..i].trim_start().len() == word.len() {
        return false; // "... reasons. 2. The cost": a list marker opening the sentence
    }
    match BOUNDARY_LEXICON.classify(word) {
        WordClass::Title => false,
        WordClass::Abbrev => next.is_starter(text, end),
        WordClass::Numeric if next.first.is_numeric() => false,
        // "p" is also an initial ("Oscar P. Quintero").
        WordClass::Numeric if word.chars().nth(1).is_none() => next.is_starter(text, end),
        WordClass::Numeric => true,
        WordClass::Time => {
            // "at 9 p.m. Eastern" continues; "At 5 a.m. Mr. Smith left" opens with the
            // time; "The bank shut at 6 p.m. Police arrived" ends at the time.
            next.is_upper()
                && !BOUNDARY_LEXICON.is_time_follower(word_at(text, next.pos, end))
                && text[sent..i]
                    .split_whitespace()
                    .nth(TIME_PHRASE_WORDS)
                    .is_some()
        }
        WordClass::Regular => true,
    }
}

/// A list label: one to three digits or a single ASCII letter.
fn is_label(word: &str) -> bool {
    let b = word.as_bytes();
    (1..=3).contains(&b.len()) && b.iter().all(u8::is_ascii_digit)
        || b.len() == 1 && b[0].is_ascii_alphabetic()
}

/// The whitespace-delimited word ending at `i`, without leading quote marks or brackets;
/// `None` when it is longer than [`MAX_WORD`].
fn word_before(text: &str, lo: usize, i: usize) -> Option<&str> {
    let floor = text.floor_char_boundary(i.saturating_sub(MAX_WORD).max(lo));
    let s = &text[floor..i];
    let start = match s.char_indices().rev().find(|&(_, c)| c.is_whitespace()) {
        Some((p, c)) => floor + p + c.len_utf8(),
        None if floor == lo => lo,
        None => return None,
    };
    // Leading quote marks of either kind: '.”Mr. Trump' (a missing space) reads "Mr".
    Some(
        text[start..i].trim_start_matches(|c: char| {
            is_opener(c) || is_closer(c) || matches!(c, '-' | '–' | '—')
        }),
    )
}

/// After `?"` or `!"`: up to four capitalised words then a verb of saying, as in
/// '"Why not?" Senator Smith asked.' Such a name belongs to the quotation's sentence.
fn attribution_follows(text: &str, mut pos: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let mut names = 0;
    while pos < end {
        let mut e = pos;
        while e < end
            && let Some(c) = char_at(text, e)
            && (c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        {
            e += c.len_utf8();
        }
        if e == pos {
            return false;
        }
        let word = &text[pos..e];
        if char_at(text, pos).is_some_and(char::is_uppercase) {
            if names == 0 && BOUNDARY_LEXICON.is_starter(word) {
                return false;
            }
            names += 1;
            if names > 4 {
                return false;
            }
        } else {
            return names > 0 && BOUNDARY_LEXICON.is_speech_verb(word.trim_end_matches('.'));
        }
        if e >= end || b[e] != b' ' {
            return false;
        }
        pos = e + 1;
    }
    false
}
