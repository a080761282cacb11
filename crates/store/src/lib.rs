//! SQLite store for documents, speakers, quotes and claims.
//!
//! A [`Store`] is one SQLite database (WAL mode, foreign keys on, versioned schema
//! migrated in place by [`Store::open`]; [`Store::open_read_only`] never writes;
//! [`Store::open_for_ingest`] fills a new file through a rollback journal first, then
//! switches it to WAL). [`Store::ingest`] writes one document and its
//! [`attrib::Extraction`] in a single transaction, skipping content already stored,
//! and attaches each speaker to the same person seen in earlier documents
//! (the `speakers` module explains the rules). The read side answers who said what:
//! [`Store::quotes`] with a [`QuoteFilter`], [`Store::speakers`], [`Store::document`].
//!
//! Claims: every quotation is a sighting of a claim, grouped across documents after
//! ingest, a batch at a time; [`Store::check_claim`], [`Store::claims`] and
//! [`Store::timeline`] read them. Grouping writes, so those queries take `&mut self`,
//! and a handle that ingested should end with [`Store::close`], which groups what is
//! left and reports errors (dropping a `Store` writes nothing).
//!
//! Modules (private; their types are re-exported here): `open` (read-write and
//! read-only opening), `prepared` (statements kept for a transaction), `schema` (recognising whosaid's files, tables and
//! migrations, with the live schema checked in as `schema.sql`), `ingest`, `speakers`
//! (matching, merge and split), `queries`, `search` ([`fts_query`]), `claims`
//! (grouping, comparing and reporting statements), `sql_types` (kinds as columns).
//!
//! ```
//! use attrib::{Document, Entity, EntityKind, Extraction, Quote, QuoteKind, Span};
//! use store::{IngestOutcome, QuoteFilter, Store};
//!
//! let mut db = Store::open_in_memory()?;
//! let mut doc = Document::new("a1", "\"We will talk,\" said Hakan Fidan.");
//! doc.date = Some("2025-05-16".parse().unwrap());
//! let ex = Extraction {
//!     sentences: vec![Span::new(0, doc.text.len())],
//!     entities: vec![Entity {
//!         canonical: "Hakan Fidan".into(),
//!         kind: EntityKind::Person,
//!         roles: vec!["Foreign Minister".into()],
//!         mentions: vec![Span::new(21, 32)],
//!     }],
//!     quotes: vec![Quote {
//!         span: Span::new(1, 14),
//!         parts: vec![],
//!         kind: QuoteKind::Direct,
//!         speaker: Some(0),
//!         mention: Some(Span::new(21, 32)),
//!         cue: Some(Span::new(16, 20)),
//!         confidence: 0.9,
//!         sentence: 0,
//!     }],
//! };
//! assert!(matches!(db.ingest(&doc, &ex)?, IngestOutcome::Added { quotes: 1, .. }));
//! assert!(matches!(db.ingest(&doc, &ex)?, IngestOutcome::Duplicate { .. }));
//!
//! let filter = QuoteFilter { speaker: Some("FIDAN".into()), ..Default::default() };
//! let rows = db.quotes(&filter)?;
//! assert_eq!(rows[0].text, "We will talk,");
//! assert_eq!(rows[0].date.map(|d| d.to_string()).as_deref(), Some("2025-05-16"));
//!
//! // Group what is pending into claims and close; errors are reported here.
//! assert_eq!(db.close()?, 1);
//! # Ok::<(), store::Error>(())
//! ```

use std::path::Path;

mod claims;
mod error;
mod export;
mod ingest;
mod linking;
mod open;
mod prepared;
mod queries;
mod report;
mod schema;
mod search;
mod speakers;
mod sql_types;
mod stats;

pub use claims::diff::{Change, Polarity, Tracker, changes};
pub use claims::query::{
    CheckFilter, ClaimFilter, ClaimReport, ClaimSummary, Sighting, TimelineFilter, TimelineRow,
};
pub use claims::{GROUP_BATCH, SAME_CLAIM};
pub use error::{Candidate, Error};
pub use export::{ClaimExport, QuotationExport, SightingExport, SpeakerExport};
pub use ingest::{BatchItem, IngestOptions, IngestOutcome};
pub use queries::{
    DocumentRow, QuoteFilter, QuoteRow, Sort, SpeakerFilter, SpeakerRow, SpeakerSort, Stats,
};
pub use report::RoleSpan;
pub use schema::{APPLICATION_ID, VERSION as SCHEMA_VERSION};
pub use search::fts_query;
pub use stats::{CountKey, CountRow, UnknownCountKey};

/// An open whosaid database.
///
/// Quotations stored through [`Store::ingest`] are grouped into claims a batch at a
/// time; end a handle that ingested with [`Store::close`] (or call
/// [`Store::group_claims`]) to group the rest and see any error. Dropping it writes
/// nothing: what it left pending is grouped by the next grouping of any handle.
pub struct Store {
    pub(crate) conn: rusqlite::Connection,
    /// Opened by [`Store::open_read_only`]: nothing is grouped on close.
    pub(crate) read_only: bool,
    /// Quotations this handle stored and has not yet grouped into claims (see
    /// [`Store::group_claims`]).
    pub(crate) ungrouped: usize,
    /// The quotation ids (after, up to) in `temp.pending_fts`, if built: see
    /// [`Store::quotes`]' handling of pending quotations. A `Cell` because that
    /// per-connection temporary index is a cache of a read query (`&self`); it never
    /// writes the database.
    pub(crate) pending_range: std::cell::Cell<Option<(i64, i64)>>,
    /// What grouping knows of the stored claim keys, kept between groupings.
    pub(crate) key_filter: Option<claims::keyfilter::KeyFilter>,
    /// Created by [`Store::open_for_ingest`] with a rollback journal: switched to WAL
    /// on close.
    pub(crate) wal_on_close: bool,
}

impl Store {
    /// Open the database at `path` to write it: create it if missing (or empty) and
    /// bring its schema up to date. Refuses, without writing a byte, an SQLite file
    /// whosaid did not make ([`Error::Foreign`]) and one from a newer whosaid
    /// ([`Error::NewerSchema`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Store, Error> {
        Ok(Store::new(open::read_write(path.as_ref())?, false))
    }

    /// [`Store::open`] for loading many documents: a database this call creates is
    /// filled with a rollback journal, which writes each page once, and switched to
    /// WAL (so that readers never wait on the writer) by [`Store::close`], or by the
    /// next [`Store::open`] when the load was interrupted.
    pub fn open_for_ingest(path: impl AsRef<Path>) -> Result<Store, Error> {
        let (conn, created) = open::read_write_bulk(path.as_ref())?;
        let mut store = Store::new(conn, false);
        store.wal_on_close = created;
        Ok(store)
    }

    /// Open the existing database at `path` to query it, never writing to it: no
    /// migration (an older schema this build cannot query is [`Error::OlderSchema`]),
    /// and it works in a read-only folder or on a read-only file (the `open` module
    /// explains how). Claim queries see what was grouped; [`Store::close`] groups
    /// nothing.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, Error> {
        Ok(Store::new(open::read_only(path.as_ref())?, true))
    }

    /// A fresh database in memory (tests, examples, one-off runs).
    pub fn open_in_memory() -> Result<Store, Error> {
        let mut conn = rusqlite::Connection::open_in_memory()?;
        open::configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store::new(conn, false))
    }

    fn new(conn: rusqlite::Connection, read_only: bool) -> Store {
        Store {
            conn,
            read_only,
            ungrouped: 0,
            pending_range: std::cell::Cell::new(None),
            key_filter: None,
            wal_on_close: false,
        }
    }

    /// The underlying connection, for SQL this crate's API does not cover.
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.conn
    }

    /// Run SQLite's integrity and foreign-key checks; [`Error::Corrupt`] on a problem.
    pub fn check(&self) -> Result<(), Error> {
        // A connection that has used the FTS index keeps some of its state between
        // transactions; after another process has written, the FTS integrity check
        // can then report a sound index as malformed. A fresh connection sees only
        // the file.
        match self.conn.path().filter(|p| !p.is_empty()) {
            Some(path) => {
                let fresh = rusqlite::Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                fresh.busy_timeout(open::BUSY_TIMEOUT)?;
                check_connection(&fresh)
            }
            None => check_connection(&self.conn),
        }
    }
}

fn check_connection(conn: &rusqlite::Connection) -> Result<(), Error> {
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(Error::Corrupt(verdict));
    }
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = st.query([])?;
    if let Some(r) = rows.next()? {
        let table: String = r.get(0)?;
        return Err(Error::Corrupt(format!(
            "dangling foreign key in table {table}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
