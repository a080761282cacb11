//! SQLite store for documents, speakers, quotes and claims.
//!
//! (skeleton: to be written)
