//! `xrpl-lab audit --txids FILE [--expect FILE] [--csv PATH] [--md PATH] [--dry-run] [--no-pack]`:
//! checks a batch of transactions against expectations and writes a markdown report, an optional
//! CSV and a sealed audit pack. Exit 0 even when verdicts fail: the verdicts are the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::{eprintln, println};
use clap::Args;
use owo_colors::OwoColorize;

use super::learner::{Learner, ledger_lookup, report};
use crate::network;
use crate::workspace::audit::{self, AuditReport, AuditTx, Expectations};
use crate::workspace::clock;

#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// File of txids, one per line (blank lines and # comments are skipped).
    #[arg(long, value_name = "FILE")]
    pub txids: PathBuf,
    /// Expectations JSON (defaults and per-txid overrides).
    #[arg(long, value_name = "FILE")]
    pub expect: Option<PathBuf>,
    /// Also write a CSV report here.
    #[arg(long, value_name = "PATH")]
    pub csv: Option<PathBuf>,
    /// Write the markdown report here (default: .xrpl-lab/reports/audit_<stamp>.md).
    #[arg(long, value_name = "PATH")]
    pub md: Option<PathBuf>,
    /// Audit against the offline sandbox ledger.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not write the audit pack.
    #[arg(long)]
    pub no_pack: bool,
}

fn missing(flag: &str, path: &std::path::Path) -> ExitCode {
    eprintln!(
        "Error: Invalid value for '{flag}': Path '{}' does not exist.",
        path.display()
    );
    ExitCode::from(2)
}

pub fn run(args: &AuditArgs) -> ExitCode {
    if !args.txids.exists() {
        return missing("--txids", &args.txids);
    }
    let text = match std::fs::read_to_string(&args.txids) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("Error: Cannot read txids file ({:?}).", e.kind());
            return ExitCode::from(1);
        }
    };
    let expect = match &args.expect {
        None => Expectations::default(),
        Some(p) if !p.exists() => return missing("--expect", p),
        Some(p) => {
            let parsed = std::fs::read_to_string(p)
                .map_err(|e| format!("Cannot read expectations file ({:?}).", e.kind()))
                .and_then(|t| Expectations::from_json(&t));
            match parsed {
                Ok(e) => e,
                Err(msg) => {
                    eprintln!("Error: {msg}");
                    return ExitCode::from(1);
                }
            }
        }
    };
    let txids = audit::parse_txids(&text);
    if txids.is_empty() {
        println!("No txids found in file.");
        return ExitCode::SUCCESS;
    }
    let (net, endpoint) = if args.dry_run {
        ("dry-run".to_string(), "none".to_string())
    } else {
        let url = network::rpc_url_from_env();
        (network::classify_network(&url).as_str().to_string(), url)
    };
    let verdicts = txids
        .iter()
        .map(|txid| {
            let fetched = ledger_lookup(&net, txid).unwrap_or_else(|e| AuditTx {
                txid: txid.clone(),
                tx_type: String::new(),
                account: String::new(),
                destination: String::new(),
                amount: String::new(),
                fee: String::new(),
                result_code: String::new(),
                ledger_index: None,
                memos: None,
                validated: false,
                fetch_error: Some(e),
            });
            audit::audit_tx(&fetched, &expect)
        })
        .collect();
    let now = clock::now_ts();
    let report_data = AuditReport {
        verdicts,
        endpoint,
        tool_version: crate::VERSION.to_string(),
        timestamp: clock::utc_z(now),
    };
    let learner = Learner::from_env();
    let outputs = match audit::write_outputs(
        &report_data,
        &learner.ws,
        &clock::file_stamp(now),
        args.md.as_deref(),
        args.csv.as_deref(),
        !args.no_pack,
    ) {
        Ok(o) => o,
        Err(e) => return report(e),
    };
    println!("{}", "XRPL Lab Audit".bold());
    println!("Checked: {} transactions", report_data.total());
    println!("  Pass:    {}", report_data.passed().to_string().green());
    println!("  Fail:    {}", report_data.failed().to_string().red());
    println!(
        "  Missing: {}",
        report_data.not_found().to_string().yellow()
    );
    let summary = report_data.failure_summary();
    if !summary.is_empty() {
        println!("Top failure reasons:");
        for (reason, n) in summary {
            println!("  - {reason}: {n}");
        }
    }
    println!();
    println!("Report: {}", outputs.markdown.display());
    if let Some(p) = &outputs.csv {
        println!("CSV: {}", p.display());
    }
    if let Some(p) = &outputs.pack {
        println!("Audit pack: {}", p.display());
    }
    ExitCode::SUCCESS
}
