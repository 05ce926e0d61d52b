//! The live run page in a real headless Chromium against the real server and its WebSocket
//! stream: a sandbox run streams to its completion banner, a run with a failed step ends on the
//! failure banner, a run killed by the facilitator ends as cancelled (never as a green
//! "closed"), and a silent stream trips the stall watchdog.

mod support;

use std::time::Duration;

use fantoccini::Client;
use support::browser::{
    DESKTOP, PHONE, add_init_script, console_errors, js, screenshot, set_viewport, wait_js,
    with_browser,
};
use support::lab::{Lab, demo_module, failing_module, reading_module};
use xrpl_lab::server::ServeConfig;
use xrpl_lab::server::assets::UiConfig;

const WAIT: Duration = Duration::from_secs(15);

async fn text(client: &Client, id: &str) -> String {
    js(
        client,
        &format!("document.getElementById('{id}')?.textContent?.trim() ?? ''"),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn banner_class(client: &Client) -> String {
    js(
        client,
        "document.getElementById('completion-banner').className",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[tokio::test]
async fn sandbox_run_streams_to_its_completion_banner() {
    let lab = Lab::start(
        Duration::from_millis(150),
        UiConfig::default(),
        vec![reading_module("wallet_basics", 3)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        client
            .goto(&lab.url("/xrpl-lab/app/run/wallet_basics/?dry_run=true"))
            .await
            .unwrap();
        wait_js(
            &client,
            "!document.getElementById('completion-banner').hidden",
            WAIT,
            "the completion banner",
        )
        .await;
        assert_eq!(banner_class(&client).await, "banner banner--ok");
        assert_eq!(
            js(
                &client,
                "document.getElementById('completion-banner').getAttribute('role')"
            )
            .await,
            "status"
        );
        assert!(
            text(&client, "completion-banner")
                .await
                .contains("Module completed successfully")
        );
        assert_eq!(text(&client, "run-status-text").await, "Completed");
        let terminal = text(&client, "terminal").await;
        assert!(
            terminal.contains("read part 3") && terminal.contains("--- Run PASSED ---"),
            "{terminal}"
        );
        let run_id = js(&client, "document.getElementById('run-page').dataset.runId").await;
        assert_eq!(
            lab.run_status(run_id.as_str().unwrap()).await.as_deref(),
            Some("completed")
        );
        // Auto-start happens once: the query is gone, so a reload does not start another run.
        assert_eq!(js(&client, "location.search").await, "");
        assert_eq!(
            js(&client, "document.getElementById('btn-dry').disabled").await,
            false
        );
        screenshot(&client, "run-completed", DESKTOP).await;
        assert_eq!(console_errors(&client, &[]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_failed_step_ends_on_the_failure_banner() {
    let lab = Lab::start(
        Duration::from_millis(150),
        UiConfig::default(),
        vec![failing_module("trust_lines_101")],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url("/xrpl-lab/app/run/trust-lines-101/?dry_run=true")).await.unwrap();
        wait_js(&client, "!document.getElementById('completion-banner').hidden", WAIT, "the completion banner").await;
        let run_id = js(&client, "document.getElementById('run-page').dataset.runId").await;
        let status = lab.run_status(run_id.as_str().unwrap()).await;
        let steps = js(&client, "[...document.querySelectorAll('#step-list li.step')].map(s => s.getAttribute('aria-label'))").await;
        let actions: Vec<&str> = steps
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s.as_str())
            .filter(|s| s.contains(", done") || s.contains(", failed"))
            .collect();
        assert_eq!(
            actions,
            [
                "Step 2: ensure_wallet, done",
                "Step 3: ensure_funded, done",
                "Step 4: set_trust_line, failed"
            ],
            "the wallet steps ran, the trust line with no issuer failed: {steps}"
        );
        // The page tells what the server recorded: a failed step is a failed run.
        assert_eq!(status.as_deref(), Some("failed"));
        assert_eq!(banner_class(&client).await, "banner banner--err");
        assert_eq!(js(&client, "document.getElementById('completion-banner').getAttribute('role')").await, "alert");
        assert_eq!(text(&client, "run-status-text").await, "Failed");
        assert_eq!(js(&client, "document.getElementById('terminal-wrap').dataset.state").await, "failed");
        screenshot(&client, "run-failed", DESKTOP).await;
        assert_eq!(console_errors(&client, &[]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_killed_run_shows_cancelled_not_closed() {
    let lab = Lab::start(
        Duration::from_secs(30),
        UiConfig::default(),
        vec![demo_module("escrow_time", 3)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        client
            .goto(&lab.url("/xrpl-lab/app/run/escrow_time/?dry_run=true"))
            .await
            .unwrap();
        wait_js(
            &client,
            "document.getElementById('run-page').dataset.runId",
            WAIT,
            "the run to start",
        )
        .await;
        wait_js(
            &client,
            "document.getElementById('run-status')?.dataset.state === 'running'",
            WAIT,
            "running",
        )
        .await;
        let run_id = js(&client, "document.getElementById('run-page').dataset.runId").await;
        let run_id = run_id.as_str().unwrap().to_string();
        let res = reqwest::Client::new()
            .delete(lab.url(&format!("/api/runs/{run_id}")))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        wait_js(
            &client,
            "!document.getElementById('completion-banner').hidden",
            WAIT,
            "the cancelled banner",
        )
        .await;
        assert_eq!(banner_class(&client).await, "banner banner--cancelled");
        assert!(
            text(&client, "completion-banner")
                .await
                .contains("Run cancelled")
        );
        assert_eq!(text(&client, "run-status-text").await, "Cancelled");
        assert_eq!(
            js(
                &client,
                "document.getElementById('run-status').dataset.state"
            )
            .await,
            "cancelled"
        );
        // The normal close that follows the terminal frame must not turn it green.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(banner_class(&client).await, "banner banner--cancelled");
        let terminal = text(&client, "terminal").await;
        assert!(
            !terminal.contains("[run complete]") && !terminal.contains("PASSED"),
            "{terminal}"
        );
        assert_eq!(lab.run_status(&run_id).await.as_deref(), Some("cancelled"));
        screenshot(&client, "run-cancelled", DESKTOP).await;
        assert_eq!(console_errors(&client, &[]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_silent_stream_is_declared_stalled() {
    let lab = Lab::start_with(
        ServeConfig {
            host: "127.0.0.1".into(),
            port: 0,
            dry_run: true,
            step_delay: Duration::from_secs(30),
            ui: UiConfig {
                ws_watchdog_ms: 1500,
                ws_watchdog_check_ms: 200,
                ..UiConfig::default()
            },
            ..ServeConfig::default()
        },
        vec![demo_module("payment_basics", 2)],
    )
    .await;
    with_browser(PHONE, |client| async move {
        client
            .goto(&lab.url("/xrpl-lab/app/run/payment_basics/?dry_run=true"))
            .await
            .unwrap();
        wait_js(
            &client,
            "!document.getElementById('completion-banner').hidden",
            WAIT,
            "the stalled banner",
        )
        .await;
        assert_eq!(banner_class(&client).await, "banner banner--stalled");
        assert_eq!(text(&client, "run-status-text").await, "Connection stalled");
        assert!(
            js(&client, "document.getElementById('reload-btn')")
                .await
                .is_object(),
            "a Reload button"
        );
        screenshot(&client, "run-stalled", PHONE).await;
    })
    .await;
}

#[tokio::test]
async fn the_run_page_idles_until_asked_and_shows_a_start_failure() {
    let mut lab = Lab::start(
        Duration::from_millis(100),
        UiConfig::default(),
        vec![reading_module("wallet_basics", 3)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        client
            .goto(&lab.url("/xrpl-lab/app/run/wallet_basics/"))
            .await
            .unwrap();
        wait_js(
            &client,
            "!document.getElementById('btn-dry').disabled",
            WAIT,
            "the buttons",
        )
        .await;
        assert_eq!(text(&client, "terminal").await, "Waiting to start…");
        assert!(lab.registry.list().is_empty(), "no run without asking");
        screenshot(&client, "run-idle", DESKTOP).await;
        set_viewport(&client, PHONE).await;
        screenshot(&client, "run-idle", PHONE).await;
        lab.stop();
        js(&client, "document.getElementById('btn-dry').click()").await;
        wait_js(
            &client,
            "document.getElementById('run-status')?.dataset.state === 'failed'",
            WAIT,
            "the start failure",
        )
        .await;
        assert_eq!(text(&client, "run-status-text").await, "Failed to start");
        assert!(
            text(&client, "terminal")
                .await
                .contains("Could not reach the API server")
        );
    })
    .await;
}

/// Keeps every WebSocket the page opens in `window.__sockets`, so the test can cut one.
const WATCH_SOCKETS: &str = "(() => { const Real = window.WebSocket; window.__sockets = [];
  window.WebSocket = class extends Real { constructor(...a) { super(...a); window.__sockets.push(this); } }; })();";

#[tokio::test]
async fn a_dropped_stream_reconnects_and_resumes_without_repeats() {
    let lab = Lab::start_with(
        ServeConfig {
            host: "127.0.0.1".into(),
            port: 0,
            dry_run: true,
            step_delay: Duration::from_millis(400),
            ui: UiConfig {
                ws_reconnect_base_ms: 100,
                ..UiConfig::default()
            },
            ..ServeConfig::default()
        },
        vec![reading_module("wallet_basics", 3)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        add_init_script(&client, WATCH_SOCKETS).await;
        client
            .goto(&lab.url("/xrpl-lab/app/run/wallet_basics/?dry_run=true"))
            .await
            .unwrap();
        // After the first step's output, cut the connection as a flaky network would.
        wait_js(
            &client,
            "document.getElementById('terminal').textContent.includes('read part 1')",
            WAIT,
            "the first step",
        )
        .await;
        js(&client, "window.__sockets[0].close(4000, 'test drop')").await;
        wait_js(
            &client,
            "window.__sockets.length >= 2",
            WAIT,
            "a second connection",
        )
        .await;
        assert!(text(&client, "terminal").await.contains("[reconnecting]"));
        assert!(
            js(&client, "window.__sockets[1].url")
                .await
                .as_str()
                .unwrap()
                .contains("since="),
            "the reconnect asks to resume after the last frame seen"
        );
        wait_js(
            &client,
            "!document.getElementById('completion-banner').hidden",
            WAIT,
            "the completion banner",
        )
        .await;
        assert_eq!(banner_class(&client).await, "banner banner--ok");
        let terminal = text(&client, "terminal").await;
        for part in ["read part 1", "read part 2", "read part 3"] {
            assert_eq!(
                terminal.matches(part).count(),
                1,
                "{part} shown exactly once: {terminal}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_learners_name_reaches_the_facilitator_board() {
    let lab = Lab::start(
        Duration::from_secs(30),
        UiConfig::default(),
        vec![demo_module("dex_offers", 2)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        client
            .goto(&lab.url("/xrpl-lab/app/run/dex_offers/"))
            .await
            .unwrap();
        wait_js(
            &client,
            "!document.getElementById('btn-dry').disabled",
            WAIT,
            "the buttons",
        )
        .await;
        client
            .find(fantoccini::Locator::Id("learner-name"))
            .await
            .unwrap()
            .send_keys("Ada")
            .await
            .unwrap();
        js(&client, "document.getElementById('btn-dry').click()").await;
        wait_js(
            &client,
            "document.getElementById('run-page').dataset.runId",
            WAIT,
            "the run",
        )
        .await;
        client
            .goto(&lab.url("/xrpl-lab/app/facilitator/runs/"))
            .await
            .unwrap();
        wait_js(
            &client,
            "document.querySelector('li.runcard .chip--learner')?.textContent === 'Ada'",
            WAIT,
            "the learner's name on the board",
        )
        .await;
        // The page remembers it for the learner's next run.
        client
            .goto(&lab.url("/xrpl-lab/app/run/dex_offers/"))
            .await
            .unwrap();
        wait_js(
            &client,
            "document.getElementById('learner-name').value === 'Ada'",
            WAIT,
            "the remembered name",
        )
        .await;
    })
    .await;
}
