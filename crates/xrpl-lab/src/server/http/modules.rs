//! The curriculum as the dashboard shows it: `GET /api/modules` (summaries in canonical order,
//! with the learner's completion and the next module) and `GET /api/modules/{module_id}`.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::curriculum::Module;
use crate::server::AppState;
use crate::server::error::{ApiError, ErrorBody};
use crate::workspace::catalog::next_module;

#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleSummary {
    pub id: String,
    pub title: String,
    pub track: String,
    pub summary: String,
    pub level: String,
    /// The module's time estimate, e.g. `"15 min"`.
    pub time_estimate: String,
    /// `testnet` or `dry-run`.
    pub mode: String,
    pub requires: Vec<String>,
    pub produces: Vec<String>,
    pub checks: Vec<String>,
    pub completed: bool,
    /// True for exactly the learner's next module.
    pub is_next: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleDetail {
    pub id: String,
    pub title: String,
    pub level: String,
    pub time_estimate: String,
    pub prerequisites: Vec<String>,
    pub artifacts: Vec<String>,
    pub checks: Vec<String>,
    pub completed: bool,
    /// The first paragraph of the module.
    pub description: String,
    /// Each step's text (markdown).
    pub steps: Vec<String>,
}

fn summary(m: &Module, completed: bool, is_next: bool) -> ModuleSummary {
    ModuleSummary {
        id: m.id.clone(),
        title: m.title.clone(),
        track: m.track.clone(),
        summary: m.summary.clone(),
        level: m.level.clone(),
        time_estimate: m.time.clone(),
        mode: m.mode.clone(),
        requires: m.requires.clone(),
        produces: m.produces.clone(),
        checks: m.checks.clone(),
        completed,
        is_next,
    }
}

/// Every module in canonical order.
#[utoipa::path(get, path = "/api/modules", tag = "curriculum",
    responses((status = 200, body = Vec<ModuleSummary>)))]
pub async fn list_modules(
    State(app): State<AppState>,
) -> Result<Json<Vec<ModuleSummary>>, ApiError> {
    let state = app.lab.state()?;
    let completed = state.completed_ids();
    let next = next_module(&app.lab.modules, &completed).map(|m| m.id.clone());
    let list = app
        .lab
        .catalog
        .canonical_order()
        .into_iter()
        .map(|m| summary(m, state.is_completed(&m.id), next.as_deref() == Some(&m.id)))
        .collect();
    Ok(Json(list))
}

/// One module with its steps.
#[utoipa::path(get, path = "/api/modules/{module_id}", tag = "curriculum",
    params(("module_id" = String, Path, description = "Module id (snake_case or hyphenated)")),
    responses(
        (status = 200, body = ModuleDetail),
        (status = 404, body = ErrorBody, description = "MODULE_NOT_FOUND"),
    ))]
pub async fn get_module(
    State(app): State<AppState>,
    Path(module_id): Path<String>,
) -> Result<Json<ModuleDetail>, ApiError> {
    let module = app
        .lab
        .catalog
        .get(&module_id)
        .ok_or_else(|| ApiError::ModuleNotFound(module_id.clone()))?;
    let state = app.lab.state()?;
    Ok(Json(ModuleDetail {
        id: module.id.clone(),
        title: module.title.clone(),
        level: module.level.clone(),
        time_estimate: module.time.clone(),
        prerequisites: module.requires.clone(),
        artifacts: module.produces.clone(),
        checks: module.checks.clone(),
        completed: state.is_completed(&module.id),
        description: module.description(),
        steps: module.steps.iter().map(|s| s.text.clone()).collect(),
    }))
}
