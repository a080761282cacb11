//! One module per subcommand. Each has an `Args` (clap) and a `run` that returns
//! `Ok(true)` when everything succeeded, `Ok(false)` when some inputs failed but the
//! rest were processed, and `Err` when the command could not run at all.

pub mod check;
pub mod claims;
pub mod extract;
pub mod ingest;
pub mod quotes;
pub mod segment;
pub mod show;
pub mod speakers;
pub mod timeline;
