//! The workbook pages' loaded states in a real headless Chromium, against an API that answers
//! with the documented shapes (reference api.md §3) from fixtures: the dashboard router is the
//! real one, only the JSON behind it is fixed. This pins how each page reads those shapes
//! (overview numbers, the level filter, prerequisites, artifact fields by their real names,
//! the verify flows, the doctor verdict) before and independently of the endpoints' own code;
//! `browser_pages.rs` runs the same pages against the real server.

mod support;

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json};
use axum::routing::{get, post};
use fantoccini::{Client, Locator, key::Key};
use serde_json::{Value, json};
use std::time::Duration;
use support::browser::{
    DESKTOP, PHONE, axe_violations, console_errors, js, screenshot, set_viewport, wait_js,
    with_browser,
};
use tokio::net::TcpListener;

const WAIT: Duration = Duration::from_secs(10);
const SETTLED: &str =
    "document.readyState === 'complete' && !document.querySelector('main [aria-busy=true]')";
const SHA: &str = "9f2c1d7a8b3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccdd";

fn module(
    id: &str,
    title: &str,
    level: &str,
    completed: bool,
    is_next: bool,
    requires: &[&str],
) -> Value {
    json!({"id": id, "title": title, "track": "foundations", "summary": format!("What {title} teaches."),
        "level": level, "time_estimate": "15 min", "mode": "testnet", "requires": requires,
        "produces": ["txid", "report"], "checks": ["It worked"], "completed": completed, "is_next": is_next})
}

fn not_found(code: &str, message: String) -> axum::response::Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"detail": {"code": code, "message": message, "hint": "Use GET /api/modules"}})),
    )
        .into_response()
}

/// The API as documented, from fixtures, plus the real dashboard router.
fn app() -> Router {
    Router::new()
        .route("/api/status", get(|| async {
            Json(json!({"modules_completed": 3, "modules_total": 24, "wallet_configured": true,
                "wallet_address": "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
                "last_run": {"module": "trust_lines_101", "timestamp": "2026-11-24T10:00:00+00:00", "success": true},
                "workspace": ".xrpl-lab", "current_module": "dex_offers", "current_track": "dex", "current_mode": "testnet",
                "blockers": [], "is_blocked": false,
                "track_progress": [
                    {"track": "foundations", "completed": ["wallet_basics", "trust_lines_101", "receipt_literacy"], "remaining": [], "total": 3, "done": 3, "is_complete": true},
                    {"track": "dex", "completed": [], "remaining": ["dex_offers"], "total": 1, "done": 0, "is_complete": false}],
                "has_proof_pack": true, "has_certificate": false, "report_count": 2, "network": "testnet", "version": "0.1.0"}))
        }))
        .route("/api/doctor", get(|| async {
            Json(json!({"overall": "error", "checks": [
                {"name": "Wallet", "status": "pass", "message": "Wallet found at the usual place."},
                {"name": "RPC endpoint", "status": "fail", "message": "Testnet unreachable. Use --dry-run to work offline."}]}))
        }))
        .route("/api/modules", get(|| async {
            Json(json!([
                module("wallet_basics", "Wallet Basics", "beginner", true, false, &[]),
                module("trust_lines_101", "Trust Lines 101", "beginner", false, true, &["wallet_basics"]),
                module("dex_offers", "DEX Offers", "intermediate", false, false, &["trust_lines_101"])]))
        }))
        .route("/api/modules/{id}", get(|Path(id): Path<String>| async move {
            if id != "dex_offers" {
                return not_found("MODULE_NOT_FOUND", format!("Module '{id}' not found"));
            }
            Json(json!({"id": "dex_offers", "title": "DEX Offers", "level": "intermediate", "time_estimate": "20 min",
                "prerequisites": ["trust_lines_101", "wallet_basics"], "artifacts": ["txid", "report"], "checks": ["Offer placed"],
                "completed": false, "description": "Place an offer on the decentralised exchange and watch it cross.",
                "steps": ["## Step 1: Fund\nGet XRP.", "## Step 2: Offer\nPlace it."]})).into_response()
        }))
        .route("/api/artifacts/proof-pack", get(|| async {
            Json(json!({"xrpl_lab_proof_pack": true, "version": "1.0", "network": "testnet",
                "endpoint": "https://example.invalid", "address": "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
                "generated_at": "2026-11-24T10:05:00+00:00",
                "completed_modules": [
                    {"module_id": "wallet_basics", "completed_at": "2026-11-24T09:00:00+00:00", "txids": [], "kb_source": "", "explorer_urls": []},
                    {"module_id": "trust_lines_101", "completed_at": "2026-11-24T10:00:00+00:00", "txids": ["A1B2", "C3D4"], "kb_source": "", "explorer_urls": []}],
                "capstone": false, "transactions": [], "receipt_table": [],
                "total_transactions": 2, "successful_transactions": 2, "failed_transactions": 0, "sha256": SHA}))
        }))
        .route("/api/artifacts/certificate", get(|| async {
            Json(json!({"xrpl_lab_certificate": true, "version": "1.0", "network": "testnet", "address": "unknown",
                "generated_at": "2026-11-24T10:05:00+00:00", "modules_completed": [], "module_titles": {},
                "total_modules": 0, "total_transactions": 0, "successful_transactions": 0,
                "summary_line": "Completed 0 modules with 0 transactions.", "sha256": SHA}))
        }))
        .route("/api/artifacts/reports", get(|| async {
            Json(json!([{"title": "Receipt Literacy", "generated": "2026-11-24T10:00:00+00:00", "content": "# Receipt literacy\n\nYou read a receipt."}]))
        }))
        .route("/api/verify", post(|body: String| async move {
            let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            if parsed["xrpl_lab_proof_pack"] != Value::Bool(true) {
                return (StatusCode::BAD_REQUEST, Json(json!({"detail": {"code": "UNKNOWN_ARTIFACT",
                    "message": "Body is not a recognized XRPL Lab artifact.", "hint": "Paste a proof pack."}}))).into_response();
            }
            Json(json!({"artifact_kind": "proof_pack", "hash_valid": true, "hash_message": "Integrity verified",
                "overall_passed": true, "live_requested": true,
                "live": {"artifact_kind": "proof_pack", "overall_passed": true, "no_onledger_txids": false, "passed": 1, "failed": 0, "skipped": 0, "note": "",
                    "tx_results": [{"txid": "A1B2", "network": "testnet", "status": "PASS", "reason": "validated tesSUCCESS", "checks": [],
                        "explorer_url": "https://testnet.xrpl.org/transactions/A1B2"}]},
                "version": "1.0", "address": "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY", "network": "testnet"})).into_response()
        }))
        .merge(xrpl_lab::server::assets::router())
}

async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app()).await.unwrap() });
    format!("http://{addr}")
}

async fn main_text(client: &Client) -> String {
    js(client, "document.querySelector('main').innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Loads a page, waits for it to settle, and checks it is clean (console, axe) and screenshots it.
async fn open(client: &Client, base: &str, path: &str, name: &str) {
    set_viewport(client, DESKTOP).await;
    client.goto(&format!("{base}{path}")).await.unwrap();
    wait_js(client, SETTLED, WAIT, name).await;
    tokio::time::sleep(Duration::from_millis(1000)).await; // bars and announcements settle
    screenshot(client, &format!("{name}-loaded"), DESKTOP).await;
    let violations = axe_violations(client).await;
    assert!(violations.is_empty(), "{name}: {violations:#?}");
    assert_eq!(
        console_errors(client, &[]).await,
        Vec::<String>::new(),
        "{name}"
    );
}

#[tokio::test]
async fn overview_and_doctor_read_status_and_checks() {
    let base = serve().await;
    with_browser(DESKTOP, |client| async move {
        open(&client, &base, "/xrpl-lab/app/", "overview").await;
        let shown = main_text(&client).await;
        for want in [
            "3 / 24",
            "3 of 24 modules complete",
            "rPEPP…6GDY",
            "testnet",
            "1 issue",
            "trust_lines_101",
            "DONE",
            "foundations",
            "3/3",
            "Proof pack · no certificate · 2 reports",
        ] {
            assert!(shown.contains(want), "overview shows {want:?}: {shown}");
        }
        assert_eq!(
            js(
                &client,
                "document.getElementById('netpill-text').textContent"
            )
            .await,
            "Connected · testnet"
        );
        set_viewport(&client, PHONE).await;
        screenshot(&client, "overview-loaded", PHONE).await;

        open(&client, &base, "/xrpl-lab/app/doctor/", "doctor").await;
        assert_eq!(
            js(
                &client,
                "document.querySelector('#doctor-root .banner').className"
            )
            .await,
            "banner banner--err"
        );
        assert!(main_text(&client).await.contains("Issues detected"));
        assert_eq!(
            js(
                &client,
                "document.querySelectorAll('#doctor-root .hicon--fail').length"
            )
            .await,
            1
        );
        wait_js(
            &client,
            "document.getElementById('announcer').textContent.includes('issues detected')",
            WAIT,
            "the doctor announcement",
        )
        .await;
        client
            .find(Locator::Id("btn-rerun"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(&client, SETTLED, WAIT, "re-run").await;
        assert_eq!(
            js(&client, "document.getElementById('btn-rerun').disabled").await,
            false
        );
    })
    .await;
}

#[tokio::test]
async fn modules_filter_and_module_detail() {
    let base = serve().await;
    with_browser(DESKTOP, |client| async move {
        open(&client, &base, "/xrpl-lab/app/modules/", "modules").await;
        assert_eq!(js(&client, "document.getElementById('module-count').textContent").await, "3 hands-on");
        assert_eq!(js(&client, "document.querySelectorAll('#modules-root a.qa').length").await, 3);
        assert!(main_text(&client).await.contains("Up next"));
        assert_eq!(js(&client, "document.querySelectorAll('[aria-label=\"Not yet completed\"]').length").await, 2);
        let pressed = "[...document.querySelectorAll('.seg button')].map(b => b.getAttribute('aria-pressed'))";
        client.find(Locator::Css(".seg button[data-level=intermediate]")).await.unwrap().click().await.unwrap();
        assert_eq!(js(&client, pressed).await, json!(["false", "false", "true", "false"]));
        assert_eq!(js(&client, "document.querySelectorAll('#modules-root a.qa').length").await, 1);
        client.find(Locator::Css(".seg button[data-level=advanced]")).await.unwrap().click().await.unwrap();
        assert!(main_text(&client).await.contains("No modules match this level"));
        screenshot(&client, "modules-empty-filter", DESKTOP).await;

        open(&client, &base, "/xrpl-lab/app/modules/dex_offers/", "module").await;
        let shown = main_text(&client).await;
        for want in ["DEX Offers", "Place an offer", "Trust Lines 101", "Not completed", "Completed", "Step 2: Offer", "Place it."] {
            assert!(shown.contains(want), "module page shows {want:?}: {shown}");
        }
        assert!(!shown.contains("## "), "markdown headings are rendered, not shown raw: {shown}");
        let links = js(&client, "[...document.querySelectorAll('main a.btn')].map(a => a.getAttribute('href'))").await;
        assert_eq!(links, json!(["/xrpl-lab/app/run/dex_offers/?dry_run=false", "/xrpl-lab/app/run/dex_offers/?dry_run=true"]));

        client.goto(&format!("{base}/xrpl-lab/app/modules/nope/")).await.unwrap();
        wait_js(&client, SETTLED, WAIT, "unknown module").await;
        assert!(main_text(&client).await.contains("Module not found"));
        assert_eq!(console_errors(&client, &["/api/modules/nope"]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn artifacts_bind_the_real_fields_and_tabs_use_the_keyboard() {
    let base = serve().await;
    with_browser(DESKTOP, |client| async move {
        open(&client, &base, "/xrpl-lab/app/artifacts/", "artifacts").await;
        let proof = js(&client, "document.getElementById('panel-proof').textContent").await;
        let proof = proof.as_str().unwrap();
        for want in ["Proof pack · v1.0", "wallet_basics", "trust_lines_101", "2 txs", SHA] {
            assert!(proof.contains(want), "proof pack shows {want:?}: {proof}");
        }
        assert!(!proof.contains("unknown"), "generated_at is read: {proof}");
        let selected = "[...document.querySelectorAll('[role=tab]')].map(t => t.getAttribute('aria-selected'))";
        client.find(Locator::Id("tab-proof")).await.unwrap().send_keys(&Key::Right.to_string()).await.unwrap();
        assert_eq!(js(&client, selected).await, json!(["false", "true", "false"]));
        assert_eq!(js(&client, "document.activeElement.id").await, "tab-cert");
        assert_eq!(js(&client, "document.getElementById('panel-proof').hidden").await, true);
        assert!(js(&client, "document.getElementById('panel-cert').innerText").await.as_str().unwrap().contains("No certificate yet"));
        client.active_element().await.unwrap().send_keys(&Key::End.to_string()).await.unwrap();
        assert_eq!(js(&client, selected).await, json!(["false", "false", "true"]));
        client.active_element().await.unwrap().send_keys(&Key::Right.to_string()).await.unwrap();
        assert_eq!(js(&client, selected).await, json!(["true", "false", "false"]), "wraps around");
        client.active_element().await.unwrap().send_keys(&Key::Left.to_string()).await.unwrap();
        assert!(js(&client, "document.getElementById('panel-reports').innerText").await.as_str().unwrap().contains("Receipt Literacy"));
        client.find(Locator::Css("[data-report='0']")).await.unwrap().click().await.unwrap();
        assert_eq!(js(&client, "document.querySelector('[data-report=\"0\"]').textContent").await, "Saved!");
        screenshot(&client, "artifacts-reports", DESKTOP).await;
    })
    .await;
}

#[tokio::test]
async fn verify_explains_every_outcome() {
    let base = serve().await;
    with_browser(DESKTOP, |client| async move {
        open(&client, &base, "/xrpl-lab/app/verify/", "verify").await;
        let input = client.find(Locator::Id("verify-input")).await.unwrap();
        let button = client.find(Locator::Id("verify-btn")).await.unwrap();
        let result = "document.getElementById('verify-result').innerText";

        button.click().await.unwrap();
        assert!(js(&client, result).await.as_str().unwrap().contains("Nothing to verify"));
        input.send_keys("{not json").await.unwrap();
        button.click().await.unwrap();
        assert!(js(&client, result).await.as_str().unwrap().contains("Not valid JSON"));
        input.clear().await.unwrap();
        input.send_keys(r#"{"hello": "world"}"#).await.unwrap();
        button.click().await.unwrap();
        wait_js(&client, &format!("{result}.includes('Not a valid artifact')"), WAIT, "the 400 notice").await;
        assert!(js(&client, result).await.as_str().unwrap().contains("not a recognized XRPL Lab artifact"), "the server's own message");

        input.clear().await.unwrap();
        input.send_keys(r#"{"xrpl_lab_proof_pack": true, "sha256": "x"}"#).await.unwrap();
        client.find(Locator::Id("verify-live")).await.unwrap().click().await.unwrap();
        button.click().await.unwrap();
        wait_js(&client, &format!("{result}.includes('Proof pack verified')"), WAIT, "the verdict").await;
        let link = js(&client, "(() => { const a = document.querySelector('.vtable a'); return [a.target, a.rel, a.href]; })()").await;
        assert_eq!(link, json!(["_blank", "noopener noreferrer", "https://testnet.xrpl.org/transactions/A1B2"]));
        assert!(js(&client, result).await.as_str().unwrap().contains("1 passed · 0 failed · 0 skipped"));
        screenshot(&client, "verify-result", DESKTOP).await;
        let violations = axe_violations(&client).await;
        assert!(violations.is_empty(), "verify result: {violations:#?}");
        assert_eq!(console_errors(&client, &["/api/verify"]).await, Vec::<String>::new());
    })
    .await;
}
