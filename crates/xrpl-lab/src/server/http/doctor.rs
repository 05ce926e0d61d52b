//! `GET /api/doctor`: the eight doctor checks for the dashboard's doctor page, in exactly the
//! original's shape `{overall, checks: [{name, status, message}]}`.
//!
//! Timing: each network check is bounded by [`crate::doctor::NETWORK_TIMEOUT`] (8 s) and the two
//! run concurrently, so the endpoint answers inside the dashboard's 10-second fetch timeout even
//! when the network is down (the original could take 30 s and always lost that race). A slow or
//! dead endpoint is therefore a failed check in the answer, never a dashboard timeout.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::doctor::{self, DoctorInput};
use crate::server::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct DoctorCheck {
    /// `Wallet`, `State file`, `Workspace`, `Env overrides`, `RPC endpoint`, `Faucet`,
    /// `Last error`, `Last module state`.
    pub name: String,
    /// `pass` or `fail`.
    pub status: &'static str,
    /// The detail, then the hint when there is one: `"{detail}. {hint}"`.
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DoctorResponse {
    /// `healthy` when every check passed, else `error`.
    pub overall: &'static str,
    pub checks: Vec<DoctorCheck>,
}

/// Runs the doctor's checks (and appends them to `doctor.log`).
#[utoipa::path(get, path = "/api/doctor", tag = "learner",
    responses((status = 200, body = DoctorResponse)))]
pub async fn doctor(State(app): State<AppState>) -> Json<DoctorResponse> {
    let lab = &app.lab;
    let mut input = DoctorInput::from_env(
        lab.files.home.clone(),
        lab.files.workspace.clone(),
        lab.modules.clone(),
    );
    if let Some((rpc, faucet)) = &app.config.doctor_endpoints {
        input.rpc_override = Some(rpc.clone());
        input.faucet_override = Some(faucet.clone());
    }
    let report = doctor::run(&input).await;
    Json(DoctorResponse {
        overall: report.overall(),
        checks: report
            .checks
            .iter()
            .map(|c| DoctorCheck {
                name: c.name.clone(),
                status: if c.passed { "pass" } else { "fail" },
                message: c.message(),
            })
            .collect(),
    })
}
