//! Property-based API fuzzing with Schemathesis over our generated `/openapi.json`, against a real
//! server on loopback: no generated request may produce a 5xx.
//!
//! Schemathesis comes from PyPI into a cached virtualenv (`tests/schemathesis-requirements.txt`).

mod python_venv;

use std::path::Path;

mod server_support;

use server_support::*;
use xrpl_lab::server::ServeConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error() {
    let home = tempfile::tempdir().unwrap();
    let ws = tempfile::tempdir().unwrap();
    let s = TestServer::start(
        ServeConfig {
            home_dir: Some(home.path().to_path_buf()),
            workspace_dir: Some(ws.path().to_path_buf()),
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let url = s.url("/openapi.json");
    // Schemathesis keeps a cache in its working directory; give it a scratch one.
    let scratch = tempfile::tempdir().unwrap();
    let requirements =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis-requirements.txt");
    let st = python_venv::venv_bin("schemathesis-venv", &requirements).join("st");
    let out = tokio::process::Command::new(st)
        .current_dir(scratch.path())
        .args([
            "run",
            &url,
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "50",
            "--workers",
            "1",
        ])
        .output()
        .await
        .expect("schemathesis runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
}
