//! SQLite store for documents, speakers, quotes and claims.
//!
//! (skeleton: to be written)

mod claims;
mod compare;
mod error;

pub use error::Error;

/// An open whosaid database.
pub struct Store {
    pub(crate) conn: rusqlite::Connection,
}
