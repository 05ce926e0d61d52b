//! `GET /api/health`: the cheapest possible "is the server up, which version, which mode".

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::server::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// Always `"ok"`.
    pub status: &'static str,
    pub version: &'static str,
    /// The server's default for runs that do not say `dry_run`.
    pub dry_run: bool,
}

/// Liveness: always 200, no I/O.
#[utoipa::path(get, path = "/api/health", tag = "server",
    responses((status = 200, body = HealthResponse)))]
pub async fn health(State(app): State<AppState>) -> Json<HealthResponse> {
    Json(HealthResponse {
        status: "ok",
        version: crate::VERSION,
        dry_run: app.config.dry_run,
    })
}
