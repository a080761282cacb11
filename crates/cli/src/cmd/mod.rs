//! One module per subcommand. Each has an `Args` (clap) and a `run` that returns
//! `Ok(true)` when everything succeeded, `Ok(false)` when some inputs failed but the
//! rest were processed, and `Err` when the command could not run at all.

pub mod check;
pub mod claims;
pub mod common;
pub mod extract;
pub mod ingest;
pub mod quotes;
pub mod segment;
pub mod show;
pub mod speakers;
pub mod timeline;

use anyhow::Context;
use store::Store;

use crate::Ctx;

/// Open the database for a command that only reads or corrects it: a missing file is
/// an error (a typo in --db should not silently create an empty database).
pub fn open_existing(ctx: &Ctx) -> anyhow::Result<Store> {
    if !ctx.db.exists() {
        anyhow::bail!(
            "no database at {} (run `whosaid ingest` first, or pass --db)",
            ctx.db.display()
        );
    }
    Store::open(&ctx.db).with_context(|| ctx.db.display().to_string())
}
