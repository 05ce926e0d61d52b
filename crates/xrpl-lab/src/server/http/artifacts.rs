//! The learner's artifacts: the proof pack and certificate (regenerated and sealed from state on
//! every call, never written), and the module reports in the workspace.
//!
//! Report ids are checked before any path is built: `..`, `/`, `\` and NUL are refused with
//! 400 `INVALID_MODULE_ID`, so no request can read outside the reports directory.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::network;
use crate::server::AppState;
use crate::server::error::{ApiError, ErrorBody};
use crate::workspace::{certificate, clock, proof_pack, report};

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSummary {
    /// Title from the file name (`receipt_literacy` → `Receipt Literacy`).
    pub title: String,
    /// File modification time, ISO-8601 UTC.
    pub generated: String,
    pub content: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDetail {
    pub module_id: String,
    pub content: String,
}

/// The proof pack, sealed (`sha256` over its canonical JSON).
#[utoipa::path(get, path = "/api/artifacts/proof-pack", tag = "artifacts",
    responses((status = 200, body = Object, description = "xrpl_lab_proof_pack")))]
pub async fn proof_pack(State(app): State<AppState>) -> Result<Json<Value>, ApiError> {
    let state = app.lab.state()?;
    let endpoint = network::rpc_url_from_env();
    Ok(Json(proof_pack::generate(
        &state,
        &app.lab.modules,
        &endpoint,
        clock::now_ts(),
    )))
}

/// The completion certificate, sealed.
#[utoipa::path(get, path = "/api/artifacts/certificate", tag = "artifacts",
    responses((status = 200, body = Object, description = "xrpl_lab_certificate")))]
pub async fn certificate(State(app): State<AppState>) -> Result<Json<Value>, ApiError> {
    let state = app.lab.state()?;
    Ok(Json(certificate::generate(
        &state,
        &app.lab.modules,
        clock::now_ts(),
    )))
}

/// Every report in the workspace, sorted by file name.
#[utoipa::path(get, path = "/api/artifacts/reports", tag = "artifacts",
    responses((status = 200, body = Vec<ReportSummary>)))]
pub async fn reports(State(app): State<AppState>) -> Result<Json<Vec<ReportSummary>>, ApiError> {
    let list = report::list(&app.lab.files.workspace)?;
    Ok(Json(
        list.into_iter()
            .map(|r| ReportSummary {
                title: r.title,
                generated: r.generated,
                content: r.content,
            })
            .collect(),
    ))
}

/// One module's report.
#[utoipa::path(get, path = "/api/artifacts/reports/{module_id}", tag = "artifacts",
    params(("module_id" = String, Path)),
    responses(
        (status = 200, body = ReportDetail),
        (status = 400, body = ErrorBody, description = "INVALID_MODULE_ID"),
        (status = 404, body = ErrorBody, description = "REPORT_NOT_FOUND"),
    ))]
pub async fn report_detail(
    State(app): State<AppState>,
    Path(module_id): Path<String>,
) -> Result<Json<ReportDetail>, ApiError> {
    if module_id.contains(['/', '\\', '\0']) || module_id.contains("..") {
        return Err(ApiError::InvalidModuleId);
    }
    let content = report::read(&app.lab.files.workspace, &module_id)?;
    Ok(Json(ReportDetail { module_id, content }))
}
