//! `whosaid completions SHELL`: a completion script generated from the command-line
//! definition itself (clap_complete), so it never falls behind the options.

use std::io;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Ctx;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid completions bash > ~/.local/share/bash-completion/completions/whosaid
  whosaid completions zsh > ~/.zfunc/_whosaid      # with fpath+=(~/.zfunc) in .zshrc
  whosaid completions fish > ~/.config/fish/completions/whosaid.fish")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Run `whosaid completions`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    let mut cmd = crate::Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "whosaid", &mut io::stdout().lock());
    Ok(true)
}
