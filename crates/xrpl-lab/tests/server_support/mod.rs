//! Shared test support for the `server_*` integration tests: scripted launchers (runs whose
//! behaviour a test chooses), a real server on a loopback port, and WebSocket helpers.
//!
//! Nothing here fakes the server: tests talk HTTP and WebSocket to the real router over TCP.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tokio_util::sync::CancellationToken;

use xrpl_lab::lab_error::LabError;
use xrpl_lab::runner::{EventSink, RunEvent, RunLauncher, RunOutcome, RunRequest};
use xrpl_lab::server::{RunRegistry, ServeConfig, Server};

/// What a scripted module does when run.
#[derive(Debug, Clone)]
pub enum Behavior {
    /// Completes at once, successfully, with one txid.
    Instant,
    /// Emits `frames` output frames, one every `every`, then completes successfully.
    Paced { frames: usize, every: Duration },
    /// Emits a step frame, then waits until cancelled.
    Hang,
    /// Fails with this structured error.
    Fail(LabError),
    /// Runs a step that fails: completes with `success: false`.
    StepFails,
    /// Emits `frames` output frames of `size` bytes as fast as it can, then completes.
    Flood { frames: usize, size: usize },
    /// Ignores its cancellation token and never returns.
    Stubborn,
}

/// A launcher whose modules are scripts.
#[derive(Clone, Default)]
pub struct Scripted {
    modules: Arc<HashMap<String, Behavior>>,
    pub launched: Arc<AtomicUsize>,
}

impl Scripted {
    pub fn new(modules: &[(&str, Behavior)]) -> Self {
        Self {
            modules: Arc::new(
                modules
                    .iter()
                    .map(|(id, b)| (id.to_string(), b.clone()))
                    .collect(),
            ),
            launched: Arc::default(),
        }
    }

    /// The standard set used by most tests.
    pub fn standard() -> Self {
        Self::new(&[
            ("instant", Behavior::Instant),
            (
                "paced",
                Behavior::Paced {
                    frames: 5,
                    every: Duration::from_millis(30),
                },
            ),
            ("hang", Behavior::Hang),
            (
                "boom",
                Behavior::Fail(LabError::new(
                    "RUNTIME_INTERNAL",
                    "An internal server error occurred. This is a server-side fault — not something you did wrong in the module.",
                    "Notify the workshop facilitator; they can check the server log and doctor.log.",
                )),
            ),
            ("step_fails", Behavior::StepFails),
            ("trust_lines_101", Behavior::Instant),
            ("stubborn", Behavior::Stubborn),
        ])
    }
}

fn output(text: impl Into<String>) -> RunEvent {
    RunEvent::Output { text: text.into() }
}

impl RunLauncher for Scripted {
    fn resolve_module(&self, module_id: &str) -> Option<String> {
        let id = module_id.replace('-', "_");
        self.modules.contains_key(&id).then_some(id)
    }

    fn launch(
        &self,
        request: RunRequest,
        sink: EventSink,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, RunOutcome> {
        self.launched.fetch_add(1, Ordering::SeqCst);
        let behavior = self.modules.get(&request.module_id).cloned();
        Box::pin(async move {
            match behavior {
                None => RunOutcome::Failed(LabError::new(
                    "INPUT_MODULE_NOT_FOUND",
                    format!("Module '{}' not found.", request.module_id),
                    "Run 'xrpl-lab list' to see available modules.",
                )),
                Some(Behavior::Instant) => {
                    sink(RunEvent::Step {
                        action: "submit_payment".into(),
                        index: 0,
                        total: 1,
                    });
                    sink(RunEvent::Tx {
                        txid: "AB".repeat(32),
                        result_code: "tesSUCCESS".into(),
                    });
                    sink(RunEvent::StepComplete {
                        action: "submit_payment".into(),
                        success: true,
                    });
                    RunOutcome::Completed {
                        success: true,
                        txids: vec!["AB".repeat(32)],
                        report_path: ".xrpl-lab/reports/instant.md".into(),
                    }
                }
                Some(Behavior::Paced { frames, every }) => {
                    for i in 0..frames {
                        tokio::select! {
                            _ = cancel.cancelled() => return RunOutcome::Cancelled,
                            _ = tokio::time::sleep(every) => {}
                        }
                        sink(output(format!("line {i}")));
                    }
                    RunOutcome::Completed {
                        success: true,
                        txids: vec![],
                        report_path: String::new(),
                    }
                }
                Some(Behavior::Hang) => {
                    sink(RunEvent::Step {
                        action: "ensure_wallet".into(),
                        index: 0,
                        total: 2,
                    });
                    cancel.cancelled().await;
                    RunOutcome::Cancelled
                }
                Some(Behavior::Fail(err)) => RunOutcome::Failed(err),
                Some(Behavior::StepFails) => {
                    sink(RunEvent::StepComplete {
                        action: "set_trust_line".into(),
                        success: false,
                    });
                    RunOutcome::Completed {
                        success: false,
                        txids: vec![],
                        report_path: String::new(),
                    }
                }
                Some(Behavior::Flood { frames, size }) => {
                    let text = "x".repeat(size);
                    for i in 0..frames {
                        sink(output(format!("{i}:{text}")));
                        if i % 256 == 0 {
                            tokio::task::yield_now().await;
                        }
                    }
                    RunOutcome::Completed {
                        success: true,
                        txids: vec![],
                        report_path: String::new(),
                    }
                }
                Some(Behavior::Stubborn) => std::future::pending().await,
            }
        })
    }
}

/// A real server on an OS-chosen loopback port, shut down when dropped.
pub struct TestServer {
    pub addr: std::net::SocketAddr,
    pub registry: RunRegistry,
    pub http: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub task: Option<tokio::task::JoinHandle<()>>,
}

pub fn test_config() -> ServeConfig {
    ServeConfig {
        port: 0,
        dry_run: true,
        ..ServeConfig::default()
    }
}

impl TestServer {
    pub async fn start(config: ServeConfig, launcher: Scripted) -> Self {
        let server = Server::bind(config, Arc::new(launcher)).await.unwrap();
        Self::serve(server)
    }

    /// A server over a given curriculum instead of the bundled one.
    pub async fn start_with_catalog(
        config: ServeConfig,
        catalog: xrpl_lab::curriculum::Catalog,
        launcher: Scripted,
    ) -> Self {
        let server = Server::bind_with_catalog(config, Arc::new(catalog), Arc::new(launcher))
            .await
            .unwrap();
        Self::serve(server)
    }

    fn serve(server: Server) -> Self {
        let addr = server.local_addr().unwrap();
        let registry = server.registry().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server
                .run_until(async move {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        Self {
            addr,
            registry,
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(64)
                .build()
                .unwrap(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub async fn standard() -> Self {
        Self::start(test_config(), Scripted::standard()).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn ws_url(&self, module: &str, query: &str) -> String {
        format!("ws://{}/api/run/{module}/ws?{query}", self.addr)
    }

    pub fn own_origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let r = self.http.get(self.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str) -> (u16, Value) {
        let r = self.http.post(self.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        let r = self.http.delete(self.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Starts a run and returns its id (panics unless 200).
    pub async fn start_run(&self, module: &str) -> String {
        let (status, body) = self.post(&format!("/api/run/{module}?dry_run=true")).await;
        assert_eq!(status, 200, "{body}");
        body["run_id"].as_str().unwrap().to_string()
    }

    /// Polls the run until it is no longer running.
    pub async fn wait_terminal(&self, run_id: &str) -> Value {
        for _ in 0..500 {
            let (status, body) = self.get(&format!("/api/runs/{run_id}")).await;
            assert_eq!(status, 200, "{body}");
            if body["status"] != "running" {
                return body;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("run {run_id} never ended");
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(6), task).await;
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens a WebSocket with the given Origin (or none).
pub async fn ws_connect(url: &str, origin: Option<&str>) -> Ws {
    let mut request = url.into_client_request().unwrap();
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("Origin", HeaderValue::from_str(origin).unwrap());
    }
    let (ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    ws
}

/// Everything a client receives until the server closes: the JSON frames and the close code.
pub async fn ws_collect(ws: &mut Ws, bound: Duration) -> (Vec<Value>, Option<u16>, String) {
    let mut frames = Vec::new();
    let deadline = tokio::time::Instant::now() + bound;
    loop {
        let next = tokio::time::timeout_at(deadline, ws.next()).await;
        match next {
            Err(_) => return (frames, None, String::new()),
            Ok(None) => return (frames, None, String::new()),
            Ok(Some(Err(_))) => return (frames, None, String::new()),
            Ok(Some(Ok(Message::Text(t)))) => {
                frames.push(serde_json::from_str(t.as_str()).unwrap())
            }
            Ok(Some(Ok(Message::Close(frame)))) => {
                let (code, reason) = frame
                    .map(|f| (u16::from(f.code), f.reason.to_string()))
                    .unwrap_or((1005, String::new()));
                return (frames, Some(code), reason);
            }
            Ok(Some(Ok(_))) => {}
        }
    }
}

/// Connects and collects the whole stream.
pub async fn ws_transcript(
    url: &str,
    origin: Option<&str>,
    bound: Duration,
) -> (Vec<Value>, Option<u16>, String) {
    let mut ws = ws_connect(url, origin).await;
    let out = ws_collect(&mut ws, bound).await;
    let _ = ws.close(None).await;
    out
}

/// Sends nothing; used to keep a client attached without reading.
pub async fn ws_ping(ws: &mut Ws) {
    let _ = ws.send(Message::Ping(Vec::new().into())).await;
}

pub const DEV_ORIGIN: &str = "http://localhost:4321";

/// Frame types in order, pings removed.
pub fn types(frames: &[Value]) -> Vec<String> {
    frames
        .iter()
        .filter(|f| f["type"] != "ping")
        .map(|f| f["type"].as_str().unwrap_or("?").to_string())
        .collect()
}

pub fn terminal_count(frames: &[Value]) -> usize {
    frames
        .iter()
        .filter(|f| f["type"] == "complete" || f["type"] == "error")
        .count()
}
