//! A real headless Chromium for the dashboard's browser tests, driven over WebDriver
//! (fantoccini + Debian's `chromedriver`), and the small helpers every browser test needs:
//! waiting on a page condition, screenshots under `target/screenshots/`, the page's console
//! errors, and an axe-core accessibility scan.
//!
//! One `chromedriver` serves the whole test binary (started on first use, on a free loopback
//! port); each test gets its own browser session with a fresh profile, closed even when the test
//! panics. When `chromedriver` is missing the tests say so loudly and pass without a browser:
//! `scripts/test.sh` installs it, so the full suite always has one.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use futures::FutureExt;
use serde_json::{Value, json};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The shared chromedriver of this test binary.
struct Driver {
    port: u16,
    /// Kept so the wrapper shell's stdin stays open; when the test binary exits the pipe closes
    /// and the wrapper stops chromedriver (statics are never dropped).
    _child: Child,
}

static DRIVER: OnceLock<Option<Driver>> = OnceLock::new();

/// At most this many browsers at once per test binary: the suite runs on two cores, and the
/// polling tests measure real time, which a dozen Chromiums fighting for the CPU would skew.
static SESSIONS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

fn driver() -> Option<&'static Driver> {
    DRIVER
        .get_or_init(|| {
            let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.to_string());
            if !Path::new(&bin).exists() {
                eprintln!(
                    "\n!!! {bin} not found: browser tests are SKIPPED. Run scripts/test.sh (it installs chromium and chromium-driver).\n"
                );
                return None;
            }
            let port = free_port();
            // `read` returns when our end of the pipe closes (this process exited, however it
            // exited); then chromedriver is stopped.
            let child = Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "\"$0\" --port={port} --allowed-ips=127.0.0.1 --log-level=OFF >/dev/null 2>&1 & pid=$!; read _; kill $pid"
                ))
                .arg(&bin)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok()?;
            let deadline = Instant::now() + Duration::from_secs(20);
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                if Instant::now() > deadline {
                    eprintln!("!!! chromedriver did not start: browser tests are SKIPPED");
                    return None;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Some(Driver { port, _child: child })
        })
        .as_ref()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9515)
}

/// A browser window of a given size.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
}

pub const DESKTOP: Viewport = Viewport {
    width: 1440,
    height: 1000,
};
pub const PHONE: Viewport = Viewport {
    width: 390,
    height: 844,
};

/// Runs `test` against a fresh headless Chromium session, and closes the session afterwards
/// even if the test panicked (then the panic goes on). Returns without running it when no
/// chromedriver is installed.
pub async fn with_browser<F, Fut>(viewport: Viewport, test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    with_browser_args(viewport, &[], test).await
}

/// [`with_browser`] with extra Chromium switches (e.g. `--force-prefers-reduced-motion`).
pub async fn with_browser_args<F, Fut>(viewport: Viewport, extra: &[&str], test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(driver) = driver() else { return };
    let _slot = SESSIONS.acquire().await.expect("session slots");
    // Two TLS backends are linked (reqwest's and fantoccini's); pick one for the process. The
    // WebDriver connection itself is plain HTTP on loopback.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let profile = tempfile::tempdir().expect("profile dir");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string());
    let caps = json!({
        "browserName": "chrome",
        "goog:loggingPrefs": {"browser": "ALL"},
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-color-profile=srgb",
                format!("--user-data-dir={}", profile.path().display()),
                format!("--window-size={},{}", viewport.width, viewport.height),
            ],
        },
    });
    let mut caps = caps;
    if let Some(args) = caps["goog:chromeOptions"]["args"].as_array_mut() {
        args.extend(extra.iter().map(|a| Value::String(a.to_string())));
    }
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    let client = ClientBuilder::rustls()
        .expect("tls roots")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a chromium session");
    set_viewport(&client, viewport).await;
    let outcome = std::panic::AssertUnwindSafe(test(client.clone()))
        .catch_unwind()
        .await;
    let _ = client.close().await;
    drop(profile);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Makes the page's viewport (not the outer window) the given size, so screenshots are exact.
pub async fn set_viewport(client: &Client, vp: Viewport) {
    let _ = client.set_window_size(vp.width, vp.height).await;
    let inner: Vec<u32> = serde_json::from_value(
        client
            .execute("return [window.innerWidth, window.innerHeight]", vec![])
            .await
            .unwrap_or(json!([vp.width, vp.height])),
    )
    .unwrap_or(vec![vp.width, vp.height]);
    let (dw, dh) = (
        vp.width.saturating_sub(inner[0]),
        vp.height.saturating_sub(inner[1]),
    );
    if dw > 0 || dh > 0 {
        let _ = client.set_window_size(vp.width + dw, vp.height + dh).await;
    }
}

/// Evaluates a JavaScript expression in the page.
pub async fn js(client: &Client, expr: &str) -> Value {
    client
        .execute(&format!("return ({expr});"), vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {expr}: {e}"))
}

/// Waits until a JavaScript expression is truthy; panics with `what` after `timeout`.
pub async fn wait_js(client: &Client, expr: &str, timeout: Duration, what: &str) {
    let deadline = Instant::now() + timeout;
    loop {
        let v = client
            .execute(&format!("return !!({expr});"), vec![])
            .await
            .unwrap_or(Value::Bool(false));
        if v == Value::Bool(true) {
            return;
        }
        if Instant::now() > deadline {
            let body = client
                .execute(
                    "return document.querySelector('main')?.innerText || ''",
                    vec![],
                )
                .await
                .unwrap_or_default();
            panic!("timed out waiting for {what} ({expr}); main shows: {body}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `target/screenshots/` of this workspace (or of `CARGO_TARGET_DIR`).
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("screenshots")
}

/// Saves a PNG of the viewport as `target/screenshots/{name}-{w}x{h}.png`.
pub async fn screenshot(client: &Client, name: &str, vp: Viewport) {
    let png = client.screenshot().await.expect("screenshot");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    std::fs::write(
        dir.join(format!("{name}-{}x{}.png", vp.width, vp.height)),
        png,
    )
    .expect("write screenshot");
}

#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or("")))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// The console errors (and uncaught exceptions) the page logged since the last call.
/// `allow` lists substrings of messages a test expects (a deliberately failed request).
pub async fn console_errors(client: &Client, allow: &[&str]) -> Vec<String> {
    let Ok(Value::Array(entries)) = client.issue_cmd(BrowserLog).await else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for message in entries
        .iter()
        .filter(|e| e["level"] == "SEVERE")
        .filter_map(|e| e["message"].as_str())
        .filter(|m| !allow.iter().any(|a| m.contains(a)))
    {
        if let Some(route) = missing_api_route(message).await {
            eprintln!(
                "note: {route} is not served by this build yet; its page shows the error state"
            );
            continue;
        }
        errors.push(message.to_string());
    }
    errors
}

/// A "404" console line for an `/api` route this server does not have at all (the answer's code
/// is `NOT_FOUND`, not a resource-level code like `RUN_NOT_FOUND`): an endpoint still to come,
/// not a page bug.
async fn missing_api_route(message: &str) -> Option<String> {
    if !message.contains("status of 404") {
        return None;
    }
    let url = message.split_whitespace().next()?;
    let parsed = url::Url::parse(url).ok()?;
    if !parsed.path().starts_with("/api/") {
        return None;
    }
    let body: Value = reqwest::get(url).await.ok()?.json().await.ok()?;
    (body["detail"]["code"] == "NOT_FOUND").then(|| parsed.path().to_string())
}

/// axe-core's source, installed by `scripts/test.sh` under `target/axe/`.
fn axe_source() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).ok()
}

/// Runs axe-core on the current page and returns its serious and critical violations as
/// "rule: target" lines. Without axe-core installed it says so and returns none.
pub async fn axe_violations(client: &Client) -> Vec<String> {
    let Some(src) = axe_source() else {
        eprintln!(
            "!!! axe-core not installed (scripts/test.sh installs it): accessibility scan SKIPPED"
        );
        return Vec::new();
    };
    client.execute(&src, vec![]).await.expect("inject axe");
    let result = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {resultTypes: ['violations']})
                 .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                 .catch(e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("axe run");
    serde_json::from_value(result).unwrap_or_default()
}

/// Makes the page believe its tab was hidden (or shown again).
///
/// Headless Chromium has no tab strip to switch away from, and the DevTools focus emulation
/// does not change `document.visibilityState`; so the test overrides that property and fires
/// `visibilitychange`, which is exactly what a page observes when a real tab is backgrounded.
pub async fn set_visibility(client: &Client, hidden: bool) {
    let state = if hidden { "hidden" } else { "visible" };
    client
        .execute(
            &format!(
                "Object.defineProperty(document, 'visibilityState', {{configurable: true, get: () => '{state}'}});
                 Object.defineProperty(document, 'hidden', {{configurable: true, get: () => {hidden}}});
                 document.dispatchEvent(new Event('visibilitychange'));"
            ),
            vec![],
        )
        .await
        .expect("visibility override");
}

#[derive(Debug)]
struct CdpCommand(Value);

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or("")
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// Runs `source` in every document this session loads from now on, before the page's own
/// scripts (DevTools `Page.addScriptToEvaluateOnNewDocument`). Tests use it to observe what a
/// page cannot be asked from outside, such as its WebSocket objects.
pub async fn add_init_script(client: &Client, source: &str) {
    client
        .issue_cmd(CdpCommand(json!({
            "cmd": "Page.addScriptToEvaluateOnNewDocument",
            "params": {"source": source},
        })))
        .await
        .expect("init script");
}
