//! Claims: sightings of the same statement grouped across documents.
//!
//! Every stored quotation (direct, mixed or indirect) is a *sighting* of a *claim*.
//! Grouping takes the quotations stored since its last run, in order: each one looks
//! up candidate sightings by retrieval keys (a bottom-k sketch of the statement's
//! folded terms, see [`sketch`]) in the indexed `claim_keys` table and among the batch
//! not yet written, checks the few best candidates with [`similarity`], and joins the
//! best one's claim or opens a new claim. Each sighting costs a bounded number of
//! index lookups, so grouping is near-linear in the number of quotations; nothing is
//! ever compared all-pairs. Grouping runs after ingest, a batch at a time, rather than
//! inside each document's transaction: the keys are random, and written one document
//! at a time they dirtied some forty index pages per document, which halved ingest
//! throughput. The same batch adds the quotations to the full-text index, for the
//! same reason.
//!
//! A quotation's life:
//!
//! ```text
//!   Store::ingest (one transaction per document)
//!         │
//!         ▼
//!   ┌─────────┐   a `quotes` row with its document, speaker and roles; ingest writes
//!   │ stored  │   nothing else, so as soon as its transaction commits it is:
//!   └─────────┘
//!         │
//!         ▼
//!   ┌─────────┐   not in `quotes_fts`, no sighting, no keys: `id > MAX(sightings.
//!   │ pending │   quote_id)` (`group::PENDING`) tells it apart. Every query that does
//!   └─────────┘   not search text shows it; `quotes --search` finds it through
//!         │       `temp.pending_fts`, a per-connection index rebuilt when the
//!         │       pending range changes. No claim query sees it yet.
//!         │  a grouping batch, one IMMEDIATE transaction over every pending
//!         │  quotation (whoever stored it): `Store::group_claims`, `Store::close`,
//!         │  ingest every GROUP_BATCH quotations, this handle's claim queries
//!         │  (`&mut self`) before they read; `Store::rebuild_claims` and schema
//!         │  the last migration that regroups (14) regroup everything
//!         ▼
//!   ┌─────────┐   in `quotes_fts`; one row in `sightings` (its claim, score and
//!   │ grouped │   term hashes, and its binding: whether it means what it says only
//!   └─────────┘   from its speaker or in its article, see `statement::Binding`) and
//!                 INDEX_KEYS rows in `claim_keys`.
//! ```
//!
//! Dropping a `Store` writes nothing: a handle that stored quotations calls
//! `Store::close` (or `Store::group_claims`) to group them; if it does not, they stay
//! pending until the next grouping of any process.
//!
//! Modules: [`text`] (terms), [`sketch`] (stored keys and hashes), [`similarity`],
//! [`lookup`] (a `check` query as weighted terms),
//! [`statement`] (numbers, units, dates), [`diff`] (what changed), [`group`] (the write
//! side), [`query`] (the read side: `Store::check_claim`, `Store::claims`,
//! `Store::timeline`) and [`keyfilter`] (a Bloom filter over stored keys).

pub(crate) mod diff;
pub(crate) mod group;
pub(crate) mod keyfilter;
pub(crate) mod lookup;
pub(crate) mod query;
pub(crate) mod similarity;
pub(crate) mod sketch;
pub(crate) mod statement;
pub(crate) mod text;

/// Statements scoring at least this in the `similarity` score are sightings of the
/// same claim.
pub const SAME_CLAIM: f64 = 0.7;

/// How many of a statement's terms are stored as retrieval keys (see [`sketch::keys`]).
pub const INDEX_KEYS: usize = 8;

/// How many keys a new statement looks up; more than [`INDEX_KEYS`] so that a longer
/// re-report still reaches the keys of a shorter, earlier one.
pub const QUERY_KEYS: usize = 16;

/// Sightings read per key, the most recent ones: that bounds the work per new
/// quotation even for keys thousands of statements share. Formatted into the SQL
/// text rather than bound: a bound LIMIT made SQLite re-prepare the statement at
/// every step.
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

/// Claims `check` reports at most (the oldest first).
const CHECK_CLAIMS: usize = 100;

#[cfg(test)]
mod tests;
