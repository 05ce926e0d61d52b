//! The facilitator runs board in a real headless Chromium against the real `serve --dry-run`
//! application: every field of the seed on each card, the four status badges, Kill → confirm →
//! CANCELLED, a dismissed dialog cancelling nothing, the 404 message for a run pruned in
//! between, and a token-guarded server. The polling contract is in `browser_runs_polling.rs`.

mod support;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator, key::Key};
use serde_json::Value;
use support::browser::{
    DESKTOP, PHONE, console_errors, js, screenshot, set_viewport, wait_js, with_browser,
};
use support::lab::{Lab, demo_module, failing_module, reading_module};
use xrpl_lab::server::ServeConfig;
use xrpl_lab::server::assets::UiConfig;

const RUNS: &str = "/xrpl-lab/app/facilitator/runs/";
const WAIT: Duration = Duration::from_secs(10);
/// Long enough that runs stay `running` for the whole test.
const HOLD: Duration = Duration::from_secs(60);

fn card(id: &str, inner: &str) -> String {
    format!("document.querySelector('li.runcard[data-id=\"{id}\"]{inner}')")
}

async fn text(client: &Client, expr: &str) -> String {
    js(client, &format!("({expr})?.textContent?.trim() ?? ''"))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn every_run_appears_with_every_field_of_the_seed() {
    let lab = Lab::start(
        HOLD,
        UiConfig::default(),
        vec![demo_module("trust_lines_101", 3)],
    )
    .await;
    let with_learner = lab.start_run("trust-lines-101", Some("alice")).await;
    let anonymous = lab.start_run("trust_lines_101", None).await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url(RUNS)).await.unwrap();
        wait_js(&client, "document.querySelectorAll('li.runcard').length === 2", WAIT, "two run cards").await;

        for id in [&with_learner, &anonymous] {
            assert_eq!(text(&client, &card(id, " [data-f=module]")).await, "trust_lines_101");
            let badge = card(id, " .badge");
            assert_eq!(text(&client, &badge).await, "ACTIVE");
            assert_eq!(js(&client, &format!("{badge}.className")).await, "badge badge--active");
            assert_eq!(text(&client, &card(id, " .chip--dry")).await, "dry-run");
            let elapsed = text(&client, &card(id, " [data-f=elapsed]")).await;
            assert!(elapsed.ends_with('s') && elapsed[..elapsed.len() - 1].trim().chars().next().unwrap().is_ascii_digit(), "elapsed {elapsed}");
            let queue = text(&client, &card(id, " [data-f=queue]")).await;
            assert!(queue.parse::<u64>().is_ok(), "queue depth {queue}");
            let short = card(id, " [data-f=runid]");
            assert_eq!(text(&client, &short).await, id[..8]);
            assert_eq!(js(&client, &format!("{short}.title")).await, Value::String(id.to_string()));
            assert!(js(&client, &card(id, " .kill-btn")).await.is_object(), "Kill on a running run");
        }
        assert_eq!(text(&client, &card(&with_learner, " .chip--learner")).await, "alice");
        assert!(js(&client, &card(&anonymous, " .chip--learner")).await.is_null());

        let capacity = "document.getElementById('capacity')";
        assert_eq!(text(&client, capacity).await, "2/8 active");
        assert_eq!(
            js(&client, &format!("{capacity}.getAttribute('aria-label')")).await,
            "Capacity: 2 of 8 run slots active"
        );
        // Top-right: the badge's right edge is the page's right content edge, above the cards.
        let geometry = js(&client, "(() => { const b = document.getElementById('capacity').getBoundingClientRect(); const m = document.querySelector('.runlist').getBoundingClientRect(); return [b.right - m.right, b.bottom <= m.top]; })()").await;
        assert!(geometry[0].as_f64().unwrap().abs() < 2.0 && geometry[1] == Value::Bool(true), "capacity badge is top-right: {geometry}");
        assert_eq!(text(&client, "document.getElementById('pollText')").await, "Live · refreshing every 5s");
        screenshot(&client, "facilitator-runs", DESKTOP).await;
        set_viewport(&client, PHONE).await;
        wait_js(&client, "window.innerWidth <= 400", WAIT, "phone viewport").await;
        screenshot(&client, "facilitator-runs", PHONE).await;
        assert_eq!(console_errors(&client, &[]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn finished_runs_sort_after_running_ones_and_keep_their_badge() {
    let lab = Lab::start(
        HOLD,
        UiConfig {
            poll_ms: 300,
            ..UiConfig::default()
        },
        vec![demo_module("payment_basics", 2)],
    )
    .await;
    let first = lab.start_run("payment_basics", None).await;
    let second = lab.start_run("payment_basics", None).await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url(RUNS)).await.unwrap();
        wait_js(
            &client,
            "document.querySelectorAll('li.runcard').length === 2",
            WAIT,
            "two cards",
        )
        .await;
        let order = "[...document.querySelectorAll('li.runcard')].map(c => c.dataset.id)";
        assert_eq!(
            js(&client, order).await,
            serde_json::json!([first, second]),
            "oldest running first"
        );
        reqwest::Client::new()
            .delete(lab.url(&format!("/api/runs/{first}")))
            .send()
            .await
            .unwrap();
        wait_js(
            &client,
            &format!("{}?.dataset.status === 'cancelled'", card(&first, "")),
            WAIT,
            "first turns cancelled",
        )
        .await;
        assert_eq!(
            js(&client, order).await,
            serde_json::json!([second, first]),
            "running before cancelled"
        );
        assert_eq!(text(&client, &card(&first, " .badge")).await, "⊘CANCELLED");
        assert!(
            js(&client, &card(&first, " .kill-btn")).await.is_null(),
            "no Kill on a finished run"
        );
        assert_eq!(
            text(&client, "document.getElementById('capacity')").await,
            "1/8 active"
        );
    })
    .await;
}

#[tokio::test]
async fn kill_asks_first_and_a_dismissed_dialog_cancels_nothing() {
    let lab = Lab::start(
        HOLD,
        UiConfig::default(),
        vec![demo_module("escrow_time", 3)],
    )
    .await;
    let id = lab.start_run("escrow_time", None).await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url(RUNS)).await.unwrap();
        let kill = card(&id, " .kill-btn");
        wait_js(&client, &kill, WAIT, "the Kill button").await;
        let dialog = "document.querySelector('[role=alertdialog]')";

        // Escape dismisses; focus comes back to the Kill button; the run goes on.
        client
            .find(Locator::Css(".kill-btn"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(&client, dialog, WAIT, "the confirm dialog").await;
        let body = text(&client, "document.getElementById('mBody')").await;
        assert!(
            body.contains(&id) && body.contains("escrow_time"),
            "dialog names run and module: {body}"
        );
        assert_eq!(text(&client, "document.activeElement").await, "Kill run");
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(&Key::Tab.to_string())
            .await
            .unwrap();
        assert_eq!(
            text(&client, "document.activeElement").await,
            "Keep running",
            "Tab stays in the dialog"
        );
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(&Key::Tab.to_string())
            .await
            .unwrap();
        assert_eq!(
            text(&client, "document.activeElement").await,
            "Kill run",
            "Tab wraps around"
        );
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(&Key::Escape.to_string())
            .await
            .unwrap();
        wait_js(&client, &format!("!{dialog}"), WAIT, "dialog closed").await;
        assert_eq!(
            js(&client, &format!("document.activeElement === {kill}")).await,
            Value::Bool(true),
            "focus returns to Kill"
        );

        // "Keep running" dismisses too.
        client
            .find(Locator::Css(".kill-btn"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(&client, dialog, WAIT, "the confirm dialog").await;
        client
            .find(Locator::Css("[data-act=cancel]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(&client, &format!("!{dialog}"), WAIT, "dialog closed").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            lab.run_status(&id).await.as_deref(),
            Some("running"),
            "dismissing cancels nothing"
        );

        // Confirm: DELETE, then the row turns CANCELLED at once (no wait for the 5 s poll).
        client
            .find(Locator::Css(".kill-btn"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(&client, dialog, WAIT, "the confirm dialog").await;
        screenshot(&client, "facilitator-runs-kill-dialog", DESKTOP).await;
        let confirmed_at = Instant::now();
        client
            .find(Locator::Css("[data-act=confirm]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(
            &client,
            &format!("{}?.dataset.status === 'cancelled'", card(&id, "")),
            Duration::from_secs(4),
            "the row turns CANCELLED",
        )
        .await;
        assert!(confirmed_at.elapsed() < Duration::from_secs(4));
        assert_eq!(text(&client, &card(&id, " .badge")).await, "⊘CANCELLED");
        assert_eq!(lab.run_status(&id).await.as_deref(), Some("cancelled"));
        wait_js(
            &client,
            "document.getElementById('announcer').textContent.includes('cancelled')",
            WAIT,
            "the announcement",
        )
        .await;
        assert_eq!(console_errors(&client, &[]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn killing_a_run_pruned_in_between_shows_the_404_message() {
    let lab = Lab::start_with(
        ServeConfig {
            host: "127.0.0.1".into(),
            port: 0,
            dry_run: true,
            step_delay: HOLD,
            run_grace: Duration::from_millis(200),
            // A slow board, so the stale card is still on screen when we click.
            ui: UiConfig {
                poll_ms: 60_000,
                ..UiConfig::default()
            },
            ..ServeConfig::default()
        },
        vec![demo_module("nft_mint", 2)],
    )
    .await;
    let id = lab.start_run("nft_mint", None).await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url(RUNS)).await.unwrap();
        wait_js(&client, &card(&id, " .kill-btn"), WAIT, "the Kill button").await;
        // Someone else cancels it; after the grace window the server forgets it.
        reqwest::Client::new().delete(lab.url(&format!("/api/runs/{id}"))).send().await.unwrap();
        let deadline = Instant::now() + WAIT;
        while lab.run_status(&id).await.is_some() {
            assert!(Instant::now() < deadline, "run was never pruned");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        client.find(Locator::Css(".kill-btn")).await.unwrap().click().await.unwrap();
        client.find(Locator::Css("[data-act=confirm]")).await.unwrap().click().await.unwrap();
        wait_js(&client, "document.getElementById('mTitle')?.textContent === 'Cancel not available'", WAIT, "the 404 dialog").await;
        let body = text(&client, "document.getElementById('mBody')").await.to_lowercase();
        assert!(
            body.contains("either the run already finished, or the cancel endpoint isn't available on this api; refresh to see latest state"),
            "seed's message: {body}"
        );
        screenshot(&client, "facilitator-runs-kill-404", DESKTOP).await;
        // The forced refresh after the failed DELETE shows the truth: the run is gone.
        client.find(Locator::Css("[data-act=confirm]")).await.unwrap().click().await.unwrap();
        wait_js(&client, "document.querySelector('#fac-root')?.dataset.state === 'empty'", WAIT, "the board empties").await;
        assert_eq!(console_errors(&client, &["404"]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_token_server_is_asked_for_its_token_once_per_tab() {
    let lab = Lab::start_with(
        ServeConfig {
            host: "127.0.0.1".into(),
            port: 0,
            dry_run: true,
            step_delay: Duration::from_millis(500),
            token: Some("workshop-token-7".into()),
            ..ServeConfig::default()
        },
        vec![demo_module("trust_lines_101", 2)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        let started = reqwest::Client::new()
            .post(lab.url("/api/run/trust_lines_101?dry_run=true"))
            .bearer_auth("workshop-token-7")
            .send()
            .await
            .unwrap();
        assert!(started.status().is_success());
        client.goto(&lab.url(RUNS)).await.unwrap();
        // The shell's status call and the board's poll both meet the 401: one question.
        wait_js(
            &client,
            "document.getElementById('mTitle')?.textContent === 'Token required'",
            WAIT,
            "the token dialog",
        )
        .await;
        assert_eq!(
            js(&client, "document.querySelectorAll('.modal').length").await,
            1
        );
        screenshot(&client, "token-dialog", DESKTOP).await;
        client
            .find(Locator::Id("mField"))
            .await
            .unwrap()
            .send_keys("workshop-token-7")
            .await
            .unwrap();
        client
            .find(Locator::Css("[data-act=confirm]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_js(
            &client,
            "document.querySelectorAll('li.runcard').length === 1",
            WAIT,
            "the board behind the token",
        )
        .await;
        assert_eq!(
            js(&client, "document.querySelectorAll('.modal').length").await,
            0
        );
        // The tab keeps it: a reload asks nothing.
        client.refresh().await.unwrap();
        wait_js(
            &client,
            "document.querySelectorAll('li.runcard').length === 1",
            WAIT,
            "the board after reload",
        )
        .await;
        assert!(
            js(&client, "document.querySelector('.modal')")
                .await
                .is_null(),
            "asked only once"
        );
        assert_eq!(
            js(&client, "sessionStorage.getItem('xrpl-lab-token')").await,
            "workshop-token-7"
        );
        // The live run stream takes it too (as ?token=).
        let id = js(&client, "document.querySelector('li.runcard').dataset.id").await;
        client
            .goto(&lab.url(&format!(
                "/xrpl-lab/app/run/trust_lines_101/?run_id={}",
                id.as_str().unwrap()
            )))
            .await
            .unwrap();
        wait_js(
            &client,
            "document.getElementById('terminal').textContent.includes('A module written by a browser test')",
            WAIT,
            "frames over the token-guarded stream",
        )
        .await;
        assert!(
            js(&client, "document.querySelector('.modal')")
                .await
                .is_null()
        );
        assert_eq!(
            console_errors(&client, &["401"]).await,
            Vec::<String>::new()
        );
    })
    .await;
}

#[tokio::test]
async fn all_four_statuses_have_their_own_badge_and_anything_else_a_neutral_one() {
    let lab = Lab::start(
        Duration::from_millis(50),
        UiConfig {
            poll_ms: 300,
            ..UiConfig::default()
        },
        vec![
            reading_module("wallet_basics", 2),
            failing_module("dex_offers"),
        ],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        let done = lab.start_run("wallet_basics", None).await;
        let failed = lab.start_run("dex_offers", None).await;
        client.goto(&lab.url(RUNS)).await.unwrap();
        for (id, status) in [(&done, "completed"), (&failed, "failed")] {
            wait_js(&client, &format!("{}?.dataset.status === '{status}'", card(id, "")), WAIT, status).await;
        }
        assert_eq!(text(&client, &card(&done, " .badge")).await, "✓DONE");
        assert!(js(&client, &card(&done, " .badge.badge--done")).await.is_object());
        assert_eq!(text(&client, &card(&failed, " .badge")).await, "✗FAILED");
        assert!(js(&client, &card(&failed, " .badge.badge--failed")).await.is_object());
        // The badge function itself, for a status the API does not have.
        let badge = client
            .execute_async(
                "const done = arguments[0]; import('/xrpl-lab/app/js/ui.js').then(m => done(m.statusBadge('paused')));",
                vec![],
            )
            .await
            .unwrap();
        let badge = badge.as_str().unwrap();
        assert!(badge.contains("badge--unknown") && badge.contains("PAUSED"), "{badge}");
        // The sparkline has samples and says what it shows.
        assert!(text(&client, "document.querySelector('#spark .sr-only')").await.starts_with("Active runs over the last 10 minutes"));
        assert!(js(&client, "document.querySelector('#spark polyline')").await.is_object());
        screenshot(&client, "facilitator-runs-finished", DESKTOP).await;
    })
    .await;
}
