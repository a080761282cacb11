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
    /// A name that fits several speakers where one is needed.
    #[error("{name:?} is ambiguous: speakers {ids:?} match; use an id")]
    AmbiguousSpeaker {
        /// The name given.
        name: String,
        /// The ids of the speakers it fits.
        ids: Vec<i64>,
    },
    /// A correction that makes no sense (merging a speaker into itself, removing the
    /// last alias, splitting off an alias the speaker does not have).
    #[error("{0}")]
    InvalidEdit(String),
    /// `PRAGMA integrity_check` or `foreign_key_check` found a problem.
    #[error("database is damaged: {0}")]
    Corrupt(String),
}
