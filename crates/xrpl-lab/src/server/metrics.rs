//! `GET /metrics`: what a facilitator's Prometheus (or `curl`) needs to see a workshop's load —
//! runs started and how they ended, runs active now, WebSocket clients attached, and how fast the
//! API answers.
//!
//! The exposition format is a few lines of text, so it is written by hand over plain atomics:
//! counting must cost nothing on the hot paths it sits in.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// Upper bounds (seconds) of the request-latency histogram buckets.
const LATENCY_BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// The server's counters. Shared by the registry, the WebSocket handler and the latency layer.
#[derive(Debug, Default)]
pub struct Metrics {
    pub runs_started: AtomicU64,
    pub runs_completed: AtomicU64,
    pub runs_failed: AtomicU64,
    pub runs_cancelled: AtomicU64,
    pub runs_refused: AtomicU64,
    pub frames_dropped: AtomicU64,
    pub ws_clients: AtomicI64,
    latency_buckets: [AtomicU64; LATENCY_BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
}

impl Metrics {
    pub fn observe_latency(&self, took: Duration) {
        let secs = took.as_secs_f64();
        if let Some(i) = LATENCY_BUCKETS.iter().position(|b| secs <= *b) {
            self.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub fn render(&self, active_runs: usize, max_concurrent: usize) -> String {
        let mut out = String::with_capacity(2048);
        let counter = |out: &mut String, name: &str, help: &str, v: u64| {
            let _ = write!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}\n"
            );
        };
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed);
        counter(
            &mut out,
            "xrpl_lab_runs_started_total",
            "Runs admitted.",
            load(&self.runs_started),
        );
        counter(
            &mut out,
            "xrpl_lab_runs_completed_total",
            "Runs that ended completed.",
            load(&self.runs_completed),
        );
        counter(
            &mut out,
            "xrpl_lab_runs_failed_total",
            "Runs that ended failed.",
            load(&self.runs_failed),
        );
        counter(
            &mut out,
            "xrpl_lab_runs_cancelled_total",
            "Runs that ended cancelled.",
            load(&self.runs_cancelled),
        );
        counter(
            &mut out,
            "xrpl_lab_runs_refused_total",
            "Starts refused at the concurrency cap (429).",
            load(&self.runs_refused),
        );
        counter(
            &mut out,
            "xrpl_lab_run_frames_dropped_total",
            "Frames dropped from full run event logs.",
            load(&self.frames_dropped),
        );
        let _ = write!(
            out,
            "# HELP xrpl_lab_runs_active Runs currently running.\n# TYPE xrpl_lab_runs_active gauge\nxrpl_lab_runs_active {active_runs}\n\
             # HELP xrpl_lab_runs_max_concurrent The concurrency cap.\n# TYPE xrpl_lab_runs_max_concurrent gauge\nxrpl_lab_runs_max_concurrent {max_concurrent}\n\
             # HELP xrpl_lab_websocket_clients WebSocket clients attached to runs.\n# TYPE xrpl_lab_websocket_clients gauge\nxrpl_lab_websocket_clients {}\n",
            self.ws_clients.load(Ordering::Relaxed).max(0)
        );
        let name = "xrpl_lab_http_request_duration_seconds";
        let _ = write!(
            out,
            "# HELP {name} HTTP request latency.\n# TYPE {name} histogram\n"
        );
        let mut cumulative = 0;
        for (bound, count) in LATENCY_BUCKETS.iter().zip(&self.latency_buckets) {
            cumulative += count.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let total = self.latency_count.load(Ordering::Relaxed);
        let _ = write!(
            out,
            "{name}_bucket{{le=\"+Inf\"}} {total}\n{name}_sum {}\n{name}_count {total}\n",
            self.latency_sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        out
    }
}

/// Measures every request (WebSocket upgrades measure the handshake only).
pub async fn track_latency(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    app.metrics.observe_latency(started.elapsed());
    response
}

/// `GET /metrics`.
pub async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        app.metrics
            .render(app.registry.active_count(), app.registry.max_concurrent()),
    )
}
