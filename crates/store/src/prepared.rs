//! Statements a transaction runs thousands of times, prepared once and kept.
//!
//! `prepare_cached` looks the SQL text up on every call, copies it into a new key,
//! and on return clears the bindings and hashes the text again: for the one-row
//! statements ingest runs per name and alias that was a sixth of their cost (1.4% of
//! ingesting PolNeAR). A slot filled on first use keeps the statement instead; it
//! goes back to the connection's cache when its holder is dropped with the
//! transaction.

use rusqlite::{CachedStatement, Connection};

/// The statement in `slot`, prepared from `sql` (through the connection's cache) the
/// first time.
pub(crate) fn prepared<'s, 'c>(
    slot: &'s mut Option<CachedStatement<'c>>,
    conn: &'c Connection,
    sql: &str,
) -> rusqlite::Result<&'s mut CachedStatement<'c>> {
    match slot {
        Some(st) => Ok(st),
        None => Ok(slot.insert(conn.prepare_cached(sql)?)),
    }
}
