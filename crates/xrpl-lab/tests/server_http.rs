//! The HTTP surface around the runs: health, the error envelope for framework rejections, CORS
//! and the WebSocket sharing one allow-list, the Host check, the token, OpenAPI and metrics, and
//! the `serve` flags. Checklist items of api.md §9 are named; DESIGN overrides are said so.

mod server_support;

use std::time::Duration;

use clap::Parser;
use serde_json::Value;
use server_support::*;
use xrpl_lab::cli::{Cli, Command};
use xrpl_lab::server::ServeConfig;

#[tokio::test]
async fn item_9_health() {
    let s = TestServer::standard().await;
    let (status, body) = s.get("/api/health").await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        serde_json::json!({"status": "ok", "version": xrpl_lab::VERSION, "dry_run": true})
    );
}

#[tokio::test]
async fn item_8_openapi_is_generated_and_documented() {
    let s = TestServer::standard().await;
    let (status, doc) = s.get("/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["info"]["title"], "XRPL Lab");
    assert_eq!(doc["info"]["version"], xrpl_lab::VERSION);
    for path in [
        "/api/health",
        "/api/run/{module_id}",
        "/api/runs",
        "/api/runs/{run_id}",
        "/api/run/{module_id}/ws",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    let run_info = &doc["components"]["schemas"]["RunInfo"]["properties"];
    for k in [
        "run_id",
        "module_id",
        "status",
        "created_at",
        "elapsed_seconds",
        "queue_size",
        "dry_run",
        "learner",
        "finished_at",
    ] {
        assert!(run_info[k].is_object(), "RunInfo.{k}");
    }
    let page = s.http.get(s.url("/docs")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("/api/runs/{run_id}") && html.contains("/openapi.json"));
}

#[tokio::test]
async fn framework_rejections_answer_with_the_json_envelope() {
    let s = TestServer::standard().await;
    // Unknown route: 404 JSON.
    let (status, body) = s.get("/api/nope").await;
    assert_eq!(status, 404);
    assert_eq!(body["detail"]["code"], "NOT_FOUND");
    let (status, body) = s.get("/definitely/not/here").await;
    assert_eq!(
        (status, body["detail"]["code"].as_str()),
        (404, Some("NOT_FOUND"))
    );
    // Wrong method: 405 JSON.
    let r = s.http.put(s.url("/api/runs")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["detail"]["code"], "METHOD_NOT_ALLOWED");
    // A plain GET on the WebSocket route (no upgrade): a JSON 4xx, not a text one.
    let r = s
        .http
        .get(s.url("/api/run/hang/ws?run_id=x"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let body: Value = r.json().await.unwrap();
    assert!(body["detail"]["code"].is_string());
    // Every envelope has exactly the three strings.
    assert_eq!(body["detail"].as_object().unwrap().len(), 3);
}

#[tokio::test]
async fn cors_and_the_websocket_share_one_allow_list() {
    let s = TestServer::standard().await;
    for origin in [
        "http://localhost:4321",
        "http://127.0.0.1:3000",
        s.own_origin().as_str(),
    ] {
        let r = s
            .http
            .get(s.url("/api/runs"))
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["access-control-allow-origin"], origin);
        assert!(
            r.headers()["vary"]
                .to_str()
                .unwrap()
                .to_lowercase()
                .contains("origin")
        );
        assert!(
            r.headers()
                .get("access-control-allow-credentials")
                .is_none()
        );
    }
    let r = s
        .http
        .get(s.url("/api/runs"))
        .header("Origin", "https://evil.com")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    // Preflight for the Kill button.
    let r = s
        .http
        .request(reqwest::Method::OPTIONS, s.url("/api/runs/x"))
        .header("Origin", "http://localhost:4321")
        .header("Access-Control-Request-Method", "DELETE")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert!(
        r.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("DELETE")
    );
    assert_eq!(r.headers()["access-control-max-age"], "600");
}

#[tokio::test]
async fn evil_host_header_is_refused_dns_rebinding_defence() {
    let s = TestServer::standard().await;
    for host in ["evil.example", "evil.example:8321", "attacker.test:80"] {
        let r = s
            .http
            .get(s.url("/api/runs"))
            .header("Host", host)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{host}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["detail"]["code"], "HOST_NOT_ALLOWED");
    }
    let port = s.addr.port();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let r = s
            .http
            .get(s.url("/api/health"))
            .header("Host", &host)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{host}");
    }
}

#[tokio::test]
async fn with_a_token_every_api_call_and_the_websocket_need_it() {
    let s = TestServer::start(
        ServeConfig {
            token: Some("workshop-42".into()),
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("Bearer workshop-4"),
        Some("workshop-42"),
    ] {
        let mut req = s.http.get(s.url("/api/runs"));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 401, "{auth:?}");
        assert_eq!(r.headers()["www-authenticate"], "Bearer");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["detail"]["code"], "UNAUTHORIZED");
        assert!(
            !body.to_string().contains("workshop-42"),
            "the token never echoes"
        );
    }
    let ok = |req: reqwest::RequestBuilder| req.header("Authorization", "Bearer workshop-42");
    let r = ok(s.http.post(s.url("/api/run/hang")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let id = r.json::<Value>().await.unwrap()["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        ok(s.http.get(s.url("/api/runs")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // The WebSocket: without the token, 401 before upgrade; with ?token=, it streams.
    let url = s.ws_url("hang", &format!("run_id={id}"));
    let mut req = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
        url.as_str(),
    )
    .unwrap();
    req.headers_mut()
        .insert("Origin", DEV_ORIGIN.parse().unwrap());
    let err = tokio_tungstenite::connect_async(req).await.unwrap_err();
    assert!(err.to_string().contains("401"), "{err}");
    let (frames, _, _) = ws_transcript(
        &format!("{url}&token=workshop-42"),
        Some(DEV_ORIGIN),
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(frames[0]["type"], "step");
    // Health is under /api too.
    assert_eq!(s.get("/api/health").await.0, 401);
}

#[tokio::test]
async fn metrics_count_runs_clients_and_latency() {
    let s = TestServer::standard().await;
    let ok = s.start_run("instant").await;
    let bad = s.start_run("boom").await;
    let hung = s.start_run("hang").await;
    s.wait_terminal(&ok).await;
    s.wait_terminal(&bad).await;
    let mut ws = ws_connect(
        &s.ws_url("hang", &format!("run_id={hung}")),
        Some(DEV_ORIGIN),
    )
    .await;
    futures::StreamExt::next(&mut ws).await;
    let text = s
        .http
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "xrpl_lab_runs_started_total 3",
        "xrpl_lab_runs_completed_total 1",
        "xrpl_lab_runs_failed_total 1",
        "xrpl_lab_runs_cancelled_total 0",
        "xrpl_lab_runs_active 1",
        "xrpl_lab_websocket_clients 1",
        "# TYPE xrpl_lab_http_request_duration_seconds histogram",
        "xrpl_lab_http_request_duration_seconds_bucket{le=\"+Inf\"}",
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
    s.delete(&format!("/api/runs/{hung}")).await;
    let text = s
        .http
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("xrpl_lab_runs_cancelled_total 1"));
}

#[test]
fn item_1_serve_flag_defaults_and_overrides() {
    let cli = Cli::try_parse_from(["xrpl-lab", "serve"]).unwrap();
    let Command::Serve(args) = cli.command else {
        panic!()
    };
    let c = args.to_config(&[]);
    assert_eq!(
        (c.host.as_str(), c.port, c.dry_run, c.max_concurrent),
        ("127.0.0.1", 8321, false, 8)
    );
    assert_eq!(c.run_grace, Duration::from_secs(60));
    let cli = Cli::try_parse_from([
        "xrpl-lab",
        "serve",
        "--dry-run",
        "--port",
        "9999",
        "--host",
        "0.0.0.0",
        "--max-concurrent",
        "3",
        "--run-grace-seconds",
        "5",
        "--step-delay-ms",
        "20",
        "--token",
        "t",
    ])
    .unwrap();
    let Command::Serve(args) = cli.command else {
        panic!()
    };
    let c = args.to_config(&[]);
    assert_eq!(
        (c.host.as_str(), c.port, c.dry_run, c.max_concurrent),
        ("0.0.0.0", 9999, true, 3)
    );
    assert_eq!(c.run_grace, Duration::from_secs(5));
    assert_eq!(c.step_delay, Duration::from_millis(20));
    assert_eq!(c.token.as_deref(), Some("t"));
    assert!(Cli::try_parse_from(["xrpl-lab", "serve", "--max-concurrent", "0"]).is_err());
}

#[test]
fn item_2_beyond_loopback_without_a_token_refuses_to_start() {
    // DESIGN overrides 2: instead of a warning, a refusal with a clear message and exit 2.
    for host in ["0.0.0.0", "::"] {
        let out = assert_cmd::Command::cargo_bin("xrpl-lab")
            .unwrap()
            .args(["serve", "--host", host, "--port", "0"])
            .env_remove("XRPL_LAB_TOKEN")
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{host}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--token") && err.contains("XRPL_LAB_TOKEN"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn item_7_allow_list_is_the_base_origins_plus_our_own() {
    let s = TestServer::standard().await;
    let own = s.own_origin();
    // The same predicate decides CORS and the WebSocket; check both agree on each origin.
    for (origin, allowed) in [
        ("http://localhost:4321", true),
        ("http://localhost:3000", true),
        ("http://127.0.0.1:4321", true),
        ("http://127.0.0.1:3000", true),
        (own.as_str(), true),
        ("http://localhost:9", false),
        ("https://localhost:4321", false),
    ] {
        let r = s
            .http
            .get(s.url("/api/health"))
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.headers().get("access-control-allow-origin").is_some(),
            allowed,
            "{origin}"
        );
    }
}
