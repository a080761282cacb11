//! The write side of claims: grouping pending quotations into claims a batch at a
//! time ([`Grouper`]), the pending range, and `Store::group_claims`, `Store::close`
//! and `Store::rebuild_claims`.

use rusqlite::OptionalExtension;
use rustc_hash::FxHashMap;

use super::keyfilter::KeyFilter;
use super::similarity::{
    Scored, close_to_founder, different_things, same_subject, share_more_than_names,
};
use super::sketch::{
    figure_hashes, hashes_from_blob, hashes_to_blob, keys, num_hash, split_marked, term_hashes,
};
use super::statement::{Binding, Scope, binding};
use super::text::{marked_terms_shared, terms, tokenize};
use super::{
    CANDIDATES, GROUP_BATCH, INDEX_KEYS, PER_KEY, QUERY_KEYS, ROWS_PER_INSERT, SAME_CLAIM,
};
use crate::open::BulkSettings;
use crate::{Error, Store};

// `Grouper::assign` stores the first INDEX_KEYS of the QUERY_KEYS it looked up.
const _: () = assert!(INDEX_KEYS <= QUERY_KEYS);

/// The end of a key's chain of postings in `Grouper::postings`.
const NO_POSTING: u32 = u32::MAX;

// A batch's postings are indexed by a u32 (see `Grouper::postings`).
const _: () = assert!(GROUP_BATCH * INDEX_KEYS < NO_POSTING as usize);

/// Group quotations into claims, a batch at a time, exactly as if each had been
/// grouped on its own in the order given: a quotation sees every earlier one, whether
/// its keys are already in `claim_keys` or still waiting in this batch.
pub(crate) struct Grouper {
    /// Keys of this batch's quotations, not yet written: key -> its newest posting.
    keys: FxHashMap<i64, u32>,
    /// `(key, quote id, the key's previous posting)` for each key of this batch's
    /// quotations, in the order added; `keys` holds each key's newest. One vector
    /// rather than a vector per key: a batch has some 100,000 distinct keys, and
    /// their allocations cost more than the look-ups.
    postings: Vec<(i64, i64, u32)>,
    /// Term hashes (as scored) and claim of this batch's quotations, so candidates
    /// among them need no query.
    seen: FxHashMap<i64, (Scored, i64)>,
    /// The keys already in `claim_keys`, when worth keeping (see `keyfilter`).
    filter: Option<KeyFilter>,
    /// The id the next new claim gets (ids are assigned here, under the write lock,
    /// so that claims can be written with the batch).
    next_claim: i64,
    /// This batch's new claims, `(id, first quote)`, not yet written.
    claims: Vec<i64>,
    /// Term hashes and scope of claims' founding statements, as looked up this batch
    /// (a claim's founding statement never changes; cleared with the batch to bound
    /// memory). `None` when the founding quotation is gone.
    founders: FxHashMap<i64, Option<(Marked, Scope)>>,
    /// The term hashes of speakers' names, as looked up this grouping (see
    /// [`names_speaker`]).
    speaker_terms: FxHashMap<i64, Vec<u32>>,
    /// Scratch space for [`Grouper::assign`], kept to reuse its allocations.
    hits: FxHashMap<i64, usize>,
    ids: Vec<i64>,
    /// This batch's sightings, `quote, claim, score, term hashes, binding`, not yet written:
    /// nothing reads them before the batch ends (candidates from this batch come
    /// from `seen`).
    sightings: Vec<rusqlite::types::Value>,
}

impl Grouper {
    /// A grouper for about `pending` quotations: its batch tables are sized for them
    /// (up to a batch) at once, rather than rehashed into fresh memory again and again
    /// as they grow (inserting was a tenth of assigning's native profile on PolNeAR).
    pub(crate) fn new(filter: Option<KeyFilter>, next_claim: i64, pending: usize) -> Grouper {
        let batch = pending.min(GROUP_BATCH);
        Grouper {
            keys: FxHashMap::with_capacity_and_hasher(batch * INDEX_KEYS, Default::default()),
            postings: Vec::with_capacity(batch * INDEX_KEYS),
            seen: FxHashMap::with_capacity_and_hasher(batch, Default::default()),
            filter,
            next_claim,
            speaker_terms: FxHashMap::default(),
            hits: FxHashMap::default(),
            ids: Vec::new(),
            claims: Vec::new(),
            founders: FxHashMap::with_capacity_and_hasher(batch, Default::default()),
            sightings: Vec::with_capacity(batch * 5),
        }
    }

    /// Put quotation `quote` into a claim: an existing one when a sufficiently similar
    /// sighting exists whose claim its scope allows, else a new one.
    pub(crate) fn assign(
        &mut self,
        conn: &rusqlite::Connection,
        lookups: &mut Lookups<'_>,
        quote: &Pending,
    ) -> Result<(), Error> {
        let quote_id = quote.id;
        // Tokenized once, for the terms and for the subject.
        let toks = tokenize(&quote.text);
        let (words, entity) = marked_terms_shared(&quote.text, &toks);
        let terms = term_hashes(&words, &entity);
        let mine = split_marked(&terms);
        let scored = Scored::new(&mine.0, &mine.1);
        let scope = Scope {
            binding: binding(&quote.text, &toks, scored.distinct_terms(), &entity),
            speaker: quote.speaker,
            doc: quote.doc,
        };

        // Candidate sightings, counted by how many keys they share with this one.
        let query_keys = keys(&words, QUERY_KEYS);
        let mut hits = std::mem::take(&mut self.hits);
        let mut ids = std::mem::take(&mut self.ids);
        {
            let st = &mut lookups.key;
            for &key in &query_keys {
                ids.clear();
                // This batch's sightings with the key, the most recent first.
                let mut at = self.keys.get(&key).copied().unwrap_or(NO_POSTING);
                while at != NO_POSTING && ids.len() < PER_KEY {
                    let (_, id, previous) = self.postings[at as usize];
                    ids.push(id);
                    at = previous;
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
        // `sketch::keys`); one shared key among many is a common phrase, not the claim.
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
            let st = &mut lookups.sighting;
            for (id, _) in ranked {
                if best.is_some_and(|(s, _)| s >= 0.999) {
                    break;
                }
                let score_claim = match self.seen.get(&id) {
                    Some((other, claim)) => Some((scored.score(other), *claim)),
                    None => match st
                        .query_row([id], |r| Ok((r.get::<_, Option<Vec<u8>>>(0)?, r.get(1)?)))
                        .optional()?
                    {
                        Some((Some(blob), claim)) => Some((
                            scored.score(&stored_scored(&hashes_from_blob(&blob))),
                            claim,
                        )),
                        // Grouped before the hashes were stored (schema 3): from the text.
                        Some((None, claim)) => stored_terms(conn, id)?
                            .map(|other| (scored.score(&stored_scored(&other)), claim)),
                        None => None,
                    },
                };
                let Some((score, claim)) = score_claim else {
                    continue;
                };
                if score >= SAME_CLAIM
                    && best.is_none_or(|(s, _)| score > s)
                    && self.close_to_founder(conn, claim, &mine, &scope)?
                {
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
                // Its founding statement, for the sightings this batch adds to it.
                self.founders.insert(id, Some((mine, scope)));
                (1.0, id)
            }
        };
        {
            use rusqlite::types::Value;
            self.sightings.extend([
                Value::Integer(quote_id),
                Value::Integer(claim),
                Value::Real(score),
                Value::Blob(hashes_to_blob(&terms)),
                Value::Integer(scope.binding.to_bits()),
            ]);
        }
        // `keys` keeps the smallest hashes in order, so the INDEX_KEYS stored are the
        // first of the QUERY_KEYS looked up: no need to hash the pairs again.
        for &key in &query_keys[..query_keys.len().min(INDEX_KEYS)] {
            // At most GROUP_BATCH * INDEX_KEYS postings a batch: a u32 holds the index.
            let at = u32::try_from(self.postings.len()).unwrap_or(NO_POSTING);
            let previous = self.keys.insert(key, at).unwrap_or(NO_POSTING);
            self.postings.push((key, quote_id, previous));
        }
        self.seen.insert(quote_id, (scored, claim));
        if self.seen.len() >= GROUP_BATCH {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Whether a statement with term hashes `terms` and scope `scope` is close enough
    /// to claim `claim`'s founding statement (its first sighting) to join it. Being
    /// close to one sighting is not enough: each sighting resembling only the one
    /// before, a claim drifted from a meeting's date to an unrelated statement over
    /// twenty sightings. Its scope must allow the founder's too (see
    /// [`Scope::may_join`]): a pronoun joins only a claim its own speaker founded.
    fn close_to_founder(
        &mut self,
        conn: &rusqlite::Connection,
        claim: i64,
        (terms, entities): &Marked,
        scope: &Scope,
    ) -> Result<bool, Error> {
        if let std::collections::hash_map::Entry::Vacant(entry) = self.founders.entry(claim) {
            type Row = (i64, Option<Vec<u8>>, Option<i64>, Option<i64>, Option<i64>);
            let founder: Option<Row> = conn
                .prepare_cached(
                    "SELECT c.first_quote, s.terms, s.bound, q.speaker_id, q.doc_id \
                     FROM claims c LEFT JOIN sightings s ON s.quote_id = c.first_quote \
                     LEFT JOIN quotes q ON q.id = c.first_quote WHERE c.id = ?1",
                )?
                .query_row([claim], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()?;
            let found = match founder {
                Some((id, blob, bound, speaker, Some(doc))) => {
                    let hashes = match blob {
                        Some(blob) => Some(split_marked(&hashes_from_blob(&blob))),
                        // Grouped before the hashes were stored (schema 3): from the text.
                        None => stored_terms(conn, id)?.map(|t| split_marked(&t)),
                    };
                    let scope = Scope {
                        binding: Binding::from_bits(bound.unwrap_or(0)),
                        speaker,
                        doc,
                    };
                    hashes.map(|h| (h, scope))
                }
                // This batch's claims are in `founders` from their creation; a claim
                // whose founding quotation is gone has none.
                _ => None,
            };
            entry.insert(found);
        }
        Ok(match self.founders.get(&claim) {
            Some(Some(((founder, named), founder_scope))) => {
                // A statement about its own speaker ("that he knew") may join a claim
                // made about them by name; the name is read only when that decides.
                let about = scope.binding.speaker
                    && !scope.may_join(founder_scope)
                    && names_speaker(conn, &mut self.speaker_terms, scope.speaker, named)?;
                scope.may_join_about(founder_scope, about)
                    && same_subject(entities, named)
                    && !different_things((terms, entities), (founder, named), figure_hashes())
                    && share_more_than_names((terms, entities), (founder, named), &num_hash())
                    && close_to_founder(
                        terms,
                        founder,
                        founder_scope.binding.phrase,
                        figure_hashes(),
                    )
            }
            // No founding statement (its quotation is gone): the sighting decides,
            // unless what it says depends on who or where.
            _ => !scope.binding.speaker && !scope.binding.document,
        })
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
            "INSERT OR REPLACE INTO sightings(quote_id, claim_id, score, terms, bound)",
            5,
            std::mem::take(&mut self.sightings),
        )?;
        self.keys.clear();
        let mut rows: Vec<(i64, i64)> = self
            .postings
            .drain(..)
            .map(|(key, id, _)| (key, id))
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
        self.founders.clear();
        Ok(())
    }
}

/// The statements [`Grouper::assign`] runs for every quotation, prepared once a
/// grouping: taking a statement from the connection's cache and returning it hashes
/// its SQL text and clears its bindings, which cost as much as the look-up.
pub(crate) struct Lookups<'c> {
    /// The most recent sightings with a key.
    key: rusqlite::CachedStatement<'c>,
    /// A sighting's term hashes and claim.
    sighting: rusqlite::CachedStatement<'c>,
}

impl<'c> Lookups<'c> {
    pub(crate) fn new(conn: &'c rusqlite::Connection) -> Result<Lookups<'c>, Error> {
        Ok(Lookups {
            key: conn.prepare_cached(&format!(
                "SELECT quote_id FROM claim_keys WHERE key = ?1 ORDER BY quote_id DESC LIMIT {PER_KEY}"
            ))?,
            sighting: conn.prepare_cached(
                "SELECT s.terms, s.claim_id FROM sightings s WHERE s.quote_id = ?1",
            )?,
        })
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
    Ok(text.map(|t| {
        let (words, entity) = marked_terms_shared(&t, &tokenize(&t));
        term_hashes(&words, &entity)
    }))
}

/// Stored term hashes (see [`term_hashes`]) as [`Scored`] compares them.
fn stored_scored(hashes: &[u32]) -> Scored {
    let (terms, entities) = split_marked(hashes);
    Scored::new(&terms, &entities)
}

/// Whether the entity terms `named` (hashes) hold a word of speaker `speaker`'s name,
/// its term hashes read once a grouping into `cache`.
fn names_speaker(
    conn: &rusqlite::Connection,
    cache: &mut FxHashMap<i64, Vec<u32>>,
    speaker: Option<i64>,
    named: &[u32],
) -> Result<bool, Error> {
    let Some(id) = speaker else {
        return Ok(false);
    };
    let hashes = match cache.entry(id) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => {
            let name: Option<String> = conn
                .prepare_cached("SELECT name FROM speakers WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let words = name.map(|n| terms(&n)).unwrap_or_default();
            e.insert(split_marked(&term_hashes(&words, &[])).0)
        }
    };
    Ok(hashes.iter().any(|h| named.contains(h)))
}

/// A statement's term hashes and its entity terms' hashes (see [`split_marked`]).
type Marked = (Vec<u32>, Vec<u32>);

/// A stored quotation waiting to be grouped, as the grouping's query reads it.
pub(crate) struct Pending {
    /// The quotation's id.
    pub(crate) id: i64,
    /// What was said.
    pub(crate) text: String,
    /// Its document.
    pub(crate) doc: i64,
    /// Its speaker, as linked now.
    pub(crate) speaker: Option<i64>,
}

/// The columns every grouping query selects from `quotes`, in [`Pending`]'s order.
const PENDING_COLUMNS: &str = "q.id, q.text, q.doc_id, q.speaker_id";

/// The quotations stored but not yet indexed and grouped: those after the last
/// grouped one (quotation ids only grow, and every grouping takes all of them).
pub(crate) const PENDING: &str = "id > (SELECT IFNULL(MAX(quote_id), 0) FROM sightings)";

/// Before regrouping everything: pending quotations are told apart by having no
/// sighting yet, so they join the full-text index before the sightings go.
fn clear_claims() -> String {
    format!(
        "INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE {PENDING}; \
         DELETE FROM claim_keys; DELETE FROM sightings; DELETE FROM claims;"
    )
}

/// Every quotation, oldest published first, so each claim opens with its earliest
/// sighting.
fn select_all() -> String {
    format!(
        "SELECT {PENDING_COLUMNS} FROM quotes q JOIN documents d ON d.id = q.doc_id \
         ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id"
    )
}

/// Run `before`, then group the [`Pending`] rows `select` gives, in its order, in one
/// IMMEDIATE transaction, with the settings grouping wants. Returns how many were
/// grouped.
fn group_in_order(store: &mut Store, before: &str, select: &str) -> Result<usize, Error> {
    let conn = &mut store.conn;
    // Foreign-key checks off while grouping (the pragma only works between
    // transactions): every id written was just read from `quotes` or `claims` under the
    // write lock, and checking a parent per key row cost a third of the grouping.
    //
    // A 64 MB page cache while grouping: a batch's keys go in sorted by key but land
    // all over `claim_keys`, and the full-text index takes the whole batch; with the
    // default 2 MB cache their pages were spilled and rewritten over and over (55 KB
    // written per article at 100k quotes, 3 KB with the larger cache).
    // Both restored as they were: batched ingest groups with foreign keys off already.
    let settings = BulkSettings::enter(conn)?;
    // A failed transaction may leave keys in the filter that the table lost; a
    // filter that says "maybe" too often costs lookups, never a wrong answer, but
    // its `synced_to` no longer matches, so the next grouping drops it anyway.
    let result = group_tx(conn, before, select, &mut store.key_filter);
    // Settings are restored even after a failure, whose error is the one reported.
    let restored = settings.restore(conn);
    let (n, grouped) = result?;
    restored?;
    if let Some(f) = &mut store.key_filter {
        f.synced_to = grouped;
    }
    Ok(n)
}

/// [`group_rows`] in one IMMEDIATE transaction (the write lock is taken before
/// reading what is pending). Returns how many were grouped, and how far the table is
/// grouped, read under the write lock: what the filter now holds.
fn group_tx(
    conn: &mut rusqlite::Connection,
    before: &str,
    select: &str,
    filter: &mut Option<KeyFilter>,
) -> Result<(usize, i64), Error> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let n = group_rows(&tx, before, select, filter)?;
    let (grouped, _) = pending_range(&tx)?;
    tx.commit()?;
    Ok((n, grouped))
}

/// Regroup every stored quotation inside the transaction `tx` (a schema migration's,
/// see `schema`), in the order they were stored, as ingest grouped them: where the
/// keys did not change, every claim comes back with its id. Returns how many
/// quotations were grouped.
pub(crate) fn regroup_in(tx: &rusqlite::Transaction<'_>) -> Result<usize, Error> {
    group_rows(
        tx,
        &clear_claims(),
        &format!("SELECT {PENDING_COLUMNS} FROM quotes q ORDER BY q.id"),
        &mut None,
    )
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

/// Run `before`, then group the rows `select` gives, inside the caller's transaction
/// `tx`: the filter is kept when it still matches the table, loaded when worth it.
fn group_rows(
    tx: &rusqlite::Transaction<'_>,
    before: &str,
    select: &str,
    filter: &mut Option<KeyFilter>,
) -> Result<usize, Error> {
    tx.execute_batch(before)?;
    let (grouped, last) = pending_range(tx)?;
    if filter.as_ref().is_some_and(|f| f.synced_to != grouped) {
        // Another connection grouped (and wrote keys) since, or `before` cleared them.
        *filter = None;
    }
    // Ids only grow, so at most this many are pending.
    let pending = usize::try_from(last - grouped).unwrap_or(0);
    if filter.is_none() {
        // Loading the filter reads every stored key (about INDEX_KEYS per grouped
        // quotation, ~0.1 us each); it saves the lookups of absent keys (about half
        // of QUERY_KEYS per new quotation, ~2 us each). Worth it when this grouping
        // is not tiny beside what is grouped, and kept for later groupings.
        let stored = usize::try_from(grouped).unwrap_or(0);
        if pending * 20 >= stored {
            *filter = Some(KeyFilter::load(tx, pending * INDEX_KEYS, grouped)?);
        }
    }
    let next_claim: i64 = tx.query_row("SELECT IFNULL(MAX(id), 0) + 1 FROM claims", [], |r| {
        r.get(0)
    })?;
    let mut grouper = Grouper::new(filter.take(), next_claim, pending);
    let mut n = 0;
    {
        let mut lookups = Lookups::new(tx)?;
        let mut st = tx.prepare(select)?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let quote = Pending {
                id: r.get(0)?,
                text: r.get(1)?,
                doc: r.get(2)?,
                speaker: r.get(3)?,
            };
            grouper.assign(tx, &mut lookups, &quote)?;
            n += 1;
        }
    }
    grouper.flush(tx)?;
    *filter = grouper.filter.take();
    Ok(n)
}

impl Store {
    /// Add the quotations stored since the last grouping to the full-text index and
    /// group them into claims, in one transaction; returns how many. [`Store::ingest`]
    /// stores quotations without either, because doing a batch at once writes each
    /// index page once instead of once per document. It groups by itself every
    /// [`GROUP_BATCH`] quotations and before this handle's claim queries; call this
    /// (or [`Store::close`]) to group the rest and see any error: dropping a `Store`
    /// does not group. It also picks up whatever another or a killed process left
    /// ungrouped.
    pub fn group_claims(&mut self) -> Result<usize, Error> {
        let n = group_in_order(
            self,
            &format!(
                "INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE {PENDING}"
            ),
            &format!("SELECT {PENDING_COLUMNS} FROM quotes q WHERE q.{PENDING} ORDER BY q.id"),
        )?;
        self.ungrouped = 0;
        Ok(n)
    }

    /// Group what this handle stored and has not grouped yet, so the claim queries
    /// see it. Quotations another process stored are that process's to group.
    pub(crate) fn settle_claims(&mut self) -> Result<(), Error> {
        if self.ungrouped > 0 {
            self.group_claims()?;
        }
        Ok(())
    }

    /// Group the pending quotations (as [`Store::group_claims`]), switch a database
    /// [`Store::open_for_ingest`] created to WAL, and close it; returns how many were
    /// grouped. Errors are reported, unlike a drop, which writes nothing.
    pub fn close(mut self) -> Result<usize, Error> {
        let n = if self.read_only {
            0
        } else {
            self.group_claims()?
        };
        if self.wal_on_close {
            crate::open::to_wal(&self.conn)?;
        }
        self.conn.close().map_err(|(_, e)| e)?;
        Ok(n)
    }

    /// Regroup every stored quotation into claims from scratch, oldest published
    /// first (so each claim opens with its earliest sighting). Returns the number of
    /// claims. For after a change to the grouping rules, and for benchmarks.
    pub fn rebuild_claims(&mut self) -> Result<usize, Error> {
        group_in_order(self, &clear_claims(), &select_all())?;
        self.ungrouped = 0;
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
