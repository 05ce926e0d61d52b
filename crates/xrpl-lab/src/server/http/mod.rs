//! The JSON API, one file per resource. Handlers read like the API document: parse, ask the
//! registry (or curriculum, or workspace), answer with a typed body or an [`ApiError`].
//!
//! [`ApiError`]: super::error::ApiError

pub mod artifacts;
pub mod doctor;
pub mod health;
pub mod modules;
pub mod runs;
pub mod status;
pub mod verify;

use axum::Router;
use axum::routing::{get, post};

use super::AppState;

/// Every `/api` route except the WebSocket.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health::health))
        .route("/api/status", get(status::status))
        .route("/api/modules", get(modules::list_modules))
        .route("/api/doctor", get(doctor::doctor))
        .route("/api/modules/{module_id}", get(modules::get_module))
        .route("/api/artifacts/proof-pack", get(artifacts::proof_pack))
        .route("/api/artifacts/certificate", get(artifacts::certificate))
        .route("/api/artifacts/reports", get(artifacts::reports))
        .route(
            "/api/artifacts/reports/{module_id}",
            get(artifacts::report_detail),
        )
        .route("/api/verify", post(verify::verify))
        .route("/api/run/{module_id}", post(runs::start_run))
        .route("/api/runs", get(runs::list_runs))
        .route(
            "/api/runs/{run_id}",
            get(runs::get_run).delete(runs::cancel_run),
        )
}
