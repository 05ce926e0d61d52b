//! `xrpl-lab doctor` and `GET /api/doctor` through the real binary, against a real ledger node
//! (`xrpl-lab ledger serve --port 0`) on loopback, a closed port, and a mainnet override.

mod ledger_node_support;

use ledger_node_support::{Killed, ledger_node};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;
use xrpl_lab::doctor::endpoints::env_check;
use xrpl_lab::workspace::{Home, WalletFile};

const BIN: &str = env!("CARGO_BIN_EXE_xrpl-lab");
const NAMES: [&str; 8] = [
    "Wallet",
    "State file",
    "Workspace",
    "Env overrides",
    "RPC endpoint",
    "Faucet",
    "Last error",
    "Last module state",
];

fn closed_port_url() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}/", l.local_addr().unwrap())
}

/// A learner directory with a real wallet; returns the wallet's seed so tests can look for it.
fn learner_with_wallet(dir: &Path) -> String {
    let home = Home::at(dir.join("home"));
    home.ensure().unwrap();
    let wallet = WalletFile::generate().unwrap();
    wallet.save_new(&home).unwrap();
    wallet.seed.expose().to_string()
}

fn doctor(dir: &Path, rpc: &str) -> (i32, String, Value) {
    let out = Command::new(BIN)
        .args(["doctor", "--json"])
        .current_dir(dir)
        .env("XRPL_LAB_HOME", dir.join("home"))
        .env("XRPL_LAB_RPC_URL", rpc)
        .env("XRPL_LAB_FAUCET_URL", format!("{rpc}accounts"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap();
    (out.status.code().unwrap(), stdout, json)
}

fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()
}

#[test]
fn every_check_passes_against_a_loopback_ledger_and_the_seed_stays_hidden() {
    let (_node, url) = ledger_node();
    let dir = tempfile::tempdir().unwrap();
    let seed = learner_with_wallet(dir.path());
    let (code, stdout, report) = doctor(dir.path(), &url);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["overall"], "healthy");
    let names: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, NAMES);
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "pass")
    );
    let rpc = check(&report, "RPC endpoint")["message"].as_str().unwrap();
    assert!(
        rpc.starts_with(&format!("Connected to {url} (ledger ")),
        "{rpc}"
    );
    assert!(
        check(&report, "Env overrides")["message"]
            .as_str()
            .unwrap()
            .contains("RPC: local")
    );
    assert!(
        check(&report, "Workspace")["message"]
            .as_str()
            .unwrap()
            .starts_with("Created: ")
    );
    assert!(!stdout.contains(&seed));

    // doctor.log: one compact line per run, no seed, and it keeps only the last 100.
    let log_path = dir.path().join("home/doctor.log");
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(log.lines().count(), 1);
    assert!(!log.contains(&seed));
    let line: Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    assert_eq!(line["summary"], "8/8 checks passed");
    assert_eq!(line["checks"]["Wallet"]["passed"], true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&log_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let filler = "{\"old\":true}\n".repeat(120);
    std::fs::write(&log_path, filler).unwrap();
    let (_, _, again) = doctor(dir.path(), &url);
    assert_eq!(again["overall"], "healthy");
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(log.lines().count(), 100);
    assert!(log.lines().last().unwrap().contains("\"summary\""));
    assert!(
        check(&again, "Workspace")["message"]
            .as_str()
            .unwrap()
            .starts_with("Writable: ")
    );
}

#[test]
fn a_closed_port_fails_the_rpc_check_clearly() {
    let dir = tempfile::tempdir().unwrap();
    learner_with_wallet(dir.path());
    let url = closed_port_url();
    let (code, _, report) = doctor(dir.path(), &url);
    assert_eq!(code, 1);
    assert_eq!(report["overall"], "error");
    let rpc = check(&report, "RPC endpoint");
    assert_eq!(rpc["status"], "fail");
    let message = rpc["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("Not connected: {url}")),
        "{message}"
    );
    assert!(message.contains("XRPL_LAB_RPC_URL"), "{message}");
    assert_eq!(check(&report, "Faucet")["status"], "fail");
    // The local checks are unaffected.
    assert_eq!(check(&report, "Wallet")["status"], "pass");
}

#[test]
fn a_missing_wallet_and_a_corrupt_state_fail_with_their_fix() {
    let (_node, url) = ledger_node();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("home")).unwrap();
    std::fs::write(dir.path().join("home/state.json"), "{not json").unwrap();
    let (code, _, report) = doctor(dir.path(), &url);
    assert_eq!(code, 1);
    assert_eq!(
        check(&report, "Wallet")["message"],
        "Not found. Run: xrpl-lab wallet create"
    );
    assert_eq!(
        check(&report, "State file")["message"],
        "Corrupted JSON. Run: xrpl-lab reset"
    );
    // Doctor only reads: the corrupt file is left for the learner to see.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("home/state.json")).unwrap(),
        "{not json"
    );
}

#[test]
fn a_mainnet_or_unknown_override_fails_the_env_check() {
    let mainnet = env_check(Some("https://s1.ripple.com:51234"), None);
    assert!(!mainnet.passed);
    assert!(
        mainnet.detail.contains("RPC: mainnet"),
        "{}",
        mainnet.detail
    );
    assert!(mainnet.hint.contains("testnet-only"));
    let unknown = env_check(None, Some("https://faucet.example.com/accounts"));
    assert!(!unknown.passed);
    assert!(unknown.detail.contains("faucet: unknown"));
    let fine = env_check(Some("https://s.altnet.rippletest.net:51234"), None);
    assert!(fine.passed, "{fine:?}");
    assert_eq!(env_check(None, None).detail, "None (using defaults)");
}

#[test]
fn the_api_answers_in_the_original_shape() {
    let (_node, url) = ledger_node();
    let dir = tempfile::tempdir().unwrap();
    let seed = learner_with_wallet(dir.path());
    let mut server = Command::new(BIN)
        .args(["serve", "--port", "0"])
        .current_dir(dir.path())
        .env("XRPL_LAB_HOME", dir.path().join("home"))
        .env("XRPL_LAB_RPC_URL", &url)
        .env("XRPL_LAB_FAUCET_URL", format!("{url}accounts"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = server.stdout.take().unwrap();
    let _server = Killed(server);
    let base = BufReader::new(stdout)
        .lines()
        .map(Result::unwrap)
        .find_map(|l| l.trim().strip_prefix("API:").map(|u| u.trim().to_string()))
        .unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (status, text) = rt.block_on(async {
        let reply = reqwest::get(format!("{base}/api/doctor")).await.unwrap();
        (reply.status(), reply.text().await.unwrap())
    });
    assert_eq!(status, 200);
    assert!(!text.contains(&seed));
    let body: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["overall", "checks"]);
    assert_eq!(body["overall"], "healthy", "{body:#}");
    for (c, name) in body["checks"].as_array().unwrap().iter().zip(NAMES) {
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["name", "status", "message"]);
        assert_eq!(c["name"], name);
    }
    let spec: Value = rt.block_on(async {
        reqwest::get(format!("{base}/openapi.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    assert!(spec["paths"]["/api/doctor"]["get"].is_object());
}

#[test]
fn self_check_is_doctor_in_words_for_people() {
    let (_node, url) = ledger_node();
    let dir = tempfile::tempdir().unwrap();
    let seed = learner_with_wallet(dir.path());
    let out = Command::new(BIN)
        .arg("self-check")
        .current_dir(dir.path())
        .env("XRPL_LAB_HOME", dir.path().join("home"))
        .env("XRPL_LAB_RPC_URL", &url)
        .env("XRPL_LAB_FAUCET_URL", format!("{url}accounts"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    for name in NAMES {
        assert!(text.contains(&format!("✅ {name}: ")), "{name} in {text}");
    }
    assert!(text.trim_end().ends_with("8/8 checks passed"), "{text}");
    assert!(!text.contains(&seed));
}
