//! The runs resource: start a run, list runs, look at one, cancel one (the facilitator's Kill).
//!
//! `POST /api/run/{module_id}?dry_run=&learner=` → `{run_id, status:"started"}`;
//! `GET /api/runs` → `{runs, max_concurrent, active_count}`; `GET /api/runs/{run_id}` → one RunInfo;
//! `DELETE /api/runs/{run_id}` → `{run_id, status:"cancelled"|"already_terminated", message}`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::server::AppState;
use crate::server::error::{ApiError, ErrorBody};
use crate::server::registry::{CancelOutcome, RunInfo, RunStatus, StartError};

/// Query of `POST /api/run/{module_id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StartRunQuery {
    /// Run in the sandbox (`true`) or on the network (`false`); the server default when absent.
    /// Accepts true/false, 1/0, yes/no, on/off, t/f, y/n (empty: the server default). `dry-run`
    /// is accepted as an alias.
    #[serde(alias = "dry-run")]
    pub dry_run: Option<String>,
    /// A learner label (name or seat) shown on the facilitator page; 1-64 printable characters.
    pub learner: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunStartResponse {
    pub run_id: String,
    /// Always `"started"`.
    pub status: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunListResponse {
    /// Every known run, oldest first: the running ones and those ended within the grace window.
    pub runs: Vec<RunInfo>,
    /// The concurrency cap.
    pub max_concurrent: usize,
    /// How many of `runs` are `running`.
    pub active_count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunCancelResponse {
    pub run_id: String,
    /// `cancelled`, or `already_terminated` when the run had ended before.
    pub status: &'static str,
    pub message: String,
}

/// Lenient boolean, as the original's query parsing accepts.
fn parse_bool(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
        _ => None,
    }
}

const LEARNER_MAX_CHARS: usize = 64;

fn parse_learner(raw: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    let label = raw.trim();
    if label.is_empty() {
        return Ok(None);
    }
    if label.chars().count() > LEARNER_MAX_CHARS || label.chars().any(char::is_control) {
        return Err(ApiError::InvalidLearner);
    }
    Ok(Some(label.to_string()))
}

/// Starts a run of a module. The slot is taken atomically before the module is looked up.
#[utoipa::path(post, path = "/api/run/{module_id}", tag = "runs",
    params(("module_id" = String, Path, description = "Module id (snake_case or hyphenated)"), StartRunQuery),
    responses(
        (status = 200, body = RunStartResponse),
        (status = 404, body = ErrorBody, description = "MODULE_NOT_FOUND"),
        (status = 422, body = ErrorBody, description = "INVALID_QUERY"),
        (status = 429, body = ErrorBody, description = "RATE_LIMIT_RUNS (with Retry-After)"),
    ))]
pub async fn start_run(
    State(app): State<AppState>,
    Path(module_id): Path<String>,
    query: Result<Query<StartRunQuery>, QueryRejection>,
) -> Result<Json<RunStartResponse>, ApiError> {
    let Query(query) = query?;
    let dry_run = match query.dry_run.as_deref().map(str::trim) {
        None | Some("") => app.config.dry_run,
        Some(raw) => parse_bool(raw)
            .ok_or_else(|| ApiError::InvalidQuery(format!("dry_run: {raw:?} is not a boolean")))?,
    };
    let learner = parse_learner(query.learner)?;
    let run = app
        .registry
        .start(&module_id, dry_run, learner)
        .map_err(|e| match e {
            StartError::AtCapacity { max, active } => ApiError::RateLimitRuns { max, active },
            StartError::UnknownModule(id) => ApiError::ModuleNotFound(id),
            StartError::ShuttingDown => ApiError::ShuttingDown,
        })?;
    Ok(Json(RunStartResponse {
        run_id: run.id.to_string(),
        status: "started",
    }))
}

/// Every known run (running, and ended within the grace window), oldest first.
#[utoipa::path(get, path = "/api/runs", tag = "runs",
    responses((status = 200, body = RunListResponse)))]
pub async fn list_runs(State(app): State<AppState>) -> Json<RunListResponse> {
    let runs: Vec<RunInfo> = app.registry.list().iter().map(|r| r.info()).collect();
    let active_count = runs
        .iter()
        .filter(|r| r.status == RunStatus::Running)
        .count();
    Json(RunListResponse {
        runs,
        max_concurrent: app.registry.max_concurrent(),
        active_count,
    })
}

/// One run, as in the list.
#[utoipa::path(get, path = "/api/runs/{run_id}", tag = "runs",
    params(("run_id" = String, Path)),
    responses(
        (status = 200, body = RunInfo),
        (status = 404, body = ErrorBody, description = "RUN_NOT_FOUND"),
    ))]
pub async fn get_run(
    State(app): State<AppState>,
    Path(run_id): Path<String>,
) -> Result<Json<RunInfo>, ApiError> {
    app.registry
        .get(&run_id)
        .map(|run| Json(run.info()))
        .ok_or(ApiError::RunNotFound(run_id))
}

/// Cancels a running run (idempotent on ended runs).
#[utoipa::path(delete, path = "/api/runs/{run_id}", tag = "runs",
    params(("run_id" = String, Path)),
    responses(
        (status = 200, body = RunCancelResponse),
        (status = 404, body = ErrorBody, description = "RUN_NOT_FOUND"),
    ))]
pub async fn cancel_run(
    State(app): State<AppState>,
    Path(run_id): Path<String>,
) -> Result<Json<RunCancelResponse>, ApiError> {
    let outcome = app
        .registry
        .cancel(&run_id)
        .ok_or_else(|| ApiError::RunNotFound(run_id.clone()))?;
    let (status, message) = match outcome {
        CancelOutcome::Cancelled => ("cancelled", "Run cancelled by facilitator".to_string()),
        CancelOutcome::AlreadyTerminated(was) => (
            "already_terminated",
            format!("Run was already {}; nothing to cancel.", was.as_str()),
        ),
    };
    Ok(Json(RunCancelResponse {
        run_id,
        status,
        message,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_parse_leniently_and_refuse_nonsense() {
        for t in ["true", "TRUE", "1", "yes", "on", "t", "Y"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["false", "0", "no", "off", "F", "n"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn learner_labels_are_short_printable_text() {
        assert_eq!(parse_learner(None), Ok(None));
        assert_eq!(parse_learner(Some("  ".into())), Ok(None));
        assert_eq!(parse_learner(Some(" Ana ".into())), Ok(Some("Ana".into())));
        assert_eq!(
            parse_learner(Some("a\u{7}".into())),
            Err(ApiError::InvalidLearner)
        );
        assert_eq!(
            parse_learner(Some("x".repeat(65))),
            Err(ApiError::InvalidLearner)
        );
    }
}
