//! `xrpl-lab wallet create [--path FILE]` and `xrpl-lab wallet show`. Creating never overwrites an
//! existing wallet; showing prints the address and public key, never the seed.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;
use clap::Subcommand;
use owo_colors::OwoColorize;

use super::learner::{Learner, report};
use crate::workspace::{WalletFile, WorkspaceError};

#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Create a new Testnet wallet (kept in your home directory, owner-only).
    Create {
        /// Write the wallet here instead of the default location.
        #[arg(long, value_name = "FILE")]
        path: Option<PathBuf>,
    },
    /// Show the wallet's address and public key (never the seed).
    Show,
}

pub fn run(command: &WalletCommand) -> ExitCode {
    let learner = Learner::from_env();
    match command {
        WalletCommand::Create { path } => create(&learner, path.as_deref()),
        WalletCommand::Show => show(&learner),
    }
}

fn create(learner: &Learner, path: Option<&std::path::Path>) -> ExitCode {
    let target = path
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| learner.home.wallet_path());
    if target.exists() {
        println!("Wallet already exists at this location.");
        println!("Use 'xrpl-lab wallet show' to view it.");
        return ExitCode::SUCCESS;
    }
    let wallet = match WalletFile::generate() {
        Ok(w) => w,
        Err(e) => return report(e),
    };
    println!(
        "This wallet is for TESTNET use only. Never use xrpl-lab wallets on mainnet — seeds are stored in plaintext."
    );
    let saved = match path {
        None => wallet.save_new(&learner.home),
        Some(p) => match p.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) if !dir.is_dir() => Err(WorkspaceError::io(
                "create",
                "wallet file",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )),
            _ => wallet.save_new_at(p),
        },
    };
    match saved {
        Ok(()) => {}
        Err(WorkspaceError::WalletExists) => {
            println!("Wallet already exists at this location.");
            return ExitCode::SUCCESS;
        }
        Err(e) => return report(e),
    }
    let path_text = target.display().to_string();
    let recorded = learner.store.update(|s| {
        s.wallet_address = Some(wallet.address.clone());
        s.wallet_path = Some(path_text.clone());
    });
    println!("{}", "Wallet created!".green().bold());
    println!("  Address: {}", wallet.address);
    println!("  Saved to: {path_text}");
    println!(
        "{}",
        "Warning: Never share your wallet seed with anyone.".yellow()
    );
    match recorded {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(e),
    }
}

fn show(learner: &Learner) -> ExitCode {
    match WalletFile::load(&learner.home) {
        Ok(w) => {
            println!("  Address:    {}", w.address);
            println!("  Public key: {}", w.public_key);
            ExitCode::SUCCESS
        }
        Err(WorkspaceError::NoWallet) => {
            println!("No wallet found. Run 'xrpl-lab wallet create' first.");
            ExitCode::SUCCESS
        }
        Err(e) => report(e),
    }
}
