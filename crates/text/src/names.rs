//! Name parts that every crate reads the same way.

use std::sync::LazyLock;

use crate::data_file;

static SUFFIXES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    data_file!("generational_suffixes.txt")
        .lowercase_entries(false)
        .collect()
});

/// True for a generational suffix ("Jr.", "sr", "III"), in any case, with or without a
/// trailing dot: it follows a name and is never a surname.
pub fn is_generational_suffix(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        for w in ["Jr.", "jr", "SR", "III", "iv"] {
            assert!(is_generational_suffix(w), "{w}");
        }
        for w in ["Trump", "j", "V.", ""] {
            assert!(!is_generational_suffix(w), "{w}");
        }
    }
}
