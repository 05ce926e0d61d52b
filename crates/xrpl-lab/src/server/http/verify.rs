//! `POST /api/verify[?live=]`: checks a proof pack or certificate pasted into the dashboard —
//! always its seal (`sha256` over the canonical JSON), and on request its transactions on the
//! ledger (only when the seal holds).
//!
//! The body is read as bytes under the server's size limit and parsed here, so a body that is too
//! large (413), not JSON (400) or not an object (400) each gets its own clear envelope.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::server::AppState;
use crate::server::error::{ApiError, ErrorBody};
use crate::transport::lookup::{lookup_tx, verify_on_ledger};
use crate::workspace::live::{LiveResult, unreachable_result};
use crate::workspace::{ArtifactKind, verify_artifact};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// Also check the transactions on the ledger: `1`, `true`, `yes`, `on` (anything else: no).
    pub live: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerifyResponse {
    /// `proof_pack` or `certificate`.
    pub artifact_kind: String,
    pub hash_valid: bool,
    pub hash_message: String,
    pub overall_passed: bool,
    pub live_requested: bool,
    /// The on-ledger check, or null when not requested or the seal failed.
    #[schema(value_type = Option<Object>)]
    pub live: Option<LiveResult>,
    pub version: String,
    pub address: String,
    pub network: String,
}

/// The live layer off the async workers: the rules are synchronous and each lookup blocks on
/// the runtime, so they run on a blocking thread. Anything going wrong there (even a panic)
/// becomes the synthetic "could not be completed" block, never a 500.
async fn live_check(artifact: Value, kind: ArtifactKind) -> LiveResult {
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        verify_on_ledger(&artifact, kind, |network, txid| {
            handle.block_on(lookup_tx(network, txid))
        })
    })
    .await
    .unwrap_or_else(|_| unreachable_result(kind))
}

fn echo(body: &Value, key: &str) -> String {
    match body.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(false)) => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Verifies an artifact.
#[utoipa::path(post, path = "/api/verify", tag = "artifacts",
    params(VerifyQuery),
    request_body(content = Object, description = "A proof pack or certificate", content_type = "application/json"),
    responses(
        (status = 200, body = VerifyResponse),
        (status = 400, body = ErrorBody, description = "INVALID_BODY or UNKNOWN_ARTIFACT"),
        (status = 413, body = ErrorBody, description = "PAYLOAD_TOO_LARGE"),
    ))]
pub async fn verify(
    State(app): State<AppState>,
    query: Result<Query<VerifyQuery>, axum::extract::rejection::QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<VerifyResponse>, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge {
                limit: app.config.body_limit,
            }
        } else {
            ApiError::BodyNotJson
        }
    })?;
    let value: Value = serde_json::from_slice(&body).map_err(|_| ApiError::BodyNotJson)?;
    let report = verify_artifact(&value)?;
    let live_param = query.ok().and_then(|q| q.0.live);
    let live_requested = match live_param {
        Some(raw) => matches!(
            raw.to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on"
        ),
        None => value.get("live") == Some(&Value::Bool(true)),
    };
    let live = if live_requested && report.hash_valid {
        Some(live_check(value.clone(), report.artifact_kind).await)
    } else {
        None
    };
    let overall_passed = report.hash_valid && live.as_ref().is_none_or(|l| l.overall_passed);
    Ok(Json(VerifyResponse {
        artifact_kind: report.artifact_kind.as_str().to_string(),
        hash_valid: report.hash_valid,
        hash_message: report.hash_message,
        overall_passed,
        live_requested,
        live,
        version: echo(&value, "version"),
        address: echo(&value, "address"),
        network: echo(&value, "network"),
    }))
}
