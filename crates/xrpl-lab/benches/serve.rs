//! `cargo bench -p xrpl-lab --bench serve`: measures the real `xrpl-lab serve` binary (built in
//! the bench profile) from the outside, the way a workshop uses it.
//!
//! - start-up: exec → the banner that says the socket is listening, and idle RSS;
//! - POST /api/run → first WebSocket frame, median and p99 over sequential runs;
//! - GET /api/runs with 8 runs known, through `wrk` when it is installed (throughput and p99);
//! - 1,000 concurrent runs with 1,000 WebSocket clients (cap raised): every frame of every run
//!   delivered exactly once, in order, and the server's peak RSS.
//!
//! Figures go to stdout; BENCHMARKS.md records them with the machine they came from.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::Value;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::Message;

const ORIGIN: &str = "http://localhost:4321";
/// Steps of the benchmark module: each runs `ensure_wallet` for real on the sandbox.
const STEPS: usize = 5;

fn module_text() -> String {
    let mut s = String::from(
        "---\nid: bench_walk\ntitle: Bench Walk\ntime: 1 min\nlevel: beginner\ntrack: foundations\n\
         summary: Frames for the serve benchmark.\n---\nIntro paragraph.\n\n",
    );
    for i in 1..=STEPS {
        s.push_str(&format!(
            "## Step {i}: Do thing {i}\n<!-- action: ensure_wallet -->\n\n"
        ));
    }
    s
}

struct Serve {
    child: Child,
    addr: String,
    ready: Duration,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Serve {
    fn start(extra: &[&str]) -> Self {
        let modules = tempfile::tempdir().unwrap();
        std::fs::write(modules.path().join("bench_walk.md"), module_text()).unwrap();
        let cwd = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_xrpl-lab"))
            .args(["serve", "--port", "0", "--dry-run"])
            .args(extra)
            .arg("--modules")
            .arg(modules.path())
            .current_dir(cwd.path())
            .env("XRPL_LAB_HOME", cwd.path().join("home"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok);
        let addr = lines
            .find_map(|l| {
                l.trim()
                    .strip_prefix("API:")
                    .map(|a| a.trim().trim_start_matches("http://").to_string())
            })
            .unwrap();
        let ready = started.elapsed();
        std::thread::spawn(move || lines.for_each(drop));
        Self {
            child,
            addr,
            ready,
            _dirs: (modules, cwd),
        }
    }

    fn status_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn start_run(http: &reqwest::Client, s: &Serve) -> String {
    let v: Value = http
        .post(s.url("/api/run/bench_walk"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["run_id"].as_str().unwrap().to_string()
}

async fn connect(
    s: &Serve,
    run_id: &str,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let mut req = format!("ws://{}/api/run/bench_walk/ws?run_id={run_id}", s.addr)
        .into_client_request()
        .unwrap();
    req.headers_mut().insert("Origin", ORIGIN.parse().unwrap());
    tokio_tungstenite::connect_async(req).await.unwrap().0
}

async fn startup_and_idle() {
    let mut ready = Vec::new();
    let mut idle = 0;
    for _ in 0..10 {
        let s = Serve::start(&[]);
        ready.push(s.ready);
        std::thread::sleep(Duration::from_millis(200));
        idle = idle.max(s.status_kb("VmRSS:"));
    }
    ready.sort();
    println!(
        "serve ready after exec: median {:.1} ms, max {:.1} ms (10 starts)",
        percentile(&ready, 0.5).as_secs_f64() * 1e3,
        ready.last().unwrap().as_secs_f64() * 1e3
    );
    println!("idle RSS: {:.1} MB", idle as f64 / 1024.0);
}

async fn post_to_first_frame() {
    let s = Serve::start(&[]);
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let id = start_run(&http, &s).await;
        let mut ws = connect(&s, &id).await;
        let first = ws.next().await.unwrap().unwrap();
        times.push(t.elapsed());
        assert!(matches!(first, Message::Text(_)));
        while ws.next().await.is_some() {}
    }
    times.sort();
    println!(
        "POST /api/run -> first WebSocket frame: median {:.2} ms, p99 {:.2} ms (300 runs)",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3
    );
}

async fn list_runs_throughput() {
    // Runs held open by a long step delay, so GET /api/runs lists 8 running runs.
    let s = Serve::start(&["--step-delay-ms", "600000"]);
    let http = reqwest::Client::new();
    for _ in 0..8 {
        start_run(&http, &s).await;
    }
    let list: Value = http
        .get(s.url("/api/runs"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["active_count"], 8);
    match Command::new("wrk")
        .args(["-t2", "-c32", "-d10s", "--latency", &s.url("/api/runs")])
        .output()
    {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            let rps = text
                .lines()
                .find(|l| l.starts_with("Requests/sec"))
                .unwrap_or("");
            let p99 = text
                .lines()
                .find(|l| l.trim_start().starts_with("99%"))
                .unwrap_or("");
            let p50 = text
                .lines()
                .find(|l| l.trim_start().starts_with("50%"))
                .unwrap_or("");
            println!(
                "GET /api/runs (8 runs, wrk -t2 -c32 -d10s): {} | p50 {} | p99 {}",
                rps.trim(),
                p50.trim().trim_start_matches("50%").trim(),
                p99.trim().trim_start_matches("99%").trim()
            );
        }
        Err(_) => println!("GET /api/runs: wrk not installed, skipped"),
    }
}

async fn thousand_runs_thousand_clients() {
    let s = Serve::start(&["--max-concurrent", "2000", "--step-delay-ms", "200"]);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    let t = Instant::now();
    let ids = futures::future::join_all((0..1000).map(|_| start_run(&http, &s))).await;
    let clients = ids.iter().map(|id| {
        let s = &s;
        async move {
            let mut ws = connect(s, id).await;
            let mut seqs = Vec::new();
            let mut terminal = 0;
            while let Some(Ok(msg)) = ws.next().await {
                if let Message::Text(t) = msg {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap();
                    if v["type"] == "ping" {
                        continue;
                    }
                    if v["type"] == "complete" || v["type"] == "error" {
                        terminal += 1;
                    }
                    seqs.push(v["seq"].as_u64().unwrap());
                }
            }
            (seqs, terminal)
        }
    });
    let results = futures::future::join_all(clients).await;
    let elapsed = t.elapsed();
    // A transcript is whole when its frames are numbered 1..=N with no gap and exactly one of
    // them is terminal (the last).
    let lost = results
        .iter()
        .filter(|(seqs, terminal)| *terminal != 1 || seqs.iter().copied().ne(1..=seqs.len() as u64))
        .count();
    let frames: usize = results.iter().map(|(seqs, _)| seqs.len()).sum();
    println!(
        "1,000 runs × 1 WebSocket client each: all done in {:.2} s, {} of 1000 transcripts incomplete \
         ({frames} frames delivered), peak RSS {:.1} MB",
        elapsed.as_secs_f64(),
        lost,
        s.status_kb("VmHWM:") as f64 / 1024.0
    );
    assert_eq!(lost, 0, "every frame delivered");
}

/// A real module on the sandbox, from the POST that starts it to its terminal frame.
async fn trust_lines_run_latency() {
    let s = Serve::start(&[]);
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    for _ in 0..40 {
        let t = Instant::now();
        let v: Value = http
            .post(s.url("/api/run/trust_lines_101"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = v["run_id"].as_str().unwrap().to_string();
        let mut req = format!("ws://{}/api/run/trust_lines_101/ws?run_id={id}", s.addr)
            .into_client_request()
            .unwrap();
        req.headers_mut().insert("Origin", ORIGIN.parse().unwrap());
        let mut ws = tokio_tungstenite::connect_async(req).await.unwrap().0;
        let mut success = false;
        while let Some(Ok(msg)) = ws.next().await {
            if let Message::Text(text) = msg {
                let v: Value = serde_json::from_str(text.as_str()).unwrap();
                if v["type"] == "complete" {
                    success = v["success"] == true;
                    break;
                }
                assert_ne!(v["type"], "error", "{v}");
            }
        }
        assert!(success, "trust_lines_101 completes");
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "dry-run trust_lines_101, POST → terminal frame (40 runs): median {:.2} ms, p90 {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.9).as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only check it builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        startup_and_idle().await;
        post_to_first_frame().await;
        trust_lines_run_latency().await;
        list_runs_throughput().await;
        thousand_runs_thousand_clients().await;
    });
}
