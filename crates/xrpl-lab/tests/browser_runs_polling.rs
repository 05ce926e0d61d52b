//! The runs board's polling contract in a real headless Chromium against the real server,
//! counted at the server: nothing while the tab is hidden, one request at once on return, one
//! per interval after many navigations away and back; and the board's own states (empty,
//! loading, timeout, server stopped) with recovery.

mod support;

use std::time::{Duration, Instant};

use fantoccini::Client;
use support::browser::{DESKTOP, js, screenshot, set_visibility, wait_js, with_browser};
use support::lab::{Lab, demo_module};
use xrpl_lab::server::assets::UiConfig;

const RUNS: &str = "/xrpl-lab/app/facilitator/runs/";
const WAIT: Duration = Duration::from_secs(10);
/// Long enough that runs stay `running` for the whole test.
const HOLD: Duration = Duration::from_secs(60);

async fn text(client: &Client, expr: &str) -> String {
    js(client, &format!("({expr})?.textContent?.trim() ?? ''"))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn hidden_tab_polls_nothing_and_returning_refreshes_at_once() {
    let lab = Lab::start(
        HOLD,
        UiConfig::default(),
        vec![demo_module("dex_offers", 2)],
    )
    .await;
    lab.start_run("dex_offers", None).await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url(RUNS)).await.unwrap();
        wait_js(
            &client,
            "document.querySelectorAll('li.runcard').length === 1",
            WAIT,
            "the card",
        )
        .await;
        set_visibility(&client, true).await;
        let hidden_at = Instant::now();
        assert_eq!(
            text(&client, "document.getElementById('pollText')").await,
            "Paused — tab hidden"
        );
        tokio::time::sleep(Duration::from_secs(15)).await;
        assert_eq!(
            lab.runs_gets_between(hidden_at, Instant::now()),
            0,
            "no GET /api/runs while the tab is hidden"
        );
        let shown_at = Instant::now();
        set_visibility(&client, false).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(
            lab.runs_gets_between(shown_at, Instant::now()),
            1,
            "exactly one GET /api/runs at once on return"
        );
        assert_eq!(
            text(&client, "document.getElementById('pollText')").await,
            "Live · refreshing every 5s"
        );
    })
    .await;
}

#[tokio::test]
async fn twenty_navigations_leave_one_poll_per_interval() {
    let lab = Lab::start(HOLD, UiConfig::default(), vec![demo_module("amm_pools", 2)]).await;
    lab.start_run("amm_pools", None).await;
    with_browser(DESKTOP, |client| async move {
        let runs = lab.url(RUNS);
        let away = lab.url("/xrpl-lab/app/facilitator/");
        for i in 0..20 {
            client.goto(&runs).await.unwrap();
            wait_js(
                &client,
                "document.querySelectorAll('li.runcard').length === 1",
                WAIT,
                "the card",
            )
            .await;
            client.goto(&away).await.unwrap();
            // Half the returns come back through history (possibly the back/forward cache,
            // which restores the old page instead of loading a new one).
            if i % 2 == 0 {
                client.back().await.unwrap();
            } else {
                client.goto(&runs).await.unwrap();
            }
            wait_js(
                &client,
                "document.querySelectorAll('li.runcard').length === 1",
                WAIT,
                "the card again",
            )
            .await;
        }
        // Let the last navigation's immediate refresh pass, then count over three intervals.
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let from = Instant::now();
        tokio::time::sleep(Duration::from_millis(15_200)).await;
        let n = lab.runs_gets_between(from, Instant::now());
        assert!(
            (3..=4).contains(&n),
            "one GET /api/runs per 5 s after 20 navigations, saw {n} in 15.2 s"
        );
        // And they are spaced like one timer, not several.
        let times: Vec<Instant> = lab.runs_gets().into_iter().filter(|t| *t >= from).collect();
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap > Duration::from_millis(3000), "two polls {gap:?} apart");
        }
    })
    .await;
}

#[tokio::test]
async fn board_shows_empty_loading_timeout_and_server_stopped_states() {
    let mut lab = Lab::start(
        HOLD,
        UiConfig {
            poll_ms: 1000,
            fetch_timeout_ms: 1500,
            ..UiConfig::default()
        },
        vec![demo_module("payment_basics", 2)],
    )
    .await;
    with_browser(DESKTOP, |client| async move {
        // Empty.
        client.goto(&lab.url(RUNS)).await.unwrap();
        wait_js(
            &client,
            "document.querySelector('#fac-root')?.dataset.state === 'empty'",
            WAIT,
            "the empty state",
        )
        .await;
        assert!(
            text(&client, "document.getElementById('fac-root')")
                .await
                .contains("No active runs")
        );
        assert_eq!(
            text(&client, "document.getElementById('capacity')").await,
            "0/8 active"
        );
        screenshot(&client, "facilitator-runs-empty", DESKTOP).await;

        // Loading: the API holds its answer; the skeleton shows.
        lab.set_api_delay(Duration::from_secs(30));
        client.refresh().await.unwrap();
        wait_js(
            &client,
            "document.querySelector('#fac-root [data-state=loading]')",
            WAIT,
            "the loading skeleton",
        )
        .await;
        assert_eq!(
            js(
                &client,
                "document.getElementById('fac-root').getAttribute('aria-busy')"
            )
            .await,
            "true"
        );
        screenshot(&client, "facilitator-runs-loading", DESKTOP).await;

        // Timeout: the page gives up after its fetch timeout and says so.
        wait_js(
            &client,
            "document.querySelector('#fac-root')?.dataset.state?.startsWith('error-timeout')",
            WAIT,
            "the timeout state",
        )
        .await;
        assert!(
            text(&client, "document.getElementById('fac-root')")
                .await
                .contains("Request timed out")
        );
        screenshot(&client, "facilitator-runs-timeout", DESKTOP).await;

        // Recovery on the next poll once the API answers again.
        lab.set_api_delay(Duration::ZERO);
        wait_js(
            &client,
            "document.querySelector('#fac-root')?.dataset.state === 'empty'",
            WAIT,
            "recovery",
        )
        .await;

        // Server stopped: the board says the API is offline, and keeps retrying.
        lab.stop();
        wait_js(
            &client,
            "document.querySelector('#fac-root')?.dataset.state?.startsWith('error-offline')",
            WAIT,
            "the offline state",
        )
        .await;
        let shown = text(&client, "document.getElementById('fac-root')").await;
        assert!(
            shown.contains("Can't reach the API") && shown.contains("xrpl-lab serve"),
            "{shown}"
        );
        assert_eq!(
            text(&client, "document.getElementById('pollText')").await,
            "Retrying every 1s"
        );
        screenshot(&client, "facilitator-runs-offline", DESKTOP).await;
    })
    .await;
}
