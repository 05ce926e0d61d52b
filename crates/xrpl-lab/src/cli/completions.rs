//! `xrpl-lab completions SHELL`: prints a shell completion script generated from the grammar.

use std::io;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

pub fn run(shell: Shell) -> std::process::ExitCode {
    clap_complete::generate(shell, &mut Cli::command(), "xrpl-lab", &mut io::stdout());
    std::process::ExitCode::SUCCESS
}
