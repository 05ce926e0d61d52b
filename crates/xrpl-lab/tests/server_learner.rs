//! The learner-facing endpoints over real files in temp directories: status, modules, artifacts,
//! reports (with traversal attempts) and verify (with sealed, tampered and malformed bodies).
//! Checklist items of api.md §9 are named in each test.

mod server_support;

use std::path::Path;

use serde_json::{Value, json};
use server_support::*;
use tempfile::TempDir;
use xrpl_lab::curriculum::Catalog;
use xrpl_lab::server::ServeConfig;
use xrpl_lab::workspace::{Home, StateStore, certificate, proof_pack};

struct Learner {
    home: TempDir,
    ws: TempDir,
}

impl Learner {
    fn new() -> Self {
        Self {
            home: tempfile::tempdir().unwrap(),
            ws: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self) -> ServeConfig {
        ServeConfig {
            home_dir: Some(self.home.path().to_path_buf()),
            workspace_dir: Some(self.ws.path().to_path_buf()),
            ..test_config()
        }
    }

    fn complete(&self, module: &str, txid: &str) {
        StateStore::new(Home::at(self.home.path()))
            .update(|s| {
                s.wallet_address = Some("rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe".into());
                s.record_tx(txid, module, "testnet", true, "", 1_750_000_000.0);
                s.mark_completed(module, vec![txid.into()], None, 1_750_000_000.5)
            })
            .unwrap();
    }

    fn write_report(&self, id: &str, text: &str) {
        let dir = self.ws.path().join("reports");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{id}.md")), text).unwrap();
    }
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[tokio::test]
async fn item_10_13_14_status_has_the_seventeen_keys_and_tracks_completion() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let (status, body) = s.get("/api/status").await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&body),
        [
            "modules_completed",
            "modules_total",
            "wallet_configured",
            "wallet_address",
            "last_run",
            "workspace",
            "current_module",
            "current_track",
            "current_mode",
            "blockers",
            "is_blocked",
            "track_progress",
            "has_proof_pack",
            "has_certificate",
            "report_count",
            "network",
            "version",
        ]
    );
    assert!(body["last_run"].is_null());
    assert_eq!(body["modules_completed"], 0);
    let total = s.get("/api/modules").await.1.as_array().unwrap().len();
    assert_eq!(body["modules_total"], total);
    assert_eq!(body["wallet_configured"], false);
    assert_eq!(body["is_blocked"], true, "no wallet blocks");
    assert_eq!(body["track_progress"].as_array().unwrap().len(), 10);
    assert_eq!(body["version"], xrpl_lab::VERSION);
    let first = body["current_module"].as_str().unwrap().to_string();
    l.complete(&first, "AB".repeat(32).as_str());
    let (_, body) = s.get("/api/status").await;
    assert_eq!(body["modules_completed"], 1);
    assert_eq!(body["last_run"]["module"], first.as_str());
    assert_eq!(body["last_run"]["success"], true);
    assert_eq!(body["wallet_configured"], true);
    assert_ne!(body["current_module"], first.as_str());
}

#[tokio::test]
async fn item_11_12_status_network_follows_the_server_mode() {
    let l = Learner::new();
    let dry = TestServer::start(l.config(), Scripted::standard()).await;
    assert_eq!(dry.get("/api/status").await.1["network"], "dry-run");
    if std::env::var_os("XRPL_LAB_RPC_URL").is_none() {
        let net = TestServer::start(
            ServeConfig {
                dry_run: false,
                ..l.config()
            },
            Scripted::standard(),
        )
        .await;
        assert_eq!(net.get("/api/status").await.1["network"], "testnet");
    }
}

#[tokio::test]
async fn item_15_relative_workspace_is_shown_relative() {
    let l = Learner::new();
    let s = TestServer::start(
        ServeConfig {
            workspace_dir: None,
            ..l.config()
        },
        Scripted::standard(),
    )
    .await;
    assert_eq!(s.get("/api/status").await.1["workspace"], ".xrpl-lab");
}

#[tokio::test]
async fn item_16_modules_list_in_canonical_order_with_completion_and_next() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let (status, list) = s.get("/api/modules").await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    for m in list {
        assert_eq!(
            keys(m),
            [
                "id",
                "title",
                "track",
                "summary",
                "level",
                "time_estimate",
                "mode",
                "requires",
                "produces",
                "checks",
                "completed",
                "is_next"
            ]
        );
        assert!(m.get("time").is_none());
    }
    assert_eq!(list.iter().filter(|m| m["is_next"] == true).count(), 1);
    let first = list.iter().find(|m| m["is_next"] == true).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    l.complete(&first, "CD".repeat(32).as_str());
    let (_, list) = s.get("/api/modules").await;
    let done = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == first.as_str())
        .unwrap();
    assert_eq!(done["completed"], true);
    assert_eq!(done["is_next"], false);
    // No modules at all: an empty list.
    let empty =
        TestServer::start_with_catalog(l.config(), Catalog::default(), Scripted::standard()).await;
    assert_eq!(empty.get("/api/modules").await, (200, json!([])));
}

#[tokio::test]
async fn item_17_18_module_detail_has_step_texts_and_unknown_is_404() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let (_, list) = s.get("/api/modules").await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    for form in [id.clone(), id.replace('_', "-")] {
        let (status, m) = s.get(&format!("/api/modules/{form}")).await;
        assert_eq!(status, 200, "{form}");
        assert_eq!(
            keys(&m),
            [
                "id",
                "title",
                "level",
                "time_estimate",
                "prerequisites",
                "artifacts",
                "checks",
                "completed",
                "description",
                "steps"
            ]
        );
        assert_eq!(m["id"], id.as_str());
        assert!(!m["description"].as_str().unwrap().is_empty());
        let steps = m["steps"].as_array().unwrap();
        assert!(!steps.is_empty() && steps.iter().all(Value::is_string));
    }
    let (status, body) = s.get("/api/modules/no_such_module").await;
    assert_eq!(status, 404);
    assert_eq!(body["detail"]["code"], "MODULE_NOT_FOUND");
    assert!(
        body["detail"]["message"]
            .as_str()
            .unwrap()
            .contains("not found")
    );
}

#[tokio::test]
async fn item_22_23_proof_pack_and_certificate_are_sealed_from_state() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let (status, pack) = s.get("/api/artifacts/proof-pack").await;
    assert_eq!(status, 200);
    assert_eq!(pack["xrpl_lab_proof_pack"], true);
    assert_eq!(pack["completed_modules"], json!([]));
    assert_eq!(pack["transactions"], json!([]));
    assert!(pack["version"].is_string() && pack["sha256"].is_string());
    let (_, list) = s.get("/api/modules").await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    l.complete(&id, &"EF".repeat(32));
    let (status, cert) = s.get("/api/artifacts/certificate").await;
    assert_eq!(status, 200);
    assert_eq!(cert["xrpl_lab_certificate"], true);
    assert_eq!(cert["total_modules"], 1);
    assert_eq!(cert["modules_completed"], json!([id]));
    // What the server hands out verifies on the server.
    for artifact in [cert, s.get("/api/artifacts/proof-pack").await.1] {
        let r = s
            .http
            .post(s.url("/api/verify"))
            .json(&artifact)
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["hash_valid"], true, "{v}");
    }
}

#[tokio::test]
async fn item_24_25_reports_list_and_detail() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    assert_eq!(s.get("/api/artifacts/reports").await, (200, json!([])));
    l.write_report("receipt_literacy", "# Receipt Literacy\n");
    l.write_report("failure_literacy", "# Failure Literacy\n");
    let (_, list) = s.get("/api/artifacts/reports").await;
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Failure Literacy", "Receipt Literacy"]);
    assert_eq!(keys(&list[0]), ["title", "generated", "content"]);
    let (status, one) = s.get("/api/artifacts/reports/receipt_literacy").await;
    assert_eq!(status, 200);
    assert_eq!(
        one,
        json!({"module_id": "receipt_literacy", "content": "# Receipt Literacy\n"})
    );
    let (status, body) = s.get("/api/artifacts/reports/never_ran").await;
    assert_eq!(status, 404);
    assert_eq!(body["detail"]["code"], "REPORT_NOT_FOUND");
}

#[tokio::test]
async fn item_26_report_ids_that_could_escape_are_refused() {
    let l = Learner::new();
    // A secret next to the workspace that traversal would reach.
    std::fs::write(l.ws.path().join("secret.md"), "seed: sEd...").unwrap();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    for id in ["..%5Csecret", "a%5Cb", "a%00b", "..secret", "a..b"] {
        let (status, body) = s.get(&format!("/api/artifacts/reports/{id}")).await;
        assert_eq!(status, 400, "{id}: {body}");
        assert_eq!(body["detail"]["code"], "INVALID_MODULE_ID", "{id}");
    }
    // Forms a URL parser may normalise before routing: refused or not found, never served.
    for id in [
        "..",
        "%2E%2E",
        "..%2Fsecret",
        "%2E%2E%2Fsecret",
        "x/../../secret",
    ] {
        let (status, body) = s.get(&format!("/api/artifacts/reports/{id}")).await;
        assert!(status == 400 || status == 404, "{id}: {status}");
        assert!(!body.to_string().contains("sEd"), "{id}");
    }
}

fn walk_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push(k.to_lowercase());
                walk_keys(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| walk_keys(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn item_27_no_get_response_has_a_secret_key() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let (_, list) = s.get("/api/modules").await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    l.complete(&id, &"AA".repeat(32));
    l.write_report(&id, "# Report\n");
    let run = s.start_run("instant").await;
    s.wait_terminal(&run).await;
    let mut keys = Vec::new();
    for path in [
        "/api/health".to_string(),
        "/api/status".into(),
        "/api/modules".into(),
        format!("/api/modules/{id}"),
        "/api/artifacts/proof-pack".into(),
        "/api/artifacts/certificate".into(),
        "/api/artifacts/reports".into(),
        format!("/api/artifacts/reports/{id}"),
        "/api/runs".into(),
        format!("/api/runs/{run}"),
    ] {
        let (status, body) = s.get(&path).await;
        assert_eq!(status, 200, "{path}");
        walk_keys(&body, &mut keys);
    }
    for forbidden in [
        "seed",
        "secret",
        "private_key",
        "password",
        "passphrase",
        "mnemonic",
        "wallet_json",
        "encryption_key",
    ] {
        assert!(!keys.iter().any(|k| k.contains(forbidden)), "{forbidden}");
    }
}

fn sealed_pack(l: &Learner) -> Value {
    let state = StateStore::new(Home::at(l.home.path())).load().unwrap();
    proof_pack::generate(
        &state,
        &[],
        "https://s.altnet.rippletest.net:51234",
        1_750_000_100.0,
    )
}

#[tokio::test]
async fn item_28_29_30_36_verify_sealed_tampered_and_live() {
    let l = Learner::new();
    l.complete("receipt_literacy", &"AB".repeat(32));
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let pack = sealed_pack(&l);
    let (status, v) = post_json(&s, "/api/verify", &pack).await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&v),
        [
            "artifact_kind",
            "hash_valid",
            "hash_message",
            "overall_passed",
            "live_requested",
            "live",
            "version",
            "address",
            "network"
        ]
    );
    assert_eq!(
        (
            v["artifact_kind"].as_str(),
            v["hash_valid"].as_bool(),
            v["overall_passed"].as_bool()
        ),
        (Some("proof_pack"), Some(true), Some(true))
    );
    assert_eq!(v["live_requested"], false);
    assert!(v["live"].is_null());
    let state = StateStore::new(Home::at(l.home.path())).load().unwrap();
    let cert = certificate::generate(&state, &[], 1_750_000_100.0);
    let (_, v) = post_json(&s, "/api/verify", &cert).await;
    assert_eq!(
        (v["artifact_kind"].as_str(), v["overall_passed"].as_bool()),
        (Some("certificate"), Some(true))
    );
    let mut tampered = pack.clone();
    tampered["address"] = json!("rTamperedAddressxxxxxxxxxxxxxxxxx");
    let (_, v) = post_json(&s, "/api/verify", &tampered).await;
    assert_eq!(
        (v["hash_valid"].as_bool(), v["overall_passed"].as_bool()),
        (Some(false), Some(false))
    );
    assert!(v["hash_message"].as_str().unwrap().contains("mismatch"));
    // 36: tampered + live → no ledger lookup, live null.
    let (_, v) = post_json(&s, "/api/verify?live=true", &tampered).await;
    assert_eq!(
        (
            v["live_requested"].as_bool(),
            v["live"].is_null(),
            v["overall_passed"].as_bool()
        ),
        (Some(true), true, Some(false))
    );
    // 37: a live layer that cannot reach a ledger still answers 200 with a failing live block.
    let (status, v) = post_json(&s, "/api/verify?live=yes", &pack).await;
    assert_eq!(status, 200);
    assert_eq!(v["live"]["overall_passed"], false);
    assert_eq!(v["overall_passed"], false);
}

async fn post_json(s: &TestServer, path: &str, body: &Value) -> (u16, Value) {
    let r = s.http.post(s.url(path)).json(body).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn post_raw(s: &TestServer, body: impl Into<reqwest::Body>) -> (u16, Value) {
    let r = s
        .http
        .post(s.url("/api/verify"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn item_31_32_33_bad_verify_bodies_get_typed_errors() {
    let l = Learner::new();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    for (body, code) in [
        ("{not json", "INVALID_BODY"),
        ("", "INVALID_BODY"),
        ("[1,2]", "INVALID_BODY"),
        ("\"text\"", "INVALID_BODY"),
        ("{\"hello\":\"world\"}", "UNKNOWN_ARTIFACT"),
        ("{\"xrpl_lab_proof_pack\":\"true\"}", "UNKNOWN_ARTIFACT"),
    ] {
        let (status, v) = post_raw(&s, body.to_string()).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(v["detail"]["code"], code, "{body}");
        assert_eq!(keys(&v["detail"]), ["code", "message", "hint"]);
    }
}

#[tokio::test]
async fn oversized_bodies_get_413_and_change_nothing() {
    let l = Learner::new();
    let s = TestServer::start(
        ServeConfig {
            body_limit: 64 * 1024,
            ..l.config()
        },
        Scripted::standard(),
    )
    .await;
    let big = format!(
        "{{\"xrpl_lab_proof_pack\":true,\"pad\":\"{}\"}}",
        "x".repeat(200 * 1024)
    );
    let (status, v) = post_raw(&s, big).await;
    assert_eq!(status, 413);
    assert_eq!(v["detail"]["code"], "PAYLOAD_TOO_LARGE");
    assert!(!Path::new(&l.ws.path().join("proofs")).exists());
    // The server is unaffected.
    assert_eq!(s.get("/api/health").await.0, 200);
}

#[tokio::test]
async fn a_corrupt_state_file_is_a_clear_error_not_a_crash() {
    let l = Learner::new();
    std::fs::write(l.home.path().join("state.json"), "{definitely not json").unwrap();
    let s = TestServer::start(l.config(), Scripted::standard()).await;
    let (status, v) = s.get("/api/status").await;
    assert_eq!(status, 500);
    assert_eq!(v["detail"]["code"], "STATE_CORRUPT");
    let text = v.to_string();
    assert!(
        !text.contains(l.home.path().to_str().unwrap()),
        "no internal path: {text}"
    );
    assert_eq!(s.get("/api/runs").await.0, 200);
}
