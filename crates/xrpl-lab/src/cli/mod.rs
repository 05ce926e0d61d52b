//! The `xrpl-lab` command line. One file per command (or command group); this file only declares
//! the grammar and dispatches. Exit codes: 0 ok, 1 failure, 2 usage.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod completions;
mod ledger;
mod keys;
mod lint;
mod list;
mod module_init;
mod run;
mod tracks;
mod tx;

/// XRPL Lab: learn the XRP Ledger by doing, prove it by artifact.
#[derive(Debug, Parser)]
#[command(name = "xrpl-lab", version, about, propagate_version = true)]
pub struct Cli {
    /// Also load modules from DIR (repeatable; later dirs override the same module id).
    #[arg(long = "modules", value_name = "DIR", global = true)]
    pub modules: Vec<PathBuf>,

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
    /// List every module in curriculum order.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Show the tracks, their modules and the skills they prove.
    Tracks {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Check module files (default: the modules the lab loads) and the curriculum.
    Lint {
        /// Which files to lint, e.g. 'modules/*.md'.
        glob: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        /// Skip the curriculum-level checks (prerequisites, cycles, tracks, order).
        #[arg(long)]
        no_curriculum: bool,
    },
    /// Author modules.
    Module {
        #[command(subcommand)]
        command: ModuleCommand,
    },
    /// Seeds and key pairs: derive an address from a seed, generate a new seed.
    Keys {
        #[command(subcommand)]
        command: keys::KeysCommand,
    },
    /// Transactions: encode, decode, sign and hash (JSON on stdin, JSON out).
    Tx {
        #[command(subcommand)]
        command: tx::TxCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ModuleCommand {
    /// Scaffold a new module file that already lints.
    Init(module_init::InitArgs),
}

/// Parses the command line, runs the command, and maps its result to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let dirs = &cli.modules;
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Run(args) => run::run(args, dirs),
        Command::Ledger(command) => ledger::run(command),
        Command::List { json } => list::run(dirs, json, None),
        Command::Tracks { json } => tracks::run(dirs, json, None),
        Command::Lint {
            glob,
            json,
            no_curriculum,
        } => lint::run(dirs, glob.as_deref(), json, no_curriculum),
        Command::Module {
            command: ModuleCommand::Init(args),
        } => module_init::run(dirs, args),
        Command::Keys { command } => keys::run(command),
        Command::Tx { command } => tx::run(command),
    }
}

/// Prints a structured error the way every command does: one line, then the hint.
pub(crate) fn print_error(err: &crate::lab_error::LabError) {
    use owo_colors::OwoColorize;
    anstream::eprintln!("{} {}", "Error:".red().bold(), err.message);
    if !err.hint.is_empty() {
        anstream::eprintln!("  {}", err.hint);
    }
}
