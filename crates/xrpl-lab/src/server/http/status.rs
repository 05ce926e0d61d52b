//! `GET /api/status`: where the learner stands, in the original's seventeen keys — progress,
//! wallet, the next module and what blocks it, per-track progress, artifacts, network, version.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::network;
use crate::server::AppState;
use crate::server::error::{ApiError, ErrorBody};
use crate::workspace::{clock, status};

#[derive(Debug, Serialize, ToSchema)]
pub struct LastRun {
    pub module: String,
    /// ISO-8601 UTC.
    pub timestamp: String,
    pub success: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackProgressItem {
    pub track: String,
    pub completed: Vec<String>,
    pub remaining: Vec<String>,
    pub total: usize,
    pub done: usize,
    pub is_complete: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusResponse {
    pub modules_completed: usize,
    pub modules_total: usize,
    pub wallet_configured: bool,
    pub wallet_address: Option<String>,
    pub last_run: Option<LastRun>,
    /// The workspace directory as configured (relative stays relative).
    pub workspace: String,
    pub current_module: Option<String>,
    pub current_track: Option<String>,
    pub current_mode: Option<String>,
    pub blockers: Vec<String>,
    pub is_blocked: bool,
    pub track_progress: Vec<TrackProgressItem>,
    pub has_proof_pack: bool,
    pub has_certificate: bool,
    pub report_count: usize,
    /// `dry-run` when the server defaults to the sandbox, else the endpoint's network.
    pub network: String,
    pub version: String,
}

/// The learner's position.
#[utoipa::path(get, path = "/api/status", tag = "learner",
    responses((status = 200, body = StatusResponse), (status = 500, body = ErrorBody, description = "STATE_CORRUPT")))]
pub async fn status(State(app): State<AppState>) -> Result<Json<StatusResponse>, ApiError> {
    let lab = &app.lab;
    let state = lab.state()?;
    let net = if app.config.dry_run {
        "dry-run"
    } else {
        network::classify_network(&network::rpc_url_from_env()).as_str()
    };
    let s = status::learner_status(&state, &lab.modules, &lab.files.workspace, net);
    let last_run = state
        .completed_modules
        .iter()
        .max_by(|a, b| a.completed_at.total_cmp(&b.completed_at))
        .map(|m| LastRun {
            module: m.module_id.clone(),
            timestamp: clock::iso(m.completed_at),
            success: true,
        });
    Ok(Json(StatusResponse {
        modules_completed: s.completed_count,
        modules_total: s.total_modules,
        wallet_configured: s.wallet_address.is_some(),
        wallet_address: s.wallet_address,
        last_run,
        workspace: lab.files.workspace.dir().display().to_string(),
        current_module: s.current_module,
        current_track: s.current_track,
        current_mode: s.current_mode,
        blockers: s.blockers,
        is_blocked: s.is_blocked,
        track_progress: s
            .track_progress
            .into_iter()
            .map(|t| TrackProgressItem {
                track: t.track,
                completed: t.completed,
                remaining: t.remaining,
                total: t.total,
                done: t.done,
                is_complete: t.is_complete,
            })
            .collect(),
        has_proof_pack: s.has_proof_pack,
        has_certificate: s.has_certificate,
        report_count: s.report_count,
        network: net.to_string(),
        version: crate::VERSION.to_string(),
    }))
}
