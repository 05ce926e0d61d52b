//! `GET /openapi.json` and `GET /docs`: the API description, generated from the Rust types and
//! handler annotations (so it cannot drift from the code), and a small page that lists it for
//! people — no external scripts, so it works in a room with no internet.

use axum::Json;
use axum::response::Html;
use utoipa::OpenApi;

use super::error::{ErrorBody, ErrorDetail};
use super::http::{artifacts, doctor, health, modules, runs, status, verify};
use super::registry::{RunInfo, RunStatus};
use super::ws;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "XRPL Lab",
        description = "XRPL Lab API — learn by doing, prove by artifact."
    ),
    paths(
        health::health,
        status::status,
        modules::list_modules,
        modules::get_module,
        doctor::doctor,
        artifacts::proof_pack,
        artifacts::certificate,
        artifacts::reports,
        artifacts::report_detail,
        verify::verify,
        runs::start_run,
        runs::list_runs,
        runs::get_run,
        runs::cancel_run,
        ws::run_stream,
    ),
    components(schemas(
        health::HealthResponse,
        status::StatusResponse,
        status::LastRun,
        status::TrackProgressItem,
        modules::ModuleSummary,
        modules::ModuleDetail,
        doctor::DoctorResponse,
        doctor::DoctorCheck,
        artifacts::ReportSummary,
        artifacts::ReportDetail,
        verify::VerifyResponse,
        runs::RunStartResponse,
        runs::RunListResponse,
        runs::RunCancelResponse,
        RunInfo,
        RunStatus,
        ErrorBody,
        ErrorDetail,
    )),
    tags(
        (name = "server", description = "Liveness and configuration"),
        (name = "runs", description = "Start, watch and cancel module runs"),
        (name = "curriculum", description = "The modules"),
        (name = "learner", description = "The learner's progress"),
        (name = "artifacts", description = "Proof packs, certificates, reports, verification"),
    )
)]
pub struct ApiDoc;

/// The document, with the crate version filled in.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = crate::VERSION.to_string();
    doc
}

/// `GET /openapi.json`.
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /docs`: every operation with its summary, linking to the JSON document.
pub async fn docs_page() -> Html<String> {
    let doc = document();
    let mut rows = String::new();
    for (path, item) in &doc.paths.paths {
        let ops = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("DELETE", &item.delete),
        ];
        for (method, op) in ops {
            if let Some(op) = op {
                let summary = op
                    .summary
                    .as_deref()
                    .or(op.description.as_deref())
                    .unwrap_or("");
                rows.push_str(&format!(
                    "<tr><td><code>{method}</code></td><td><code>{}</code></td><td>{}</td></tr>\n",
                    escape(path),
                    escape(summary)
                ));
            }
        }
    }
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>XRPL Lab API</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}\
         table{{border-collapse:collapse;width:100%}}td{{border-bottom:1px solid #ddd;padding:.4rem}}</style>\
         </head><body><h1>XRPL Lab API <small>{}</small></h1>\
         <p>The machine-readable description is <a href=\"/openapi.json\">/openapi.json</a>. \
         Errors are <code>{{\"detail\":{{\"code\",\"message\",\"hint\"}}}}</code>.</p>\
         <table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>\n{rows}</tbody></table>\
         </body></html>",
        escape(crate::VERSION)
    ))
}
