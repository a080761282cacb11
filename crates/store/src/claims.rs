//! Claims: sightings of the same statement grouped across documents (SQL side).
//!
//! Every stored quotation (direct, mixed or indirect) is a *sighting* of a *claim*.
//! [`Store::group_claims`] groups the quotations stored since its last run, in order:
//! each one looks up candidate sightings by retrieval keys (a bottom-k sketch of the
//! statement's folded terms, see [`compare::keys`]) in the indexed `claim_keys` table
//! and among the batch not yet written, checks the few best candidates with
//! [`compare::similarity`], and joins the best one's claim or opens a new claim.
//! Each sighting costs a bounded number of index lookups, so grouping is near-linear
//! in the number of quotations; nothing is ever compared all-pairs. Grouping runs
//! after ingest, a batch at a time, rather than inside each document's transaction:
//! the keys are random, and written one document at a time they dirtied some forty
//! index pages per document, which halved ingest throughput. The same batch adds the
//! quotations to the full-text index, for the same reason.
//!
//! Until their batch runs, quotations are *pending*: stored, shown by every query that
//! does not search text, found by [`Store::quotes`]' `--search` through a temporary
//! index (see `queries`), but in no claim yet. The handle that stored them settles
//! them before its claim queries; another process's claim queries see them once that
//! process's batch has run (at the latest when its ingest ends).
//!
//! The read side: [`Store::check_claim`] (statements matching a text, grouped into claims,
//! with what changed between sightings), [`Store::claims`] (claims with first and last
//! seen, sightings and outlets) and [`Store::timeline`] (one speaker over time).

use std::collections::{BTreeMap, HashSet};

use attrib::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::compare::{self, Change, FxMap, Tracker};
use crate::keyfilter::KeyFilter;
use crate::{Error, Store};

/// Tables and indexes this module keeps; part of the schema's first migration.
///
/// `claims.first_quote` is the sighting that opened the claim (the first one ingested,
/// not necessarily the oldest published). `claim_keys` holds [`compare::INDEX_KEYS`]
/// keys per sighting; `(key, quote_id)` is the primary key so a lookup reads the most
/// recent sightings for a key straight from the index. Migration 4 (see `schema`)
/// adds `sightings.terms` and drops `claim_keys`' foreign key and `quote_id` index.
pub(crate) const SCHEMA: &str = r#"
CREATE TABLE claims(
    id          INTEGER PRIMARY KEY,
    first_quote INTEGER NOT NULL
);
CREATE TABLE sightings(
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    score    REAL NOT NULL        -- similarity to the sighting it was matched with; 1 for the first
);
CREATE INDEX sightings_claim ON sightings(claim_id);
CREATE TABLE claim_keys(
    key      INTEGER NOT NULL,
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    PRIMARY KEY(key, quote_id)
) WITHOUT ROWID;
CREATE INDEX claim_keys_quote ON claim_keys(quote_id);
"#;

/// Sightings read per key, the most recent ones: that bounds the work per new
/// quotation even for keys thousands of statements share. Written as a literal in the
/// SQL below too: a bound LIMIT made SQLite re-prepare the statement at every step.
const PER_KEY: usize = 32;

/// Rows written per `INSERT` statement when a batch is written.
const ROWS_PER_INSERT: usize = 128;

/// Candidates checked with the full similarity, best key overlap first.
const CANDIDATES: usize = 16;

/// Quotations grouped in memory before their keys are written, and how many
/// `whosaid ingest` stores between groupings. Keys are random, so
/// writing them quote by quote dirties one index page per key; written sorted, a
/// batch touches each page once. Bounds memory to a few tens of MB.
pub const GROUP_BATCH: usize = 50_000;

/// Group quotations into claims, a batch at a time, exactly as if each had been
/// grouped on its own in the order given: a quotation sees every earlier one, whether
/// its keys are already in `claim_keys` or still waiting in this batch.
pub(crate) struct Grouper {
    /// Keys of this batch's quotations, not yet written: key -> quote ids in order.
    keys: FxMap<i64, Vec<i64>>,
    /// Term hashes and claim of this batch's quotations, so candidates among them
    /// need no query.
    seen: FxMap<i64, (Vec<u32>, i64)>,
    /// The keys already in `claim_keys`, when worth keeping (see `keyfilter`).
    filter: Option<KeyFilter>,
    /// The id the next new claim gets (ids are assigned here, under the write lock,
    /// so that claims can be written with the batch).
    next_claim: i64,
    /// This batch's new claims, `(id, first quote)`, not yet written.
    claims: Vec<i64>,
    /// Scratch space for [`Grouper::assign`], kept to reuse its allocations.
    hits: FxMap<i64, usize>,
    ids: Vec<i64>,
    /// This batch's sightings, `quote, claim, score, term hashes`, not yet written:
    /// nothing reads them before the batch ends (candidates from this batch come
    /// from `seen`).
    sightings: Vec<rusqlite::types::Value>,
}

impl Grouper {
    pub(crate) fn new(filter: Option<KeyFilter>, next_claim: i64) -> Grouper {
        Grouper {
            keys: FxMap::default(),
            seen: FxMap::default(),
            filter,
            next_claim,
            hits: FxMap::default(),
            ids: Vec::new(),
            claims: Vec::new(),
            sightings: Vec::new(),
        }
    }

    /// Put quotation `quote_id` with text `text` into a claim: an existing one when
    /// a sufficiently similar sighting exists, else a new one.
    pub(crate) fn assign(
        &mut self,
        conn: &rusqlite::Connection,
        quote_id: i64,
        text: &str,
    ) -> Result<(), Error> {
        let words = compare::terms(text);
        let terms = compare::term_hashes(&words);

        // Candidate sightings, counted by how many keys they share with this one.
        let query_keys = compare::keys(&words, compare::QUERY_KEYS);
        let mut hits = std::mem::take(&mut self.hits);
        let mut ids = std::mem::take(&mut self.ids);
        {
            let mut st = conn.prepare_cached(
                "SELECT quote_id FROM claim_keys WHERE key = ?1 ORDER BY quote_id DESC LIMIT 32",
            )?;
            for &key in &query_keys {
                ids.clear();
                if let Some(batch) = self.keys.get(&key) {
                    ids.extend(batch.iter().rev().take(PER_KEY));
                }
                if self.filter.as_ref().is_none_or(|f| f.may_contain(key)) {
                    for id in st.query_map([key], |r| r.get::<_, i64>(0))? {
                        ids.push(id?);
                    }
                }
                // The most recent PER_KEY of both sources together.
                ids.sort_unstable_by(|a, b| b.cmp(a));
                ids.dedup();
                for &id in ids.iter().take(PER_KEY) {
                    if id != quote_id {
                        *hits.entry(id).or_default() += 1;
                    }
                }
            }
        }
        // A statement similar enough shares several of its pairs' keys (see
        // `compare::keys`); one shared key among many is a common phrase, not the claim.
        let min_hits = if query_keys.len() >= 6 { 2 } else { 1 };
        let mut ranked: Vec<(i64, usize)> = hits.drain().filter(|h| h.1 >= min_hits).collect();
        // Kept for the next statement, with their capacity.
        self.hits = hits;
        self.ids = ids;
        // Most shared keys first; among equals the most recent, so results are deterministic.
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(CANDIDATES);

        let mut best: Option<(f64, i64)> = None;
        {
            let mut st = conn.prepare_cached(
                "SELECT s.terms, s.claim_id FROM sightings s WHERE s.quote_id = ?1",
            )?;
            for (id, _) in ranked {
                if best.is_some_and(|(s, _)| s >= 0.999) {
                    break;
                }
                let score_claim = match self.seen.get(&id) {
                    Some((other, claim)) => Some((compare::similarity(&terms, other), *claim)),
                    None => match st
                        .query_row([id], |r| Ok((r.get::<_, Option<Vec<u8>>>(0)?, r.get(1)?)))
                        .optional()?
                    {
                        Some((Some(blob), claim)) => Some((
                            compare::similarity(&terms, &compare::hashes_from_blob(&blob)),
                            claim,
                        )),
                        // Grouped before the hashes were stored (schema 3): from the text.
                        Some((None, claim)) => stored_terms(conn, id)?
                            .map(|other| (compare::similarity(&terms, &other), claim)),
                        None => None,
                    },
                };
                let Some((score, claim)) = score_claim else {
                    continue;
                };
                if score >= compare::SAME_CLAIM && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, claim));
                }
            }
        }

        let (score, claim) = match best {
            Some(b) => b,
            None => {
                let id = self.next_claim;
                self.next_claim += 1;
                self.claims.extend([id, quote_id]);
                (1.0, id)
            }
        };
        {
            use rusqlite::types::Value;
            self.sightings.extend([
                Value::Integer(quote_id),
                Value::Integer(claim),
                Value::Real(score),
                Value::Blob(compare::hashes_to_blob(&terms)),
            ]);
        }
        for key in compare::keys(&words, compare::INDEX_KEYS) {
            self.keys.entry(key).or_default().push(quote_id);
        }
        self.seen.insert(quote_id, (terms, claim));
        if self.seen.len() >= GROUP_BATCH {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Write the batch's claims, sightings and keys (in key order), and start a new
    /// batch.
    pub(crate) fn flush(&mut self, conn: &rusqlite::Connection) -> Result<(), Error> {
        insert_many(
            conn,
            "INSERT INTO claims(id, first_quote)",
            2,
            std::mem::take(&mut self.claims),
        )?;
        insert_many(
            conn,
            "INSERT OR REPLACE INTO sightings(quote_id, claim_id, score, terms)",
            4,
            std::mem::take(&mut self.sightings),
        )?;
        let mut rows: Vec<(i64, i64)> = self
            .keys
            .drain()
            .flat_map(|(key, ids)| ids.into_iter().map(move |id| (key, id)))
            .collect();
        rows.sort_unstable();
        insert_many(
            conn,
            "INSERT OR IGNORE INTO claim_keys(key, quote_id)",
            2,
            rows.iter().flat_map(|&(key, id)| [key, id]).collect(),
        )?;
        if let Some(f) = &mut self.filter {
            if f.is_full() {
                // Rebuilt at twice the size, so each key is re-read a bounded
                // number of times over the filter's life.
                *f = KeyFilter::load(conn, 0, f.synced_to)?;
            } else {
                rows.iter().for_each(|&(key, _)| f.insert(key));
            }
        }
        self.seen.clear();
        Ok(())
    }
}

/// Insert rows of `width` values each (`values` is their concatenation) with `head`
/// (`INSERT ... INTO table(columns)`), up to [`ROWS_PER_INSERT`] rows a statement:
/// with one row a statement, stepping the statement cost more than the B-tree insert.
fn insert_many<T: rusqlite::ToSql>(
    conn: &rusqlite::Connection,
    head: &str,
    width: usize,
    values: Vec<T>,
) -> Result<(), Error> {
    let rows = values.len() / width;
    let sql = |n: usize| {
        let row = format!("({})", vec!["?"; width].join(", "));
        format!("{head} VALUES {}", vec![row; n].join(", "))
    };
    let mut values = values.into_iter();
    if rows >= ROWS_PER_INSERT {
        let mut st = conn.prepare_cached(&sql(ROWS_PER_INSERT))?;
        for _ in 0..rows / ROWS_PER_INSERT {
            st.execute(rusqlite::params_from_iter(
                values.by_ref().take(ROWS_PER_INSERT * width),
            ))?;
        }
    }
    if !rows.is_multiple_of(ROWS_PER_INSERT) {
        conn.prepare(&sql(rows % ROWS_PER_INSERT))?
            .execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// The term hashes of stored quotation `id`, from its text.
fn stored_terms(conn: &rusqlite::Connection, id: i64) -> Result<Option<Vec<u32>>, Error> {
    let text: Option<String> = conn
        .prepare_cached("SELECT text FROM quotes WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(text.map(|t| compare::term_hashes(&compare::terms(&t))))
}

/// The quotations stored but not yet indexed and grouped: those after the last
/// grouped one (quotation ids only grow, and every grouping takes all of them).
pub(crate) const PENDING: &str = "id > (SELECT IFNULL(MAX(quote_id), 0) FROM sightings)";

/// Add the pending quotations to the full-text index and group them into claims, in
/// one transaction. Returns how many.
fn group_pending(store: &Store) -> Result<usize, Error> {
    group_in_order(
        store,
        &format!("INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE {PENDING}"),
        &format!("SELECT id, text FROM quotes WHERE {PENDING} ORDER BY id"),
    )
}

/// Run `before`, then group the `(id, text)` rows `select` gives, in its order, in one
/// transaction. Returns how many were grouped.
fn group_in_order(store: &Store, before: &str, select: &str) -> Result<usize, Error> {
    let conn = &store.conn;
    // Foreign-key checks off while grouping (the pragma only works between
    // transactions): every id written was just read from `quotes` or `claims` under the
    // write lock, and checking a parent per key row cost a third of the grouping.
    //
    // A 64 MB page cache while grouping: a batch's keys go in sorted by key but land
    // all over `claim_keys`, and the full-text index takes the whole batch; with the
    // default 2 MB cache their pages were spilled and rewritten over and over (55 KB
    // written per article at 100k quotes, 3 KB with the larger cache).
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;")?;
    let mut filter = store.key_filter.take();
    let result = group_tx(conn, before, select, &mut filter);
    // A failed transaction may leave keys in the filter that the table lost; a
    // filter that says "maybe" too often costs lookups, never a wrong answer, but
    // its `synced_to` no longer matches, so the next grouping drops it anyway.
    store.key_filter.set(filter);
    // PRAGMA takes no bound parameters; `cache` is SQLite's own integer. Settings are
    // restored even after a failure, whose error is the one reported.
    let restored = conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA cache_size = {cache};"
    ));
    let n = result?;
    restored?;
    Ok(n)
}

/// The pending quotations' ids as `(after, up to)`: the last grouped quotation's id
/// and the last stored one's (0 for none). Both are the tail of an index.
pub(crate) fn pending_range(conn: &rusqlite::Connection) -> Result<(i64, i64), Error> {
    Ok(conn.query_row(
        "SELECT IFNULL(MAX(quote_id), 0), (SELECT IFNULL(MAX(id), 0) FROM quotes) \
         FROM sightings",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn group_tx(
    conn: &rusqlite::Connection,
    before: &str,
    select: &str,
    filter: &mut Option<KeyFilter>,
) -> Result<usize, Error> {
    // IMMEDIATE: take the write lock before reading what is pending.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(before)?;
    let (grouped, last) = pending_range(&tx)?;
    if filter.as_ref().is_some_and(|f| f.synced_to != grouped) {
        // Another connection grouped (and wrote keys) since, or `before` cleared them.
        *filter = None;
    }
    if filter.is_none() {
        // Loading the filter reads every stored key (about INDEX_KEYS per grouped
        // quotation, ~0.1 us each); it saves the lookups of absent keys (about half
        // of QUERY_KEYS per new quotation, ~2 us each). Worth it when this grouping
        // is not tiny beside what is grouped, and kept for later groupings.
        let pending = usize::try_from(last - grouped).unwrap_or(0);
        let stored = usize::try_from(grouped).unwrap_or(0);
        if pending * 20 >= stored {
            *filter = Some(KeyFilter::load(
                &tx,
                pending * compare::INDEX_KEYS,
                grouped,
            )?);
        }
    }
    let next_claim: i64 = tx.query_row("SELECT IFNULL(MAX(id), 0) + 1 FROM claims", [], |r| {
        r.get(0)
    })?;
    let mut grouper = Grouper::new(filter.take(), next_claim);
    let mut n = 0;
    {
        let mut st = tx.prepare(select)?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text: String = r.get(1)?;
            grouper.assign(&tx, id, &text)?;
            n += 1;
        }
    }
    grouper.flush(&tx)?;
    *filter = grouper.filter.take();
    let (grouped, _) = pending_range(&tx)?;
    tx.commit()?;
    if let Some(f) = filter {
        f.synced_to = grouped;
    }
    Ok(n)
}

/// One sighting of a claim, as [`Store::check_claim`] reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sighting {
    /// The quotation's id.
    pub quote_id: i64,
    /// The document's publication date.
    pub date: Option<Date>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// The document's key (file name or JSON id).
    pub doc_key: String,
    /// The headline.
    pub title: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// The speaker's role in that document.
    pub role: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The statement as reported.
    pub text: String,
    /// True when this sighting itself matched the searched text (the others belong to
    /// the same claim).
    pub matched: bool,
    /// What this sighting changed relative to the earlier ones.
    pub changes: Vec<Change>,
}

/// A claim with all its sightings, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimReport {
    /// The claim's id.
    pub claim: i64,
    /// The oldest sighting's date.
    pub first_seen: Option<Date>,
    /// The newest sighting's date.
    pub last_seen: Option<Date>,
    /// Who said it first.
    pub first_speaker: Option<String>,
    /// Outlets that reported it, in order of first report.
    pub outlets: Vec<String>,
    /// The sightings, oldest first.
    pub sightings: Vec<Sighting>,
}

/// Which claims [`Store::claims`] returns.
#[derive(Clone, Debug, Default)]
pub struct ClaimFilter {
    /// Claims this speaker (id or name) made or repeated.
    pub speaker: Option<String>,
    /// Only sightings published on or after this date (`YYYY-MM-DD`).
    pub since: Option<Date>,
    /// Only sightings published on or before this date (`YYYY-MM-DD`).
    pub until: Option<Date>,
    /// Claims seen at least this many times (in the period).
    pub min_sightings: usize,
    /// At most this many claims.
    pub limit: Option<usize>,
}

/// One claim, summarised.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimSummary {
    /// The claim's id.
    pub claim: i64,
    /// The oldest sighting's date.
    pub first_seen: Option<Date>,
    /// The newest sighting's date.
    pub last_seen: Option<Date>,
    /// How many times it was reported.
    pub sightings: i64,
    /// In how many outlets.
    pub outlets: i64,
    /// By how many distinct speakers.
    pub speakers: i64,
    /// Who said it first.
    pub first_speaker: Option<String>,
    /// The statement as first reported.
    pub text: String,
}

/// One statement in a speaker's [`Store::timeline`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// The document's publication date.
    pub date: Option<Date>,
    /// The speaker's role at that date: the one given in that document, else the latest
    /// one seen on or before it.
    pub role: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// What they said.
    pub text: String,
    /// The outlet.
    pub outlet: Option<String>,
    /// The document's key.
    pub doc_key: String,
    /// The claim this statement is a sighting of.
    pub claim: Option<i64>,
    /// How many times that claim was reported in all.
    pub claim_sightings: i64,
    /// The quotation's id.
    pub quote_id: i64,
}

/// Claims `check` reports at most (the oldest first).
const CHECK_CLAIMS: usize = 100;

fn in_period(date: Option<Date>, since: Option<Date>, until: Option<Date>) -> bool {
    match date {
        Some(d) => since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u),
        // An undated sighting cannot be placed in a period.
        None => since.is_none() && until.is_none(),
    }
}

/// A user's text as an FTS5 query over its content words (each quoted, so FTS syntax
/// in the text is just words), joined by `op` (`" "` for all of them, `" OR "` for any);
/// all its words when it has no content words.
fn word_query(text: &str, op: &str) -> Option<String> {
    let all = crate::fts_query(text)?;
    let words: Vec<&str> = all
        .split(' ')
        .filter(|w| {
            let bare = w.trim_matches('"');
            !compare::is_stopword(&compare::fold(bare)) && bare.chars().count() > 1
        })
        .collect();
    if words.is_empty() {
        Some(all.split(' ').collect::<Vec<_>>().join(op))
    } else {
        Some(words.join(op))
    }
}

impl Store {
    /// Statements matching `text` (full-text candidates, then [`compare::matches_query`]),
    /// grouped into their claims with every sighting of each claim, oldest first, and
    /// what each sighting changed. `since`/`until` limit the sightings shown.
    pub fn check_claim(
        &self,
        text: &str,
        since: Option<Date>,
        until: Option<Date>,
    ) -> Result<Vec<ClaimReport>, Error> {
        self.settle_claims()?;
        let query_terms = compare::terms(text);
        let mut matched: HashSet<i64> = HashSet::new();
        let mut claims: HashSet<i64> = HashSet::new();
        // Candidates: sightings sharing retrieval keys with the text (re-wordings of a
        // whole statement), then full-text matches of all its content words, and only
        // when both find nothing, of any of them (the costly query: OR over common
        // words matches much of the store, so it runs last and bounded).
        let mut consider =
            |matched: &mut HashSet<i64>, id: i64, qtext: &str, claim: Option<i64>| {
                if !matched.contains(&id)
                    && compare::matches_query(&query_terms, &compare::terms(qtext))
                {
                    matched.insert(id);
                    claims.extend(claim);
                }
            };
        {
            let mut st = self.conn.prepare_cached(
                "SELECT q.id, q.text, s.claim_id FROM claim_keys k \
                 JOIN quotes q ON q.id = k.quote_id \
                 JOIN sightings s ON s.quote_id = q.id \
                 WHERE k.key = ?1 ORDER BY k.quote_id DESC LIMIT 32",
            )?;
            for key in compare::keys(&query_terms, compare::QUERY_KEYS) {
                let mut rows = st.query([key])?;
                while let Some(r) = rows.next()? {
                    consider(&mut matched, r.get(0)?, &r.get::<_, String>(1)?, r.get(2)?);
                }
            }
        }
        let mut st = self.conn.prepare_cached(
            "SELECT q.id, q.text, s.claim_id FROM quotes_fts f \
             JOIN quotes q ON q.id = f.rowid \
             LEFT JOIN sightings s ON s.quote_id = q.id \
             WHERE quotes_fts MATCH ?1 ORDER BY f.rank LIMIT 500",
        )?;
        for op in [" ", " OR "] {
            if op == " OR " && !matched.is_empty() {
                break;
            }
            let Some(fts) = word_query(text, op) else {
                break;
            };
            let mut rows = st.query([fts])?;
            while let Some(r) = rows.next()? {
                consider(&mut matched, r.get(0)?, &r.get::<_, String>(1)?, r.get(2)?);
            }
        }
        let mut reports = Vec::new();
        for claim in claims {
            let mut report = self.claim_report(claim, since, until)?;
            for s in &mut report.sightings {
                s.matched = matched.contains(&s.quote_id);
            }
            // A claim none of whose matching sightings fall in the period is left out.
            if report.sightings.iter().any(|s| s.matched) {
                reports.push(report);
            }
        }
        reports
            .sort_by(|a, b| date_order(&a.first_seen, &b.first_seen).then(a.claim.cmp(&b.claim)));
        reports.truncate(CHECK_CLAIMS);
        Ok(reports)
    }

    /// One claim with its sightings in the period, oldest first, with changes computed
    /// over all of its sightings (so a change before the period still counts).
    pub fn claim_report(
        &self,
        claim: i64,
        since: Option<Date>,
        until: Option<Date>,
    ) -> Result<ClaimReport, Error> {
        self.settle_claims()?;
        let mut st = self.conn.prepare_cached(
            "SELECT q.id, d.published, d.outlet, d.doc_key, d.title, sp.name, q.role, q.kind, q.text \
             FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             JOIN documents d ON d.id = q.doc_id \
             LEFT JOIN speakers sp ON sp.id = q.speaker_id \
             WHERE s.claim_id = ?1 \
             ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id",
        )?;
        let rows = st.query_map([claim], |r| {
            Ok(Sighting {
                quote_id: r.get(0)?,
                date: r.get(1)?,
                outlet: r.get(2)?,
                doc_key: r.get(3)?,
                title: r.get(4)?,
                speaker: r.get(5)?,
                role: r.get(6)?,
                kind: r.get(7)?,
                text: r.get(8)?,
                matched: false,
                changes: Vec::new(),
            })
        })?;
        let mut tracker = Tracker::new();
        let mut sightings = Vec::new();
        for row in rows {
            let mut s = row?;
            s.changes = tracker.next(&s.text, s.speaker.as_deref());
            if in_period(s.date, since, until) {
                sightings.push(s);
            }
        }
        let mut outlets: Vec<String> = Vec::new();
        for s in &sightings {
            if let Some(o) = &s.outlet
                && !outlets.contains(o)
            {
                outlets.push(o.clone());
            }
        }
        Ok(ClaimReport {
            claim,
            first_seen: sightings.iter().find_map(|s| s.date),
            last_seen: sightings.iter().rev().find_map(|s| s.date),
            first_speaker: sightings.first().and_then(|s| s.speaker.clone()),
            outlets,
            sightings,
        })
    }

    /// The speaker ids a `--speaker` argument names: `#12`/`12` is an id, anything else
    /// a name matched against aliases and surnames.
    fn speaker_arg(&self, arg: &str) -> Result<Vec<i64>, Error> {
        let bare = arg.trim().trim_start_matches('#');
        let ids = if bare.parse::<i64>().is_ok() {
            vec![self.find_speaker(arg)?]
        } else {
            self.speaker_ids(arg)?
        };
        if ids.is_empty() {
            return Err(Error::NoSpeaker(arg.to_string()));
        }
        Ok(ids)
    }

    /// Claims with first and last seen dates, sightings, outlets and speakers, the
    /// oldest first.
    pub fn claims(&self, f: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
        self.settle_claims()?;
        let speakers = match &f.speaker {
            Some(s) => Some(json_ids(&self.speaker_arg(s)?)),
            None => None,
        };
        // The SQL text only varies by which filters are present; every value is bound.
        let mut sql = String::from(
            "SELECT s.claim_id, MIN(d.published), MAX(d.published), COUNT(*), \
             COUNT(DISTINCT d.outlet), COUNT(DISTINCT q.speaker_id) \
             FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             JOIN documents d ON d.id = q.doc_id WHERE 1",
        );
        if f.since.is_some() {
            sql.push_str(" AND d.published >= :since");
        }
        if f.until.is_some() {
            sql.push_str(" AND d.published <= :until");
        }
        if speakers.is_some() {
            sql.push_str(
                " AND s.claim_id IN (SELECT s2.claim_id FROM quotes q2 \
                 JOIN sightings s2 ON s2.quote_id = q2.id \
                 WHERE q2.speaker_id IN (SELECT value FROM json_each(:speakers)))",
            );
        }
        sql.push_str(
            " GROUP BY s.claim_id HAVING COUNT(*) >= :min \
             ORDER BY MIN(d.published) IS NULL, MIN(d.published), s.claim_id LIMIT :limit",
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let limit = f.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let min = i64::try_from(f.min_sightings).unwrap_or(i64::MAX);
        let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":min", &min), (":limit", &limit)];
        if let Some(s) = &f.since {
            named.push((":since", s));
        }
        if let Some(u) = &f.until {
            named.push((":until", u));
        }
        if let Some(sp) = &speakers {
            named.push((":speakers", sp));
        }
        let rows = st.query_map(named.as_slice(), |r| {
            Ok(ClaimSummary {
                claim: r.get(0)?,
                first_seen: r.get(1)?,
                last_seen: r.get(2)?,
                sightings: r.get(3)?,
                outlets: r.get(4)?,
                speakers: r.get(5)?,
                first_speaker: None,
                text: String::new(),
            })
        })?;
        let mut out = rows.collect::<Result<Vec<_>, _>>()?;
        let mut first = self.conn.prepare_cached(
            "SELECT q.text, sp.name FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             JOIN documents d ON d.id = q.doc_id LEFT JOIN speakers sp ON sp.id = q.speaker_id \
             WHERE s.claim_id = ?1 \
             ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id LIMIT 1",
        )?;
        for c in &mut out {
            if let Some((text, speaker)) = first
                .query_row([c.claim], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
            {
                c.text = text;
                c.first_speaker = speaker;
            }
        }
        Ok(out)
    }

    /// What one speaker said over time, oldest first, with their role at each date;
    /// `about` keeps only statements matching that text.
    pub fn timeline(&self, speaker: &str, about: Option<&str>) -> Result<Vec<TimelineRow>, Error> {
        self.settle_claims()?;
        let ids = json_ids(&self.speaker_arg(speaker)?);
        let mut sql = String::from(
            "SELECT q.id, d.published, q.role, q.kind, q.text, d.outlet, d.doc_key, s.claim_id, \
             q.speaker_id, \
             (SELECT COUNT(*) FROM sightings s3 WHERE s3.claim_id = s.claim_id) \
             FROM quotes q JOIN documents d ON d.id = q.doc_id \
             LEFT JOIN sightings s ON s.quote_id = q.id \
             WHERE q.speaker_id IN (SELECT value FROM json_each(:ids))",
        );
        let about_terms = about.map(compare::terms);
        let fts = about.and_then(|a| word_query(a, " OR "));
        if about.is_some() {
            if fts.is_none() {
                return Ok(Vec::new());
            }
            sql.push_str(" AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts)");
        }
        sql.push_str(" ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":ids", &ids)];
        if let Some(f) = &fts {
            named.push((":fts", f));
        }
        let rows = st.query_map(named.as_slice(), |r| {
            Ok((
                TimelineRow {
                    quote_id: r.get(0)?,
                    date: r.get(1)?,
                    role: r.get(2)?,
                    kind: r.get(3)?,
                    text: r.get(4)?,
                    outlet: r.get(5)?,
                    doc_key: r.get(6)?,
                    claim: r.get(7)?,
                    claim_sightings: r.get(9)?,
                },
                r.get::<_, i64>(8)?,
            ))
        })?;
        let mut role_at = self.conn.prepare_cached(
            "SELECT role FROM roles_seen WHERE speaker_id = ?1 AND seen IS NOT NULL AND seen <= ?2 \
             ORDER BY seen DESC LIMIT 1",
        )?;
        // Roles change rarely; one lookup per speaker and date.
        let mut cache: BTreeMap<(i64, Date), Option<String>> = BTreeMap::new();
        let mut out = Vec::new();
        for row in rows {
            let (mut t, speaker_id) = row?;
            if let Some(q) = &about_terms
                && !compare::matches_query(q, &compare::terms(&t.text))
            {
                continue;
            }
            if t.role.is_none()
                && let Some(date) = &t.date
            {
                let key = (speaker_id, *date);
                if let std::collections::btree_map::Entry::Vacant(e) = cache.entry(key) {
                    let role: Option<String> = role_at
                        .query_row(params![speaker_id, date], |r| r.get(0))
                        .optional()?;
                    e.insert(role);
                }
                t.role = cache.get(&key).cloned().flatten();
            }
            out.push(t);
        }
        Ok(out)
    }

    /// Add the quotations stored since the last grouping to the full-text index and
    /// group them into claims, in one transaction; returns how many. [`Store::ingest`]
    /// stores quotations without either, because doing a batch at once writes each
    /// index page once instead of once per document. It groups by itself every [`GROUP_BATCH`]
    /// quotations, before the claim queries and when the `Store` is dropped; call
    /// this to group now and see any error. It also picks up whatever a killed
    /// process left ungrouped.
    pub fn group_claims(&mut self) -> Result<usize, Error> {
        let n = group_pending(self)?;
        self.ungrouped.set(0);
        Ok(n)
    }

    /// Group what this handle stored and has not grouped yet, so the claim queries
    /// see it. Quotations another process stored are that process's to group.
    pub(crate) fn settle_claims(&self) -> Result<(), Error> {
        if self.ungrouped.get() > 0 {
            group_pending(self)?;
            self.ungrouped.set(0);
        }
        Ok(())
    }

    /// Regroup every stored quotation into claims from scratch, oldest published
    /// first (so each claim opens with its earliest sighting). Returns the number of
    /// claims. For after a change to the grouping rules, and for benchmarks.
    pub fn rebuild_claims(&mut self) -> Result<usize, Error> {
        // Pending quotations are told apart by having no sighting yet, so they join
        // the full-text index before the sightings go.
        group_in_order(
            self,
            &format!(
                "INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE {PENDING}; \
                 DELETE FROM claim_keys; DELETE FROM sightings; DELETE FROM claims;"
            ),
            "SELECT q.id, q.text FROM quotes q JOIN documents d ON d.id = q.doc_id \
             ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id",
        )?;
        self.ungrouped.set(0);
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// Ids as a JSON array, bound as one parameter and read with `json_each`.
fn json_ids(ids: &[i64]) -> String {
    let inner: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", inner.join(","))
}

/// Dates ascending, unknown dates last.
fn date_order(a: &Option<Date>, b: &Option<Date>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test document: key, outlet, date, and (speaker, text) quotations.
    type Doc<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

    /// A store holding `docs`, each quotation assigned to a claim as ingest does.
    fn store_with(docs: &[Doc<'_>]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let tx = store.conn.transaction().unwrap();
        let mut speakers: std::collections::HashMap<String, i64> = Default::default();
        for (i, (key, outlet, date, quotes)) in docs.iter().enumerate() {
            tx.execute(
                "INSERT INTO documents(doc_key, hash, outlet, published, ingested, text) \
                 VALUES (?1, ?2, ?3, ?4, '2026-01-01', '')",
                params![key, format!("h{i}"), outlet, date],
            )
            .unwrap();
            let doc = tx.last_insert_rowid();
            for (j, (speaker, text)) in quotes.iter().enumerate() {
                let sid = match speakers.get(*speaker) {
                    Some(&id) => id,
                    None => {
                        tx.execute(
                            "INSERT INTO speakers(name, kind) VALUES (?1, 'person')",
                            [speaker],
                        )
                        .unwrap();
                        let id = tx.last_insert_rowid();
                        tx.execute(
                            "INSERT INTO aliases(speaker_id, alias, norm) VALUES (?1, ?2, ?3)",
                            params![id, speaker, crate::fold(speaker)],
                        )
                        .unwrap();
                        tx.execute(
                            "INSERT INTO roles(speaker_id, role, seen, doc_id) VALUES (?1, ?2, ?3, ?4)",
                            params![id, format!("role of {speaker}"), date, doc],
                        )
                        .unwrap();
                        speakers.insert(speaker.to_string(), id);
                        id
                    }
                };
                tx.execute(
                    "INSERT INTO quotes(doc_id, speaker_id, text, kind, start, end, confidence, sentence) \
                     VALUES (?1, ?2, ?3, 'direct', ?4, ?4, 0.9, 0)",
                    params![doc, sid, text, j as i64],
                )
                .unwrap();
            }
        }
        tx.commit().unwrap();
        assert_eq!(
            store.group_claims().unwrap(),
            docs.iter().map(|d| d.3.len()).sum()
        );
        store
    }

    fn claim_of(store: &Store, text: &str) -> i64 {
        store
            .conn
            .query_row(
                "SELECT s.claim_id FROM sightings s JOIN quotes q ON q.id = s.quote_id WHERE q.text = ?1",
                [text],
                |r| r.get(0),
            )
            .unwrap()
    }

    const SWAP: &str = "We have agreed to exchange 1,000 prisoners of war each";
    const SWAP_INDIRECT: &str =
        "Russia and Ukraine had agreed to exchange 1,000 prisoners of war each";
    const SWAP_MORE: &str = "the two sides agreed to exchange 1,200 prisoners of war each";
    const SWAP_DENIED: &str = "Kyiv never agreed to exchange prisoners of war";
    const TALKS: &str = "We have agreed to continue the talks in Istanbul next month";

    fn story() -> Store {
        store_with(&[
            (
                "a1",
                "Daily",
                "2025-05-16",
                &[("Medinsky", SWAP), ("Fidan", TALKS)],
            ),
            ("a2", "Herald", "2025-05-23", &[("Medinsky", SWAP_INDIRECT)]),
            ("a3", "Daily", "2025-05-30", &[("Medinsky", SWAP_MORE)]),
            ("a4", "Courier", "2025-06-06", &[("Kyslytsya", SWAP_DENIED)]),
        ])
    }

    #[test]
    fn assign_groups_rewordings_only() {
        let s = story();
        let c = claim_of(&s, SWAP);
        assert_eq!(claim_of(&s, SWAP_INDIRECT), c);
        assert_eq!(claim_of(&s, SWAP_MORE), c);
        assert_eq!(claim_of(&s, SWAP_DENIED), c);
        assert_ne!(claim_of(&s, TALKS), c);
        let keys: i64 = s
            .conn
            .query_row("SELECT COUNT(*) FROM claim_keys", [], |r| r.get(0))
            .unwrap();
        assert!(keys > 0 && keys <= 5 * compare::INDEX_KEYS as i64);
    }

    #[test]
    fn assign_of_missing_or_empty_quote_is_harmless() {
        let mut s = store_with(&[("a", "X", "2025-01-01", &[("A", ""), ("B", "…")])]);
        let n: i64 = s
            .conn
            .query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
        // Nothing left to group: a no-op.
        assert_eq!(s.group_claims().unwrap(), 0);
    }

    #[test]
    fn check_reports_claim_with_changes() {
        let s = story();
        let reports = s
            .check_claim("exchange 1,000 prisoners of war", None, None)
            .unwrap();
        assert_eq!(reports.len(), 1, "{reports:#?}");
        let r = &reports[0];
        assert_eq!(
            r.first_seen.map(|d| d.to_string()).as_deref(),
            Some("2025-05-16")
        );
        assert_eq!(
            r.last_seen.map(|d| d.to_string()).as_deref(),
            Some("2025-06-06")
        );
        assert_eq!(r.first_speaker.as_deref(), Some("Medinsky"));
        assert_eq!(r.outlets, vec!["Daily", "Herald", "Courier"]);
        let kinds: Vec<Vec<&str>> = r
            .sightings
            .iter()
            .map(|s| s.changes.iter().map(Change::kind).collect())
            .collect();
        assert_eq!(
            kinds,
            vec![vec![], vec![], vec!["number"], vec!["negation", "speaker"]]
        );
        // Periods limit the sightings shown, not the changes computed.
        let later = s
            .check_claim(
                "exchange prisoners",
                Some("2025-05-30".parse().unwrap()),
                None,
            )
            .unwrap();
        assert_eq!(later[0].sightings.len(), 2);
        assert_eq!(later[0].sightings[0].changes[0].kind(), "number");
        // FTS syntax is plain words; nonsense finds nothing.
        assert!(s.check_claim("AND ( \"prisoners* NEAR", None, None).is_ok());
        assert!(s.check_claim("***", None, None).unwrap().is_empty());
    }

    #[test]
    fn claims_summaries() {
        let s = story();
        let all = s.claims(&ClaimFilter::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].sightings, 4);
        assert_eq!(all[0].outlets, 3);
        assert_eq!(all[0].speakers, 2);
        assert_eq!(all[0].text, SWAP);
        let repeated = s
            .claims(&ClaimFilter {
                min_sightings: 2,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(repeated.len(), 1);
        let fidan = s
            .claims(&ClaimFilter {
                speaker: Some("fidan".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(fidan.len(), 1);
        assert_eq!(fidan[0].text, TALKS);
        let late = s
            .claims(&ClaimFilter {
                since: Some("2025-05-20".parse().unwrap()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].sightings, 3);
        assert!(matches!(
            s.claims(&ClaimFilter {
                speaker: Some("nobody".into()),
                ..Default::default()
            }),
            Err(Error::NoSpeaker(_))
        ));
    }

    #[test]
    fn timeline_of_a_speaker() {
        let s = story();
        let t = s.timeline("Medinsky", None).unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(
            t[0].date.map(|d| d.to_string()).as_deref(),
            Some("2025-05-16")
        );
        assert_eq!(t[0].role.as_deref(), Some("role of Medinsky"));
        assert_eq!(t[0].claim_sightings, 4);
        assert_eq!(
            s.timeline("Medinsky", Some("1,200 prisoners"))
                .unwrap()
                .len(),
            3
        );
        assert_eq!(s.timeline("Fidan", Some("prisoners")).unwrap().len(), 0);
        assert_eq!(s.timeline("Fidan", Some("((")).unwrap().len(), 0);
    }

    /// The statements of `fixtures/claims/`, as an extractor should find them.
    #[test]
    fn fixture_story_groups_and_flags() {
        const C1: &str =
            "Ostria has agreed to return the 40 fishing boats it seized in the Tamsin Strait,";
        const C2: &str =
            "Ostria had agreed to return the 40 fishing boats it seized in the Tamsin Strait";
        const C3: &str = "Ostria has agreed to return the 40 fishing boats it seized,";
        const C4: &str =
            "Ostria has agreed to return the 45 fishing boats it seized in the Tamsin Strait,";
        const C5: &str =
            "Ostria had not agreed to return the fishing boats it seized in the Tamsin Strait";
        let s = store_with(&[
            (
                "g1",
                "Harbour Gazette",
                "2025-03-03",
                &[
                    ("Elena Markova", C1),
                    (
                        "Pavel Dressler",
                        "The talks were long and difficult, but both delegations worked in good faith,",
                    ),
                    (
                        "Jonas Tell",
                        "We have waited all winter for our boats to come home, and the whole town has suffered,",
                    ),
                ],
            ),
            (
                "l1",
                "Northern Ledger",
                "2025-03-10",
                &[
                    ("Elena Markova", C2),
                    (
                        "Marta Holm",
                        "Most of the engines will need to be replaced before the boats can go back to sea,",
                    ),
                    (
                        "Karl Enqvist",
                        "Ostria must also pay for the damage its coastguard has done to our fleet,",
                    ),
                ],
            ),
            (
                "t1",
                "Coastal Times",
                "2025-03-17",
                &[
                    ("Elena Markova", C3),
                    (
                        "Elena Markova",
                        "That is more than anyone expected a month ago.",
                    ),
                    (
                        "Karl Enqvist",
                        "the government had given up too much in the talks",
                    ),
                    (
                        "Karl Enqvist",
                        "The government has agreed to let Ostrian boats fish in our waters for the next ten years,",
                    ),
                ],
            ),
            (
                "g2",
                "Harbour Gazette",
                "2025-03-24",
                &[
                    ("Elena Markova", C4),
                    (
                        "Elena Markova",
                        "Every one of these boats is a family's living, and we will not rest until they are all home,",
                    ),
                ],
            ),
            (
                "l2",
                "Northern Ledger",
                "2025-03-31",
                &[
                    ("Pavel Dressler", C5),
                    (
                        "Pavel Dressler",
                        "The boats were fishing illegally in Ostrian waters, and the courts will decide what happens to them,",
                    ),
                ],
            ),
            (
                "t2",
                "Coastal Times",
                "2025-04-07",
                &[
                    (
                        "Elena Markova",
                        "My first task is to bring our fishermen home and to rebuild the trust between our two countries,",
                    ),
                    (
                        "Karl Enqvist",
                        "The new prime minister has inherited a crisis that her own ministry created,",
                    ),
                ],
            ),
        ]);
        let reports = s
            .check_claim("Ostria agreed to return 40 fishing boats", None, None)
            .unwrap();
        assert_eq!(reports.len(), 1, "{reports:#?}");
        let texts: Vec<&str> = reports[0]
            .sightings
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(texts, vec![C1, C2, C3, C4, C5]);
        let kinds: Vec<Vec<&str>> = reports[0]
            .sightings
            .iter()
            .map(|s| s.changes.iter().map(Change::kind).collect())
            .collect();
        assert_eq!(
            kinds,
            vec![
                vec![],
                vec![],
                vec![],
                vec!["number"],
                vec!["negation", "speaker"]
            ]
        );
        let repeated = s
            .claims(&ClaimFilter {
                min_sightings: 2,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(repeated.len(), 1, "{repeated:#?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// Any text stores, groups and searches without an error or a panic.
        #[test]
        fn any_text_groups_and_searches(
            texts in proptest::collection::vec("\\PC{0,60}", 1..6),
            query in "\\PC{0,40}",
        ) {
            let quotes: Vec<(&str, &str)> = texts.iter().map(|t| ("Someone", t.as_str())).collect();
            let s = store_with(&[("p", "Outlet", "2025-01-01", &quotes)]);
            let reports = s.check_claim(&query, None, None).unwrap();
            proptest::prop_assert!(reports.iter().all(|r| !r.sightings.is_empty()));
            s.claims(&ClaimFilter::default()).unwrap();
            s.timeline("Someone", Some(&query)).unwrap();
        }
    }

    #[test]
    fn rebuild_gives_the_same_groups() {
        let mut s = story();
        assert_eq!(s.rebuild_claims().unwrap(), 2);
        let c = claim_of(&s, SWAP);
        assert_eq!(claim_of(&s, SWAP_DENIED), c);
    }
}
