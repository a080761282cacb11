//! Full-text search: turning what a user typed into a safe FTS5 query.
//!
//! FTS5 has its own syntax (`AND`, `NEAR`, `"`, `*`, `(`, column filters); text typed
//! by a user must never reach it raw, or `foo AND (` becomes a syntax error instead of
//! a search. We keep only words, quote each one, and let FTS5 AND them together.

use rusqlite::OptionalExtension;

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
    let words: Vec<String> = words(user_text)
        // Only alphanumerics remain, so wrapping in quotes needs no escaping.
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// The words of user text, as [`fts_query`] keeps them.
pub(crate) fn words(user_text: &str) -> impl Iterator<Item = &str> {
    user_text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
}

/// Measured costs (release build, 1M quotations): testing one quotation against the
/// index for one word during a newest-first walk, and fetching plus date-sorting one
/// match. The first varies far more: from 20 us for a word in every sixteenth
/// quotation to 200 us for one in every fortieth, with the index built a batch at a
/// time (a seek visits every segment holding the word).
const WALK_US_PER_ROW_WORD: f64 = 30.0;
const FETCH_US_PER_MATCH: f64 = 3.0;

/// So a walk is only chosen when its estimate is at most half the fetch's: fetching
/// costs what it is estimated to, a walk can cost several times more. The walk's
/// budget is three times its estimate, so a query costs at most two and a half times
/// its fetch. (A margin of 3 sent a word in one quotation of thirty to fetching, 100
/// ms at 1M quotations, where the walk took 43 ms.)
const WALK_MARGIN: f64 = 2.0;

impl crate::Store {
    /// If walking quotations newest first and testing each against the index should
    /// beat fetching every match and sorting by date, the expected walk time; else
    /// `None`. Each word's document frequency comes from the `quotes_fts_terms`
    /// vocabulary table (an index lookup). Words are taken as independent; the caller
    /// guards against that being wrong.
    pub(crate) fn walk_estimate(
        &self,
        user_text: &str,
        limit: Option<usize>,
    ) -> Result<Option<f64>, crate::Error> {
        let Some(limit) = limit else {
            return Ok(None);
        };
        let total: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM quotes")?
            .query_row([], |r| r.get(0))?;
        if total == 0 {
            return Ok(None);
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT doc FROM quotes_fts_terms WHERE term = ?1")?;
        let mut share = 1.0;
        let mut k = 0.0;
        let mut seen = std::collections::HashSet::new();
        // A repeated word adds nothing to the match but would square its share.
        for w in words(user_text).filter(|w| seen.insert(w.to_lowercase())) {
            k += 1.0;
            // The tokenizer lower-cases and strips diacritics, as fold does for
            // ordinary words; a word it would index differently just looks rare.
            let n: i64 = st
                .query_row([text::fold::name_key(w)], |r| r.get(0))
                .optional()?
                .unwrap_or(0);
            share *= n as f64 / total as f64;
        }
        let matches = share * total as f64;
        if k == 0.0 || matches <= limit as f64 {
            return Ok(None);
        }
        let walk = limit as f64 / share * WALK_US_PER_ROW_WORD * k;
        let fetch = matches * FETCH_US_PER_MATCH;
        Ok((walk * WALK_MARGIN < fetch).then_some(walk))
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
