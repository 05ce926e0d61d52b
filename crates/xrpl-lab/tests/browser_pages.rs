//! Every dashboard page in a real headless Chromium against the real server: it settles (data
//! or a classified error, never a stuck skeleton), logs no console error, passes an axe-core
//! scan with no serious or critical violation, works on a phone (the navigation drawer), and
//! shows its loading, timeout and server-stopped states. Screenshots of each page at 1440×1000
//! and 390×844 land in `target/screenshots/`.

mod support;

use std::time::Duration;

use fantoccini::{Client, Locator, key::Key};
use support::browser::{
    DESKTOP, PHONE, axe_violations, console_errors, js, screenshot, set_viewport, wait_js,
    with_browser, with_browser_args,
};
use support::lab::{Lab, demo_module};
use xrpl_lab::server::assets::UiConfig;

const WAIT: Duration = Duration::from_secs(15);
const MODULE: &str = "trust_lines_101";

/// One page: its screenshot name, URL, `<title>`, and whether it loads data from the API.
struct Case {
    name: &'static str,
    path: String,
    title: &'static str,
    fetches: bool,
}

fn cases() -> Vec<Case> {
    let c = |name, path: &str, title, fetches| Case {
        name,
        path: format!("/xrpl-lab/app/{path}"),
        title,
        fetches,
    };
    vec![
        c("overview", "", "Dashboard - XRPL Lab", true),
        c("modules", "modules/", "Modules - XRPL Lab", true),
        c("module", &format!("modules/{MODULE}/"), "", true),
        c("run", &format!("run/{MODULE}/"), "", false),
        c("artifacts", "artifacts/", "Artifacts - XRPL Lab", true),
        c("verify", "verify/", "Verify - XRPL Lab", false),
        c("doctor", "doctor/", "Doctor - XRPL Lab", true),
        c(
            "facilitator",
            "facilitator/",
            "Facilitator - XRPL Lab",
            false,
        ),
        c(
            "facilitator-runs",
            "facilitator/runs/",
            "Active Runs - XRPL Lab",
            true,
        ),
        c(
            "not-found",
            "no-such-page/",
            "Page Not Found - XRPL Lab",
            false,
        ),
    ]
}

/// The page has finished loading: no region of it is still marked busy.
const SETTLED: &str =
    "document.readyState === 'complete' && !document.querySelector('main [aria-busy=true]')";

async fn main_text(client: &Client) -> String {
    js(client, "document.querySelector('main').innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn every_page_settles_cleanly_and_accessibly_at_both_sizes() {
    let lab = Lab::start(
        Duration::from_secs(60),
        UiConfig::default(),
        vec![demo_module(MODULE, 3)],
    )
    .await;
    lab.start_run(MODULE, Some("alice")).await;
    with_browser(DESKTOP, |client| async move {
        for case in cases() {
            set_viewport(&client, DESKTOP).await;
            client.goto(&lab.url(&case.path)).await.unwrap();
            wait_js(&client, SETTLED, WAIT, case.name).await;
            // Let the page finish what it started (modules, net pill) before judging it.
            tokio::time::sleep(Duration::from_millis(300)).await;
            if !case.title.is_empty() {
                assert_eq!(client.title().await.unwrap(), case.title, "{}", case.name);
            }
            let shown = main_text(&client).await;
            assert!(!shown.trim().is_empty(), "{} shows nothing", case.name);
            // A fresh learner (the lab's own empty home and workspace) sees the empty states.
            if case.name == "artifacts" {
                let panels = js(
                    &client,
                    "[...document.querySelectorAll('[role=tabpanel]')].map(p => p.textContent)",
                )
                .await;
                let panels: Vec<String> = serde_json::from_value(panels).unwrap();
                for (panel, want) in
                    panels
                        .iter()
                        .zip(["No proof pack yet", "No certificate yet", "No reports yet"])
                {
                    assert!(
                        panel.contains(want),
                        "artifacts empty state {want:?}: {panel}"
                    );
                }
            }
            if case.name == "overview" {
                let status: serde_json::Value = reqwest::get(lab.url("/api/status"))
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let total = status["modules_total"].as_u64().unwrap();
                assert!(
                    shown.contains(&format!("0 of {total} modules complete")),
                    "fresh progress: {shown}"
                );
                assert!(shown.contains("No runs yet"), "{shown}");
            }
            screenshot(&client, case.name, DESKTOP).await;
            let violations = axe_violations(&client).await;
            assert!(
                violations.is_empty(),
                "{}: axe serious/critical: {violations:#?}",
                case.name
            );
            assert_eq!(
                console_errors(&client, &["no-such-page"]).await,
                Vec::<String>::new(),
                "{}",
                case.name
            );

            set_viewport(&client, PHONE).await;
            wait_js(&client, "window.innerWidth <= 400", WAIT, "phone viewport").await;
            screenshot(&client, case.name, PHONE).await;
        }
    })
    .await;
}

#[tokio::test]
async fn the_phone_drawer_opens_closes_with_escape_and_returns_focus() {
    let lab = Lab::start(
        Duration::ZERO,
        UiConfig::default(),
        vec![demo_module(MODULE, 1)],
    )
    .await;
    with_browser(PHONE, |client| async move {
        client
            .goto(&lab.url("/xrpl-lab/app/facilitator/"))
            .await
            .unwrap();
        let toggle = client.find(Locator::Id("navToggle")).await.unwrap();
        assert_eq!(
            toggle.attr("aria-expanded").await.unwrap().as_deref(),
            Some("false")
        );
        toggle.click().await.unwrap();
        assert_eq!(
            toggle.attr("aria-expanded").await.unwrap().as_deref(),
            Some("true")
        );
        wait_js(
            &client,
            "getComputedStyle(document.getElementById('sidebar')).visibility === 'visible'",
            WAIT,
            "the drawer",
        )
        .await;
        assert_eq!(
            js(
                &client,
                "document.getElementById('sidebar').contains(document.activeElement)"
            )
            .await,
            true,
            "focus moves into the drawer"
        );
        screenshot(&client, "nav-drawer", PHONE).await;
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(&Key::Escape.to_string())
            .await
            .unwrap();
        assert_eq!(
            toggle.attr("aria-expanded").await.unwrap().as_deref(),
            Some("false")
        );
        assert_eq!(
            js(&client, "document.activeElement.id").await,
            "navToggle",
            "focus returns to Menu"
        );
    })
    .await;
}

#[tokio::test]
async fn data_pages_show_loading_then_timeout() {
    let lab = Lab::start(
        Duration::from_secs(60),
        UiConfig {
            fetch_timeout_ms: 1200,
            ..UiConfig::default()
        },
        vec![demo_module(MODULE, 3)],
    )
    .await;
    lab.set_api_delay(Duration::from_secs(30));
    with_browser(DESKTOP, |client| async move {
        for case in cases().into_iter().filter(|c| c.fetches) {
            client.goto(&lab.url(&case.path)).await.unwrap();
            wait_js(
                &client,
                "document.querySelector('main [aria-busy=true]')",
                WAIT,
                "the loading state",
            )
            .await;
            screenshot(&client, &format!("{}-loading", case.name), DESKTOP).await;
            wait_js(
                &client,
                "document.querySelector('main').innerText.includes('timed out')",
                WAIT,
                &format!("{} timeout state", case.name),
            )
            .await;
            wait_js(&client, SETTLED, WAIT, case.name).await;
            screenshot(&client, &format!("{}-timeout", case.name), DESKTOP).await;
        }
    })
    .await;
}

#[tokio::test]
async fn data_pages_say_when_the_server_is_gone() {
    for case in cases().into_iter().filter(|c| c.fetches) {
        let mut lab = Lab::start(
            Duration::from_secs(60),
            UiConfig::default(),
            vec![demo_module(MODULE, 3)],
        )
        .await;
        lab.set_api_delay(Duration::from_secs(30));
        let url = lab.url(&case.path);
        with_browser(DESKTOP, |client| async move {
            client.goto(&url).await.unwrap();
            wait_js(
                &client,
                "document.querySelector('main [aria-busy=true]')",
                WAIT,
                "the loading state",
            )
            .await;
            lab.stop();
            wait_js(
                &client,
                "document.querySelector('main').innerText.includes('API is offline')",
                WAIT,
                &format!("{} offline state", case.name),
            )
            .await;
            let shown = main_text(&client).await;
            assert!(
                shown.contains("xrpl-lab serve"),
                "{}: tells how to fix it: {shown}",
                case.name
            );
            screenshot(&client, &format!("{}-offline", case.name), DESKTOP).await;
        })
        .await;
    }
}

#[tokio::test]
async fn reduced_motion_stills_the_pulses() {
    let lab = Lab::start(
        Duration::from_secs(60),
        UiConfig::default(),
        vec![demo_module(MODULE, 2)],
    )
    .await;
    lab.start_run(MODULE, None).await;
    with_browser_args(DESKTOP, &["--force-prefers-reduced-motion"], |client| async move {
        client.goto(&lab.url("/xrpl-lab/app/facilitator/runs/")).await.unwrap();
        wait_js(&client, "document.querySelector('.badge--active')", WAIT, "an ACTIVE badge").await;
        assert_eq!(js(&client, "matchMedia('(prefers-reduced-motion: reduce)').matches").await, true);
        let pulse = js(&client, "getComputedStyle(document.querySelector('.badge--active .badge__glyph'), '::after').animationIterationCount").await;
        assert_eq!(pulse, "1", "the ACTIVE pulse does not loop under reduced motion");
    })
    .await;
    // And it does loop for everyone else.
    let lab = Lab::start(
        Duration::from_secs(60),
        UiConfig::default(),
        vec![demo_module(MODULE, 2)],
    )
    .await;
    lab.start_run(MODULE, None).await;
    with_browser(DESKTOP, |client| async move {
        client.goto(&lab.url("/xrpl-lab/app/facilitator/runs/")).await.unwrap();
        wait_js(&client, "document.querySelector('.badge--active')", WAIT, "an ACTIVE badge").await;
        let pulse = js(&client, "getComputedStyle(document.querySelector('.badge--active .badge__glyph'), '::after').animationIterationCount").await;
        assert_eq!(pulse, "infinite");
    })
    .await;
}
