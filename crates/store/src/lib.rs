//! SQLite store for documents, speakers, quotes and claims.
//!
//! (skeleton: to be written)

pub mod claims;
pub mod compare;
mod error;

pub use error::Error;

/// An open whosaid database.
pub struct Store {
    pub(crate) conn: rusqlite::Connection,
}
