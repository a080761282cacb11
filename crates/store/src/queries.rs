//! Reading the store: who said what, speakers, one document.
//!
//! Every filter is a bound parameter; the SQL text only varies by which filters are
//! present, so each shape is planned once and can use its own index (an `(? IS NULL
//! OR ...)` catch-all would defeat them).
//!
//! Query plans on the 1,000,000-quotation benchmark database
//! ([`Store::explain_quotes`]; the unit tests assert that no plan scans `quotes`):
//!
//! ```text
//! --speaker NAME   SEARCH q USING INDEX quotes_speaker (speaker_id=?)
//!                    LIST SUBQUERY: SEARCH aliases USING COVERING INDEX aliases_norm (norm=?)
//!                               UNION SEARCH aliases USING COVERING INDEX aliases_last (last=?)
//!                  SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
//!                  USE TEMP B-TREE FOR ORDER BY          (only that speaker's rows)
//! --search rare    SEARCH q USING INTEGER PRIMARY KEY (rowid=?)
//!                    LIST SUBQUERY: SCAN quotes_fts VIRTUAL TABLE INDEX 0:M1
//!                  SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
//!                  USE TEMP B-TREE FOR ORDER BY          (only the matches)
//! --search common  SCAN d USING INDEX documents_published   (newest first, stops at LIMIT)
//!  and no filter   SEARCH q USING INDEX quotes_doc (doc_id=?)
//!                    CORRELATED SUBQUERY: SCAN quotes_fts VIRTUAL TABLE INDEX 0:=M1
//!                  USE TEMP B-TREE FOR LAST TERM OF ORDER BY (quotes within one document)
//! ```
//!
//! "Rare" and "common" are decided per query from the FTS vocabulary (see
//! `search.rs`): fetching and sorting every match costs about 3 µs a match, walking
//! newest first about 30 µs per quotation tested per word.

use attrib::Date;
use std::time::{Duration, Instant};

use rusqlite::{ErrorCode, OptionalExtension, Row, ToSql};
use serde::Serialize;

use attrib::{EntityKind, QuoteKind};
use text::fold::name_key;

use crate::sql_types::{Kind, kind_at};
use crate::{Error, Store};

/// Which quotations [`Store::quotes`] returns.
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// A speaker id, or a name matched against every alias (folded) and surname.
    pub speaker: Option<String>,
    /// Published on or after this date (`YYYY-MM-DD`).
    pub since: Option<Date>,
    /// Published on or before this date (`YYYY-MM-DD`).
    pub until: Option<Date>,
    /// Words that must all occur in the quotation, in any inflection; `"a phrase"`,
    /// `a OR b` and `prefix*` are understood, nothing else (see [`fts_query`](crate::fts_query)).
    pub search: Option<String>,
    /// Only quotations of this kind.
    pub kind: Option<QuoteKind>,
    /// Only quotations published by this outlet (ASCII case ignored).
    pub outlet: Option<String>,
    /// Only quotations attributed with at least this confidence.
    pub min_confidence: Option<f64>,
    /// The order of the rows.
    pub sort: Sort,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// The order of a listing (`--sort`); every order ends with newest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By publication date: newest first for quotations, oldest first for claims and
    /// timelines.
    #[default]
    Date,
    /// By speaker name.
    Speaker,
    /// By outlet name.
    Outlet,
    /// Widest spread first: the most outlets, then the most articles, that reported
    /// the claim (repeats inside one article are not counted twice).
    Spread,
    /// Claims: the most recently seen first. Quotations: as `Date`.
    Recent,
    /// `check`: the best match for the searched text first. Elsewhere: as `Date`.
    Relevance,
}

/// The columns [`document_row`] reads, in its order.
const DOCUMENT_COLUMNS: &str = "id, doc_key, path, url, outlet, title, published, ingested, text";

/// A document row of [`DOCUMENT_COLUMNS`], without its quotations.
fn document_row(r: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        key: r.get(1)?,
        path: r.get(2)?,
        url: r.get(3)?,
        outlet: r.get(4)?,
        title: r.get(5)?,
        published: r.get(6)?,
        ingested: r.get(7)?,
        text: r.get(8)?,
        quotes: Vec::new(),
    })
}

/// One stored quotation with its speaker and document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteRow {
    /// The quotation's id.
    pub id: i64,
    /// The document's publication date.
    pub date: Option<Date>,
    /// The speaker's id.
    pub speaker_id: Option<i64>,
    /// The speaker's display name.
    pub speaker: Option<String>,
    /// The role the document gave the speaker.
    pub role: Option<String>,
    /// Direct, indirect or mixed (serialised `direct`, `indirect`, `mixed`).
    pub kind: QuoteKind,
    /// The quoted words.
    pub text: String,
    /// The speech cue ("said").
    pub cue: Option<String>,
    /// The mention naming the speaker at this quote.
    pub mention: Option<String>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// The document's id.
    pub doc_id: i64,
    /// The document's key (file name or JSON id).
    pub doc_key: String,
    /// The outlet.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Byte offset of the quote in the document text.
    pub start: i64,
    /// Byte offset one past the quote's end.
    pub end: i64,
}

const QUOTE_COLUMNS: &str = "q.id, d.published, q.speaker_id, s.name, q.role, q.kind, q.text, \
     q.cue, q.mention, q.confidence, d.id, d.doc_key, d.outlet, d.title, q.start, q.end";

fn quote_row(r: &Row<'_>) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        date: r.get(1)?,
        speaker_id: r.get(2)?,
        speaker: r.get(3)?,
        role: r.get(4)?,
        kind: kind_at(r, 5)?,
        text: r.get(6)?,
        cue: r.get(7)?,
        mention: r.get(8)?,
        confidence: r.get(9)?,
        doc_id: r.get(10)?,
        doc_key: r.get(11)?,
        outlet: r.get(12)?,
        title: r.get(13)?,
        start: r.get(14)?,
        end: r.get(15)?,
    })
}

/// Filters after validation: the SQL and its parameters.
struct Built {
    sql: String,
    params: Vec<Box<dyn ToSql>>,
    /// False when a filter can match nothing (a search with no words).
    possible: bool,
}

/// The least time a newest-first walk gets before the query is run the other way.
const MIN_WALK_BUDGET: Duration = Duration::from_millis(20);

/// How to run a query: driven by its filters (an index on speaker or the FTS match
/// list, then sort by date), or by walking documents newest first and testing each
/// quotation (for filters that most quotations pass, where sorting every match would
/// cost far more than the LIMIT rows wanted).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Drive {
    Filters,
    NewestFirst,
}

/// `pending`: search `temp.pending_fts` too (see [`Store::pending_index`]).
/// `count`: the number of matches instead of the rows (no order, no limit).
fn build_quotes(
    store: &Store,
    f: &QuoteFilter,
    drive: Drive,
    pending: bool,
    count: bool,
) -> Result<Built, Error> {
    // CROSS JOIN fixes documents as the outer loop, read backwards through
    // documents_published: no sort, and it stops at LIMIT.
    let join = match drive {
        Drive::Filters => "quotes q JOIN documents d ON d.id = q.doc_id",
        Drive::NewestFirst => "documents d CROSS JOIN quotes q ON q.doc_id = d.id",
    };
    let columns = if count { "count(*)" } else { QUOTE_COLUMNS };
    let mut sql = format!(
        "SELECT {columns} FROM {join} \
         LEFT JOIN speakers s ON s.id = q.speaker_id WHERE 1"
    );
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    let mut possible = true;
    if let Some(sp) = &f.speaker {
        let t = sp.trim();
        // `Store::quotes` has resolved a name to its one speaker's id.
        let id: i64 = t.strip_prefix('#').unwrap_or(t).parse().unwrap_or(-1);
        params.push(Box::new(id));
        sql += &format!(" AND q.speaker_id = ?{}", params.len());
    }
    if let Some(text) = &f.search {
        match store.fts_match(text)? {
            Some(m) => {
                params.push(Box::new(m));
                let n = params.len();
                sql += &match (drive, pending) {
                    (Drive::Filters, false) => format!(
                        " AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?{n})"
                    ),
                    (Drive::Filters, true) => format!(
                        " AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?{n} \
                         UNION ALL SELECT rowid FROM temp.pending_fts WHERE pending_fts MATCH ?{n})"
                    ),
                    // One doclist seek per row tested.
                    (Drive::NewestFirst, false) => format!(
                        " AND EXISTS (SELECT 1 FROM quotes_fts \
                         WHERE quotes_fts MATCH ?{n} AND rowid = q.id)"
                    ),
                    (Drive::NewestFirst, true) => format!(
                        " AND (EXISTS (SELECT 1 FROM quotes_fts \
                         WHERE quotes_fts MATCH ?{n} AND rowid = q.id) \
                         OR EXISTS (SELECT 1 FROM temp.pending_fts \
                         WHERE pending_fts MATCH ?{n} AND rowid = q.id))"
                    ),
                };
            }
            None => possible = false,
        }
    }
    if let Some(d) = f.since {
        params.push(Box::new(d));
        sql += &format!(" AND d.published >= ?{}", params.len());
    }
    if let Some(d) = f.until {
        params.push(Box::new(d));
        sql += &format!(" AND d.published <= ?{}", params.len());
    }
    if let Some(k) = f.kind {
        params.push(Box::new(Kind(k)));
        sql += &format!(" AND q.kind = ?{}", params.len());
    }
    if let Some(o) = &f.outlet {
        params.push(Box::new(o.trim().to_string()));
        sql += &format!(" AND d.outlet = ?{} COLLATE NOCASE", params.len());
    }
    if let Some(c) = f.min_confidence {
        params.push(Box::new(c));
        sql += &format!(" AND q.confidence >= ?{}", params.len());
    }
    if count {
        return Ok(Built {
            sql,
            params,
            possible,
        });
    }
    sql += match f.sort {
        Sort::Date | Sort::Recent | Sort::Relevance => "",
        Sort::Speaker => " ORDER BY s.name IS NULL, s.name COLLATE NOCASE,",
        Sort::Outlet => " ORDER BY d.outlet IS NULL, d.outlet COLLATE NOCASE,",
        // Outlets, then articles, that reported this quotation's claim.
        Sort::Spread => {
            " ORDER BY (SELECT COUNT(DISTINCT d2.outlet) * 1000000 + COUNT(DISTINCT d2.id) \
             FROM sightings s1 JOIN sightings s2 ON s2.claim_id = s1.claim_id \
             JOIN quotes q2 ON q2.id = s2.quote_id JOIN documents d2 ON d2.id = q2.doc_id \
             WHERE s1.quote_id = q.id) DESC,"
        }
    };
    if matches!(f.sort, Sort::Date | Sort::Recent | Sort::Relevance) {
        sql += " ORDER BY";
    }
    // Newest first (NULL sorts lowest, so undated documents come last), then text
    // order. `d.published DESC, d.id DESC` is exactly the documents_published index
    // read backwards, so an unfiltered query stops after LIMIT rows instead of sorting.
    sql += " d.published DESC, d.id DESC, q.start";
    let limit = f.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    params.push(Box::new(limit));
    sql += &format!(" LIMIT ?{}", params.len());
    Ok(Built {
        sql,
        params,
        possible,
    })
}

/// One speaker as [`Store::speakers`] lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerRow {
    /// The speaker's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Person, organization, anonymous or other (serialised in lower case).
    pub kind: EntityKind,
    /// Quotations attributed to it.
    pub quotes: i64,
    /// Every name it was stored under.
    pub aliases: Vec<String>,
    /// Every role seen, oldest first.
    pub roles: Vec<String>,
    /// Publication date of the first document quoting it.
    pub first_seen: Option<Date>,
    /// Publication date of the latest document quoting it.
    pub last_seen: Option<Date>,
}

/// Which speakers [`Store::speakers`] returns.
#[derive(Clone, Debug, Default)]
pub struct SpeakerFilter {
    /// Only speakers with an alias containing this text (folded).
    pub search: Option<String>,
    /// At most this many rows.
    pub limit: Option<usize>,
    /// Count only quotations published on or after this date.
    pub since: Option<Date>,
    /// Count only quotations published on or before this date.
    pub until: Option<Date>,
    /// Count only quotations published by this outlet (ASCII case ignored).
    pub outlet: Option<String>,
    /// Count only quotations attributed with at least this confidence.
    pub min_confidence: Option<f64>,
    /// The order of the rows.
    pub sort: SpeakerSort,
}

/// Named SQL parameters and their values.
type Named = Vec<(&'static str, Box<dyn ToSql>)>;

/// The order of [`Store::speakers`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SpeakerSort {
    /// Most quoted first (counting the quotations the filters keep).
    #[default]
    Quotes,
    /// By name.
    Name,
    /// Most recently quoted first.
    Date,
    /// Quoted by the most outlets first.
    Spread,
}

impl SpeakerFilter {
    /// True when a filter limits which quotations are counted: speakers with none left
    /// are then not listed.
    fn counts_some(&self) -> bool {
        self.since.is_some()
            || self.until.is_some()
            || self.outlet.is_some()
            || self.min_confidence.is_some()
    }

    /// The ranked speaker ids with `n` (quotations counted) and the sort key, without
    /// order or limit, and its named parameters.
    fn ranked(&self) -> (String, Named) {
        let mut params: Vec<(&'static str, Box<dyn ToSql>)> = Vec::new();
        let mut quotes = String::from(
            "FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE q.speaker_id = s2.id",
        );
        if let Some(d) = self.since {
            quotes += " AND d.published >= :since";
            params.push((":since", Box::new(d)));
        }
        if let Some(d) = self.until {
            quotes += " AND d.published <= :until";
            params.push((":until", Box::new(d)));
        }
        if let Some(o) = &self.outlet {
            quotes += " AND d.outlet = :outlet COLLATE NOCASE";
            params.push((":outlet", Box::new(o.trim().to_string())));
        }
        if let Some(c) = self.min_confidence {
            quotes += " AND q.confidence >= :conf";
            params.push((":conf", Box::new(c)));
        }
        // Without filters the count needs no join: the speaker index alone answers.
        let n = if self.counts_some() {
            format!("(SELECT count(*) {quotes})")
        } else {
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s2.id)".to_string()
        };
        let key = match self.sort {
            SpeakerSort::Quotes | SpeakerSort::Name => "0".to_string(),
            SpeakerSort::Date => format!("(SELECT max(d.published) {quotes})"),
            SpeakerSort::Spread => format!("(SELECT count(DISTINCT d.outlet) {quotes})"),
        };
        let mut sql =
            format!("SELECT s2.id AS id, s2.name AS name, {n} AS n, {key} AS k FROM speakers s2");
        if let Some(text) = &self.search {
            let needle = name_key(text)
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            params.push((":search", Box::new(format!("%{needle}%"))));
            sql += " WHERE s2.id IN (SELECT speaker_id FROM aliases WHERE norm LIKE :search ESCAPE '\\')";
        }
        if self.counts_some() {
            sql = format!("SELECT * FROM ({sql}) WHERE n > 0");
        }
        (sql, params)
    }
}

/// One stored document with its quotations in text order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRow {
    /// The document's id.
    pub id: i64,
    /// Its key (file name or JSON id).
    pub key: String,
    /// Source file, when known.
    pub path: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// When it was ingested (UTC).
    pub ingested: String,
    /// The article text.
    pub text: String,
    /// Its quotations.
    pub quotes: Vec<QuoteRow>,
}

impl DocumentRow {
    /// Where the document came from, for telling it from another with the same key:
    /// its path, else its URL, else its title, else when it was ingested.
    pub fn source(&self) -> String {
        [&self.path, &self.url, &self.title]
            .into_iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_else(|| format!("ingested {}", self.ingested))
    }
}

/// Row counts of the main tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents stored.
    pub documents: i64,
    /// Quotations stored.
    pub quotes: i64,
    /// Speakers stored.
    pub speakers: i64,
}

impl Store {
    /// A speaker is always selective; a search is when its words are rare enough
    /// that fetching and sorting its matches beats walking. With a walk, the time it
    /// may take before the query is run the other way instead.
    fn drive(&self, f: &QuoteFilter) -> Result<(Drive, Option<Duration>), Error> {
        if !matches!(f.sort, Sort::Date | Sort::Recent | Sort::Relevance) {
            // Walking newest first only helps when the rows come out in date order.
            return Ok((Drive::Filters, None));
        }
        Ok(match (&f.speaker, &f.search) {
            (Some(_), _) => (Drive::Filters, None),
            (None, Some(text)) => match self.walk_estimate(text, f.limit)? {
                Some(us) => (
                    Drive::NewestFirst,
                    Some(Duration::from_micros((3.0 * us) as u64).max(MIN_WALK_BUDGET)),
                ),
                None => (Drive::Filters, None),
            },
            (None, None) => (Drive::NewestFirst, None),
        })
    }

    /// Quotations matching `f`, newest first.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>, Error> {
        let Some(f) = self.speaker_resolved(f)? else {
            return Ok(Vec::new());
        };
        let f = &f;
        let pending = f.search.is_some() && self.pending_index()?;
        let (drive, budget) = self.drive(f)?;
        if let Some(budget) = budget {
            // The walk was chosen on an estimate; words that are common alone but
            // rarely together would make it read the whole table. Give it a budget,
            // then fall back to fetching the matches. Either way the rows are the same.
            let started = Instant::now();
            self.conn
                .progress_handler(1000, Some(move || started.elapsed() > budget));
            let walked = self.run_quotes(f, drive, pending);
            self.conn.progress_handler(0, None::<fn() -> bool>);
            match walked {
                Err(Error::Sqlite(e))
                    if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) => {}
                other => return other,
            }
            return self.run_quotes(f, Drive::Filters, pending);
        }
        self.run_quotes(f, drive, pending)
    }

    /// `f` with its speaker name resolved to the one speaker's id; `None` when no
    /// speaker has that name. A name that fits several is an error listing them: a
    /// query never mixes two people.
    fn speaker_resolved(&self, f: &QuoteFilter) -> Result<Option<QuoteFilter>, Error> {
        let Some(name) = &f.speaker else {
            return Ok(Some(f.clone()));
        };
        match self.find_speaker(name) {
            Ok(id) => Ok(Some(QuoteFilter {
                speaker: Some(format!("#{id}")),
                ..f.clone()
            })),
            Err(Error::NoSpeaker(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// How many quotations match `f`, whatever its limit (for saying what a limit left
    /// out).
    pub fn count_quotes(&self, f: &QuoteFilter) -> Result<usize, Error> {
        let Some(f) = self.speaker_resolved(f)? else {
            return Ok(0);
        };
        let f = &f;
        let pending = f.search.is_some() && self.pending_index()?;
        let b = build_quotes(self, f, Drive::Filters, pending, true)?;
        if !b.possible {
            return Ok(0);
        }
        let mut st = self.conn.prepare_cached(&b.sql)?;
        let n: i64 = st.query_row(rusqlite::params_from_iter(b.params.iter()), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Make the pending quotations (stored, not yet in the full-text index: see the
    /// `claims` module) searchable; returns whether there are any. They go into
    /// `temp.pending_fts`, an index private to this connection, rebuilt only when the
    /// pending range changes: at most a grouping batch of quotations, plus whatever
    /// another or a killed process left. This handle's own pending quotations are
    /// searched the same way rather than grouped here: a search only reads (temporary
    /// tables are this connection's alone), so it takes `&self`.
    pub(crate) fn pending_index(&self) -> Result<bool, Error> {
        let (first, last) = crate::claims::group::pending_range(&self.conn)?;
        if last <= first {
            return Ok(false);
        }
        if self.pending_range.get() != Some((first, last)) {
            self.conn.execute_batch(&format!(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.pending_fts USING fts5(\
                 text, tokenize='{}'); \
                 DELETE FROM temp.pending_fts;",
                crate::search::TOKENIZE
            ))?;
            self.conn.execute(
                "INSERT INTO temp.pending_fts(rowid, text) \
                 SELECT id, text FROM quotes WHERE id > ?1 AND id <= ?2",
                [first, last],
            )?;
            self.pending_range.set(Some((first, last)));
        }
        Ok(true)
    }

    pub(crate) fn run_quotes(
        &self,
        f: &QuoteFilter,
        drive: Drive,
        pending: bool,
    ) -> Result<Vec<QuoteRow>, Error> {
        let b = build_quotes(self, f, drive, pending, false)?;
        if !b.possible {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare_cached(&b.sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(b.params.iter()), quote_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The query plan SQLite picks for [`Store::quotes`] with `f`, one line per step
    /// (for checking that filters use their indexes).
    pub fn explain_quotes(&self, f: &QuoteFilter) -> Result<Vec<String>, Error> {
        let pending = f.search.is_some() && self.pending_index()?;
        let b = build_quotes(self, f, self.drive(f)?.0, pending, false)?;
        let mut st = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", b.sql))?;
        let rows = st.query_map(rusqlite::params_from_iter(b.params.iter()), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Speakers matching `f`, most quoted first.
    pub fn speakers(&self, f: &SpeakerFilter) -> Result<Vec<SpeakerRow>, Error> {
        // Rank and limit first; first/last seen cost a walk over each speaker's
        // quotes, so they are computed only for the rows returned.
        let (inner, mut params) = f.ranked();
        // The same order inside (to pick the rows) and outside (the join loses it).
        let (order, outer) = match f.sort {
            SpeakerSort::Quotes => ("n DESC, id", "t.n DESC, t.id"),
            SpeakerSort::Name => ("name COLLATE NOCASE, id", "t.name COLLATE NOCASE, t.id"),
            SpeakerSort::Date | SpeakerSort::Spread => (
                "k IS NULL, k DESC, n DESC, id",
                "t.k IS NULL, t.k DESC, t.n DESC, t.id",
            ),
        };
        let limit = f.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        params.push((":limit", Box::new(limit)));
        let sql = format!(
            "SELECT s.id, s.name, s.kind, t.n, \
             (SELECT min(d.published) FROM quotes q JOIN documents d ON d.id = q.doc_id \
              WHERE q.speaker_id = s.id), \
             (SELECT max(d.published) FROM quotes q JOIN documents d ON d.id = q.doc_id \
              WHERE q.speaker_id = s.id) \
             FROM (SELECT * FROM ({inner}) ORDER BY {order} LIMIT :limit) t \
             JOIN speakers s ON s.id = t.id ORDER BY {outer}"
        );
        let named: Vec<(&str, &dyn ToSql)> = params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(named.as_slice(), |r| {
            Ok(SpeakerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: kind_at(r, 2)?,
                quotes: r.get(3)?,
                aliases: Vec::new(),
                roles: Vec::new(),
                first_seen: r.get(4)?,
                last_seen: r.get(5)?,
            })
        })?;
        let mut out: Vec<SpeakerRow> = rows.collect::<Result<_, _>>()?;
        let mut aliases = self
            .conn
            .prepare_cached("SELECT alias FROM aliases WHERE speaker_id = ?1 ORDER BY alias")?;
        let mut roles = self.conn.prepare_cached(
            "SELECT role FROM roles_seen WHERE speaker_id = ?1 GROUP BY role ORDER BY min(seen), role",
        )?;
        for s in &mut out {
            s.aliases = aliases
                .query_map([s.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            s.roles = roles
                .query_map([s.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        Ok(out)
    }

    /// How many speakers [`Store::speakers`] would list for `f` without its limit.
    pub fn count_speakers(&self, f: &SpeakerFilter) -> Result<usize, Error> {
        let (inner, params) = f.ranked();
        let named: Vec<(&str, &dyn ToSql)> = params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        let n: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM ({inner})"))?
            .query_row(named.as_slice(), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The document with id `key` (when numeric and stored), else the latest one
    /// stored under that key.
    pub fn document(&self, key: &str) -> Result<DocumentRow, Error> {
        let cols = DOCUMENT_COLUMNS;
        let row = document_row;
        let mut doc = None;
        // `#12` is an id only; a bare number is an id when one is stored, else a key.
        let (key, id_only) = match key.trim().strip_prefix('#') {
            Some(id) => (id, true),
            None => (key, false),
        };
        if let Ok(id) = key.trim().parse::<i64>() {
            doc = self
                .conn
                .prepare_cached(&format!("SELECT {cols} FROM documents WHERE id = ?1"))?
                .query_row([id], row)
                .optional()?;
        }
        if doc.is_none() && !id_only {
            // Two inputs may give different articles the same key: never pick one.
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT {cols} FROM documents WHERE doc_key = ?1 ORDER BY id"
            ))?;
            let mut found: Vec<DocumentRow> =
                st.query_map([key], row)?.collect::<Result<_, _>>()?;
            if found.len() > 1 {
                return Err(Error::AmbiguousDocument {
                    key: key.to_string(),
                    candidates: found.iter().map(|d| (d.id, d.source())).collect(),
                });
            }
            doc = found.pop();
        }
        let mut doc = doc.ok_or_else(|| Error::NoDocument(key.to_string()))?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN documents d ON d.id = q.doc_id \
             LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.doc_id = ?1 ORDER BY q.start, q.id"
        ))?;
        doc.quotes = st
            .query_map([doc.id], quote_row)?
            .collect::<Result<_, _>>()?;
        Ok(doc)
    }

    /// The document with this id, without its quotations (`quotes` is empty): what a
    /// citation needs, its text and where it came from.
    pub fn document_by_id(&self, id: i64) -> Result<Option<DocumentRow>, Error> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1"
            ))?
            .query_row([id], document_row)
            .optional()?)
    }

    /// How many documents, quotations and speakers are stored.
    pub fn stats(&self) -> Result<Stats, Error> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM quotes), \
             (SELECT count(*) FROM speakers)",
            [],
            |r| {
                Ok(Stats {
                    documents: r.get(0)?,
                    quotes: r.get(1)?,
                    speakers: r.get(2)?,
                })
            },
        )?)
    }

    /// Quotations stored per document key, for checking a corpus against a fresh
    /// extraction.
    pub fn quote_counts(&self) -> Result<Vec<(String, i64)>, Error> {
        let mut st = self.conn.prepare(
            "SELECT d.doc_key, (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) \
             FROM documents d ORDER BY d.id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The SQL and parameters selecting the quotations `f` matches (its limit ignored:
/// every match), with `QUOTE_COLUMNS`' names, for another module to aggregate (the
/// `stats` module). `None` when nothing can match.
#[allow(clippy::type_complexity)] // a pair used once, by one caller
pub(crate) fn matching_quotes_sql(
    store: &Store,
    f: &QuoteFilter,
) -> Result<Option<(String, Vec<Box<dyn ToSql>>)>, Error> {
    let Some(f) = store.speaker_resolved(f)? else {
        return Ok(None);
    };
    let f = QuoteFilter { limit: None, ..f };
    let pending = f.search.is_some() && store.pending_index()?;
    let b = build_quotes(store, &f, Drive::Filters, pending, false)?;
    Ok(b.possible.then_some((b.sql, b.params)))
}

#[cfg(test)]
mod tests {
    use attrib::EntityKind::Person;
    use attrib::testutil::Article;

    use crate::*;

    /// Four documents from two outlets: Ana twice, Bo twice, each quotation once with
    /// confidence 0.9 by the test extractor unless lowered.
    fn db() -> Store {
        let mut db = Store::open_in_memory().unwrap();
        for (id, date, outlet, who, words) in [
            (
                "a",
                "2024-01-01",
                "ledger",
                "Ana Ruiz",
                "the port will open in spring",
            ),
            (
                "b",
                "2024-02-01",
                "gazette",
                "Bo Lind",
                "the port will open in spring",
            ),
            (
                "c",
                "2024-03-01",
                "ledger",
                "Bo Lind",
                "taxes stay as they are",
            ),
            (
                "d",
                "2024-04-01",
                "gazette",
                "Ana Ruiz",
                "we never said the port would open",
            ),
        ] {
            let (mut doc, mut ex) = Article::new().quote(who, Person, None, words).build(id);
            doc.date = Some(date.parse().unwrap());
            doc.source = Some(outlet.into());
            if id == "c" {
                ex.quotes[0].confidence = 0.4;
            }
            db.ingest(&doc, &ex).unwrap();
        }
        db.settle_claims().unwrap();
        db
    }

    fn texts(rows: &[QuoteRow]) -> Vec<&str> {
        rows.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn quotes_filter_by_outlet_and_confidence_and_count_past_the_limit() {
        let db = db();
        let f = QuoteFilter {
            outlet: Some("LEDGER".into()),
            ..Default::default()
        };
        assert_eq!(
            texts(&db.quotes(&f).unwrap()),
            ["taxes stay as they are", "the port will open in spring"]
        );
        let f = QuoteFilter {
            min_confidence: Some(0.5),
            limit: Some(1),
            ..Default::default()
        };
        assert_eq!(db.quotes(&f).unwrap().len(), 1);
        assert_eq!(db.count_quotes(&f).unwrap(), 3);
        let f = QuoteFilter {
            sort: Sort::Speaker,
            ..Default::default()
        };
        let names: Vec<_> = db
            .quotes(&f)
            .unwrap()
            .into_iter()
            .map(|r| r.speaker.unwrap())
            .collect();
        assert_eq!(names, ["Ana Ruiz", "Ana Ruiz", "Bo Lind", "Bo Lind"]);
        // Spread: the statement two outlets reported comes first.
        let f = QuoteFilter {
            sort: Sort::Spread,
            ..Default::default()
        };
        let rows = db.quotes(&f).unwrap();
        assert_eq!(texts(&rows[..2]), ["the port will open in spring"; 2]);
    }

    #[test]
    fn speakers_count_only_the_quotations_kept() {
        let db = db();
        let f = SpeakerFilter {
            outlet: Some("gazette".into()),
            since: Some("2024-03-01".parse().unwrap()),
            ..Default::default()
        };
        let rows = db.speakers(&f).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].name.as_str(), rows[0].quotes), ("Ana Ruiz", 1));
        assert_eq!(db.count_speakers(&f).unwrap(), 1);
        let f = SpeakerFilter {
            sort: SpeakerSort::Date,
            limit: Some(1),
            ..Default::default()
        };
        assert_eq!(db.speakers(&f).unwrap()[0].name, "Ana Ruiz");
        assert_eq!(db.count_speakers(&f).unwrap(), 2);
    }

    #[test]
    fn claims_and_check_filter_sort_and_count() {
        let mut db = db();
        let f = ClaimFilter {
            sort: Sort::Spread,
            limit: Some(1),
            ..Default::default()
        };
        let top = db.claims(&f).unwrap();
        assert_eq!((top[0].outlets, top[0].articles), (2, 2), "{top:?}");
        assert_eq!(db.count_claims(&f).unwrap(), 3);
        let f = ClaimFilter {
            outlet: Some("ledger".into()),
            min_confidence: Some(0.5),
            ..Default::default()
        };
        assert_eq!(db.count_claims(&f).unwrap(), 1);
        let (reports, total) = db
            .check_claims(
                "port",
                &CheckFilter {
                    outlet: Some("gazette".into()),
                    limit: Some(1),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(reports.len(), 1);
        assert!(total >= 1);
        assert!(
            reports
                .iter()
                .flat_map(|r| &r.sightings)
                .all(|s| s.outlet.as_deref() == Some("gazette"))
        );
        let rows = db
            .timeline_with(
                "Ana Ruiz",
                &TimelineFilter {
                    until: Some("2024-02-01".parse().unwrap()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].speaker.as_deref(), Some("Ana Ruiz"));
    }
}
