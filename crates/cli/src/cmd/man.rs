//! `whosaid man`: the manual page (roff), generated from the command-line definition
//! (clap_mangen) so that it never falls behind the options. It lists every subcommand;
//! `whosaid SUBCOMMAND --help` gives each one's options and examples.

use std::io::{self, BufWriter, Write};

use clap::CommandFactory;

use crate::Ctx;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid man | man -l -
  whosaid man > ~/.local/share/man/man1/whosaid.1")]
pub struct Args {}

/// Run `whosaid man`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(_args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    clap_mangen::Man::new(crate::Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(true)
}
