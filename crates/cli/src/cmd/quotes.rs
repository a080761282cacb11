//! `whosaid quotes` (not written yet).

use crate::Ctx;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    anyhow::bail!("`whosaid quotes` is not implemented yet")
}
