//! Storing one document and its extraction, atomically.
//!
//! Each document is one transaction: after a crash a document is either stored with
//! all its quotes or absent. A content hash makes re-ingesting a no-op. The full-text
//! index and the grouping into claims are derived data, built a batch at a time
//! afterwards (see [`Store::group_claims`]): FTS5 writes a new index segment at every
//! commit, and with one commit per document those segments and their merging were a
//! third of the time spent storing a document.

use attrib::{Date, Document, Extraction, Span};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::claims::GROUP_BATCH;
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
        let published = doc.date.or(opts.fallback_date);
        // Validate every span before writing anything.
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
        let hash = content_hash(doc);
        if self.ungrouped >= GROUP_BATCH {
            self.group_claims()?;
        }

        // IMMEDIATE: take the write lock now, not on the first insert, so a concurrent
        // writer waits on the busy timeout instead of failing with SQLITE_BUSY.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM documents WHERE hash = ?1")?
            .query_row([&hash], |r| r.get(0))
            .optional()?;
        if let Some(doc_id) = existing {
            return Ok(IngestOutcome::Duplicate { doc_id });
        }
        tx.prepare_cached(
            "INSERT INTO documents(doc_key, hash, path, url, outlet, title, published, ingested, text) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?8)",
        )?
        .execute(params![
            doc.id,
            hash,
            opts.path,
            doc.url,
            doc.source,
            doc.title,
            published,
            doc.text
        ])?;
        let doc_id = tx.last_insert_rowid();

        // Entity index -> stored speaker, resolved on first use so entities that say
        // nothing create no speakers.
        let mut speaker_of: Vec<Option<i64>> = vec![None; ex.entities.len()];
        let mut new_speakers = 0;
        let mut blocks: Vec<String> = Vec::new();
        for (q, text, mention, cue) in &rows {
            let entity = q.speaker.and_then(|i| ex.entities.get(i).map(|e| (i, e)));
            let speaker_id = match entity {
                Some((i, e)) => match speaker_of[i] {
                    Some(id) => Some(id),
                    None => {
                        let said = ex.quotes.iter().filter(|q| q.speaker == Some(i)).count();
                        let (id, created, block) =
                            speakers::resolve(&tx, e, doc_id, &doc.text, said)?;
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
            tx.prepare_cached(
                "INSERT INTO quotes(doc_id, speaker_id, text, kind, start, end, cue, confidence, \
                 sentence, mention, role, entity, parts) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
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
        // The names this document brought decide their speakers now, from everything
        // stored (see `linking`), so every query sees them settled.
        crate::linking::relink(&tx, blocks)?;
        tx.commit()?;
        self.ungrouped += rows.len();
        Ok(IngestOutcome::Added {
            doc_id,
            quotes: rows.len(),
            new_speakers,
        })
    }
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
