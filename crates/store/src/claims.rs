//! Claims: sightings of the same statement grouped across documents (SQL side).
//!
//! (interface skeleton: being written)

use crate::Error;

/// Tables and indexes this module keeps; part of the schema's first migration.
pub(crate) const SCHEMA: &str = "";

/// Put the stored quote `quote_id` into a claim: an existing one when a sufficiently
/// similar sighting exists, else a new one. Runs inside the ingest transaction.
pub(crate) fn assign(tx: &rusqlite::Transaction<'_>, quote_id: i64) -> Result<(), Error> {
    let _ = (tx, quote_id);
    Ok(())
}
