//! Full-text search: turning what a user typed into a safe FTS5 query.
//!
//! FTS5 has its own syntax (`AND`, `NEAR`, `"`, `*`, `(`, column filters); text typed
//! by a user must never reach it raw, or `foo AND (` becomes a syntax error instead of
//! a search. We keep only words, quote each one, and let FTS5 AND them together.

/// Longest query we build; a pasted paragraph should not become a 5,000-term query.
const MAX_WORDS: usize = 64;

/// Turn user text into an FTS5 `MATCH` expression of plain quoted words (all must
/// occur), or `None` when the text has no words at all.
///
/// ```
/// assert_eq!(store::fts_query("foo AND ("), Some("\"foo\" \"AND\"".to_string()));
/// assert_eq!(store::fts_query("*\"()"), None);
/// ```
pub fn fts_query(user_text: &str) -> Option<String> {
    let words: Vec<String> = user_text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        // Only alphanumerics remain, so wrapping in quotes needs no escaping.
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_becomes_words() {
        assert_eq!(
            fts_query("\"peace talks\" NEAR(x) -y*").as_deref(),
            Some("\"peace\" \"talks\" \"NEAR\" \"x\" \"y\"")
        );
        assert_eq!(fts_query("   "), None);
        assert_eq!(fts_query("Ерdoğan's"), Some("\"Ерdoğan\" \"s\"".into()));
    }

    #[test]
    fn long_text_is_capped() {
        let q = fts_query(&"word ".repeat(1000)).unwrap();
        assert_eq!(q.matches('"').count(), 2 * MAX_WORDS);
    }
}
