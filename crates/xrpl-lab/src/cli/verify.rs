//! `xrpl-lab verify --tx TXID [--dry-run]`: reads one transaction back from its ledger and checks
//! the receipt (validated, `tesSUCCESS`), then shows who paid whom what.

use std::process::ExitCode;

use clap::Args;
use serde_json::Value;

use crate::transport::{LedgerClient, Transport};
use crate::workspace::LearnerFiles;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The transaction id (64 hex characters).
    #[arg(long)]
    pub tx: String,
    /// Look it up on the workspace's sandbox ledger instead of the network.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: VerifyArgs) -> ExitCode {
    if args.tx.len() != 64 || !args.tx.bytes().all(|b| b.is_ascii_hexdigit()) {
        eprintln!("A transaction id is 64 hexadecimal characters.");
        return ExitCode::from(2);
    }
    let files = LearnerFiles::resolve(None, None);
    let found = super::block_on(async {
        let transport = Transport::for_learner(args.dry_run, &files.workspace)?;
        LedgerClient::new(&transport)
            .fetch_tx(&args.tx)
            .await
            .map_err(|e| e.to_lab_error())
    });
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            println!("Verification failed.");
            println!("  ✗ Couldn't fetch the transaction: {}", e.message);
            return ExitCode::from(1);
        }
    };
    let text = |key: &str| found.get(key).and_then(Value::as_str).unwrap_or("");
    let result = found
        .pointer("/meta/TransactionResult")
        .and_then(Value::as_str)
        .unwrap_or("");
    let validated = found.get("validated").and_then(Value::as_bool) == Some(true);
    let passed = validated && result == "tesSUCCESS";
    println!(
        "{}",
        if passed {
            "Verification passed!"
        } else {
            "Verification failed."
        }
    );
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    println!("  {} Result: {result}", mark(result == "tesSUCCESS"));
    println!(
        "  {} Validated: {}",
        mark(validated),
        if validated { "yes" } else { "no" }
    );
    println!("  ✓ Fee: {} drops", text("Fee"));
    println!("Type: {}", text("TransactionType"));
    println!("From: {}", text("Account"));
    if !text("Destination").is_empty() {
        println!("To: {}", text("Destination"));
    }
    if let Some(amount) = found.get("Amount") {
        let shown = match amount {
            Value::String(drops) => format!("{drops} drops"),
            other => format!(
                "{} {}",
                other.get("value").and_then(Value::as_str).unwrap_or(""),
                other.get("currency").and_then(Value::as_str).unwrap_or("")
            ),
        };
        println!("Amount: {shown}");
    }
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
