//! Names and roles as text: whitespace squeezed, words normalised into map keys, words
//! in capitals. Byte-level fast paths for the ASCII text that names nearly always are,
//! each checked against the plain std version in the tests.

/// The name a possessive is written on ("Trump's" → "Trump"), either apostrophe.
pub(crate) fn strip_possessive(w: &str) -> Option<&str> {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"))
}

/// `s` with runs of whitespace made single spaces.
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(&mut out, s);
    out
}

/// ASCII whitespace as `char::is_whitespace` has it (vertical tab included).
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Append the words of `s` to `out`, one space apart (as `split_whitespace` and
/// `join(" ")` would), byte by byte for ASCII.
fn squeeze_into(out: &mut String, s: &str) {
    let start = out.len();
    // Most names and roles are written with single spaces already: copy them whole.
    if single_spaced_ascii(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    if !s.is_ascii() {
        for w in s.split_whitespace() {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(w);
        }
        return;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && ascii_space(b[i]) {
            i += 1;
        }
        let j = i + b[i..].iter().take_while(|&&c| !ascii_space(c)).count();
        if j > i {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(&s[i..j]);
        }
        i = j;
    }
}

/// `s` is ASCII with its words one space apart, no space at either end, and none of the
/// bytes `normalise_into` trims or splits at anywhere: normalising it only lower-cases it.
fn plain_ascii(s: &[u8]) -> bool {
    words_apart(s, ODD_TRIM)
}

/// `s` is ASCII with its words one space apart and no space at either end: squeezing it
/// changes nothing.
fn single_spaced_ascii(s: &[u8]) -> bool {
    words_apart(s, 0)
}

/// Bytes that stop [`words_apart`]: bit [`ODD_SPACE`] for non-ASCII bytes and whitespace
/// other than the space, bit [`ODD_TRIM`] for the punctuation `normalise_into` trims.
static ODD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c >= 0x80 || (c >= b'\t' && c <= b'\r') {
            t[b] = ODD_SPACE;
        }
        if matches!(c, b',' | b';' | b':' | b'(' | b')') {
            t[b] = ODD_TRIM;
        }
        b += 1;
    }
    t
};
/// [`ODD`] class of non-ASCII bytes and whitespace other than the space.
const ODD_SPACE: u8 = 1;
/// [`ODD`] class of the punctuation [`normalise_into`] trims.
const ODD_TRIM: u8 = 2;

/// `s` is ASCII, its words are one space apart with no space at either end, no other
/// whitespace, and no byte is in the classes `odd` of [`ODD`].
#[inline]
fn words_apart(s: &[u8], odd: u8) -> bool {
    let odd = odd | ODD_SPACE;
    // After a space (or at the start): a space here would be a second one, or a leading one.
    let mut after_space = true;
    for &c in s {
        let space = c == b' ';
        if ODD[usize::from(c)] & odd != 0 || (space && after_space) {
            return false;
        }
        after_space = space;
    }
    // No trailing space (an empty `s` has no words, as here).
    !after_space || s.is_empty()
}

/// Write the lower-case words of `s` into `buf`, one space apart, outer punctuation
/// trimmed and typographic apostrophes folded.
pub(crate) fn normalise_into(buf: &mut String, s: &str) {
    buf.clear();
    // The common case, a name or phrase written plainly ("Hakan Fidan"): ASCII, single
    // spaces between words and nothing to trim, so the result is `s` lower-cased.
    if plain_ascii(s.as_bytes()) {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return;
    }
    let trim = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')');
    if s.is_ascii() {
        // Byte by byte: names are ASCII nearly always.
        let b = s.as_bytes();
        let trim_byte = |c: u8| matches!(c, b',' | b';' | b':' | b'(' | b')');
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && ascii_space(b[i]) {
                i += 1;
            }
            let j = i + b[i..].iter().take_while(|&&c| !ascii_space(c)).count();
            // The word, trimmed as `trim_matches(trim)` would, by bytes.
            let (mut a, mut e) = (i, j);
            while a < e && trim_byte(b[a]) {
                a += 1;
            }
            while e > a && trim_byte(b[e - 1]) {
                e -= 1;
            }
            i = j;
            if a == e {
                continue;
            }
            if !buf.is_empty() {
                buf.push(' ');
            }
            let at = buf.len();
            buf.push_str(&s[a..e]);
            buf[at..].make_ascii_lowercase();
        }
        return;
    }
    for w in s.split_whitespace() {
        let w = w.trim_matches(trim);
        if w.is_empty() {
            continue;
        }
        if !buf.is_empty() {
            buf.push(' ');
        }
        let at = buf.len();
        if w.is_ascii() {
            buf.push_str(w);
            buf[at..].make_ascii_lowercase();
        } else {
            for c in w.chars() {
                if c == '’' {
                    buf.push('\'');
                } else {
                    buf.extend(c.to_lowercase());
                }
            }
        }
    }
}

/// A word in capitals with two letters or more ("PENCE", "O'ROURKE", "ST."): a shouted
/// surname, a dateline's place.
pub(crate) fn is_capitals(w: &str) -> bool {
    text::ascii::capital_letters(w).is_some_and(|n| n >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_plain_and_general_agree() {
        // The general rule, written plainly.
        let slow = |s: &str| {
            s.split_whitespace()
                .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')')))
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase().replace('’', "'"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut buf = String::new();
        for s in [
            "",
            " ",
            "\u{b}",
            "Hakan Fidan",
            "Hakan  Fidan",
            " Hakan Fidan",
            "Hakan Fidan ",
            "Fidan,",
            "(R-Texas)",
            "a:b",
            "a\tb",
            "x\u{b}y",
            "O’Brien",
            "AT&T Inc.",
            "the U.S. State Department",
        ] {
            normalise_into(&mut buf, s);
            assert_eq!(buf, slow(s), "{s:?}");
            assert_eq!(
                squeeze(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn capitals() {
        assert!(is_capitals("PENCE") && is_capitals("O'ROURKE") && is_capitals("ST."));
        assert!(!is_capitals("Pence") && !is_capitals("Q") && !is_capitals("..."));
    }
}
