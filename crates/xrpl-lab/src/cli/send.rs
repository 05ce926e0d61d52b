//! `xrpl-lab send --to ADDRESS --amount XRP [--memo TEXT] [--dry-run]`: an XRP payment from the
//! learner's wallet, outside any module (so it is not recorded as a module receipt).

use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use crate::lab_error::LabError;
use crate::transport::{LedgerClient, SubmitResult, Transport};
use crate::workspace::{LearnerFiles, WalletFile};

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Destination address (classic `r…` or X-address).
    #[arg(long)]
    pub to: String,
    /// Amount in XRP (up to six decimals).
    #[arg(long)]
    pub amount: String,
    /// A text memo to attach.
    #[arg(long, default_value = "")]
    pub memo: String,
    /// Send on the workspace's sandbox ledger instead of the network.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: SendArgs) -> ExitCode {
    let drops = match xrpl_proto::amount::Drops::from_xrp_str(args.amount.trim()) {
        Ok(d) if d.get() > 0 => d.get(),
        Ok(_) => {
            eprintln!("Amount must be positive");
            return ExitCode::from(2);
        }
        Err(_) => {
            eprintln!("Invalid amount — must be a number of XRP with at most 6 decimals");
            return ExitCode::from(2);
        }
    };
    let files = LearnerFiles::resolve(None, None);
    let wallet = match WalletFile::load(&files.home) {
        Ok(w) => w,
        Err(e) => {
            let e = e.to_lab_error();
            println!("{}", e.message);
            println!("  {}", e.hint);
            return ExitCode::SUCCESS;
        }
    };
    let sent = super::block_on(async {
        let keys = wallet.key_pair().map_err(|e| e.to_lab_error())?;
        let transport = Transport::for_learner(args.dry_run, &files.workspace)?;
        let mut tx = json!({
            "TransactionType": "Payment",
            "Account": wallet.address,
            "Destination": args.to,
            "Amount": drops.to_string(),
        });
        if !args.memo.is_empty() {
            tx["Memos"] = json!([{ "Memo": {
                "MemoData": hex::encode_upper(args.memo.as_bytes()),
                "MemoType": hex::encode_upper("text/plain"),
            }}]);
        }
        let result = LedgerClient::new(&transport)
            .submit_and_wait(tx, &keys)
            .await?;
        Ok::<(SubmitResult, _), LabError>((result, transport.network()))
    });
    match sent {
        Ok((result, network)) if result.success => {
            println!("Payment sent!");
            println!("  TXID: {}", result.txid);
            println!("  Result: {}", result.result_code);
            let explorer = network.explorer_url(&result.txid);
            if !explorer.is_empty() {
                println!("  Explorer: {explorer}");
            }
            ExitCode::SUCCESS
        }
        Ok((result, _)) => {
            println!("Payment failed: {}", result.error);
            println!("  Result code: {}", result.result_code);
            ExitCode::from(1)
        }
        Err(e) => {
            super::print_error(&e);
            ExitCode::from(1)
        }
    }
}
