//! The harness of the learner-file command tests: the real binary with a fresh `XRPL_LAB_HOME`
//! and working directory per test, colour off, and every network lookup routed to a closed
//! loopback port so no test leaves this machine.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub struct Lab {
    _tmp: tempfile::TempDir,
    pub home: PathBuf,
    pub work: PathBuf,
}

impl Lab {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        let work = tmp.path().join("work");
        fs::create_dir_all(&work).unwrap();
        Self {
            _tmp: tmp,
            home,
            work,
        }
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("xrpl-lab").unwrap();
        c.args(args)
            .env("XRPL_LAB_HOME", &self.home)
            .env_remove("XRPL_LAB_RPC_URL")
            .env_remove("XRPL_LAB_FAUCET_URL")
            // `--live` and `audit` look transactions up on the public Testnet: route that
            // through a closed loopback port, so no test leaves this machine.
            .env("HTTPS_PROXY", "http://127.0.0.1:9")
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .env("NO_COLOR", "1")
            .current_dir(&self.work);
        c
    }

    /// Runs and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_with_input(args, "")
    }

    pub fn run_with_input(&self, args: &[&str], input: &str) -> (i32, String, String) {
        let out = self.cmd(args).write_stdin(input).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Puts the original's state fixture in place as this learner's state.
    pub fn with_original_state(&self) {
        fs::create_dir_all(&self.home).unwrap();
        fs::copy(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/state/original_v2_2_0.json"),
            self.home.join("state.json"),
        )
        .unwrap();
    }

    pub fn ws(&self, rel: &str) -> PathBuf {
        self.work.join(".xrpl-lab").join(rel)
    }
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Every file under `dir`, recursively.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
