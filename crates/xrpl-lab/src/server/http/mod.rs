//! The JSON API, one file per resource. Handlers read like the API document: parse, ask the
//! registry (or curriculum, or workspace), answer with a typed body or an [`ApiError`].
//!
//! [`ApiError`]: super::error::ApiError

pub mod health;
pub mod runs;

use axum::Router;
use axum::routing::{get, post};

use super::AppState;

/// Every `/api` route except the WebSocket.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health::health))
        .route("/api/run/{module_id}", post(runs::start_run))
        .route("/api/runs", get(runs::list_runs))
        .route(
            "/api/runs/{run_id}",
            get(runs::get_run).delete(runs::cancel_run),
        )
}
