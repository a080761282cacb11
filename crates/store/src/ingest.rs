//! Storing documents and their extractions, each atomically.
//!
//! A document is stored whole or not at all: after a crash it is either stored with
//! all its quotes or absent. [`Store::ingest_batch`] shares one transaction between
//! many documents, which writes the pages they share once (see there), and falls back
//! to a transaction per document when one fails. A content hash makes re-ingesting a
//! no-op. The full-text
//! index and the grouping into claims are derived data, built a batch at a time
//! afterwards (see [`Store::group_claims`]): FTS5 writes a new index segment at every
//! commit, and with one commit per document those segments and their merging were a
//! third of the time spent storing a document.

use std::borrow::Cow;

use attrib::{Date, Document, Entity, Extraction, Span};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use rustc_hash::FxHashSet;
use sha2::{Digest, Sha256};

use crate::claims::GROUP_BATCH;
use crate::linking::Memo;
use crate::open::BulkSettings;
use crate::sql_types::Kind;
use crate::{Error, Store, speakers};

/// Settings for [`Store::ingest_with`].
#[derive(Clone, Debug, Default)]
pub struct IngestOptions {
    /// Publication date (`YYYY-MM-DD`) for documents that carry none.
    pub fallback_date: Option<Date>,
    /// The file the document came from, when it is not its key.
    pub path: Option<String>,
}

/// What [`Store::ingest`] did with a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored as document `doc_id`.
    Added {
        /// The new document's id.
        doc_id: i64,
        /// Quotations stored.
        quotes: usize,
        /// Speakers created for it (the rest joined known speakers).
        new_speakers: usize,
    },
    /// The same content was already stored as `doc_id`; nothing was written.
    Duplicate {
        /// The stored document's id.
        doc_id: i64,
    },
}

/// The content hash: text, outlet and URL (so a wire story run by two outlets is two
/// documents), hex SHA-256.
pub fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    h.update(doc.text.as_bytes());
    for part in [&doc.source, &doc.url] {
        h.update([0u8]);
        h.update(part.as_deref().unwrap_or("").as_bytes());
    }
    format!("{:x}", h.finalize())
}

/// The text a span covers, or a typed error instead of a panic on a bad span.
fn slice(doc: &Document, span: Span) -> Result<&str, Error> {
    doc.text
        .get(span.start..span.end)
        .ok_or_else(|| Error::BadSpan {
            doc: doc.id.clone(),
            start: span.start,
            end: span.end,
        })
}

/// One document of a batch for [`Store::ingest_batch`].
#[derive(Clone, Copy, Debug)]
pub struct BatchItem<'a> {
    /// The document.
    pub doc: &'a Document,
    /// What was extracted from it.
    pub ex: &'a Extraction,
    /// Its settings.
    pub opts: &'a IngestOptions,
}

/// A document's quotations with their text slices, checked before anything is
/// written, and its content hash.
struct Checked<'a> {
    rows: Vec<Row<'a>>,
    hash: String,
}

type Row<'a> = (
    &'a attrib::Quote,
    std::borrow::Cow<'a, str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// Validate every span of `ex` against `doc` before anything is written.
fn check<'a>(doc: &'a Document, ex: &'a Extraction) -> Result<Checked<'a>, Error> {
    let mut rows = Vec::with_capacity(ex.quotes.len());
    for q in &ex.quotes {
        slice(doc, q.span)?;
        for &p in &q.parts {
            slice(doc, p)?;
        }
        let text = q.words(&doc.text).ok_or_else(|| Error::BadSpan {
            doc: doc.id.clone(),
            start: q.span.start,
            end: q.span.end,
        })?;
        let mention = q.mention.map(|m| slice(doc, m)).transpose()?;
        let cue = q.cue.map(|c| slice(doc, c)).transpose()?;
        rows.push((q, text, mention, cue));
    }
    Ok(Checked {
        rows,
        hash: content_hash(doc),
    })
}

impl Store {
    /// Store `doc` and what was extracted from it. See [`Store::ingest_with`].
    pub fn ingest(&mut self, doc: &Document, ex: &Extraction) -> Result<IngestOutcome, Error> {
        self.ingest_with(doc, ex, &IngestOptions::default())
    }

    /// Store `doc` and its quotes in one transaction, attaching each quote's speaker to
    /// a known speaker where the name allows (see the `speakers` module). The
    /// publication date is the document's own, else `opts.fallback_date`, else none.
    pub fn ingest_with(
        &mut self,
        doc: &Document,
        ex: &Extraction,
        opts: &IngestOptions,
    ) -> Result<IngestOutcome, Error> {
        let checked = check(doc, ex)?;
        if self.ungrouped >= GROUP_BATCH {
            self.group_claims()?;
        }
        let tx = self.begin()?;
        let outcome = write(&tx, &mut Memo::default(), doc, ex, opts, &checked)?;
        tx.commit()?;
        self.ungrouped += added_quotes(&outcome);
        Ok(outcome)
    }

    /// Store several documents as [`Store::ingest_with`] stores each, in as few
    /// transactions as possible: the index pages documents share (the tails of
    /// `documents` and `quotes`, the names, the aliases) are then written once a
    /// batch instead of once a document, which was most of what ingest wrote. The
    /// database ends as if each document had been ingested alone, in order: speakers
    /// are relinked after each document, and claims are grouped at the same points.
    ///
    /// Each document is still stored whole or not at all: when one fails inside the
    /// shared transaction, the batch is rolled back and its documents are stored one
    /// per transaction, so only the failing one is missing and its error is its own.
    /// A crash or kill loses the open batch whole; ingesting again stores it
    /// (duplicates are skipped by hash).
    ///
    /// Returns a result per document, in order. After a storage failure (see
    /// [`Error::is_storage_failure`]) the documents after it are not tried, and the
    /// results end with that failure.
    pub fn ingest_batch(&mut self, items: &[BatchItem<'_>]) -> Vec<Result<IngestOutcome, Error>> {
        // A 64 MB page cache while a batch is stored, as grouping has (see
        // `claims::group`): with the default 2 MB, a batch's dirty pages spilled into
        // the log before its commit and were read back and written again (12,868
        // page writes and 6,116 page reads for PolNeAR's 923 articles, against
        // 10,750 and 3,642).
        //
        // Foreign-key checks off, as grouping has them (the pragma only works between
        // transactions): every id a document's rows refer to was created or read in
        // the same transaction, under the write lock, and the parent look-ups of each
        // insert (a quotation's document and speaker, a name's or alias's speaker) were
        // 2.5% of the instructions of ingesting PolNeAR. The one delete that would
        // cascade, of a speaker relinking emptied, deletes its rows itself (see
        // `linking`), so the database is the same either way.
        //
        // Only speed settings: when they cannot be read or set, the batch is stored
        // all the same, and the error that matters is the batch's.
        let settings = BulkSettings::enter(&self.conn).ok();
        let results = self.ingest_runs(items);
        if let Some(settings) = settings {
            let _ = settings.restore(&self.conn);
        }
        results
    }

    /// [`Store::ingest_batch`] with the settings in place.
    fn ingest_runs(&mut self, items: &[BatchItem<'_>]) -> Vec<Result<IngestOutcome, Error>> {
        let mut results: Vec<Result<IngestOutcome, Error>> = Vec::with_capacity(items.len());
        while results.len() < items.len() {
            let start = results.len();
            match self.ingest_run(&items[start..]) {
                Ok(done) => results.extend(done),
                // The shared transaction was rolled back: the documents up to the one
                // that failed are stored one per transaction, so that only a failing
                // one is missing and its error is its own; then batching resumes.
                Err(failed_at) => {
                    for item in &items[start..=start + failed_at] {
                        let r = self.ingest_with(item.doc, item.ex, item.opts);
                        let stop = r.as_ref().is_err_and(Error::is_storage_failure);
                        results.push(r);
                        if stop {
                            return results;
                        }
                    }
                }
            }
        }
        results
    }

    /// Store a prefix of `items` (at least one) in one transaction, up to where
    /// claims are due to be grouped, as one-per-transaction ingest would group them.
    /// A document whose checks fail is an `Err` result here, as it writes nothing.
    /// When the transaction fails it is rolled back, and the answer is the index of
    /// the document it failed on (the last one when the commit failed).
    fn ingest_run(
        &mut self,
        items: &[BatchItem<'_>],
    ) -> Result<Vec<Result<IngestOutcome, Error>>, usize> {
        if self.ungrouped >= GROUP_BATCH && self.group_claims().is_err() {
            return Err(0);
        }
        let ungrouped = self.ungrouped;
        let mut done = Vec::with_capacity(items.len());
        let mut added = 0;
        let tx = self.begin().map_err(|_| 0usize)?;
        // Dropped with the transaction: after a rollback none of it holds.
        let mut memo = Memo::default();
        for item in items {
            if ungrouped + added >= GROUP_BATCH && !done.is_empty() {
                break;
            }
            let outcome = match check(item.doc, item.ex) {
                // Dropping `tx` on the way out rolls it back.
                Ok(c) => write(&tx, &mut memo, item.doc, item.ex, item.opts, &c)
                    .map_err(|_| done.len())?,
                Err(e) => {
                    done.push(Err(e));
                    continue;
                }
            };
            added += added_quotes(&outcome);
            done.push(Ok(outcome));
        }
        let last = done.len().saturating_sub(1);
        // Its statements borrow the transaction: back to the connection's cache first.
        drop(memo);
        tx.commit().map_err(|_| last)?;
        self.ungrouped += added;
        Ok(done)
    }

    /// An IMMEDIATE transaction: it takes the write lock now, not on the first
    /// insert, so a concurrent writer waits on the busy timeout instead of failing
    /// with SQLITE_BUSY.
    fn begin(&mut self) -> Result<Transaction<'_>, Error> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Quotations `outcome` stored.
fn added_quotes(outcome: &IngestOutcome) -> usize {
    match outcome {
        IngestOutcome::Added { quotes, .. } => *quotes,
        IngestOutcome::Duplicate { .. } => 0,
    }
}

/// Write `doc` and its checked quotations inside `tx`, relinking the names it brought.
/// `memo`: what `tx` has learnt so far.
fn write<'c>(
    tx: &'c Transaction<'_>,
    memo: &mut Memo<'c>,
    doc: &Document,
    ex: &Extraction,
    opts: &IngestOptions,
    checked: &Checked<'_>,
) -> Result<IngestOutcome, Error> {
    let published = doc.date.or(opts.fallback_date);
    let Checked { rows, hash } = checked;
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    if let Some(doc_id) = existing {
        return Ok(IngestOutcome::Duplicate { doc_id });
    }
    tx.prepare_cached(
        "INSERT INTO documents(doc_key, hash, path, url, outlet, title, published, ingested, text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?8)",
    )?
    .execute(params![
        doc.id, hash, opts.path, doc.url, doc.source, doc.title, published, doc.text
    ])?;
    let doc_id = tx.last_insert_rowid();

    // Entity index -> stored speaker, resolved on first use so entities that say
    // nothing create no speakers.
    let mut speaker_of: Vec<Option<i64>> = vec![None; ex.entities.len()];
    // Quotations per entity, counted in one pass over the document's quotations.
    let mut said = vec![0usize; ex.entities.len()];
    for i in ex.quotes.iter().filter_map(|q| q.speaker) {
        if let Some(n) = said.get_mut(i) {
            *n += 1;
        }
    }
    let mut new_speakers = 0;
    let mut blocks: Vec<String> = Vec::new();
    // Taken from the cache once a document, not once a quotation: each take and
    // return hashes the SQL text and clears the bindings.
    let mut insert_quote = tx.prepare_cached(
        "INSERT INTO quotes(doc_id, speaker_id, text, kind, start, end, cue, confidence, \
         sentence, mention, role, entity, parts) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (q, text, mention, cue) in rows {
        let entity = q.speaker.and_then(|i| ex.entities.get(i).map(|e| (i, e)));
        let speaker_id = match entity {
            Some((i, e)) => match speaker_of[i] {
                Some(id) => Some(id),
                None => {
                    let e = &distinct_mentions(e, &doc.text);
                    let (id, created, block) =
                        speakers::resolve(tx, memo, e, doc_id, &doc.text, said[i])?;
                    blocks.extend(block);
                    new_speakers += usize::from(created);
                    // The first role is stored with each quote (`quotes.role`) and
                    // read back through the `roles_seen` view; only further roles
                    // need rows of their own. A row per speaker and document cost
                    // a third of the pages each document's commit wrote.
                    for role in e.roles.iter().skip(1) {
                        tx.prepare_cached(
                            "INSERT INTO roles(speaker_id, role, seen, doc_id) VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![id, role, published, doc_id])?;
                    }
                    speaker_of[i] = Some(id);
                    Some(id)
                }
            },
            None => None,
        };
        let e = entity.map(|(_, e)| e);
        // NaN would store as NULL and break NOT NULL; keep confidence in [0, 1],
        // rounded so the f32 does not print as 0.8999999761581421.
        let confidence = if q.confidence.is_finite() {
            (f64::from(q.confidence.clamp(0.0, 1.0)) * 1000.0).round() / 1000.0
        } else {
            0.0
        };
        insert_quote.execute(params![
            doc_id,
            speaker_id,
            text,
            Kind(q.kind),
            to_i64(q.span.start),
            to_i64(q.span.end),
            cue,
            confidence,
            to_i64(q.sentence),
            mention,
            e.and_then(|e| e.roles.first()),
            e.map(|e| e.canonical.as_str()),
            parts_json(&q.parts),
        ])?;
    }
    drop(insert_quote);
    // The names this document brought decide their speakers now, from everything
    // stored (see `linking`), so every query sees them settled.
    crate::linking::relink(tx, memo, blocks)?;
    Ok(IngestOutcome::Added {
        doc_id,
        quotes: rows.len(),
        new_speakers,
    })
}

/// `e` with one mention of each spelling: a name mentioned again adds the alias it
/// already added, and those inserts (ignored as duplicates) were much of what
/// resolving a speaker cost.
fn distinct_mentions<'e>(e: &'e Entity, text: &str) -> Cow<'e, Entity> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let spelling = |m: &Span| text.get(m.start..m.end).unwrap_or("");
    if e.mentions.iter().all(|m| seen.insert(spelling(m))) {
        return Cow::Borrowed(e);
    }
    seen.clear();
    let mentions = e
        .mentions
        .iter()
        .filter(|m| seen.insert(spelling(m)))
        .copied()
        .collect();
    Cow::Owned(Entity {
        mentions,
        ..e.clone()
    })
}

/// The parts of an interrupted quotation as stored: `[[start, end], ...]`, or NULL
/// when the whole span was said.
fn parts_json(parts: &[Span]) -> Option<String> {
    if parts.is_empty() {
        return None;
    }
    let pairs: Vec<[usize; 2]> = parts.iter().map(|p| [p.start, p.end]).collect();
    serde_json::to_string(&pairs).ok()
}

/// Offsets fit in i64 on every platform we build for; saturate rather than panic.
fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use attrib::EntityKind::{self, Anonymous, Organization, Person};
    use attrib::testutil::Article;

    use super::*;

    fn article(id: &str, quotes: &[(&str, EntityKind, &str)]) -> (Document, Extraction) {
        let mut a = Article::new().text(&format!("Story {id}. "));
        for (name, kind, words) in quotes {
            a = a.quote(name, *kind, Some("spokesperson"), words);
        }
        let (mut doc, ex) = a.build(id);
        doc.date = Some("2024-05-01".parse().unwrap());
        (doc, ex)
    }

    /// Articles whose names relink one another (full names, a bare surname, a
    /// relative, a misspelling), repeated statements, names quoted again, and a
    /// duplicate.
    fn articles() -> Vec<(Document, Extraction)> {
        let mut v = vec![
            article("a", &[("Trump", Person, "we will build the wall now")]),
            article("b", &[("Donald Trump", Person, "we will build the wall")]),
            article(
                "c",
                &[("Ivanka Trump", Person, "the wall is not my project")],
            ),
            article("d", &[("Donald J. Trump", Person, "we will build a wall")]),
            article(
                "e",
                &[("Hilary Clinton", Person, "stronger together, always")],
            ),
            article("f", &[("Hillary Clinton", Person, "stronger together")]),
            article(
                "g",
                &[("Hillary Clinton", Person, "we are stronger together")],
            ),
            article("h", &[("a senior official", Anonymous, "no comment")]),
            article("i", &[("NATO", Organization, "the alliance stands firm")]),
            // Within one transaction: a name alone in its block, quoted again; a name
            // joining it (with its aliases, its speaker deleted), and a new speaker
            // given that speaker's id again, with one of its aliases; a speaker
            // renamed by an earlier relink.
            article("j", &[("Angela Merkel", Person, "we will manage this")]),
            article("k", &[("Angela Merkel", Person, "we can do this together")]),
            article("l", &[("Mrs. Merkel", Person, "europe must stand united")]),
            article("m", &[("Merkel", Organization, "europe stands united")]),
            article("n", &[("Hillary Clinton", Person, "we go high")]),
        ];
        // "Merkel", the end of "Mrs. Merkel", is a mention of her too.
        let (doc, ex) = &mut v[11];
        let end = doc.text.rfind("Merkel").unwrap() + "Merkel".len();
        ex.entities[0]
            .mentions
            .push(Span::new(end - "Merkel".len(), end));
        v.push(v[1].clone());
        v
    }

    /// Every row that says who said what, in a comparable form.
    fn dump(db: &Store) -> Vec<String> {
        let mut out = Vec::new();
        for sql in [
            "SELECT id, name, kind, doc_id FROM speakers ORDER BY id",
            "SELECT kind, norm, name, block, speaker_id, quotes, pinned FROM names ORDER BY norm",
            "SELECT speaker_id, alias, node FROM aliases ORDER BY speaker_id, norm",
            "SELECT id, doc_id, speaker_id, text FROM quotes ORDER BY id",
            "SELECT quote_id, claim_id, score FROM sightings ORDER BY quote_id",
            "SELECT id, doc_key FROM documents ORDER BY id",
        ] {
            let mut st = db.conn.prepare(sql).unwrap();
            let cols = st.column_count();
            let rows = st
                .query_map([], |r| {
                    let cells: Vec<String> = (0..cols)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(cells.join("|"))
                })
                .unwrap();
            out.extend(rows.map(Result::unwrap));
        }
        out
    }

    /// Counts the transactions `db` commits from now on.
    fn commits(db: &Store) -> std::sync::Arc<std::sync::atomic::AtomicUsize> {
        let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let m = n.clone();
        db.conn.commit_hook(Some(move || {
            m.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            false
        }));
        n
    }

    fn batch<'a>(
        docs: &'a [(Document, Extraction)],
        opts: &'a IngestOptions,
    ) -> Vec<BatchItem<'a>> {
        docs.iter()
            .map(|(doc, ex)| BatchItem { doc, ex, opts })
            .collect()
    }

    #[test]
    fn a_batch_stores_what_one_transaction_per_document_stores() {
        let docs = articles();
        let mut one = Store::open_in_memory().unwrap();
        let singly: Vec<_> = docs
            .iter()
            .map(|(d, e)| one.ingest(d, e).unwrap())
            .collect();
        one.group_claims().unwrap();
        let mut many = Store::open_in_memory().unwrap();
        let opts = IngestOptions::default();
        let commits = commits(&many);
        let batched: Vec<_> = many
            .ingest_batch(&batch(&docs, &opts))
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(commits.load(std::sync::atomic::Ordering::Relaxed), 1);
        many.group_claims().unwrap();
        assert_eq!(singly, batched);
        assert!(matches!(
            batched.last(),
            Some(IngestOutcome::Duplicate { .. })
        ));
        assert_eq!(dump(&one), dump(&many));
    }

    #[test]
    fn a_failing_document_is_rolled_back_alone() {
        let mut docs = articles();
        let mut db = Store::open_in_memory().unwrap();
        // Fails on the quotation, after its document and speaker rows were written.
        db.conn
            .execute_batch(
                "CREATE TEMP TRIGGER refuse BEFORE INSERT ON quotes \
                 WHEN (SELECT doc_key FROM documents WHERE id = new.doc_id) = 'd' \
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;",
            )
            .unwrap();
        // A document whose spans are wrong fails its checks and writes nothing.
        docs[5].1.quotes[0].span = Span::new(0, 100_000);
        let opts = IngestOptions::default();
        let commits = commits(&db);
        let results = db.ingest_batch(&batch(&docs, &opts));
        // "a", "b" and "c" alone, "d" failing alone, then the rest together again.
        assert_eq!(commits.load(std::sync::atomic::Ordering::Relaxed), 4);
        assert_eq!(results.len(), docs.len());
        for (i, r) in results.iter().enumerate() {
            match i {
                3 => assert!(matches!(r, Err(Error::Sqlite(_))), "{r:?}"),
                5 => assert!(matches!(r, Err(Error::BadSpan { .. })), "{r:?}"),
                _ => assert!(r.is_ok(), "{i}: {r:?}"),
            }
        }
        let keys: Vec<String> = db
            .conn
            .prepare("SELECT doc_key FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            keys,
            ["a", "b", "c", "e", "g", "h", "i", "j", "k", "l", "m", "n"]
        );
        // Nothing of "d" is left: no speaker of its own, no name.
        let named: i64 = db
            .conn
            .query_row(
                "SELECT COUNT(*) FROM names WHERE norm LIKE '%donald j%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(named, 0);
        db.check().unwrap();

        // The same as storing the others one per transaction.
        let mut one = Store::open_in_memory().unwrap();
        for (i, (d, e)) in docs.iter().enumerate() {
            if i != 3 && i != 5 {
                one.ingest(d, e).unwrap();
            }
        }
        db.group_claims().unwrap();
        one.group_claims().unwrap();
        assert_eq!(dump(&one), dump(&db));
    }

    #[test]
    fn a_batch_groups_claims_where_single_ingest_would() {
        let docs = articles();
        let mut db = Store::open_in_memory().unwrap();
        // As if this handle had stored all but one quotation of a grouping batch.
        db.ungrouped = GROUP_BATCH - 1;
        let opts = IngestOptions::default();
        let results = db.ingest_batch(&batch(&docs[..3], &opts));
        assert!(results.iter().all(Result::is_ok));
        // The first document reached the batch size; it was grouped before the second
        // was stored, as `ingest` would have done.
        let (grouped, last) = crate::claims::group::pending_range(&db.conn).unwrap();
        assert_eq!(grouped, 1);
        assert_eq!(last, 3);
        assert_eq!(db.ungrouped, 2);
    }
}
