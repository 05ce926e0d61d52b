//! `xrpl-lab ledger serve` as a child process for the tests that need a real node on loopback:
//! started on a free port, its URL read from the line it prints once bound, and killed
//! (SIGKILL) when the test ends, pass or fail.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_xrpl-lab");

/// A child process killed when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running node: the process and its JSON-RPC URL (`http://127.0.0.1:PORT/`).
pub struct LedgerNode {
    pub process: Killed,
    pub url: String,
}

impl LedgerNode {
    /// Starts `ledger serve --port 0` with `extra` flags and waits until it is listening.
    pub fn start(extra: &[&str]) -> LedgerNode {
        let mut child = Command::new(BIN)
            .args(["ledger", "serve", "--port", "0"])
            .args(extra)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let line = lines.next().unwrap().unwrap();
        // Keep draining stderr so the node never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in: {line}"))
            .to_string();
        assert!(url.ends_with('/') && !url.contains(":0/"), "{line}");
        LedgerNode {
            process: Killed(child),
            url,
        }
    }

    /// The faucet's URL on the same node.
    pub fn faucet_url(&self) -> String {
        format!("{}accounts", self.url)
    }
}

/// A plain node: the process guard and its JSON-RPC URL.
pub fn ledger_node() -> (Killed, String) {
    let node = LedgerNode::start(&[]);
    (node.process, node.url)
}
