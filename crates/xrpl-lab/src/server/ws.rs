//! The live run stream: `GET /api/run/{module_id}/ws?run_id=…&since=N` upgraded to a WebSocket.
//!
//! A client attaches to a run that exists, replays its event log from the start (or from after
//! frame `N`), then follows it live; after the terminal frame (`complete` or `error`) the server
//! closes with 1000. Every client has its own cursor into the run's shared log, so several clients
//! each get every frame, a late or reconnecting client gets the whole transcript, and a client
//! that stops reading holds up nobody but itself.
//!
//! Refusals happen *after* the upgrade, as an `error` envelope frame followed by a close code a
//! browser can see: 1008 without `run_id` (or with a bad `since`), 4003 for an Origin off the
//! allow-list (checked before the run is looked up), 4004 for an unknown run or a module that is
//! not the run's.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::AppState;
use super::registry::Follower;
use crate::lab_error::LabError;
use crate::runner::RunEvent;

/// Close codes of the run stream.
pub mod close_code {
    pub const NORMAL: u16 = 1000;
    pub const POLICY: u16 = 1008;
    pub const ORIGIN_REJECTED: u16 = 4003;
    pub const RUN_NOT_FOUND: u16 = 4004;
}

/// A send that makes no progress for this long means the client stopped reading; it is
/// dropped so its connection stops holding resources. The run is unaffected.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Frames read from the log per lock.
const BATCH: usize = 64;
/// Close reasons are limited to 123 bytes by RFC 6455.
const MAX_REASON: usize = 123;
const PING: &str = r#"{"type":"ping"}"#;

/// Query of the run stream.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// The run to follow (from `POST /api/run/{module_id}`). Required.
    pub run_id: Option<String>,
    /// Resume after the frame with this `seq` (0 or absent: from the start).
    pub since: Option<String>,
    /// The API token, when the server requires one (browsers cannot set headers here).
    pub token: Option<String>,
}

/// Why an attach was refused: the close code, a short reason, and the envelope sent before it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    MissingRunId,
    BadSince,
    OriginRejected,
    UnknownRun { run_id: String, grace_secs: u64 },
    ModuleMismatch,
}

impl Refusal {
    fn code(&self) -> u16 {
        match self {
            Refusal::MissingRunId | Refusal::BadSince => close_code::POLICY,
            Refusal::OriginRejected => close_code::ORIGIN_REJECTED,
            Refusal::UnknownRun { .. } | Refusal::ModuleMismatch => close_code::RUN_NOT_FOUND,
        }
    }

    fn reason(&self) -> String {
        let reason = match self {
            Refusal::MissingRunId => "run_id query parameter is required".to_string(),
            Refusal::BadSince => "since must be a frame number (0 or more)".to_string(),
            Refusal::OriginRejected => "origin not in allow-list — connect dashboard from \
                                        http://localhost:4321 or http://localhost:3000"
                .to_string(),
            Refusal::UnknownRun { run_id, grace_secs } => {
                let id: String = run_id.chars().take(40).collect();
                format!(
                    "run '{id}' not found — never existed, or cleaned up {grace_secs}s after it \
                     ended; POST /api/run"
                )
            }
            Refusal::ModuleMismatch => "module_id mismatch".to_string(),
        };
        truncate_utf8(reason, MAX_REASON)
    }

    fn envelope(&self) -> LabError {
        match self {
            Refusal::MissingRunId => LabError::new(
                "INPUT_RUN_ID_REQUIRED",
                "The run stream needs a run_id.",
                "Start a run with POST /api/run/{module_id}, then connect with ?run_id=<run_id>.",
            ),
            Refusal::BadSince => LabError::new(
                "INPUT_INVALID_SINCE",
                "The since parameter must be a frame number.",
                "Pass the seq of the last frame you received, or omit since to replay everything.",
            ),
            Refusal::OriginRejected => LabError::new(
                "PERM_ORIGIN_NOT_ALLOWED",
                "This page's origin may not open the run stream.",
                "Open the dashboard from the server's own address, or from \
                 http://localhost:4321 / http://localhost:3000 in development.",
            ),
            Refusal::UnknownRun { run_id, .. } => LabError::new(
                "INPUT_RUN_NOT_FOUND",
                format!(
                    "Run '{}' not found.",
                    run_id.chars().take(64).collect::<String>()
                ),
                "It never existed or was cleaned up after it ended. Start a new run with \
                 POST /api/run/{module_id}.",
            ),
            Refusal::ModuleMismatch => LabError::new(
                "INPUT_MODULE_MISMATCH",
                "That run belongs to another module.",
                "Connect to /api/run/{the run's module_id}/ws, as listed by GET /api/runs.",
            ),
        }
    }
}

fn truncate_utf8(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// Per-connection read and write buffer of the run stream.
const STREAM_BUFFER: usize = 4 * 1024;
/// Largest client message accepted (clients have nothing to say; a ping or a close fits).
const MAX_CLIENT_MESSAGE: usize = 4 * 1024;

/// Attaches a WebSocket to a run's stream.
#[utoipa::path(get, path = "/api/run/{module_id}/ws", tag = "runs",
    params(("module_id" = String, Path), StreamQuery),
    responses(
        (status = 101, description = "WebSocket: replay then live frames; closes 1000 after the terminal frame, \
            or 1008/4003/4004 after an error frame"),
        (status = 400, body = super::error::ErrorBody, description = "Not a WebSocket upgrade request"),
    ))]
pub async fn run_stream(
    ws: WebSocketUpgrade,
    State(app): State<AppState>,
    Path(module_id): Path<String>,
    query: Result<Query<StreamQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let query = query.map(|q| q.0).unwrap_or_default();
    let attach = decide(&app, &module_id, &query, &headers);
    // The server never reads what clients send (frames flow one way), and its frames are small:
    // modest buffers keep a room of a thousand streams inside a small memory budget, instead of
    // the 128 KiB read and write buffers a general-purpose connection gets by default.
    ws.read_buffer_size(STREAM_BUFFER)
        .write_buffer_size(STREAM_BUFFER)
        .max_message_size(MAX_CLIENT_MESSAGE)
        .on_upgrade(move |socket| async move {
            match attach {
                Ok(follower) => stream(app, socket, follower).await,
                Err(refusal) => refuse(socket, refusal).await,
            }
        })
}

/// The handshake checks, in the original's order.
fn decide(
    app: &AppState,
    module_id: &str,
    query: &StreamQuery,
    headers: &HeaderMap,
) -> Result<Follower, Refusal> {
    let run_id = query
        .run_id
        .as_deref()
        .filter(|r| !r.is_empty())
        .ok_or(Refusal::MissingRunId)?;
    let since = match query.since.as_deref() {
        None | Some("") => 0,
        Some(raw) => raw.parse::<u64>().map_err(|_| Refusal::BadSince)?,
    };
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    if !origin.is_some_and(|o| app.security.origin_allowed(o, headers)) {
        tracing::warn!(origin = ?origin, run_id, "ws origin rejected");
        return Err(Refusal::OriginRejected);
    }
    let run = app
        .registry
        .get(run_id)
        .ok_or_else(|| Refusal::UnknownRun {
            run_id: run_id.to_string(),
            grace_secs: app.config.run_grace.as_secs(),
        })?;
    let path_module = app
        .registry
        .launcher()
        .resolve_module(module_id)
        .unwrap_or_else(|| module_id.replace('-', "_"));
    if path_module != run.module_id {
        return Err(Refusal::ModuleMismatch);
    }
    // `since=N` means "I have frames up to N": resume at N + 1.
    Ok(app.registry.follow(&run, since.saturating_add(1)))
}

async fn refuse(mut socket: WebSocket, refusal: Refusal) {
    let frame = serde_json::to_string(&RunEvent::error(&refusal.envelope())).unwrap_or_default();
    let close = CloseFrame {
        code: refusal.code(),
        reason: Utf8Bytes::from(refusal.reason()),
    };
    let _ = tokio::time::timeout(SEND_TIMEOUT, async {
        socket.send(Message::Text(frame.into())).await?;
        socket.send(Message::Close(Some(close))).await
    })
    .await;
}

/// Counts attached clients for `/metrics` for as long as it lives.
struct ClientGauge<'a>(&'a std::sync::atomic::AtomicI64);

impl Drop for ClientGauge<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Replays, then follows, until the terminal frame is sent or the client goes away.
async fn stream(app: AppState, mut socket: WebSocket, mut follower: Follower) {
    app.metrics.ws_clients.fetch_add(1, Ordering::Relaxed);
    let _gauge = ClientGauge(&app.metrics.ws_clients);
    let run_id = follower.run().id;
    let idle = app.config.ws_ping_interval;
    loop {
        let batch = follower.take(BATCH);
        let sent_any = !batch.frames.is_empty();
        for frame in batch.frames {
            if !send(&mut socket, Message::Text(frame)).await {
                tracing::info!(%run_id, "ws message send failed; closing stream (the run goes on)");
                return;
            }
        }
        if sent_any {
            follower.delivered();
        }
        if batch.ended {
            let close = CloseFrame {
                code: close_code::NORMAL,
                reason: Utf8Bytes::default(),
            };
            let _ = send(&mut socket, Message::Close(Some(close))).await;
            return;
        }
        if sent_any {
            continue;
        }
        tokio::select! {
            _ = follower.changed() => {}
            incoming = socket.recv() => match incoming {
                // Clients have nothing to say; anything but a close is ignored.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            _ = tokio::time::sleep(idle) => {
                if !send(&mut socket, Message::Text(Utf8Bytes::from_static(PING))).await {
                    tracing::info!(%run_id, "ws keepalive ping send failed; closing stream (the run goes on)");
                    return;
                }
            }
        }
    }
}

async fn send(socket: &mut WebSocket, message: Message) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, socket.send(message)).await,
        Ok(Ok(()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_in_a_close_frame() {
        let long = Refusal::UnknownRun {
            run_id: "é".repeat(500),
            grace_secs: 60,
        };
        assert!(long.reason().len() <= MAX_REASON);
        let r = Refusal::UnknownRun {
            run_id: "5f8a0000-0000-4000-8000-000000000000".into(),
            grace_secs: 60,
        }
        .reason();
        for needle in ["never existed", "cleaned up", "/api/run"] {
            assert!(r.contains(needle), "{r}");
        }
        let o = Refusal::OriginRejected.reason();
        for needle in ["origin", "allow-list", "localhost", "4321"] {
            assert!(o.contains(needle), "{o}");
        }
    }
}
