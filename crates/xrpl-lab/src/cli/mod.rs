//! The `xrpl-lab` command line. One file per command (or command group); this file only declares
//! the grammar and dispatches. Exit codes: 0 ok, 1 failure, 2 usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod completions;
mod ledger;
mod run;

/// XRPL Lab: learn the XRP Ledger by doing, prove it by artifact.
#[derive(Debug, Parser)]
#[command(name = "xrpl-lab", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a module, step by step (`--dry-run` for the offline sandbox ledger).
    Run(run::RunArgs),
    /// The sandbox ledger as a local rippled-compatible node.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
}

/// Parses the command line, runs the command, and maps its result to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Run(args) => run::run(args),
        Command::Ledger(command) => ledger::run(command),
    }
}

/// Prints a structured error the way every command does: one line, then the hint.
pub(crate) fn print_error(err: &crate::lab_error::LabError) {
    eprintln!("error: {}", err.message);
    if !err.hint.is_empty() {
        eprintln!("  hint: {}", err.hint);
    }
}
