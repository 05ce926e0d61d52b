//! The runs API against a real server on a loopback port: start, list, detail, cancel, admission
//! under the cap, pruning, and the races. Items of the reference conformance checklist (api.md §9)
//! are named in each test; where DESIGN overrides an item the new expectation is tested and the
//! test says so.

mod server_support;

use std::collections::HashSet;
use std::time::Duration;

use serde_json::{Value, json};
use server_support::*;
use xrpl_lab::lab_error::LabError;
use xrpl_lab::server::ServeConfig;

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

const RUN_INFO_KEYS: [&str; 9] = [
    "run_id",
    "module_id",
    "status",
    "created_at",
    "elapsed_seconds",
    "queue_size",
    "dry_run",
    "learner",
    "finished_at",
];

#[tokio::test]
async fn item_38_39_44_start_returns_started_and_a_fresh_running_run() {
    let s = TestServer::standard().await;
    let (status, a) = s.post("/api/run/hang?dry_run=true").await;
    assert_eq!(status, 200);
    assert_eq!(keys(&a), ["run_id", "status"]);
    assert_eq!(a["status"], "started");
    let id_a = a["run_id"].as_str().unwrap();
    assert_eq!(id_a.len(), 36);
    assert!(uuid::Uuid::parse_str(id_a).is_ok());
    let (_, b) = s.post("/api/run/hang?dry_run=true").await;
    assert_ne!(a["run_id"], b["run_id"]);
    // 44: created directly as running, never "started".
    let (_, info) = s.get(&format!("/api/runs/{id_a}")).await;
    assert_eq!(info["status"], "running");
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(list["runs"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn item_40_unknown_module_is_404_module_not_found() {
    let s = TestServer::standard().await;
    let (status, body) = s.post("/api/run/no_such_module").await;
    assert_eq!(status, 404);
    assert_eq!(body["detail"]["code"], "MODULE_NOT_FOUND");
    assert!(
        body["detail"]["message"]
            .as_str()
            .unwrap()
            .contains("not found")
    );
    assert_eq!(keys(&body["detail"]), ["code", "message", "hint"]);
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(list["active_count"], 0, "a refused start holds no slot");
}

#[tokio::test]
async fn item_41_46_dry_run_param_forms_and_server_default() {
    // Server default is the network (dry_run false) here.
    let s = TestServer::start(
        ServeConfig {
            dry_run: false,
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    for (query, expected) in [
        ("", false),
        ("?dry_run=false", false),
        ("?dry_run=true", true),
        ("?dry_run=1", true),
        ("?dry_run=off", false),
        ("?dry_run=", false),
        // 46 (DESIGN: hyphenated forms are accepted and normalised, so the alias works).
        ("?dry-run=true", true),
    ] {
        let (status, body) = s.post(&format!("/api/run/instant{query}")).await;
        assert_eq!(status, 200, "{query}: {body}");
        let (_, info) = s
            .get(&format!("/api/runs/{}", body["run_id"].as_str().unwrap()))
            .await;
        assert_eq!(info["dry_run"], expected, "{query}");
    }
    let (status, body) = s.post("/api/run/instant?dry_run=maybe").await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"]["code"], "INVALID_QUERY");
}

#[tokio::test]
async fn hyphenated_module_ids_are_normalised() {
    let s = TestServer::standard().await;
    let id = s.start_run("trust-lines-101").await;
    let (_, info) = s.get(&format!("/api/runs/{id}")).await;
    assert_eq!(info["module_id"], "trust_lines_101");
}

#[tokio::test]
async fn item_42_43_cap_refuses_with_429_retry_after_and_the_original_words() {
    let s = TestServer::standard().await;
    for _ in 0..8 {
        s.start_run("hang").await;
    }
    let r = s.http.post(s.url("/api/run/hang")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "30");
    let body: Value = r.json().await.unwrap();
    let d = &body["detail"];
    assert_eq!(d["code"], "RATE_LIMIT_RUNS");
    let (message, hint) = (d["message"].as_str().unwrap(), d["hint"].as_str().unwrap());
    assert!(
        message.contains("memory") || message.contains("exhaustion"),
        "{message}"
    );
    assert!(message.contains("8"), "{message}");
    // DESIGN: --max-concurrent replaces the Python constant in the hint.
    for word in ["wait", "workshop", "--max-concurrent"] {
        assert!(hint.contains(word), "{word} in {hint}");
    }
    // 43: the cap is checked before the module exists.
    let (status, _) = s.post("/api/run/no_such_module").await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn item_45_76_vanished_module_fails_and_frees_its_slot() {
    let vanish = LabError::new(
        "INPUT_MODULE_NOT_FOUND",
        "Module 'vanish' not found.",
        "Run 'xrpl-lab list' to see available modules.",
    );
    let s = TestServer::start(
        ServeConfig {
            max_concurrent: 1,
            ..test_config()
        },
        Scripted::new(&[("vanish", Behavior::Fail(vanish)), ("hang", Behavior::Hang)]),
    )
    .await;
    let id = s.start_run("vanish").await;
    let info = s.wait_terminal(&id).await;
    assert_eq!(info["status"], "failed");
    // The slot is free again.
    let (status, _) = s.post("/api/run/hang").await;
    assert_eq!(status, 200);
    let (frames, code, _) = ws_transcript(
        &s.ws_url("vanish", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(code, Some(1000));
    let err = frames.last().unwrap();
    assert_eq!(err["code"], "INPUT_MODULE_NOT_FOUND");
    assert_eq!(err["severity"], "warning");
    assert_eq!(err["icon_hint"], "alert-circle");
    for k in ["code", "message", "hint", "severity", "icon_hint"] {
        assert!(err[k].is_string(), "{k}");
    }
}

#[tokio::test]
async fn item_47_empty_store_lists_nothing_with_our_cap() {
    let s = TestServer::standard().await;
    let (status, body) = s.get("/api/runs").await;
    assert_eq!(status, 200);
    // DESIGN: the cap is 8 (the seed), not the original's 3.
    assert_eq!(
        body,
        json!({"runs": [], "max_concurrent": 8, "active_count": 0})
    );
}

#[tokio::test]
async fn item_48_49_50_53_54_list_shape_types_order_and_counts() {
    let s = TestServer::standard().await;
    let first = s.start_run("hang").await;
    let second = s.start_run("instant").await;
    s.wait_terminal(&second).await;
    let (_, body) = s.get("/api/runs").await;
    assert_eq!(keys(&body), ["runs", "max_concurrent", "active_count"]);
    let runs = body["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    // 54: oldest first.
    assert_eq!(runs[0]["run_id"], first.as_str());
    assert_eq!(runs[1]["run_id"], second.as_str());
    for run in runs {
        // 48 (DESIGN adds `learner` and `finished_at` after the seed's seven keys).
        assert_eq!(keys(run), RUN_INFO_KEYS);
        assert!(run["run_id"].is_string() && run["module_id"].is_string());
        assert!(run["status"].is_string() && run["created_at"].is_string());
        assert!(run["elapsed_seconds"].as_f64().unwrap() >= 0.0);
        assert!(run["queue_size"].is_u64());
        assert_eq!(run["dry_run"], true);
        // 50: timezone-aware ISO-8601.
        let created = run["created_at"].as_str().unwrap();
        time::OffsetDateTime::parse(created, &time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|e| panic!("{created}: {e}"));
        assert!(created.ends_with('Z'));
        assert!(
            ["running", "completed", "failed", "cancelled"]
                .contains(&run["status"].as_str().unwrap())
        );
    }
    // 53: active_count equals the running entries and never exceeds the cap.
    let running = runs.iter().filter(|r| r["status"] == "running").count();
    assert_eq!(body["active_count"], running);
    assert_eq!(running, 1);
}

#[tokio::test]
async fn item_51_run_info_never_exposes_txids_report_paths_or_errors() {
    let s = TestServer::standard().await;
    let ok = s.start_run("instant").await;
    let bad = s.start_run("boom").await;
    s.wait_terminal(&ok).await;
    s.wait_terminal(&bad).await;
    let list = s
        .http
        .get(s.url("/api/runs"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let one = s
        .http
        .get(s.url(&format!("/api/runs/{ok}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for text in [&list, &one] {
        for sentinel in [
            "ABABABAB",
            ".xrpl-lab/reports",
            "internal server error",
            "report_path",
            "txids",
            "error",
        ] {
            assert!(!text.contains(sentinel), "{sentinel} leaked in {text}");
        }
    }
}

#[tokio::test]
async fn item_52_58_unknown_runs_are_404_run_not_found() {
    let s = TestServer::standard().await;
    for id in ["00000000-0000-4000-8000-000000000000", "not-a-uuid"] {
        let (status, body) = s.get(&format!("/api/runs/{id}")).await;
        assert_eq!(status, 404);
        assert_eq!(body["detail"]["code"], "RUN_NOT_FOUND");
        assert!(!body["detail"]["hint"].as_str().unwrap().is_empty());
        let (status, body) = s.delete(&format!("/api/runs/{id}")).await;
        assert_eq!(status, 404);
        assert_eq!(body["detail"]["code"], "RUN_NOT_FOUND");
        assert!(
            body["detail"]["hint"]
                .as_str()
                .unwrap()
                .contains("/api/runs")
        );
    }
}

#[tokio::test]
async fn item_55_elapsed_freezes_at_the_end_and_finished_at_is_set() {
    // DESIGN overrides 55: elapsed_seconds is the run's duration once it ended.
    let s = TestServer::standard().await;
    let id = s.start_run("paced").await;
    let (_, running) = s.get(&format!("/api/runs/{id}")).await;
    assert!(running["finished_at"].is_null());
    let done = s.wait_terminal(&id).await;
    assert_eq!(done["status"], "completed");
    assert!(done["finished_at"].is_string());
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (_, later) = s.get(&format!("/api/runs/{id}")).await;
    assert_eq!(done["elapsed_seconds"], later["elapsed_seconds"]);
    assert!(
        later["elapsed_seconds"].as_f64().unwrap() >= 0.1,
        "5 frames × 30 ms"
    );
}

#[tokio::test]
async fn a_run_whose_step_failed_is_failed_not_completed() {
    // DESIGN overrides D6: a failed step makes the run `failed`.
    let s = TestServer::standard().await;
    let id = s.start_run("step_fails").await;
    assert_eq!(s.wait_terminal(&id).await["status"], "failed");
    let ok = s.start_run("instant").await;
    assert_eq!(s.wait_terminal(&ok).await["status"], "completed");
}

#[tokio::test]
async fn item_56_57_60_61_cancel_frees_the_slot_and_is_idempotent() {
    let s = TestServer::start(
        ServeConfig {
            max_concurrent: 2,
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let a = s.start_run("hang").await;
    s.start_run("hang").await;
    assert_eq!(s.post("/api/run/hang").await.0, 429);
    let (status, body) = s.delete(&format!("/api/runs/{a}")).await;
    assert_eq!(status, 200);
    assert_eq!(keys(&body), ["run_id", "status", "message"]);
    assert_eq!(body["status"], "cancelled");
    assert_eq!(body["run_id"], a.as_str());
    assert!(body["message"].as_str().unwrap().contains("cancelled"));
    // 61: at once cancelled and out of the active count.
    let (_, info) = s.get(&format!("/api/runs/{a}")).await;
    assert_eq!(info["status"], "cancelled");
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(list["active_count"], 1);
    // 57: the slot is free.
    assert_eq!(s.post("/api/run/hang").await.0, 200);
    // 60: a second DELETE is a no-op.
    let (status, again) = s.delete(&format!("/api/runs/{a}")).await;
    assert_eq!(status, 200);
    assert_eq!(keys(&again), ["run_id", "status", "message"]);
    assert_eq!(again["status"], "already_terminated");
    assert_eq!(
        again["message"],
        "Run was already cancelled; nothing to cancel."
    );
}

#[tokio::test]
async fn item_59_cancel_on_a_completed_run_is_already_terminated() {
    let s = TestServer::standard().await;
    let id = s.start_run("instant").await;
    s.wait_terminal(&id).await;
    let (status, body) = s.delete(&format!("/api/runs/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "already_terminated");
    assert_eq!(
        body["message"],
        "Run was already completed; nothing to cancel."
    );
    let (_, info) = s.get(&format!("/api/runs/{id}")).await;
    assert_eq!(info["status"], "completed", "cancel changed nothing");
}

#[tokio::test]
async fn a_launcher_that_ignores_cancel_is_still_cancelled_at_once() {
    let s = TestServer::standard().await;
    let id = s.start_run("stubborn").await;
    let (status, body) = s.delete(&format!("/api/runs/{id}")).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("cancelled")));
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(list["active_count"], 0);
}

#[tokio::test]
async fn item_63_64_77_91_92_every_finished_run_is_pruned_after_the_grace_window() {
    // DESIGN overrides 63/64/91/92 (and D3/D4): pruning happens for every finished run, watched
    // or not; running runs are never pruned; DELETE on a pruned id is 404.
    let s = TestServer::start(
        ServeConfig {
            run_grace: Duration::from_millis(1500),
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let unwatched = s.start_run("instant").await;
    let cancelled = s.start_run("hang").await;
    let running = s.start_run("hang").await;
    s.wait_terminal(&unwatched).await;
    assert_eq!(s.delete(&format!("/api/runs/{cancelled}")).await.0, 200);
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(
        list["runs"].as_array().unwrap().len(),
        3,
        "listed within the grace window"
    );
    let mut ids: Vec<String> = Vec::new();
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (_, list) = s.get("/api/runs").await;
        ids = list["runs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["run_id"].as_str().unwrap().to_string())
            .collect();
        if ids.len() == 1 {
            break;
        }
    }
    assert_eq!(ids, vec![running]);
    for gone in [&unwatched, &cancelled] {
        assert_eq!(s.get(&format!("/api/runs/{gone}")).await.0, 404);
        assert_eq!(s.delete(&format!("/api/runs/{gone}")).await.0, 404);
    }
}

#[test]
fn item_90_lifecycle_defaults() {
    // DESIGN overrides 90: cap 8; grace 60 s; per-run log bound 1024 frames; no session cap
    // (every finished run is pruned after the grace window instead).
    let c = ServeConfig::default();
    assert_eq!(c.max_concurrent, 8);
    assert_eq!(c.run_grace, Duration::from_secs(60));
    assert_eq!(c.event_log_capacity, 1024);
    assert_eq!(c.ws_ping_interval, Duration::from_secs(30));
    assert_eq!(c.run_timeout, Duration::from_secs(300));
    assert_eq!(c.port, 8321);
    assert_eq!(c.host, "127.0.0.1");
    assert!(!c.dry_run);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn race_100_simultaneous_starts_with_cap_8_admit_exactly_8() {
    let s = TestServer::standard().await;
    let starts = (0..100).map(|_| {
        let http = s.http.clone();
        let url = s.url("/api/run/hang");
        async move {
            let r = http.post(url).send().await.unwrap();
            let retry = r.headers().get("retry-after").is_some();
            (r.status().as_u16(), retry)
        }
    });
    let results = futures::future::join_all(starts).await;
    let admitted = results.iter().filter(|(s, _)| *s == 200).count();
    let refused = results
        .iter()
        .filter(|(s, retry)| *s == 429 && *retry)
        .count();
    assert_eq!((admitted, refused), (8, 92));
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(list["active_count"], 8);
    assert_eq!(list["runs"].as_array().unwrap().len(), 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn race_1000_cancel_versus_complete_end_with_one_terminal_state_and_frame() {
    let s = TestServer::start(
        ServeConfig {
            max_concurrent: 2000,
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let registry = s.registry.clone();
    let mut ids = Vec::new();
    for _ in 0..1000 {
        // The instant launcher ends on its first poll, on a worker thread, while this thread
        // cancels: the two endings race.
        let run = registry.start("instant", true, None).unwrap();
        let r = registry.clone();
        let id = run.id.to_string();
        let cancel = tokio::spawn(async move { r.cancel(&id) });
        cancel.await.unwrap();
        ids.push(run.id.to_string());
    }
    let mut seen = std::collections::HashMap::new();
    for id in &ids {
        let info = s.wait_terminal(id).await;
        let status = info["status"].as_str().unwrap().to_string();
        assert!(status == "completed" || status == "cancelled", "{status}");
        // Replay the whole log: exactly one terminal frame, matching the status.
        let (frames, code, _) = ws_transcript(
            &s.ws_url("instant", &format!("run_id={id}")),
            Some(DEV_ORIGIN),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(code, Some(1000));
        assert_eq!(terminal_count(&frames), 1, "{frames:?}");
        let last = frames.last().unwrap();
        match status.as_str() {
            "completed" => assert_eq!(last["type"], "complete"),
            _ => assert_eq!(last["code"], "RUNTIME_CANCELLED"),
        }
        *seen.entry(status).or_insert(0) += 1;
    }
    eprintln!("race outcomes: {seen:?}");
    let (_, list) = s.get("/api/runs").await;
    assert_eq!(list["active_count"], 0, "every slot released exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn race_http_start_and_delete_back_to_back() {
    let s = TestServer::start(
        ServeConfig {
            max_concurrent: 64,
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let mut statuses = HashSet::new();
    for _ in 0..100 {
        let id = s.start_run("instant").await;
        let (code, body) = s.delete(&format!("/api/runs/{id}")).await;
        assert_eq!(code, 200);
        let info = s.wait_terminal(&id).await;
        match body["status"].as_str().unwrap() {
            "cancelled" => assert_eq!(info["status"], "cancelled"),
            "already_terminated" => assert_eq!(info["status"], "completed"),
            other => panic!("{other}"),
        }
        statuses.insert(info["status"].as_str().unwrap().to_string());
    }
    assert!(!statuses.is_empty());
}

#[tokio::test]
async fn learner_label_is_shown_and_validated() {
    let s = TestServer::standard().await;
    let (_, body) = s.post("/api/run/hang?learner=Seat%2012").await;
    let (_, info) = s
        .get(&format!("/api/runs/{}", body["run_id"].as_str().unwrap()))
        .await;
    assert_eq!(info["learner"], "Seat 12");
    let (_, body) = s.post("/api/run/hang").await;
    let (_, info) = s
        .get(&format!("/api/runs/{}", body["run_id"].as_str().unwrap()))
        .await;
    assert!(info["learner"].is_null());
    let (status, body) = s
        .post(&format!("/api/run/hang?learner={}", "x".repeat(100)))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["detail"]["code"], "INVALID_QUERY");
}

#[tokio::test]
async fn get_api_runs_answers_while_runs_are_busy() {
    // DESIGN: a run never blocks the server. Eight runs flood their logs while the list answers.
    let s = TestServer::start(
        test_config(),
        Scripted::new(&[(
            "flood",
            Behavior::Flood {
                frames: 20_000,
                size: 64,
            },
        )]),
    )
    .await;
    for _ in 0..8 {
        s.start_run("flood").await;
    }
    for _ in 0..20 {
        let (status, body) = s.get("/api/runs").await;
        assert_eq!(status, 200);
        for run in body["runs"].as_array().unwrap() {
            assert!(
                run["queue_size"].as_u64().unwrap() <= 1024,
                "log bounded: {run}"
            );
        }
    }
}

#[tokio::test]
async fn a_run_past_its_window_times_out_and_frees_its_slot() {
    let s = TestServer::start(
        ServeConfig {
            max_concurrent: 1,
            run_timeout: Duration::from_millis(200),
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let id = s.start_run("hang").await;
    let info = s.wait_terminal(&id).await;
    assert_eq!(info["status"], "failed");
    let (frames, code, _) = ws_transcript(
        &s.ws_url("hang", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(code, Some(1000));
    let last = frames.last().unwrap();
    // Item 85: the timeout envelope's words.
    assert_eq!(last["code"], "RUNTIME_TIMEOUT");
    assert_eq!(
        (last["severity"].as_str(), last["icon_hint"].as_str()),
        (Some("warning"), Some("clock"))
    );
    let message = last["message"].as_str().unwrap();
    assert!(
        message.contains("testnet") && (message.contains("congested") || message.contains("slow"))
    );
    let hint = last["hint"].as_str().unwrap();
    assert!(hint.contains("--dry-run") && hint.contains("Dry Run"));
    assert_eq!(s.post("/api/run/hang").await.0, 200, "slot freed");
}
