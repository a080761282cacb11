//! A `check` query as weighted terms: its content terms (stems with synonyms folded,
//! as statements are grouped, less the light verbs that only frame a claim: "wants
//! to", "thinks"), each with the words a full-text search must look for, and a weight
//! that makes a rare term count for more than a common one (inverse document
//! frequency, read from the full-text index). A statement matches when it holds most
//! of the query's weight, so "Trump wants to stop Muslims entering the country" finds
//! "a ban on Muslims entering the United States": the rare terms (ban, Muslims,
//! entering) are there, only the common "country" is not.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use text::{DataFile, data_file};

use super::similarity::{different_things, same_subject};
use super::text::{FIGURES, NUM, marked_terms, synonyms_of, term, terms_at};

/// Verbs that frame what a query's subject does rather than say it ("wants to",
/// "thinks", "plans to"): not terms a statement has to hold.
const LIGHT_VERBS_FILE: DataFile = data_file!("claim_query_light_verbs.txt");

/// Verbs of saying, which frame a query the same way ("says", "claims").
const SAY_VERBS_FILE: DataFile = data_file!("query_say_verbs.txt");

/// The stems of the framing verbs.
static FRAMING: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    LIGHT_VERBS_FILE
        .lowercase_entries(false)
        .chain(SAY_VERBS_FILE.lowercase_entries(false))
        .map(term)
        .collect()
});

/// A statement holding at least this share of a query's weight matches it.
pub const MATCH_COVER: f64 = 0.7;

/// Statements read from each full-text search of a query, best ranked first.
pub const FTS_CANDIDATES: usize = 1000;

/// Statements counted for a term's weight at most (see `Store::weigh`).
pub const DF_CAP: usize = 2000;

/// The most words a query keeps: a pasted paragraph needs no more to be found, and
/// each term costs one count over the index.
const MAX_TERMS: usize = 24;

/// One content term of a query.
#[derive(Clone, Debug)]
pub struct QueryTerm {
    /// The term as statements hold it (see [`super::text::terms`]).
    pub term: String,
    /// Words and phrases that give it, as written: the query's own and its synonyms'.
    /// Only letters and digits, so they can be quoted into a full-text query as is.
    pub words: Vec<String>,
    /// How much it counts; 1 until [`Query::weigh`] reads the store.
    pub weight: f64,
}

/// A parsed `check` query.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Its distinct content terms, in order.
    pub terms: Vec<QueryTerm>,
    /// The terms it writes as names (see [`marked_terms`]): a statement naming other
    /// subjects instead is about something else, however many words it shares.
    pub entities: Vec<String>,
}

impl Query {
    /// Parse a query's text. Framing verbs are dropped; a number is one term ("#") with
    /// no words to search for (a changed figure is still the same claim).
    pub fn parse(text: &str) -> Query {
        let mut out: Vec<QueryTerm> = Vec::new();
        for (t, span) in terms_at(text).into_iter().take(MAX_TERMS) {
            if FRAMING.contains(&t) {
                continue;
            }
            let written: String = text[span]
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let qt = match out.iter_mut().find(|q| q.term == t) {
                Some(q) => q,
                None => {
                    out.push(QueryTerm {
                        words: synonyms_of(&t).to_vec(),
                        term: t.clone(),
                        weight: 1.0,
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if t != NUM && !written.is_empty() && !qt.words.contains(&written) {
                qt.words.push(written);
            }
        }
        let (all, named) = marked_terms(text);
        let entities = all
            .into_iter()
            .zip(named)
            .filter(|(t, e)| *e && !FRAMING.contains(t))
            .map(|(t, _)| t)
            .collect();
        Query {
            terms: out,
            entities,
        }
    }

    /// Whether a statement with `terms`, of which `entities` are written as names,
    /// matches: it holds at least [`MATCH_COVER`] of the query's weight and names no
    /// other subject (see [`same_subject`]), nor gives a figure of another (see
    /// [`different_things`]).
    pub fn matches(&self, terms: &[String], entities: &[String]) -> bool {
        same_subject(&self.entities, entities)
            && self.coverage(terms) >= MATCH_COVER
            && !self.measures_another(terms, entities)
    }

    /// Whether the query and a statement both give a figure of different things:
    /// "burglaries in Eastfield rose by 12 percent" is not asking for "Car thefts in
    /// Eastfield rose by 12 percent".
    fn measures_another(&self, terms: &[String], entities: &[String]) -> bool {
        let mine: Vec<&str> = self.terms.iter().map(|t| t.term.as_str()).collect();
        let named: Vec<&str> = self.entities.iter().map(String::as_str).collect();
        let theirs: Vec<&str> = terms.iter().map(String::as_str).collect();
        let their_named: Vec<&str> = entities.iter().map(String::as_str).collect();
        different_things((&mine, &named), (&theirs, &their_named), &FIGURES)
    }

    /// Whether the query has nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(|t| t.words.is_empty())
    }

    /// The full-text expression finding any of a term's words (each quoted: FTS syntax
    /// in a query is just words); `None` for a number.
    pub fn fts_term(t: &QueryTerm) -> Option<String> {
        if t.words.is_empty() {
            return None;
        }
        let alts: Vec<String> = t.words.iter().map(|w| format!("\"{w}\"")).collect();
        Some(format!("({})", alts.join(" OR ")))
    }

    /// The full-text expression finding statements with all of the query's terms.
    pub fn fts_all(&self) -> Option<String> {
        let parts: Vec<String> = self.terms.iter().filter_map(Query::fts_term).collect();
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }

    /// The full-text expression finding every statement that can match: any holding
    /// at least [`MATCH_COVER`] of the weight holds one of the heaviest terms that
    /// together weigh more than the rest, so only those (the rarest, with the shortest
    /// lists in the index) are searched for. `None` when no searchable term is needed.
    pub fn fts_needed(&self) -> Option<String> {
        let total: f64 = self.terms.iter().map(|t| t.weight).sum();
        let mut by_weight: Vec<&QueryTerm> =
            self.terms.iter().filter(|t| !t.words.is_empty()).collect();
        by_weight.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let mut parts = Vec::new();
        let mut taken = 0.0;
        for t in by_weight {
            if taken > (1.0 - MATCH_COVER) * total {
                break;
            }
            taken += t.weight;
            parts.extend(Query::fts_term(t));
        }
        (!parts.is_empty()).then(|| parts.join(" OR "))
    }

    /// Set each term's weight from `df`, the number of statements holding it among
    /// `total` (`None` for a number): ln(1 + total / (df + 1)), so a term in every
    /// statement weighs little and one in none the most. A number weighs as the
    /// lightest word: alone it says little.
    pub fn weigh(&mut self, total: u64, mut df: impl FnMut(&QueryTerm) -> Option<u64>) {
        let total = total as f64;
        let mut lightest = f64::INFINITY;
        for t in &mut self.terms {
            if let Some(n) = df(t) {
                t.weight = (1.0 + total / (n as f64 + 1.0)).ln();
                lightest = lightest.min(t.weight);
            }
        }
        let number = if lightest.is_finite() { lightest } else { 1.0 };
        for t in self.terms.iter_mut().filter(|t| t.words.is_empty()) {
            t.weight = number;
        }
    }

    /// The share of the query's weight that a statement with `terms` holds, from 0 to 1.
    pub fn coverage(&self, terms: &[String]) -> f64 {
        let have: FxHashSet<&str> = terms.iter().map(String::as_str).collect();
        let total: f64 = self.terms.iter().map(|t| t.weight).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let held: f64 = self
            .terms
            .iter()
            .filter(|t| have.contains(t.term.as_str()))
            .map(|t| t.weight)
            .sum();
        held / total
    }

    /// How well a statement with `terms` answers the query, from 0 to 1: its
    /// [`coverage`](Query::coverage), a little less for what it says beyond the query,
    /// so that of two statements holding the same the one saying least ranks first.
    pub fn relevance(&self, terms: &[String]) -> f64 {
        let have: FxHashSet<&str> = terms.iter().map(String::as_str).collect();
        if have.is_empty() {
            return 0.0;
        }
        let shared = self
            .terms
            .iter()
            .filter(|t| have.contains(t.term.as_str()))
            .count();
        let precision = shared as f64 / have.len() as f64;
        self.coverage(terms) * (0.75 + 0.25 * precision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::text::{terms, terms_and_entities};

    #[test]
    fn framing_verbs_and_stop_words_are_not_terms() {
        let q = Query::parse("Trump wants to stop Muslims entering the country");
        let t: Vec<&str> = q.terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(t, ["trump", "stop", "muslim", "enter", "countri"]);
        // The synonyms are searched for as well as the word written.
        let stop = &q.terms[1];
        assert!(stop.words.iter().any(|w| w == "ban"));
        assert!(stop.words.iter().any(|w| w == "shut down"));
        assert!(Query::parse("the of and").is_empty());
        assert!(Query::parse("").is_empty());
    }

    #[test]
    fn search_syntax_is_only_words() {
        let q = Query::parse("\"immigra* OR NEAR( '; DROP TABLE quotes; --");
        let fts = q.fts_all().unwrap().replace(" AND ", " OR ");
        // Every word is quoted and holds no quote itself.
        assert!(q.fts_all().unwrap().contains(" AND "));
        assert!(q.fts_needed().is_some());
        for part in fts.split(" OR ") {
            let inner = part.trim_matches(|c| c == '(' || c == ')');
            assert!(inner.starts_with('"') && inner.ends_with('"'), "{fts}");
            assert!(!inner[1..inner.len() - 1].contains('"'), "{fts}");
        }
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let mut q = Query::parse("a ban on Muslims entering the country");
        q.weigh(10_000, |t| {
            Some(match t.term.as_str() {
                "countri" => 2_000,
                "muslim" => 50,
                _ => 300,
            })
        });
        let restated = terms("a total and complete shutdown of Muslims entering the United States");
        let cover = q.coverage(&restated);
        assert!(cover >= MATCH_COVER, "{cover}");
        // Without the rare term it is another matter.
        let other = terms("a ban on people entering the country");
        assert!(q.coverage(&other) < MATCH_COVER);
        // Only the rarest terms need searching for: the common one cannot be missed.
        let needed = q.fts_needed().unwrap();
        assert!(
            needed.contains("muslims") && !needed.contains("country"),
            "{needed}"
        );
        // A number is a term, but a light one: another figure still matches.
        let mut boats = Query::parse("Ostria agreed to give back 40 boats");
        boats.weigh(100, |_| Some(3));
        assert!(boats.coverage(&terms("Ostria has agreed to return the 45 boats")) > 0.99);
        assert!(boats.coverage(&terms("Ostria agreed to return the boats")) >= MATCH_COVER);
        // Another named subject is another matter, however much it shares.
        let list = Query::parse("the waiting list at Brackenford General Hospital fell");
        let (t, named) = terms_and_entities("the waiting list at Brackenford Dental Clinic fell");
        assert!(!list.matches(&t, &named));
        let (t, _) = marked_terms("the waiting list at the Brackenford hospital fell");
        assert!(list.matches(&t, &["brackenford".to_string()]));
    }
}
