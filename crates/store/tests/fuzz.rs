//! Fuzz targets for search-query handling (bolero): under `cargo test` each runs random
//! inputs for a second (`BOLERO_RANDOM_TEST_TIME_MS` or `BOLERO_RANDOM_ITERATIONS` run
//! it longer); `cargo bolero test` runs the same targets under a coverage-guided engine.
//!
//! Whatever a user types as a search (FTS5 operators, SQL, quotes, LIKE wildcards, any
//! Unicode) must build a query that runs: an error here would be FTS5 or SQL syntax
//! leaking through. Searches run both before the quotations are grouped into claims
//! (found through the connection's pending index) and after (the full-text index).

#[path = "../../../fuzz/vocabulary.rs"]
mod vocabulary;

use std::panic::AssertUnwindSafe;

use attrib::{Document, extract};
use store::{ClaimFilter, Error, QuoteFilter, SpeakerFilter, Store, fts_query};

const ARTICLES: &[&str] = &[
    "\"Peace talks will resume on Friday,\" Foreign Minister Anna Lind said.\n\n\
     She added that the ceasefire held. “Nobody wants a war,” Lind told reporters.",
    "\"We will not raise taxes,\" said John Smith. Smith said the budget was 3.5 percent \
     higher. \"Ерdoğan's plan is NEAR collapse*,\" a senior official said.",
    "« Le dialogue continue », a déclaré le ministre. \"日本 AND (OR) -x\" he said.",
];

/// A store holding the articles' quotations, not yet grouped into claims.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    for (i, text) in ARTICLES.iter().enumerate() {
        let doc = Document::new(format!("a{i}"), *text);
        s.ingest(&doc, &extract(&doc)).unwrap();
    }
    assert!(s.stats().unwrap().quotes > 0);
    s
}

/// The built expression is only quoted words and phrases (maybe with a prefix star),
/// `OR` and brackets around OR chains, `AND` beside them, and FTS5 accepts it.
fn check_fts(s: &Store, q: &str) {
    let Some(expr) = fts_query(q) else { return };
    // Outside quotes only `OR`, brackets, stars and spaces; inside, words and spaces.
    for (i, part) in expr.split('"').enumerate() {
        if i % 2 == 1 {
            assert!(
                !part.trim().is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == ' '),
                "{part:?} in {expr:?}"
            );
        } else {
            let rest = part.replace("OR", "").replace("AND", "");
            assert!(
                rest.chars().all(|c| matches!(c, ' ' | '(' | ')' | '*')),
                "{part:?} in {expr:?}"
            );
        }
    }
    s.conn()
        .query_row(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?1",
            [&expr],
            |r| r.get::<_, i64>(0),
        )
        .unwrap_or_else(|e| panic!("{expr:?} (from {q:?}): {e}"));
}

/// The read-only searches, newest-first walk (with a limit) and fetch (without).
fn check_reads(s: &Store, q: &str) {
    check_fts(s, q);
    for limit in [None, Some(1)] {
        let f = QuoteFilter {
            search: Some(q.to_string()),
            limit,
            ..Default::default()
        };
        s.quotes(&f).unwrap_or_else(|e| panic!("quotes {q:?}: {e}"));
    }
    let f = SpeakerFilter {
        search: Some(q.to_string()),
        limit: None,
        ..Default::default()
    };
    s.speakers(&f)
        .unwrap_or_else(|e| panic!("speakers {q:?}: {e}"));
}

/// Every search a user can type, including those that group the quotations first.
fn check_all(s: &mut Store, q: &str) {
    check_reads(s, q);
    let reports = s
        .check_claim(q, None, None)
        .unwrap_or_else(|e| panic!("check {q:?}: {e}"));
    assert!(reports.iter().all(|r| !r.sightings.is_empty()));
    s.timeline("Lind", Some(q))
        .unwrap_or_else(|e| panic!("timeline about {q:?}: {e}"));
    // A name that is no speaker (or several) is the user's mistake, reported as such.
    match s.timeline(q, None) {
        Ok(_) | Err(Error::NoSpeaker(_) | Error::AmbiguousSpeaker { .. }) => {}
        Err(e) => panic!("timeline of {q:?}: {e}"),
    }
    s.claims(&ClaimFilter::default()).unwrap();
}

/// FTS5 and SQL syntax, LIKE wildcards, words that occur in the store, and characters
/// whose case or accents fold; a byte past the end of the list is a Latin-1 character.
const VOCAB: &[&str] = &[
    " ",
    "\"",
    "'",
    "*",
    "(",
    ")",
    "^",
    ":",
    "-",
    "+",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "NEAR/2",
    "text:",
    "quotes_fts",
    "{",
    "}",
    ",",
    ";",
    "--",
    "/*",
    "DROP TABLE quotes",
    "%",
    "_",
    "\\",
    "?1",
    "\0",
    "peace",
    "talks",
    "Lind",
    "Smith",
    "taxes",
    "war",
    "Ерdoğan",
    "dialogue",
    "déclaré",
    "ß",
    "ﬁ",
    "İ",
    "日本",
    "٣",
    "²",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "😀",
    "\n",
];

#[test]
fn fuzz_search_pending_raw_bytes() {
    let s = AssertUnwindSafe(store());
    bolero::check!().for_each(|bytes: &[u8]| check_reads(&s, &String::from_utf8_lossy(bytes)));
}

#[test]
fn fuzz_search_pending_vocabulary() {
    let s = AssertUnwindSafe(store());
    bolero::check!()
        .with_generator(vocabulary::tokens(128))
        .for_each(|bytes: &Vec<u8>| check_reads(&s, &vocabulary::text(VOCAB, bytes)));
}

#[test]
fn fuzz_search_grouped_raw_bytes() {
    let mut s = AssertUnwindSafe(store());
    bolero::check!().for_each(|bytes: &[u8]| {
        let s: &mut Store = &mut s;
        check_all(s, &String::from_utf8_lossy(bytes));
    });
}

#[test]
fn fuzz_search_grouped_vocabulary() {
    let mut s = AssertUnwindSafe(store());
    bolero::check!()
        .with_generator(vocabulary::tokens(128))
        .for_each(|bytes: &Vec<u8>| {
            let s: &mut Store = &mut s;
            check_all(s, &vocabulary::text(VOCAB, bytes));
        });
}
