//! Full-text search: turning what a user typed into a safe FTS5 query.
//!
//! FTS5 has its own syntax (`AND`, `NEAR`, `"`, `*`, `(`, column filters); text typed
//! by a user must never reach it raw, or `foo AND (` becomes a syntax error instead of
//! a search. We parse the text ourselves into a small, closed grammar and write every
//! word back quoted:
//!
//! - words (runs of letters and digits) must all occur;
//! - `"two words"` is a phrase (an unclosed quote runs to the end of the text);
//! - `a OR b` (upper-case `OR` between two terms) matches either; an OR chain binds
//!   tighter than the implicit AND, as in web search: `tax OR levy cut` is
//!   `(tax OR levy) AND cut`;
//! - `immig*` (a star right after a word or phrase) matches any word it begins.
//!
//! Everything else (`AND`, `NOT`, `NEAR`, brackets, colons, `-`) is just a word or a
//! separator. Since migration 9 the index stems English words (the `porter`
//! tokenizer), so `immigrant` finds `immigrants`; quoted words are stemmed the same
//! way, phrases included.

use rusqlite::OptionalExtension;

/// Longest query we build; a pasted paragraph should not become a 5,000-term query.
const MAX_WORDS: usize = 64;

/// One term of a parsed query: a phrase of one or more words, maybe a prefix.
#[derive(Debug, PartialEq, Eq)]
struct Term<'a> {
    words: Vec<&'a str>,
    prefix: bool,
}

/// A parsed query: terms that must all match, each a chain of alternatives (`OR`).
type Parsed<'a> = Vec<Vec<Term<'a>>>;

/// Parse user text (see the module docs); at most [`MAX_WORDS`] words in all.
fn parse(user_text: &str) -> Parsed<'_> {
    /// A lexed item: a term, or an upper-case `OR` (kept as a word if it joins nothing).
    enum Item<'a> {
        Term(Term<'a>),
        Or(&'a str),
    }
    let mut items = Vec::new();
    let mut budget = MAX_WORDS;
    let mut rest = user_text;
    while budget > 0 {
        let Some(start) = rest.find(|c: char| c == '"' || c.is_alphanumeric()) else {
            break;
        };
        rest = &rest[start..];
        let (words, after): (Vec<&str>, &str) = if let Some(inner) = rest.strip_prefix('"') {
            let (phrase, after) = match inner.find('"') {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            };
            let words: Vec<&str> = split_words(phrase).take(budget).collect();
            (words, after)
        } else {
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            (vec![&rest[..end]], &rest[end..])
        };
        let prefix = after.starts_with('*');
        rest = after;
        if words.is_empty() {
            continue;
        }
        budget -= words.len();
        if words.len() == 1 && words[0] == "OR" && !prefix {
            items.push(Item::Or(words[0]));
        } else {
            items.push(Item::Term(Term { words, prefix }));
        }
    }
    // An OR joins the terms either side of it; anywhere else it is the word "OR".
    let mut out: Parsed<'_> = Vec::new();
    let mut joining = false;
    let n = items.len();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Or(w) => {
                let between = !out.is_empty() && !joining && i + 1 < n;
                if between {
                    joining = true;
                } else {
                    out.push(vec![Term {
                        words: vec![w],
                        prefix: false,
                    }]);
                    joining = false;
                }
            }
            Item::Term(t) => {
                match out.last_mut() {
                    Some(chain) if joining => chain.push(t),
                    _ => out.push(vec![t]),
                }
                joining = false;
            }
        }
    }
    out
}

/// The runs of letters and digits in `text`.
fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Turn user text into an FTS5 `MATCH` expression (see the module docs for the
/// syntax kept), or `None` when the text has no words at all. Every word is written
/// inside double quotes and holds only letters and digits, so nothing the user typed
/// is read as FTS5 syntax.
///
/// ```
/// assert_eq!(store::fts_query("foo AND ("), Some("\"foo\" \"AND\"".to_string()));
/// assert_eq!(store::fts_query("*\"()"), None);
/// assert_eq!(
///     store::fts_query("\"peace talks\" OR truce cease*").as_deref(),
///     Some("(\"peace talks\" OR \"truce\") AND \"cease\"*")
/// );
/// ```
pub fn fts_query(user_text: &str) -> Option<String> {
    fts_query_with(user_text, &mut |_| Ok::<_, std::convert::Infallible>(false)).unwrap_or(None)
}

/// Shortest prefix stem looked up for a prefix search, and how many letters shorter
/// than the prefix it may be: the Porter stemmer strips at most a few letters
/// ("immigration" is indexed as "immigr").
const PREFIX_STEM_MIN: usize = 3;
const PREFIX_STEM_CUT: usize = 4;

/// [`fts_query`], with a prefix widened to the index terms (stems) it may have been
/// cut to: FTS5 matches a prefix against stemmed terms, so `immigra*` alone misses
/// "immigrant" (indexed as `immigr`). `is_term` says whether a folded string is an
/// index term; each term found up to [`PREFIX_STEM_CUT`] letters shorter than the
/// prefix joins it as an alternative (`("immigra"* OR "immigr")`).
pub(crate) fn fts_query_with<E>(
    user_text: &str,
    is_term: &mut dyn FnMut(&str) -> Result<bool, E>,
) -> Result<Option<String>, E> {
    let parsed = parse(user_text);
    if parsed.is_empty() {
        return Ok(None);
    }
    let mut term = |t: &Term<'_>| -> Result<String, E> {
        // Only alphanumerics remain, so wrapping in quotes needs no escaping.
        let plain = format!(
            "\"{}\"{}",
            t.words.join(" "),
            if t.prefix { "*" } else { "" }
        );
        let [word] = t.words.as_slice() else {
            return Ok(plain);
        };
        if !t.prefix {
            return Ok(plain);
        }
        let folded = text::fold::name_key(word);
        let ends: Vec<usize> = folded.char_indices().map(|(i, _)| i).skip(1).collect();
        let n = ends.len() + 1;
        let mut alternatives = vec![plain];
        for (k, &end) in ends.iter().enumerate() {
            let chars = k + 1;
            if chars >= PREFIX_STEM_MIN && chars + PREFIX_STEM_CUT >= n {
                let stem = &folded[..end];
                if stem.chars().all(char::is_alphanumeric) && is_term(stem)? {
                    alternatives.push(format!("\"{stem}\""));
                }
            }
        }
        Ok(match alternatives.as_slice() {
            [one] => one.clone(),
            many => format!("({})", many.join(" OR ")),
        })
    };
    let mut parts = Vec::with_capacity(parsed.len());
    for chain in &parsed {
        let rendered = chain.iter().map(&mut term).collect::<Result<Vec<_>, E>>()?;
        parts.push(match rendered.as_slice() {
            [one] => one.clone(),
            many => format!("({})", many.join(" OR ")),
        });
    }
    // FTS5 reads juxtaposed phrases as AND, but not a bracket beside a phrase.
    let and = if parts.iter().any(|p| p.starts_with('(')) {
        " AND "
    } else {
        " "
    };
    Ok(Some(parts.join(and)))
}

/// The words of user text, as [`fts_query`] keeps them (the `OR` joining two terms
/// included): for callers that want the words, not the query.
pub(crate) fn words(user_text: &str) -> impl Iterator<Item = &str> {
    split_words(user_text).take(MAX_WORDS)
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

/// The tokenizer of `quotes_fts` (migration 9), which `temp.pending_fts` and the
/// stemming probe must share so that a word is indexed and looked up alike.
pub(crate) const TOKENIZE: &str = "porter unicode61 remove_diacritics 2";

impl crate::Store {
    /// What a search for `user_text` matches, as an FTS5 expression ([`fts_query`]
    /// with prefixes widened to the stems in the index), or `None` for no words.
    pub(crate) fn fts_match(&self, user_text: &str) -> Result<Option<String>, crate::Error> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM quotes_fts_terms WHERE term = ?1")?;
        fts_query_with(user_text, &mut |stem| {
            Ok::<_, crate::Error>(st.exists([stem])?)
        })
    }

    /// The index terms of `words` (lower-cased, diacritics removed, stemmed), as
    /// `quotes_fts` stores them, so their document frequencies can be looked up in
    /// the vocabulary. SQLite's own tokenizer does it, through a contentless
    /// temporary index private to this connection: no second stemmer to keep in
    /// step with SQLite's. `None` when a word did not give exactly one term.
    fn index_terms(&self, words: &[&str]) -> Result<Option<Vec<String>>, crate::Error> {
        self.conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_probe USING fts5(\
             text, content='', tokenize='{TOKENIZE}'); \
             CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_probe_terms \
             USING fts5vocab(temp, stem_probe, 'instance'); \
             INSERT INTO temp.stem_probe(stem_probe) VALUES('delete-all');"
        ))?;
        self.conn
            .prepare_cached("INSERT INTO temp.stem_probe(rowid, text) VALUES (1, ?1)")?
            .execute([words.join(" ")])?;
        let terms: Vec<String> = self
            .conn
            .prepare_cached("SELECT term FROM temp.stem_probe_terms ORDER BY offset")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok((terms.len() == words.len()).then_some(terms))
    }

    /// If walking quotations newest first and testing each against the index should
    /// beat fetching every match and sorting by date, the expected walk time; else
    /// `None`. Each term's document frequency comes from the `quotes_fts_terms`
    /// vocabulary table (an index lookup; a prefix sums its range). Words are taken
    /// as independent (a phrase as its words together, an OR chain as the sum of its
    /// terms); the caller guards against that being wrong.
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
        let parsed = parse(user_text);
        let all: Vec<&str> = parsed
            .iter()
            .flatten()
            .flat_map(|t| t.words.iter().copied())
            .collect();
        let stems = match self.index_terms(&all)? {
            Some(s) => s,
            // The tokenizer split a word further: estimate with the folded words.
            None => all.iter().map(|w| text::fold::name_key(w)).collect(),
        };
        let mut exact = self
            .conn
            .prepare_cached("SELECT doc FROM quotes_fts_terms WHERE term = ?1")?;
        // A prefix's matches are at most the sum over the terms it begins.
        let mut range = self.conn.prepare_cached(
            "SELECT sum(doc) FROM quotes_fts_terms WHERE term >= ?1 AND term < ?1 || x'f4'",
        )?;
        let mut share = 1.0;
        let mut k = 0.0;
        let mut stems = stems.into_iter();
        let mut seen = std::collections::HashSet::new();
        for chain in &parsed {
            let mut chain_share: f64 = 0.0;
            for term in chain {
                let mut term_share = 1.0;
                for (i, _) in term.words.iter().enumerate() {
                    let stem = stems.next().unwrap_or_default();
                    let last = i + 1 == term.words.len();
                    let n: Option<i64> = if last && term.prefix {
                        // FTS5 stems a prefix too, as the probe did.
                        range.query_row([&stem], |r| r.get(0))?
                    } else {
                        exact.query_row([&stem], |r| r.get(0)).optional()?
                    };
                    // A repeated word adds nothing to the match but would square
                    // its share.
                    if seen.insert((stem, last && term.prefix)) {
                        k += 1.0;
                        term_share *= (n.unwrap_or(0) as f64 / total as f64).min(1.0);
                    }
                }
                chain_share += term_share;
            }
            share *= chain_share.min(1.0);
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
        // A phrase, NEAR and brackets as words, a leading minus dropped, a prefix.
        assert_eq!(
            fts_query("\"peace talks\" NEAR(x) -y*").as_deref(),
            Some("\"peace talks\" \"NEAR\" \"x\" \"y\"*")
        );
        assert_eq!(fts_query("   "), None);
        assert_eq!(fts_query("Ерdoğan's"), Some("\"Ерdoğan\" \"s\"".into()));
        // SQL and FTS5 column filters stay words.
        assert_eq!(
            fts_query("x'; DROP TABLE quotes; -- text:foo").as_deref(),
            Some("\"x\" \"DROP\" \"TABLE\" \"quotes\" \"text\" \"foo\"")
        );
        assert_eq!(fts_query("\"\" * \"*\""), None);
    }

    #[test]
    fn or_joins_the_terms_beside_it() {
        assert_eq!(
            fts_query("tax OR levy cut").as_deref(),
            Some("(\"tax\" OR \"levy\") AND \"cut\"")
        );
        assert_eq!(
            fts_query("a OR b OR \"c d\"").as_deref(),
            Some("(\"a\" OR \"b\" OR \"c d\")")
        );
        // Dangling, doubled or lower-case: a word.
        assert_eq!(fts_query("OR a").as_deref(), Some("\"OR\" \"a\""));
        assert_eq!(fts_query("a OR").as_deref(), Some("\"a\" \"OR\""));
        assert_eq!(
            fts_query("a OR OR b").as_deref(),
            Some("\"a\" \"OR\" \"b\"")
        );
        assert_eq!(fts_query("a or b").as_deref(), Some("\"a\" \"or\" \"b\""));
    }

    #[test]
    fn unclosed_phrase_runs_to_the_end() {
        assert_eq!(
            fts_query("cut \"the tax").as_deref(),
            Some("\"cut\" \"the tax\"")
        );
    }

    #[test]
    fn prefixes_widen_to_shorter_stems() {
        // "im" is too short, and five letters shorter than the prefix.
        let terms = ["immigr", "imm", "im"];
        let q = fts_query_with("Immigra* law", &mut |s| Ok::<_, ()>(terms.contains(&s)));
        assert_eq!(
            q.unwrap().as_deref(),
            Some("(\"Immigra\"* OR \"imm\" OR \"immigr\") AND \"law\"")
        );
    }

    #[test]
    fn long_text_is_capped() {
        let q = fts_query(&"word ".repeat(1000)).unwrap();
        assert_eq!(q.matches('"').count(), 2 * MAX_WORDS);
        let q = fts_query(&format!("\"{}\"", "word ".repeat(1000))).unwrap();
        assert_eq!(q.matches("word").count(), MAX_WORDS);
    }
}
