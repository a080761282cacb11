//! `whosaid speakers` (not written yet).

use crate::Ctx;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    anyhow::bail!("`whosaid speakers` is not implemented yet")
}
