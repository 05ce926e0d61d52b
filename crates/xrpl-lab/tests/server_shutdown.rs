//! Graceful shutdown of the real binary: on SIGTERM, `serve` stops admitting, cancels running
//! runs (each attached WebSocket receives its terminal frame and a 1000 close), and exits within
//! five seconds.

#![cfg(unix)]

mod server_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use server_support::*;

const MODULE: &str = "---
id: hold_open
title: Hold Open
time: 5 min
level: beginner
track: foundations
summary: A module whose steps the test holds open.
---
Intro.

## Step 1: Wallet
<!-- action: ensure_wallet -->

## Checkpoint: Done
Done.
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_cancels_runs_delivers_terminal_frames_and_exits_within_5s() {
    let modules = tempfile::tempdir().unwrap();
    std::fs::write(modules.path().join("hold_open.md"), MODULE).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xrpl-lab"))
        .args([
            "serve",
            "--port",
            "0",
            "--dry-run",
            "--step-delay-ms",
            "60000",
            "--modules",
        ])
        .arg(modules.path())
        .current_dir(home.path())
        .env("XRPL_LAB_HOME", home.path().join("home"))
        .env_remove("XRPL_LAB_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    let addr = lines
        .find_map(|l| {
            l.trim()
                .strip_prefix("API:")
                .map(|a| a.trim().trim_start_matches("http://").to_string())
        })
        .expect("serve prints its API address");
    // Keep reading so the child's stdout never closes under it.
    std::thread::spawn(move || lines.for_each(drop));
    let http = reqwest::Client::new();
    let started: serde_json::Value = http
        .post(format!("http://{addr}/api/run/hold-open"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let run_id = started["run_id"].as_str().expect("run started").to_string();
    let mut ws = ws_connect(
        &format!("ws://{addr}/api/run/hold_open/ws?run_id={run_id}"),
        Some(DEV_ORIGIN),
    )
    .await;
    // Let the attach register before the signal.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let signalled = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let (frames, code, _) = ws_collect(&mut ws, Duration::from_secs(5)).await;
    assert_eq!(code, Some(1000));
    let last = frames.last().expect("a terminal frame");
    assert_eq!(last["type"], "error");
    assert_eq!(last["code"], "RUNTIME_CANCELLED");
    assert_eq!(terminal_count(&frames), 1);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(5),
            "serve did not exit within 5 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "{status}");
    eprintln!("exited {:?} after SIGTERM", signalled.elapsed());
}
