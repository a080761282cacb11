//! One module per subcommand. Each has an `Args` (clap) and a `run` that returns
//! `Ok(true)` when everything succeeded, `Ok(false)` when some inputs failed but the
//! rest were processed or a query matched nothing (exit code 1, as grep), and `Err`
//! when the command could not run at all.

pub mod check;
pub mod claims;
pub mod common;
pub mod completions;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod man;
pub mod quotes;
pub mod report;
pub mod segment;
pub mod show;
pub mod speakers;
pub mod stats;
pub mod timeline;

use anyhow::Context;
use store::Store;

use crate::Ctx;

/// Open the database for a command that only reads it, never writing to it (no
/// migration; it works on a read-only file or folder). A missing file is an error (a
/// typo in --db should not silently create an empty database).
pub fn open_to_read(ctx: &Ctx) -> anyhow::Result<Store> {
    must_exist(ctx)?;
    Store::open_read_only(&ctx.db).with_context(|| ctx.db.display().to_string())
}

/// Open the database for a correction (`speakers merge|split|alias`): it must exist,
/// and is upgraded if older; a foreign SQLite file is refused untouched.
pub fn open_to_edit(ctx: &Ctx) -> anyhow::Result<Store> {
    must_exist(ctx)?;
    Store::open(&ctx.db).with_context(|| ctx.db.display().to_string())
}

fn must_exist(ctx: &Ctx) -> anyhow::Result<()> {
    if !ctx.db.exists() {
        anyhow::bail!(
            "no database at {} (run `whosaid ingest` first, or pass --db)",
            ctx.db.display()
        );
    }
    Ok(())
}
