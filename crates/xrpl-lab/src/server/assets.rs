//! The dashboard, served from inside the binary.
//!
//! `web/` (at the repository root) is embedded with `rust-embed` (read from disk in debug builds,
//! so editing a page and refreshing shows it). Pages are one shared shell (`web/shell.html`: the
//! sidebar, the modal root, the live region) around a per-page fragment from `web/pages/`; the
//! [`PAGES`] table says which fragment, title, nav item and script each URL gets. The shell also
//! carries the page's [`UiConfig`] as a JSON block, which is how tests shrink the timings.
//!
//! No API data is ever rendered here: pages fetch it from `/api` on their own origin, so the
//! loading, empty, error and timeout states live in one place (the page script).
//!
//! URLs: `/` and `/xrpl-lab/` redirect to `/xrpl-lab/app/`; pages are directory-style
//! (`…/runs` redirects to `…/runs/`); static files (`app.css`, `js/…`, `favicon.svg`) are served
//! with their content type and an `ETag` (revalidated, never stale); anything else under
//! `/xrpl-lab/` is the app's 404 page with status 404.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use rust_embed::RustEmbed;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Where the dashboard lives.
pub const APP_BASE: &str = "/xrpl-lab/app/";

#[derive(RustEmbed)]
#[folder = "../../web/"]
#[exclude = "*.md"]
#[exclude = "tsconfig.json"]
struct Web;

/// Timings the page scripts run with. The defaults are the product's; tests pass shorter ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UiConfig {
    /// Abort an API call after this long.
    pub fetch_timeout_ms: u64,
    /// The runs board refresh interval (`POLL_INTERVAL_MS`).
    pub poll_ms: u64,
    /// A live run with no frame (not even a ping) for this long is shown as stalled.
    pub ws_watchdog_ms: u64,
    /// How often the stall watchdog looks.
    pub ws_watchdog_check_ms: u64,
    /// First reconnect delay of the live run stream; doubles per attempt.
    pub ws_reconnect_base_ms: u64,
    /// Reconnect attempts per outage.
    pub ws_max_reconnect: u32,
    /// Reconnects allowed over a page's life.
    pub ws_max_lifetime_reconnects: u32,
    /// Delay before a `?dry_run=` link starts its run.
    pub auto_start_delay_ms: u64,
}

impl Default for UiConfig {
    fn default() -> Self {
        Self {
            fetch_timeout_ms: 10_000,
            poll_ms: 5_000,
            ws_watchdog_ms: 45_000,
            ws_watchdog_check_ms: 5_000,
            ws_reconnect_base_ms: 500,
            ws_max_reconnect: 5,
            ws_max_lifetime_reconnects: 20,
            auto_start_delay_ms: 300,
        }
    }
}

/// One dashboard page: where it answers, what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Path under [`APP_BASE`], directory-style (`""` is the overview). `{id}` matches one segment.
    pub route: &'static str,
    /// Fragment in `web/pages/`.
    pub fragment: &'static str,
    /// `<title>`, before " - XRPL Lab".
    pub title: &'static str,
    /// Which sidebar item is current.
    pub nav: Option<&'static str>,
    /// Script in `web/js/pages/`, if the page has one.
    pub script: Option<&'static str>,
}

/// Every page of the dashboard.
pub const PAGES: &[Page] = &[
    Page {
        route: "",
        fragment: "overview.html",
        title: "Dashboard",
        nav: Some("dashboard"),
        script: Some("overview.js"),
    },
    Page {
        route: "modules/",
        fragment: "modules.html",
        title: "Modules",
        nav: Some("modules"),
        script: Some("modules.js"),
    },
    Page {
        route: "modules/{id}/",
        fragment: "module.html",
        title: "Module",
        nav: Some("modules"),
        script: Some("module.js"),
    },
    Page {
        route: "run/{id}/",
        fragment: "run.html",
        title: "Run Module",
        nav: Some("modules"),
        script: Some("run.js"),
    },
    Page {
        route: "artifacts/",
        fragment: "artifacts.html",
        title: "Artifacts",
        nav: Some("artifacts"),
        script: Some("artifacts.js"),
    },
    Page {
        route: "verify/",
        fragment: "verify.html",
        title: "Verify",
        nav: Some("verify"),
        script: Some("verify.js"),
    },
    Page {
        route: "doctor/",
        fragment: "doctor.html",
        title: "Doctor",
        nav: Some("doctor"),
        script: Some("doctor.js"),
    },
    Page {
        route: "facilitator/",
        fragment: "facilitator.html",
        title: "Facilitator",
        nav: Some("runs"),
        script: None,
    },
    Page {
        route: "facilitator/runs/",
        fragment: "facilitator-runs.html",
        title: "Active Runs",
        nav: Some("runs"),
        script: Some("facilitator-runs.js"),
    },
    Page {
        route: "404/",
        fragment: "404.html",
        title: "Page Not Found",
        nav: None,
        script: None,
    },
];

const NOT_FOUND: Page = PAGES[PAGES.len() - 1];

/// The dashboard router with the product's timings. Mount it after the `/api` routes.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    router_with(UiConfig::default())
}

/// The dashboard router with the given page timings.
pub fn router_with<S: Clone + Send + Sync + 'static>(ui: UiConfig) -> Router<S> {
    // Numbers only, so the JSON cannot close the script element it sits in.
    let config: Arc<str> = serde_json::to_string(&ui)
        .unwrap_or_else(|_| "{}".to_string())
        .into();
    let to_app = || async { Redirect::temporary(APP_BASE) };
    Router::new()
        .route("/", get(to_app))
        .route("/xrpl-lab", get(to_app))
        .route("/xrpl-lab/", get(to_app))
        .route(
            "/xrpl-lab/{*rest}",
            get(move |Path(rest): Path<String>, req: Request| {
                let config = config.clone();
                async move { serve(&rest, req.uri().query(), req.headers(), &config) }
            }),
        )
}

/// Answers one GET under `/xrpl-lab/`.
fn serve(rest: &str, query: Option<&str>, headers: &HeaderMap, config: &str) -> Response {
    let Some(sub) = rest.strip_prefix("app") else {
        return not_found(config);
    };
    if sub.is_empty() {
        return redirect_permanent(APP_BASE, query);
    }
    let Some(sub) = sub.strip_prefix('/') else {
        return not_found(config);
    };
    if let Some(page) = match_page(sub) {
        return match compose(page, config) {
            Some(html) => html_response(StatusCode::OK, html, headers),
            None => not_found(config),
        };
    }
    if !sub.is_empty() && !sub.ends_with('/') && match_page(&format!("{sub}/")).is_some() {
        return redirect_permanent(&format!("{APP_BASE}{sub}/"), query);
    }
    if is_static(sub) {
        if let Some(file) = Web::get(sub) {
            return static_response(sub, file, headers);
        }
    }
    not_found(config)
}

/// The page a directory-style path shows, if any.
fn match_page(sub: &str) -> Option<&'static Page> {
    PAGES.iter().find(|p| route_matches(p.route, sub))
}

fn route_matches(route: &str, path: &str) -> bool {
    if !path.ends_with('/') && !path.is_empty() {
        return false;
    }
    let want: Vec<&str> = route.split('/').collect();
    let got: Vec<&str> = path.split('/').collect();
    want.len() == got.len()
        && want.iter().zip(&got).all(|(w, g)| {
            if *w == "{id}" {
                is_module_id(g)
            } else {
                w == g
            }
        })
}

/// Module ids as URLs carry them: canonical snake_case, or the hyphenated form.
fn is_module_id(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 80
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Files served as they are: the stylesheet, scripts, icons. Page fragments and the shell are
/// only ever served inside a composed page.
fn is_static(sub: &str) -> bool {
    !sub.starts_with("pages/")
        && sub != "shell.html"
        && !sub
            .split('/')
            .any(|seg| seg.is_empty() || seg.starts_with('.'))
}

/// The shell with a page's fragment, title, nav item, script and config filled in.
fn compose(page: &Page, config: &str) -> Option<String> {
    let shell = Web::get("shell.html")?;
    let fragment = Web::get(&format!("pages/{}", page.fragment))?;
    let shell = std::str::from_utf8(&shell.data).ok()?;
    let fragment = std::str::from_utf8(&fragment.data).ok()?;
    let script = page
        .script
        .map(|s| format!(r#"<script type="module" src="{APP_BASE}js/pages/{s}"></script>"#))
        .unwrap_or_default();
    let mut html = shell
        .replace("{{title}}", page.title)
        .replace("{{config}}", config)
        .replace("{{script}}", &script)
        .replace("{{page}}", fragment);
    if let Some(nav) = page.nav {
        let marker = format!(r#"data-nav="{nav}""#);
        html = html.replace(&marker, &format!(r#"{marker} aria-current="page""#));
    }
    Some(html)
}

fn not_found(config: &str) -> Response {
    match compose(&NOT_FOUND, config) {
        Some(html) => html_response(StatusCode::NOT_FOUND, html, &HeaderMap::new()),
        None => (StatusCode::NOT_FOUND, "Page not found").into_response(),
    }
}

fn redirect_permanent(to: &str, query: Option<&str>) -> Response {
    let target = match query {
        Some(q) if !q.is_empty() => format!("{to}?{q}"),
        _ => to.to_string(),
    };
    Redirect::permanent(&target).into_response()
}

fn html_response(status: StatusCode, html: String, headers: &HeaderMap) -> Response {
    let etag = format!(
        "\"{}\"",
        hex::encode(&Sha256::digest(html.as_bytes())[..16])
    );
    if status == StatusCode::OK && etag_matches(headers, &etag) {
        return not_modified(&etag);
    }
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    security_headers(h);
    res
}

fn static_response(path: &str, file: rust_embed::EmbeddedFile, headers: &HeaderMap) -> Response {
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    if etag_matches(headers, &etag) {
        return not_modified(&etag);
    }
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let content_type = if mime.type_() == mime_guess::mime::TEXT
        || mime.subtype() == mime_guess::mime::JAVASCRIPT
        || mime.subtype() == mime_guess::mime::JSON
        || mime.subtype() == mime_guess::mime::SVG
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut res = (StatusCode::OK, file.data.into_owned()).into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // Revalidate every time: the ETag makes that a cheap 304, and a new binary never serves
    // yesterday's script.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

fn not_modified(etag: &str) -> Response {
    let mut res = StatusCode::NOT_MODIFIED.into_response();
    if let Ok(v) = HeaderValue::from_str(etag) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// Pages only talk to their own origin; nothing may frame them.
fn security_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use tower::ServiceExt;

    async fn get_path(path: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, String) {
        let mut req = Request::builder().uri(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = router::<()>()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = to_bytes(res.into_body(), 4 << 20).await.unwrap();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn every_page_composes_with_its_title_nav_and_script() {
        for page in PAGES {
            let path = format!(
                "{APP_BASE}{}",
                page.route.replace("{id}", "trust_lines_101")
            );
            let (status, headers, body) = get_path(&path, &[]).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
            assert!(
                body.contains(&format!("<title>{} - XRPL Lab</title>", page.title)),
                "{path}"
            );
            assert!(!body.contains("{{"), "unfilled placeholder on {path}");
            assert!(
                body.contains(r#"id="announcer" class="sr-only" role="status" aria-live="polite""#)
            );
            assert!(body.contains(r#"id="modal-root""#));
            match page.nav {
                Some(nav) => {
                    assert!(
                        body.contains(&format!(r#"data-nav="{nav}" aria-current="page""#)),
                        "{path}"
                    );
                    assert_eq!(body.matches(r#"aria-current="page""#).count(), 1, "{path}");
                }
                None => assert!(!body.contains(r#"aria-current="page""#)),
            }
            if let Some(script) = page.script {
                let src = format!("{APP_BASE}js/pages/{script}");
                assert!(body.contains(&src), "{path}");
                let (s, h, _) = get_path(&src, &[]).await;
                assert_eq!(s, StatusCode::OK, "{src}");
                assert!(
                    h[header::CONTENT_TYPE]
                        .to_str()
                        .unwrap()
                        .contains("javascript")
                );
            }
        }
    }

    #[tokio::test]
    async fn config_block_carries_the_timings() {
        let ui = UiConfig {
            poll_ms: 200,
            ..UiConfig::default()
        };
        let res = router_with::<()>(ui)
            .oneshot(
                Request::builder()
                    .uri("/xrpl-lab/app/facilitator/runs/")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let body = to_bytes(res.into_body(), 1 << 20).await.unwrap();
        let body = String::from_utf8_lossy(&body);
        let start = body.find(r#"id="xrpl-lab-config">"#).unwrap() + 21;
        let end = start + body[start..].find("</script>").unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&body[start..end]).unwrap();
        assert_eq!(parsed["pollMs"], 200);
        assert_eq!(parsed["fetchTimeoutMs"], 10_000);
    }

    #[tokio::test]
    async fn roots_redirect_to_the_app_and_pages_get_their_slash() {
        for root in ["/", "/xrpl-lab", "/xrpl-lab/"] {
            let (s, h, _) = get_path(root, &[]).await;
            assert_eq!(s, StatusCode::TEMPORARY_REDIRECT, "{root}");
            assert_eq!(h[header::LOCATION], APP_BASE);
        }
        let (s, h, _) = get_path("/xrpl-lab/app", &[]).await;
        assert_eq!(s, StatusCode::PERMANENT_REDIRECT);
        assert_eq!(h[header::LOCATION], APP_BASE);
        let (s, h, _) = get_path("/xrpl-lab/app/run/payment_basics?dry_run=true", &[]).await;
        assert_eq!(s, StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            h[header::LOCATION],
            "/xrpl-lab/app/run/payment_basics/?dry_run=true"
        );
    }

    #[tokio::test]
    async fn unknown_paths_are_the_app_404_with_status_404() {
        for path in [
            "/xrpl-lab/app/nope/",
            "/xrpl-lab/app/js/missing.js",
            "/xrpl-lab/app/shell.html",
            "/xrpl-lab/app/tsconfig.json",
            "/xrpl-lab/app/pages/overview.html",
            "/xrpl-lab/app/modules/bad%20id/",
            "/xrpl-lab/app/modules/a/b/",
            "/xrpl-lab/handbook/",
            "/xrpl-lab/app/../Cargo.toml",
        ] {
            let (s, h, body) = get_path(path, &[]).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(h[header::CONTENT_TYPE], "text/html; charset=utf-8");
            assert!(body.contains("Page not found"), "{path}");
        }
    }

    #[tokio::test]
    async fn static_files_have_types_etags_and_revalidate() {
        for (path, ty) in [
            ("/xrpl-lab/app/app.css", "text/css; charset=utf-8"),
            ("/xrpl-lab/app/favicon.svg", "image/svg+xml; charset=utf-8"),
        ] {
            let (s, h, body) = get_path(path, &[]).await;
            assert_eq!(s, StatusCode::OK, "{path}");
            assert_eq!(h[header::CONTENT_TYPE], ty);
            assert_eq!(h[header::CACHE_CONTROL], "no-cache");
            assert!(!body.is_empty());
            let etag = h[header::ETAG].to_str().unwrap().to_string();
            let (s, _, body) = get_path(path, &[("if-none-match", &etag)]).await;
            assert_eq!(s, StatusCode::NOT_MODIFIED);
            assert!(body.is_empty());
        }
    }

    #[tokio::test]
    async fn every_embedded_script_is_served_as_javascript() {
        let scripts: Vec<String> = Web::iter()
            .filter(|p| p.ends_with(".js"))
            .map(|p| p.into_owned())
            .collect();
        assert!(scripts.len() >= 10, "{scripts:?}");
        for path in scripts {
            let (s, h, body) = get_path(&format!("{APP_BASE}{path}"), &[]).await;
            assert_eq!(s, StatusCode::OK, "{path}");
            assert_eq!(
                h[header::CONTENT_TYPE],
                "text/javascript; charset=utf-8",
                "{path}"
            );
            assert!(body.starts_with("//!"), "{path} opens with its purpose");
        }
    }

    #[tokio::test]
    async fn every_script_and_style_a_page_references_is_served() {
        let (_, _, body) = get_path("/xrpl-lab/app/facilitator/runs/", &[]).await;
        let mut refs = 0;
        for attr in ["src=\"", "href=\""] {
            for chunk in body.split(attr).skip(1) {
                let url = &chunk[..chunk.find('"').unwrap()];
                if url.starts_with(APP_BASE) && !url.ends_with('/') {
                    refs += 1;
                    let (s, _, _) = get_path(url, &[]).await;
                    assert_eq!(s, StatusCode::OK, "{url}");
                }
            }
        }
        assert!(refs >= 4);
    }
}
