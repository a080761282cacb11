//! Case and accent folding: one fold for every key that must match across spellings.
//!
//! Speaker names ("Erdoğan", "ERDOGAN") and claim statements ("Türkiye", "Turkiye") are
//! compared through the same fold: lower case, accents removed by canonical
//! decomposition, the letters that do not decompose ("ß", "ø", "ł", "ı", "æ") spelt out,
//! and curly apostrophes made straight. ASCII text, nearly all of it, takes a fast path.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `s` lower-cased, accents stripped, curly apostrophes straightened
/// ("Türkiye’s ERDOĞAN" → "turkiye's erdogan").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`] appended to `out`.
fn fold_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, out);
        }
    }
}

/// One non-ASCII char, folded: decomposed, its marks dropped, each remaining letter
/// lower-cased and spelt out when it has no decomposition ("Ǣ" → "ae").
fn fold_char(c: char, out: &mut String) {
    for d in std::iter::once(c).nfd() {
        for l in d.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            match l {
                '’' | '‘' | 'ʼ' => out.push('\''),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ø' => out.push('o'),
                'ł' => out.push('l'),
                'đ' | 'ð' => out.push('d'),
                'ı' => out.push('i'),
                'þ' => out.push_str("th"),
                _ => out.push(l),
            }
        }
    }
}

/// The key of a name: [`fold`]ed, with every run of characters that are not letters or
/// digits turned into one space, and none at the ends ("O’Brien-Smith, Jr." →
/// "o brien smith jr").
pub fn name_key(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    fold_into(&mut folded, s);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("Türkiye’s ERDOĞAN"), "turkiye's erdogan");
        assert_eq!(
            fold("İstanbul Straße Łódź Ørsted Þór"),
            "istanbul strasse lodz orsted thor"
        );
        assert_eq!(fold("ľudovít ŕ ẽ"), "ludovit r e");
        assert_eq!(name_key("  O’Brien-Smith, Jr. "), "o brien smith jr");
        assert_eq!(name_key("Erdoğan"), name_key("ERDOGAN"));
        // The speaker keys the store wrote before this fold was shared: unchanged.
        assert_eq!(name_key("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(name_key("Dr. Zoë  Straße-Łódź"), "dr zoe strasse lodz");
        assert_eq!(name_key("Đorđe Þórsson"), "dorde thorsson");
        assert_eq!(name_key("«»"), "");
        // Claim statements: what the store's old table of accented letters gave.
        assert_eq!(fold("Türkiye’s İstanbul"), "turkiye's istanbul");
        assert_eq!(fold("Œuvre ÆTHER Ø"), "oeuvre aether o");
    }

    proptest! {
        #[test]
        fn ascii_fast_path_equals_the_char_path(s in "\\PC{0,24}") {
            let mut slow = String::new();
            for c in s.chars() {
                if c.is_ascii() {
                    slow.push(c.to_ascii_lowercase());
                } else {
                    fold_char(c, &mut slow);
                }
            }
            prop_assert_eq!(fold(&s), slow);
        }

        #[test]
        fn fold_is_idempotent_on_names(s in "[A-Za-zÀ-ɏ' -]{0,24}") {
            let once = name_key(&s);
            prop_assert_eq!(name_key(&once), once.clone());
        }
    }
}
