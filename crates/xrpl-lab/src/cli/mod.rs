//! The `xrpl-lab` command line. One file per command (or command group); this file only declares
//! the grammar and dispatches. Exit codes: 0 ok, 1 failure, 2 usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod completions;
mod serve;

/// XRPL Lab: learn the XRP Ledger by doing, prove it by artifact.
#[derive(Debug, Parser)]
#[command(name = "xrpl-lab", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// Serve the JSON API, the live run stream and the web dashboard.
    Serve(serve::ServeArgs),
}

/// Parses the command line, runs the command, and maps its result to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Serve(args) => serve::run(args),
    }
}
