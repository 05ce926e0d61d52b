//! The WebSocket run stream against a real server: replay, `?since=`, several clients, late and
//! reconnecting clients, refusals with close codes, keepalive, cancel, back-pressure, and a client
//! that never reads. Checklist items of api.md §9 are named; DESIGN overrides are said so.

mod server_support;

use std::time::Duration;

use futures::StreamExt;
use serde_json::Value;
use server_support::*;
use xrpl_lab::server::ServeConfig;

const T: Duration = Duration::from_secs(10);

#[tokio::test]
async fn item_72_instant_run_ends_with_complete_then_close_1000() {
    let s = TestServer::standard().await;
    let id = s.start_run("instant").await;
    let (frames, code, _) = ws_transcript(
        &s.ws_url("instant", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        T,
    )
    .await;
    assert_eq!(code, Some(1000));
    assert_eq!(types(&frames), ["step", "tx", "step_complete", "complete"]);
    let done = frames.last().unwrap();
    assert_eq!(done["success"], true);
    assert!(done["txids"].is_array());
    assert!(done["report_path"].is_string());
    // Frames are numbered in order.
    let seqs: Vec<u64> = frames.iter().map(|f| f["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
}

#[tokio::test]
async fn item_73_step_frames_carry_action_index_total() {
    let s = TestServer::standard().await;
    let id = s.start_run("hang").await;
    let mut ws = ws_connect(&s.ws_url("hang", &format!("run_id={id}")), Some(DEV_ORIGIN)).await;
    let first: Value = match ws.next().await.unwrap().unwrap() {
        tokio_tungstenite::tungstenite::Message::Text(t) => {
            serde_json::from_str(t.as_str()).unwrap()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(first["type"], "step");
    assert_eq!(first["action"], "ensure_wallet");
    assert_eq!(first["index"], 0);
    assert_eq!(first["total"], 2);
}

#[tokio::test]
async fn live_client_receives_every_frame_in_order() {
    let s = TestServer::standard().await;
    let id = s.start_run("paced").await;
    let (frames, code, _) = ws_transcript(
        &s.ws_url("paced", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        T,
    )
    .await;
    assert_eq!(code, Some(1000));
    let texts: Vec<&str> = frames
        .iter()
        .filter(|f| f["type"] == "output")
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["line 0", "line 1", "line 2", "line 3", "line 4"]);
    assert_eq!(terminal_count(&frames), 1);
}

#[tokio::test]
async fn two_clients_on_one_run_each_get_every_frame() {
    let s = TestServer::standard().await;
    let id = s.start_run("paced").await;
    let url = s.ws_url("paced", &format!("run_id={id}"));
    let (a, b) = tokio::join!(
        ws_transcript(&url, Some(DEV_ORIGIN), T),
        ws_transcript(&url, Some(DEV_ORIGIN), T)
    );
    assert_eq!(a.1, Some(1000));
    assert_eq!(b.1, Some(1000));
    assert_eq!(a.0, b.0, "both transcripts identical");
    assert_eq!(types(&a.0).len(), 6);
}

#[tokio::test]
async fn item_93_late_client_after_the_end_gets_the_full_transcript() {
    // DESIGN overrides 93: attaching after the terminal frame replays everything, then 1000.
    let s = TestServer::standard().await;
    let id = s.start_run("paced").await;
    let url = s.ws_url("paced", &format!("run_id={id}"));
    let (live, _, _) = ws_transcript(&url, Some(DEV_ORIGIN), T).await;
    s.wait_terminal(&id).await;
    for _ in 0..2 {
        let (late, code, _) = ws_transcript(&url, Some(DEV_ORIGIN), T).await;
        assert_eq!(code, Some(1000));
        assert_eq!(late, live);
        assert_eq!(late.last().unwrap()["type"], "complete");
    }
}

#[tokio::test]
async fn reconnecting_mid_run_replays_from_the_start_or_from_since() {
    let s = TestServer::start(
        test_config(),
        Scripted::new(&[(
            "slow",
            Behavior::Paced {
                frames: 6,
                every: Duration::from_millis(60),
            },
        )]),
    )
    .await;
    let id = s.start_run("slow").await;
    let url = s.ws_url("slow", &format!("run_id={id}"));
    // First connection leaves after two frames.
    let mut ws = ws_connect(&url, Some(DEV_ORIGIN)).await;
    let mut got = Vec::new();
    while got.len() < 2 {
        if let Some(Ok(tokio_tungstenite::tungstenite::Message::Text(t))) = ws.next().await {
            got.push(serde_json::from_str::<Value>(t.as_str()).unwrap());
        }
    }
    drop(ws);
    let last_seq = got[1]["seq"].as_u64().unwrap();
    // Reconnect from scratch: full transcript.
    let full = ws_transcript(&url, Some(DEV_ORIGIN), T);
    // Reconnect with since: exactly the rest.
    let rest_url = s.ws_url("slow", &format!("run_id={id}&since={last_seq}"));
    let rest = ws_transcript(&rest_url, Some(DEV_ORIGIN), T);
    let ((full, c1, _), (rest, c2, _)) = tokio::join!(full, rest);
    assert_eq!((c1, c2), (Some(1000), Some(1000)));
    assert_eq!(types(&full).len(), 7);
    assert_eq!(&full[..2], &got[..]);
    assert_eq!(&full[2..], &rest[..]);
    assert_eq!(rest.last().unwrap()["type"], "complete");
}

#[tokio::test]
async fn item_62_cancel_reaches_every_attached_client_as_its_terminal_frame() {
    let s = TestServer::standard().await;
    let id = s.start_run("hang").await;
    let url = s.ws_url("hang", &format!("run_id={id}"));
    let mut a = ws_connect(&url, Some(DEV_ORIGIN)).await;
    let mut b = ws_connect(&url, Some(DEV_ORIGIN)).await;
    // Both attached (their first frame arrived) before the cancel.
    for ws in [&mut a, &mut b] {
        ws.next().await.unwrap().unwrap();
    }
    let (status, body) = s.delete(&format!("/api/runs/{id}")).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("cancelled")));
    for ws in [&mut a, &mut b] {
        let (frames, code, _) = ws_collect(ws, T).await;
        assert_eq!(code, Some(1000), "cancel is not an error close");
        assert_eq!(frames.len(), 1);
        let f = &frames[0];
        assert_eq!(f["type"], "error");
        assert_eq!(f["code"], "RUNTIME_CANCELLED");
        assert_eq!(f["severity"], "info");
        assert_eq!(f["icon_hint"], "x-circle");
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
    // A client attaching afterwards sees exactly one cancel frame too.
    let (frames, _, _) = ws_transcript(&url, Some(DEV_ORIGIN), T).await;
    assert_eq!(terminal_count(&frames), 1);
}

#[tokio::test]
async fn item_65_66_69_bad_or_missing_origin_gets_an_error_frame_then_4003() {
    // DESIGN overrides 65: the refusal is a real close code after accept, preceded by an error
    // envelope frame.
    let s = TestServer::standard().await;
    let id = s.start_run("hang").await;
    let url = s.ws_url("hang", &format!("run_id={id}"));
    for origin in [
        Some("https://evil.com"),
        None,
        Some("http://localhost:4321.evil.com"),
    ] {
        let (frames, code, reason) = ws_transcript(&url, origin, T).await;
        assert_eq!(code, Some(4003), "{origin:?}");
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0]["type"], "error");
        assert_eq!(frames[0]["code"], "PERM_ORIGIN_NOT_ALLOWED");
        for word in ["origin", "allow-list", "localhost", "4321"] {
            assert!(reason.contains(word), "{word} in {reason}");
        }
    }
}

#[tokio::test]
async fn item_67_68_base_and_own_origins_are_accepted() {
    let s = TestServer::standard().await;
    let own = s.own_origin();
    let id = s.start_run("hang").await;
    let url = s.ws_url("hang", &format!("run_id={id}"));
    for origin in [
        "http://localhost:4321",
        "http://localhost:3000",
        "http://127.0.0.1:4321",
        "http://127.0.0.1:3000",
        own.as_str(),
    ] {
        let mut ws = ws_connect(&url, Some(origin)).await;
        let first = tokio::time::timeout(T, ws.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        let v: Value = serde_json::from_str(first.to_text().unwrap()).unwrap();
        assert_eq!(v["type"], "step", "{origin}");
    }
    // 68: the own origin with an unknown run is 4004, not 4003.
    let unknown = s.ws_url("hang", "run_id=00000000-0000-4000-8000-000000000000");
    let (_, code, _) = ws_transcript(&unknown, Some(&own), T).await;
    assert_eq!(code, Some(4004));
    let (_, code, _) = ws_transcript(&unknown, Some("https://evil.com"), T).await;
    assert_eq!(code, Some(4003), "origin is checked before the run");
}

#[tokio::test]
async fn item_70_71_unknown_run_or_wrong_module_gets_an_error_frame_then_4004() {
    let s = TestServer::standard().await;
    let id = s.start_run("hang").await;
    let unknown = s.ws_url("hang", "run_id=00000000-0000-4000-8000-000000000000");
    let (frames, code, reason) = ws_transcript(&unknown, Some(DEV_ORIGIN), T).await;
    assert_eq!(code, Some(4004));
    assert_eq!(frames[0]["type"], "error");
    for word in ["never existed", "cleaned up", "/api/run"] {
        assert!(reason.contains(word), "{word} in {reason}");
    }
    let long = s.ws_url("hang", &format!("run_id={}", "z".repeat(300)));
    let (_, code, reason) = ws_transcript(&long, Some(DEV_ORIGIN), T).await;
    assert_eq!(code, Some(4004));
    assert!(reason.len() <= 123);
    let mismatch = s.ws_url("instant", &format!("run_id={id}"));
    let (frames, code, reason) = ws_transcript(&mismatch, Some(DEV_ORIGIN), T).await;
    assert_eq!(code, Some(4004));
    assert_eq!(frames[0]["code"], "INPUT_MODULE_MISMATCH");
    assert!(reason.contains("mismatch"));
    // The hyphenated module form matches its run.
    let id = s.start_run("trust_lines_101").await;
    let (frames, code, _) = ws_transcript(
        &s.ws_url("trust-lines-101", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        T,
    )
    .await;
    assert_eq!(code, Some(1000));
    assert_eq!(frames.last().unwrap()["type"], "complete");
}

#[tokio::test]
async fn missing_run_id_or_bad_since_gets_an_error_frame_then_1008() {
    let s = TestServer::standard().await;
    let id = s.start_run("hang").await;
    for query in [
        "".to_string(),
        "run_id=".to_string(),
        format!("run_id={id}&since=-3"),
    ] {
        let (frames, code, _) = ws_transcript(&s.ws_url("hang", &query), Some(DEV_ORIGIN), T).await;
        assert_eq!(code, Some(1008), "{query}");
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0]["type"], "error");
    }
}

#[tokio::test]
async fn item_74_idle_stream_gets_pings() {
    let s = TestServer::start(
        ServeConfig {
            ws_ping_interval: Duration::from_millis(100),
            ..test_config()
        },
        Scripted::standard(),
    )
    .await;
    let id = s.start_run("hang").await;
    let mut ws = ws_connect(&s.ws_url("hang", &format!("run_id={id}")), Some(DEV_ORIGIN)).await;
    let mut pings = 0;
    while pings < 2 {
        let msg = tokio::time::timeout(T, ws.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        let v: Value = serde_json::from_str(msg.to_text().unwrap()).unwrap();
        if v == serde_json::json!({"type": "ping"}) {
            pings += 1;
        }
    }
}

#[tokio::test]
async fn item_75_79_88_89_failed_run_sends_its_structured_error_with_string_fields() {
    let s = TestServer::standard().await;
    let id = s.start_run("boom").await;
    let (frames, code, _) = ws_transcript(
        &s.ws_url("boom", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        T,
    )
    .await;
    assert_eq!(code, Some(1000));
    let err = frames.last().unwrap();
    assert_eq!(err["code"], "RUNTIME_INTERNAL");
    assert_eq!(err["severity"], "error");
    assert_eq!(err["icon_hint"], "alert-triangle");
    for k in ["type", "code", "message", "hint", "severity", "icon_hint"] {
        assert!(err[k].is_string(), "{k}");
    }
    let text = serde_json::to_string(err).unwrap();
    assert!(!text.contains("/home") && !text.contains("EACCES"));
}

#[tokio::test]
async fn item_80_81_82_full_log_drops_oldest_and_keeps_the_latest_and_terminal() {
    // DESIGN overrides 80-82: a bounded append-only log per run (capacity from the config)
    // replaces the original's queue; the oldest frames go, the newest and the terminal stay.
    let s = TestServer::start(
        ServeConfig {
            event_log_capacity: 100,
            ..test_config()
        },
        Scripted::new(&[(
            "flood",
            Behavior::Flood {
                frames: 1000,
                size: 16,
            },
        )]),
    )
    .await;
    let id = s.start_run("flood").await;
    s.wait_terminal(&id).await;
    let (_, info) = s.get(&format!("/api/runs/{id}")).await;
    assert_eq!(
        info["queue_size"], 100,
        "no client attached: every retained frame is pending"
    );
    let (frames, code, _) = ws_transcript(
        &s.ws_url("flood", &format!("run_id={id}")),
        Some(DEV_ORIGIN),
        T,
    )
    .await;
    assert_eq!(code, Some(1000));
    assert_eq!(frames.len(), 100);
    assert_eq!(frames.last().unwrap()["type"], "complete");
    let last_output = &frames[frames.len() - 2];
    assert!(last_output["text"].as_str().unwrap().starts_with("999:"));
    assert_eq!(frames[0]["seq"], 902);
    let metrics = s
        .http
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("xrpl_lab_run_frames_dropped_total 901"),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_costs_bounded_memory_and_slows_nobody() {
    let s = TestServer::start(
        test_config(),
        Scripted::new(&[(
            "flood",
            Behavior::Flood {
                frames: 20_000,
                size: 1024,
            },
        )]),
    )
    .await;
    let id = s.start_run("flood").await;
    let url = s.ws_url("flood", &format!("run_id={id}"));
    // Attach and never read a byte.
    let _stalled = ws_connect(&url, Some(DEV_ORIGIN)).await;
    let (frames, code, _) = ws_transcript(&url, Some(DEV_ORIGIN), Duration::from_secs(20)).await;
    assert_eq!(code, Some(1000), "the reading client finishes");
    let seqs: Vec<u64> = frames.iter().map(|f| f["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "chronological order");
    assert_eq!(frames.last().unwrap()["type"], "complete");
    let last_output = frames[frames.len() - 2]["text"].as_str().unwrap();
    assert!(
        last_output.starts_with("19999:"),
        "the newest output survives"
    );
    let (_, info) = s.get(&format!("/api/runs/{id}")).await;
    assert!(
        info["queue_size"].as_u64().unwrap() <= 1024,
        "pending bounded by the log: {info}"
    );
    // The server keeps answering.
    assert_eq!(s.get("/api/runs").await.0, 200);
}

#[tokio::test]
async fn queue_size_counts_frames_not_yet_delivered() {
    let s = TestServer::standard().await;
    let id = s.start_run("hang").await;
    let queue = |s: &TestServer| {
        let path = format!("/api/runs/{id}");
        let http = s.http.clone();
        let url = s.url(&path);
        async move {
            let v: Value = http.get(url).send().await.unwrap().json().await.unwrap();
            v["queue_size"].as_u64().unwrap()
        }
    };
    let eventually = |want: u64| {
        let q = &queue;
        let s = &s;
        async move {
            for _ in 0..500 {
                if q(s).await == want {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            false
        }
    };
    assert!(eventually(1).await, "no client: the step frame is pending");
    let mut ws = ws_connect(&s.ws_url("hang", &format!("run_id={id}")), Some(DEV_ORIGIN)).await;
    ws.next().await.unwrap().unwrap();
    assert!(eventually(0).await, "delivered to the attached client");
    drop(ws);
    assert!(
        eventually(1).await,
        "no client again: every retained frame counts"
    );
}

#[tokio::test]
async fn since_at_or_past_the_end_of_a_finished_run_closes_at_once() {
    let s = TestServer::standard().await;
    let id = s.start_run("instant").await;
    s.wait_terminal(&id).await;
    for since in ["4", "1000"] {
        let url = s.ws_url("instant", &format!("run_id={id}&since={since}"));
        let (frames, code, _) = ws_transcript(&url, Some(DEV_ORIGIN), T).await;
        assert_eq!(code, Some(1000), "since={since}");
        assert!(
            frames.is_empty(),
            "the client already has the terminal frame"
        );
    }
    let url = s.ws_url("instant", &format!("run_id={id}&since=3"));
    let (frames, code, _) = ws_transcript(&url, Some(DEV_ORIGIN), T).await;
    assert_eq!(
        (code, types(&frames)),
        (Some(1000), vec!["complete".to_string()])
    );
}
