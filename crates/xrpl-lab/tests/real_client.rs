//! Issue 3's acceptance: a real XRPL client, xrpl-py, against `xrpl-lab ledger serve`.
//!
//! The test keeps a virtualenv with the pinned xrpl-py under Cargo's target directory (made once,
//! reused while `scripts/real_client/requirements.txt` is unchanged), starts a ledger node on a
//! free loopback port, and runs `scripts/real_client/workshop_ledger.py` against it: faucet
//! wallets, a trust line, an issued token, two crossing offers and a finished escrow, each
//! asserted from xrpl-py's own reads; and `tokens_ledger.py`: an NFT sold through offers with its
//! royalty, and a swap through an AMM pool. Needs `python3` with `venv` and the package registry
//! (`scripts/test.sh` makes sure of the first).

mod python_venv;

mod ledger_node_support;

use ledger_node_support::{Killed, ledger_node};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Bound on the client script (it takes a few seconds; xrpl-py's faucet helper polls each second).
const SCRIPT_DEADLINE: Duration = Duration::from_secs(120);

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/real_client")
}

/// The virtualenv's python, creating the venv when it is missing or its requirements changed.
fn client_python() -> PathBuf {
    python_venv::venv_bin("real-client-venv", &scripts_dir().join("requirements.txt"))
        .join("python")
}

/// Runs one client script against `url` and returns the JSON line it printed last.
fn run_client(python: &Path, script: &str, url: &str) -> Value {
    let mut client = Killed(
        Command::new(python)
            .arg(scripts_dir().join(script))
            .arg(url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = client.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < SCRIPT_DEADLINE,
            "{script} still running after {SCRIPT_DEADLINE:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    use std::io::Read;
    client
        .0
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    client
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{script} failed:\n{stdout}\n{stderr}");
    serde_json::from_str(stdout.lines().last().unwrap()).unwrap()
}

#[test]
fn xrpl_py_funds_trusts_issues_crosses_offers_and_finishes_an_escrow() {
    let python = client_python();
    let (_node, url) = ledger_node();
    let seen = run_client(&python, "workshop_ledger.py", &url);
    assert_eq!(seen["holder_usd"], 40.0);
    assert_eq!(seen["trader_usd"], 10.0);
    assert_eq!(seen["escrow_finished"].as_str().unwrap().len(), 64);
}

/// Issue 7's acceptance: the token modules' ledger features through the same real client.
#[test]
fn xrpl_py_sells_an_nft_with_a_royalty_and_swaps_through_an_amm_pool() {
    let python = client_python();
    let (_node, url) = ledger_node();
    let seen = run_client(&python, "tokens_ledger.py", &url);
    assert_eq!(seen["nft_id"].as_str().unwrap().len(), 64);
    assert_eq!(seen["royalty_drops"], 1_000_000);
    assert!(seen["swap_spent_drops"].as_u64().unwrap() > 11_111_111);
}
