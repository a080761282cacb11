//! The store's error type.

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer whosaid; opening it could damage it.
    #[error(
        "database schema version {found} is newer than this whosaid supports ({supported}); \
         upgrade whosaid to open it"
    )]
    NewerSchema {
        /// The `user_version` found in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The database is older than this build and was opened read-only, so it cannot
    /// be upgraded; a command that writes (`whosaid ingest`) upgrades it.
    #[error(
        "database schema version {found} is older than this whosaid's ({supported}); \
         run `whosaid ingest` on it once to upgrade it"
    )]
    OlderSchema {
        /// The `user_version` found in the file.
        found: i64,
        /// The version this build writes.
        supported: i64,
    },
    /// An SQLite database that whosaid did not make: it is left untouched.
    #[error("not a whosaid database ({0}); whosaid leaves it untouched")]
    Foreign(String),
    /// A migration failed; the database is left as it was before it.
    #[error("upgrading the database schema to version {version} failed: {reason}")]
    Migration {
        /// The version the failed migration leads to.
        version: i64,
        /// SQLite's message, without the migration's SQL.
        reason: String,
    },
    /// A read-only database whose write-ahead log cannot be read: reading a `-wal`
    /// file needs its `-shm` index, which cannot be created where the file lies.
    #[error(
        "cannot read the database read-only: it has a write-ahead log ({wal}) but no \
         -shm file, and none can be created there; copy the files to a writable \
         place, or open it once where it can be written"
    )]
    UnreadableWal {
        /// The `-wal` file's path.
        wal: String,
    },
    /// A quote, cue or mention span that does not fit the document text.
    #[error("span {start}..{end} does not fit the text of document {doc:?}")]
    BadSpan {
        /// The document's key.
        doc: String,
        /// Span start (bytes).
        start: usize,
        /// Span end (bytes).
        end: usize,
    },
    /// No stored document has this id or key.
    #[error("no document {0:?}")]
    NoDocument(String),
    /// No stored speaker has this id, name or alias.
    #[error("no speaker {0:?}")]
    NoSpeaker(String),
    /// A key that several stored documents share, where one is needed.
    #[error("{key:?} is the key of {} documents: {}", candidates.len(), list_candidates(candidates))]
    AmbiguousDocument {
        /// The key given.
        key: String,
        /// Each document's id and where it came from (path, URL or title).
        candidates: Vec<(i64, String)>,
    },
    /// A name that fits several speakers where one is needed.
    #[error(
        "{name:?} fits {} speakers; use an id or a fuller name:{}",
        candidates.len(),
        candidates.iter().map(|c| format!("\n  {c}")).collect::<String>()
    )]
    AmbiguousSpeaker {
        /// The name given.
        name: String,
        /// The speakers it fits, the most quoted first.
        candidates: Vec<Candidate>,
    },
    /// An alias another speaker already has: adding it would make the name ambiguous.
    #[error(
        "{alias:?} is already an alias of speaker {owner} ({owner_name}); merge the speakers instead"
    )]
    AliasTaken {
        /// The alias given.
        alias: String,
        /// The speaker that has it.
        owner: i64,
        /// That speaker's name.
        owner_name: String,
    },
    /// A correction that makes no sense (merging a speaker into itself, removing the
    /// last alias, splitting off an alias the speaker does not have).
    #[error("{0}")]
    InvalidEdit(String),
    /// `PRAGMA integrity_check` or `foreign_key_check` found a problem.
    #[error("database is damaged: {0}")]
    Corrupt(String),
}

/// `#3 (a.jsonl), #7 (b.jsonl)`.
fn list_candidates(candidates: &[(i64, String)]) -> String {
    candidates
        .iter()
        .map(|(id, source)| format!("#{id} ({source})"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// Whether the database itself cannot be written (disk full, I/O error, read-only
    /// file, lock held past the busy timeout, damaged file): every later write would
    /// fail the same way, so a batch should stop rather than fail each document. A
    /// problem with one document's data (a bad span, a value SQLite rejects) is not.
    pub fn is_storage_failure(&self) -> bool {
        use rusqlite::ErrorCode as C;
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                C::DiskFull
                    | C::SystemIoFailure
                    | C::ReadOnly
                    | C::CannotOpen
                    | C::DatabaseBusy
                    | C::DatabaseLocked
                    | C::DatabaseCorrupt
                    | C::NotADatabase
                    | C::OutOfMemory
                    | C::PermissionDenied
                    | C::FileLockingProtocolFailed
            ),
            Error::Corrupt(_) | Error::Migration { .. } => true,
            _ => false,
        }
    }
}

/// One of the speakers an ambiguous name fits, as the user tells them apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The speaker's id.
    pub id: i64,
    /// The speaker's name.
    pub name: String,
    /// How many quotations the speaker has.
    pub quotes: i64,
    /// The role the speaker is most often given.
    pub role: Option<String>,
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{} {} ({} quotations", self.id, self.name, self.quotes)?;
        match &self.role {
            Some(r) => write!(f, "; {r})"),
            None => write!(f, ")"),
        }
    }
}
