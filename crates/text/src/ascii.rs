//! Short words in ASCII: lower-casing on the stack, the char at an offset, capitals.
//!
//! Word lists are probed for nearly every token; these helpers fold a probe into a stack
//! buffer so that no look-up allocates.

/// `word` with its ASCII letters lower-cased, in `buf`; other bytes are copied as they
/// are. `None` when it does not fit.
#[inline]
pub fn lower_into<'b, const N: usize>(word: &str, buf: &'b mut [u8; N]) -> Option<&'b [u8]> {
    let n = word.len();
    if n > N {
        return None;
    }
    buf[..n].copy_from_slice(word.as_bytes());
    buf[..n].make_ascii_lowercase();
    Some(&buf[..n])
}

/// `word` lower-cased in `buf` when it is ASCII and fits; `None` otherwise. One pass
/// copies, folds and checks, so a few bytes cost no `memcpy` call.
#[inline]
pub fn lower_ascii<'b, const N: usize>(word: &str, buf: &'b mut [u8; N]) -> Option<&'b [u8]> {
    let b = word.as_bytes();
    if b.len() > N {
        return None;
    }
    let mut any = 0u8;
    for (o, &c) in buf.iter_mut().zip(b) {
        any |= c;
        *o = c.to_ascii_lowercase();
    }
    (any < 0x80).then_some(&buf[..b.len()])
}

/// [`lower_ascii`] as a `&str`.
#[inline]
pub fn lower_ascii_str<'b, const N: usize>(word: &str, buf: &'b mut [u8; N]) -> Option<&'b str> {
    // ASCII, so UTF-8: no need to check it again.
    lower_ascii(word, buf).and_then(|b| std::str::from_utf8(b).ok())
}

/// The char starting at byte `pos` of `text`; `None` at the end or inside a char.
#[inline]
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    let b = *text.as_bytes().get(pos)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(pos..)?.chars().next()
    }
}

/// True when `s` starts with an upper-case letter.
#[inline]
pub fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The number of letters of `w` when every letter is a capital (dots, apostrophes and
/// hyphens may sit between them: "O'ROURKE", "U.S."); `None` when a letter is not a
/// capital or something else is in the word. A word of punctuation alone gives `Some(0)`.
pub fn capital_letters(w: &str) -> Option<usize> {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return None;
            }
            letters += 1;
        } else if !matches!(c, '.' | '\'' | '’' | '-') {
            return None;
        }
    }
    Some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_on_the_stack() {
        let mut b = [0u8; 8];
        assert_eq!(lower_into("Gen.", &mut b), Some(&b"gen."[..]));
        assert_eq!(lower_into("Überlong!", &mut b), None);
        let mut b = [0u8; 24];
        assert_eq!(lower_ascii_str("SaiD", &mut b), Some("said"));
        assert_eq!(lower_ascii("Öcalan", &mut b), None);
    }

    #[test]
    fn chars_and_capitals() {
        assert_eq!(char_at("a“b", 1), Some('“'));
        assert_eq!(char_at("a“b", 2), None);
        assert_eq!(char_at("ab", 2), None);
        assert_eq!(capital_letters("O'ROURKE"), Some(7));
        assert_eq!(capital_letters("Pence"), None);
        assert_eq!(capital_letters("—"), None);
        assert_eq!(capital_letters("..."), Some(0));
        assert!(starts_upper("Élan") && !starts_upper("élan"));
    }
}
