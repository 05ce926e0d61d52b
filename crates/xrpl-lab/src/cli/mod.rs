//! The `xrpl-lab` command line. One file per command (or command group); this file only declares
//! the grammar and dispatches. Exit codes: 0 ok, 1 failure, 2 usage.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod artifact_verify;
mod audit;
mod certificate;
mod cohort_status;
mod completions;
mod doctor;
mod feedback;
mod fund;
mod keys;
mod last_run;
mod learner;
mod ledger;
mod lint;
mod list;
mod module_init;
mod proof;
mod proof_pack;
mod recovery;
mod reset;
mod run;
mod send;
mod serve;
mod session_export;
mod start;
mod status;
mod support_bundle;
mod tracks;
mod tx;
mod verify;
mod wallet;

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
    /// Where to begin: your progress, the next module, and an offer to run it.
    Start(start::StartArgs),
    /// Run a module, step by step (`--dry-run` for the offline sandbox ledger).
    Run(run::RunArgs),
    /// Ask the faucet to fund your wallet.
    Fund(fund::FundArgs),
    /// Send XRP from your wallet (not recorded as a module receipt).
    Send(send::SendArgs),
    /// Read a transaction back from its ledger and check its receipt.
    Verify(verify::VerifyArgs),
    /// The sandbox ledger as a local rippled-compatible node.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// Serve the JSON API, the live run stream and the web dashboard.
    Serve(serve::ServeArgs),
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
    /// Check your setup: wallet, state, workspace, endpoints, faucet, progress (exit 1 on a failure).
    #[command(visible_alias = "self-check")]
    Doctor {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Author modules.
    Module {
        #[command(subcommand)]
        command: ModuleCommand,
    },
    #[command(flatten)]
    Learner(LearnerCommand),
}

/// The learner-file commands (state, wallet, artifacts, facilitator tools).
#[derive(Debug, Subcommand)]
pub enum LearnerCommand {
    /// Export your proof pack: a sealed record of completed modules and transactions.
    ProofPack,
    /// Generate or verify a proof pack.
    Proof {
        #[command(subcommand)]
        command: proof::ProofCommand,
    },
    /// Export your completion certificate.
    Certificate,
    /// Check a certificate's integrity.
    CertVerify(artifact_verify::VerifyArgs),
    /// Show your progress, your next module and what blocks it.
    Status {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Show the last strategy run and how to audit it.
    LastRun,
    /// Check a batch of transactions against expectations; writes a report and an audit pack.
    Audit(audit::AuditArgs),
    /// Start over (state and workspace), or forget one module; the wallet is kept.
    Reset(reset::ResetArgs),
    /// Suggest the commands that clear whatever is in your way.
    Recovery,
    /// Facilitator: progress of every learner directory under DIR.
    CohortStatus {
        /// The cohort directory (one subdirectory per learner).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = cohort_status::CohortFormat::Table)]
        format: cohort_status::CohortFormat,
    },
    /// Facilitator: archive every learner's artifacts (never wallets or state) with a manifest.
    SessionExport {
        /// The cohort directory (one subdirectory per learner).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = session_export::ExportFormat::TarGz)]
        format: session_export::ExportFormat,
        /// Where to write the archive (default: xrpl_lab_session_<stamp>.<format>).
        #[arg(long, value_name = "FILE")]
        outfile: Option<PathBuf>,
    },
    /// Print a support bundle (markdown, or JSON with --json); no secret is ever included.
    SupportBundle {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Check that FILE is a well-formed support bundle instead.
        #[arg(long, value_name = "FILE")]
        verify: Option<PathBuf>,
    },
    /// Print the support bundle as markdown to paste into an issue or a chat.
    Feedback,
    /// Create or show your Testnet wallet.
    Wallet {
        #[command(subcommand)]
        command: wallet::WalletCommand,
    },
}

impl LearnerCommand {
    fn run(&self, dirs: &[PathBuf]) -> ExitCode {
        match self {
            LearnerCommand::ProofPack => proof_pack::run(dirs),
            LearnerCommand::Proof { command } => proof::run(dirs, command),
            LearnerCommand::Certificate => certificate::run(dirs),
            LearnerCommand::CertVerify(args) => {
                artifact_verify::run(args, crate::workspace::ArtifactKind::Certificate)
            }
            LearnerCommand::Status { json } => status::run(dirs, *json),
            LearnerCommand::LastRun => last_run::run(),
            LearnerCommand::Audit(args) => audit::run(args),
            LearnerCommand::Reset(args) => reset::run(dirs, args),
            LearnerCommand::Recovery => recovery::run(dirs),
            LearnerCommand::CohortStatus { dir, format } => cohort_status::run(dirs, dir, *format),
            LearnerCommand::SupportBundle { json, verify } => {
                support_bundle::run(dirs, *json, verify.as_deref())
            }
            LearnerCommand::SessionExport {
                dir,
                format,
                outfile,
            } => session_export::run(dir, *format, outfile.as_deref()),
            LearnerCommand::Feedback => feedback::run(dirs),
            LearnerCommand::Wallet { command } => wallet::run(command),
        }
    }
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
        Command::Start(args) => start::run(args, dirs),
        Command::Fund(args) => fund::run(args),
        Command::Send(args) => send::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Ledger(command) => ledger::run(command),
        Command::Keys { command } => keys::run(command),
        Command::Tx { command } => tx::run(command),
        Command::Serve(args) => serve::run(args, dirs),
        Command::List { json } => list::run(dirs, json, learner_progress().as_ref()),
        Command::Tracks { json } => tracks::run(dirs, json, tracks::LearnerRecord::load().as_ref()),
        Command::Lint {
            glob,
            json,
            no_curriculum,
        } => lint::run(dirs, glob.as_deref(), json, no_curriculum),
        Command::Doctor { json } => doctor::run(dirs, json),
        Command::Module {
            command: ModuleCommand::Init(args),
        } => module_init::run(dirs, args),
        Command::Learner(command) => command.run(dirs),
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

/// Runs a command's async work on a small runtime of its own (commands are short-lived).
pub(crate) fn block_on<T>(work: impl std::future::Future<Output = T>) -> T {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(work),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            std::process::exit(1)
        }
    }
}

/// The modules the learner has completed, for `list` and `tracks` to mark; `None` before the
/// learner has any state (or when it is unreadable): those commands then show the curriculum alone.
fn learner_progress() -> Option<std::collections::BTreeSet<String>> {
    let store = crate::workspace::LearnerFiles::resolve(None, None).state;
    if !store.exists() {
        return None;
    }
    let state = store.load().ok()?;
    Some(
        state
            .completed_ids()
            .into_iter()
            .map(String::from)
            .collect(),
    )
}
