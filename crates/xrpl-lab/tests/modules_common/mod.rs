//! The harness the per-family module tests share: one learner (a temp home and workspace) on a
//! real in-process sandbox ledger, a module run through the real runner, and ledger reads
//! through the same JSON-RPC face any client uses.

#![allow(dead_code)] // each test binary uses its own subset

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;
use xrpl_lab::curriculum::Catalog;
use xrpl_lab::runner::run::{RunOptions, run_module};
use xrpl_lab::runner::{EventSink, RunEvent, RunOutcome};
use xrpl_lab::transport::Transport;
use xrpl_lab::transport::rpc::RpcTransport;
use xrpl_lab::transport::sandbox::SandboxTransport;
use xrpl_lab::workspace::LearnerFiles;
use xrpl_lab::workspace::{Home, Workspace};
use xrpl_sandbox::{Ledger, LedgerConfig};

/// XRP the sandbox faucet grants per request, in drops.
pub const FAUCET_DROPS: u64 = xrpl_sandbox::faucet::DEFAULT_FAUCET_DROPS;

pub struct Learner {
    _dir: tempfile::TempDir,
    pub files: LearnerFiles,
    pub transport: Transport,
}

/// What one run produced.
pub struct Ran {
    pub outcome: RunOutcome,
    pub events: Vec<RunEvent>,
}

impl Ran {
    /// Every line of output, in order.
    pub fn said(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match e {
                RunEvent::Output { text } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn said_line(&self, needle: &str) -> bool {
        self.said().iter().any(|t| t.contains(needle))
    }

    /// The result codes of every submitted transaction, in order.
    pub fn codes(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match e {
                RunEvent::Tx { result_code, .. } => Some(result_code.clone()),
                _ => None,
            })
            .collect()
    }

    /// Asserts a successful completion with a report listing every txid; returns the txids.
    pub fn completed(&self, module: &str) -> Vec<String> {
        let RunOutcome::Completed {
            success: true,
            txids,
            report_path,
        } = &self.outcome
        else {
            panic!(
                "{module} did not complete: {:?}\n{}",
                self.outcome,
                self.said().join("\n")
            );
        };
        assert!(
            report_path.ends_with(&format!("reports/{module}.md")),
            "{report_path}"
        );
        let report = std::fs::read_to_string(report_path).unwrap();
        for txid in txids {
            assert!(report.contains(txid.as_str()), "report lists {txid}");
        }
        let steps = self
            .events
            .iter()
            .filter(|e| matches!(e, RunEvent::Step { .. }))
            .count();
        let done = self
            .events
            .iter()
            .filter(|e| matches!(e, RunEvent::StepComplete { success: true, .. }))
            .count();
        assert_eq!(steps, done, "every step completed successfully");
        txids.clone()
    }
}

impl Learner {
    pub fn new() -> Self {
        Self::with_ledger(Ledger::new(LedgerConfig::default()))
    }

    pub fn with_ledger(ledger: Ledger) -> Self {
        let sandbox = SandboxTransport::new(Arc::new(Mutex::new(ledger)));
        Self::with_transport(Transport::Sandbox(sandbox))
    }

    /// A learner whose runs go over HTTP JSON-RPC, the network path, to a sandbox ledger node
    /// on an ephemeral loopback port (it stops with the test's runtime).
    pub async fn over_http() -> Self {
        let ledger = Arc::new(Mutex::new(Ledger::new(LedgerConfig::default())));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, xrpl_lab::ledger_node::router(ledger))
                .await
                .unwrap();
        });
        Self::with_transport(Transport::Rpc(RpcTransport::new(
            format!("http://{addr}/"),
            format!("http://{addr}/accounts"),
        )))
    }

    pub fn with_transport(transport: Transport) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::at(dir.path().join("home"));
        let files = LearnerFiles::new(
            home,
            Workspace::new(dir.path().join("work").join(".xrpl-lab")),
        );
        Self {
            _dir: dir,
            files,
            transport,
        }
    }

    pub async fn run(&self, module_id: &str) -> Ran {
        self.run_from(&[], module_id).await
    }

    /// Runs a module with `extra_dirs` loaded over the bundled modules (a module file there
    /// overrides the bundled one of the same id).
    pub async fn run_from(&self, extra_dirs: &[std::path::PathBuf], module_id: &str) -> Ran {
        let catalog = Catalog::load(extra_dirs).unwrap();
        let module = catalog.get(module_id).unwrap();
        let events = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&events);
        let sink: EventSink = Arc::new(move |e| seen.lock().unwrap().push(e));
        let options = RunOptions {
            dry_run: matches!(self.transport, Transport::Sandbox(_)),
            ..RunOptions::default()
        };
        let outcome = run_module(
            module,
            &self.transport,
            &self.files,
            &options,
            sink,
            CancellationToken::new(),
        )
        .await;
        let events = events.lock().unwrap().clone();
        Ran { outcome, events }
    }

    pub async fn rpc(&self, method: &str, params: Value) -> Value {
        self.transport.call(method, params).await.unwrap()
    }

    pub fn address(&self) -> String {
        self.files.state.load().unwrap().wallet_address.unwrap()
    }

    /// The learner's AccountRoot in the validated ledger.
    pub async fn account(&self) -> Value {
        self.rpc(
            "account_info",
            json!({ "account": self.address(), "ledger_index": "validated" }),
        )
        .await["account_data"]
            .clone()
    }

    pub async fn balance_drops(&self) -> u64 {
        self.account().await["Balance"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    }

    /// A validated transaction by id.
    pub async fn tx(&self, txid: &str) -> Value {
        let tx = self
            .rpc("tx", json!({ "transaction": txid, "binary": false }))
            .await;
        assert_eq!(tx["validated"], true, "{txid} is validated");
        tx
    }

    /// The sum of the fees the learner's account paid for `txids`, in drops.
    pub async fn fees_paid(&self, txids: &[String]) -> u64 {
        let mut total = 0;
        for txid in txids {
            let tx = self.tx(txid).await;
            let tx_json = tx.get("tx_json").unwrap_or(&tx);
            if tx_json["Account"] == self.address().as_str() {
                total += tx_json["Fee"].as_str().unwrap().parse::<u64>().unwrap();
            }
        }
        total
    }

    /// One ledger object by id from the validated ledger, `None` when absent.
    pub async fn ledger_object(&self, index: &str) -> Option<Value> {
        match self
            .transport
            .call(
                "ledger_entry",
                json!({ "index": index, "ledger_index": "validated" }),
            )
            .await
        {
            Ok(reply) => Some(reply["node"].clone()),
            Err(e) if e.rpc_error() == Some("entryNotFound") => None,
            Err(e) => panic!("ledger_entry failed: {e}"),
        }
    }
}
