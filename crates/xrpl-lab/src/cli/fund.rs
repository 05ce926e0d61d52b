//! `xrpl-lab fund [--dry-run]`: one faucet request for the learner's wallet.
//!
//! Exit 0 when funded or when funding failed for a reason worth retrying later; exit 2 when the
//! faucet rate-limits (the learner must wait, as the original signals).

use std::process::ExitCode;

use clap::Args;

use crate::lab_error::LabError;
use crate::transport::{LedgerClient, Transport};
use crate::workspace::LearnerFiles;

#[derive(Debug, Args)]
pub struct FundArgs {
    /// Fund on the workspace's sandbox ledger instead of the network.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: FundArgs) -> ExitCode {
    let files = LearnerFiles::resolve(None, None);
    let address = match files.state.load() {
        Ok(state) => state.wallet_address.filter(|a| !a.is_empty()),
        Err(e) => {
            super::print_error(&e.to_lab_error());
            return ExitCode::from(1);
        }
    };
    let Some(address) = address else {
        println!("No wallet found. Create one with: xrpl-lab wallet create");
        return ExitCode::SUCCESS;
    };
    let outcome = super::block_on(async {
        let transport = Transport::for_learner(args.dry_run, &files.workspace)?;
        transport
            .fund(&address)
            .await
            .map_err(|e| e.to_lab_error())?;
        let drops = LedgerClient::new(&transport)
            .balance_drops(&address)
            .await
            .map_err(|e| e.to_lab_error())?;
        Ok::<u64, LabError>(drops)
    });
    match outcome {
        Ok(drops) => {
            println!(
                "Funded! Balance: {}.{:06} XRP",
                drops / 1_000_000,
                drops % 1_000_000
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.code == "RUNTIME_FAUCET_RATE_LIMITED" => {
            super::print_error(&e);
            ExitCode::from(2)
        }
        Err(e) => {
            println!("Funding failed: {}", e.message);
            println!("  {}", e.hint);
            ExitCode::SUCCESS
        }
    }
}
