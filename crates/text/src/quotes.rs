//! Which characters are quote marks, and which marks pair with which.
//!
//! The segmenter (a quote mark may open or close a sentence) and the quotation finder
//! (marks pair into quotations) read the same classes from here, so they cannot disagree
//! about what a quote mark is.

/// The families of marks that pair with one another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteFamily {
    /// `"` `“` `”` `„` `‟`
    Double,
    /// `'` `‘` `’` `‚` `‛`
    Single,
    /// `«` `»`
    Guillemet,
    /// `‹` `›`
    SingleGuillemet,
}

/// The family of quote mark `c`, or `None` when `c` is no quote mark.
#[inline]
pub fn family(c: char) -> Option<QuoteFamily> {
    match c {
        '"' | '“' | '”' | '„' | '‟' => Some(QuoteFamily::Double),
        '\'' | '‘' | '’' | '‚' | '‛' => Some(QuoteFamily::Single),
        '«' | '»' => Some(QuoteFamily::Guillemet),
        '‹' | '›' => Some(QuoteFamily::SingleGuillemet),
        _ => None,
    }
}

/// True for every quote mark whosaid knows.
#[inline]
pub fn is_quote_mark(c: char) -> bool {
    family(c).is_some()
}

/// Quote marks that may open a quotation before its first word: the straight marks, the
/// low and high-reversed marks (`„` `‚` `‟` `‛`), the left curly marks and the
/// guillemets that open in French and English use.
#[inline]
pub fn may_open(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '‚' | '‟' | '‛' | '«' | '‹'
    )
}

/// Quote marks that may close a quotation after its last word.
#[inline]
pub fn may_close(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›')
}

/// True when `b` may be the first byte of a quote mark: the straight marks, and the lead
/// bytes of the curly marks (`0xE2`) and of the guillemets (`0xC2`).
#[inline]
pub fn may_start_mark(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xE2 | 0xC2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opener_and_closer_is_a_mark() {
        for c in [
            '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›',
        ] {
            assert!(is_quote_mark(c), "{c}");
            let mut buf = [0u8; 4];
            assert!(may_start_mark(c.encode_utf8(&mut buf).as_bytes()[0]), "{c}");
        }
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            if may_open(c) || may_close(c) {
                assert!(is_quote_mark(c), "{c}");
            }
        }
        assert!(!is_quote_mark('`') && !is_quote_mark('('));
    }
}
