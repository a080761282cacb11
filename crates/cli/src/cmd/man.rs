//! `whosaid man [SUBCOMMAND]`: the manual page (roff), generated from the command-line
//! definition (clap_mangen) so that it never falls behind the options: whosaid(1), which
//! lists the subcommands, or one subcommand's page with all its options, as
//! whosaid-SUBCOMMAND(1).

use std::io::{self, BufWriter, Write};

use clap::CommandFactory;

use crate::Ctx;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid man | man -l -
  whosaid man quotes | man -l -
  for c in '' quotes check claims timeline; do whosaid man $c > whosaid${c:+-$c}.1; done")]
pub struct Args {
    /// A subcommand whose page to print (its options in full) instead of the main page.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
}

/// Run `whosaid man`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    let mut cli = crate::Cli::command();
    let man = match &args.subcommand {
        None => clap_mangen::Man::new(cli),
        Some(name) => {
            cli.build();
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = cli.get_subcommands().map(|s| s.get_name()).collect();
                anyhow::bail!("no subcommand {name:?} (one of: {})", names.join(", "));
            };
            // whosaid-quotes(1), with the usage line as the shell has it.
            clap_mangen::Man::new(
                sub.clone()
                    .bin_name(format!("whosaid {name}"))
                    .version(env!("CARGO_PKG_VERSION")),
            )
            .title(format!("whosaid-{name}"))
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    man.render(&mut out)?;
    out.flush()?;
    Ok(true)
}
