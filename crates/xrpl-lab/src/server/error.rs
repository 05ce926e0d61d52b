//! The HTTP error model: one enum of everything an API call can answer with besides success, each
//! variant knowing its status code and its `{"detail":{code,message,hint}}` body.
//!
//! Framework rejections (unknown route, wrong method, bad query, bad or oversized body) are turned
//! into the same envelope, so a client never has to parse two error shapes, and nothing internal
//! (a path, an exception text) reaches a response: internal faults are logged and answered with a
//! fixed message.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The three strings of every HTTP error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    pub hint: String,
}

/// The body of every HTTP error: `{"detail": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorBody {
    pub detail: ErrorDetail,
}

/// Everything an API call can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("module {0:?} not found")]
    ModuleNotFound(String),
    #[error("run {0:?} not found")]
    RunNotFound(String),
    #[error("all {max} run slots are in use")]
    RateLimitRuns { max: usize, active: usize },
    #[error("invalid module id")]
    InvalidModuleId,
    #[error("report {0:?} not found")]
    ReportNotFound(String),
    #[error("body is not JSON")]
    BodyNotJson,
    #[error("body is not a JSON object")]
    BodyNotObject,
    #[error("body is not an xrpl-lab artifact")]
    UnknownArtifact,
    #[error("body too large")]
    PayloadTooLarge { limit: usize },
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    #[error("invalid learner label")]
    InvalidLearner,
    #[error("bad request")]
    BadRequest,
    #[error("invalid path parameter")]
    InvalidPath,
    #[error("route not found")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("missing or wrong token")]
    Unauthorized,
    #[error("host not allowed")]
    HostNotAllowed,
    #[error("server is shutting down")]
    ShuttingDown,
    /// A structured failure from a lower layer (state file unreadable, I/O), already worded for
    /// people. Answered as a server-side fault.
    #[error("{0}")]
    Lab(crate::lab_error::LabError),
    /// Something went wrong on our side. The detail was logged where it happened; the response
    /// says only that it is our fault.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        use ApiError::*;
        match self {
            ModuleNotFound(_) | RunNotFound(_) | ReportNotFound(_) | RouteNotFound => {
                StatusCode::NOT_FOUND
            }
            RateLimitRuns { .. } => StatusCode::TOO_MANY_REQUESTS,
            InvalidModuleId | BodyNotJson | BodyNotObject | UnknownArtifact | BadRequest
            | InvalidPath | InvalidLearner | HostNotAllowed => StatusCode::BAD_REQUEST,
            InvalidQuery(_) => StatusCode::UNPROCESSABLE_ENTITY,
            PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Unauthorized => StatusCode::UNAUTHORIZED,
            ShuttingDown => StatusCode::SERVICE_UNAVAILABLE,
            Lab(_) | Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code and the texts a person reads.
    pub fn detail(&self) -> ErrorDetail {
        use ApiError::*;
        let (code, message, hint): (&str, String, String) = match self {
            ModuleNotFound(id) => (
                "MODULE_NOT_FOUND",
                format!("Module '{id}' not found"),
                "Use GET /api/modules to see available module IDs".into(),
            ),
            RunNotFound(id) => (
                "RUN_NOT_FOUND",
                format!("Run '{id}' not found"),
                "Use GET /api/runs to list active and recent runs".into(),
            ),
            RateLimitRuns { max, active } => (
                "RATE_LIMIT_RUNS",
                format!(
                    "All {max} concurrent run slots are in use ({active} active). The cap protects \
                     the server from memory exhaustion when many learners run modules at once."
                ),
                format!(
                    "Runs usually finish quickly: wait ~30s and retry. If the workshop stays at full \
                     saturation ({max}/{max}), the facilitator can stagger learner starts or restart \
                     the server with a larger --max-concurrent."
                ),
            ),
            InvalidModuleId => (
                "INVALID_MODULE_ID",
                "Invalid module_id".into(),
                "Module IDs must not contain path separators or special characters".into(),
            ),
            ReportNotFound(id) => (
                "REPORT_NOT_FOUND",
                format!("Report for '{id}' not found"),
                "Run a module first to generate its report".into(),
            ),
            BodyNotJson => (
                "INVALID_BODY",
                "Request body is not valid JSON.".into(),
                "POST the proof pack or certificate JSON object as the body.".into(),
            ),
            BodyNotObject => (
                "INVALID_BODY",
                "Request body must be a JSON object (a proof pack or certificate).".into(),
                "Paste the full xrpl_lab_proof_pack.json or xrpl_lab_certificate.json.".into(),
            ),
            UnknownArtifact => (
                "UNKNOWN_ARTIFACT",
                "Body is not a recognized XRPL Lab artifact — it is missing the \
                 xrpl_lab_proof_pack / xrpl_lab_certificate marker."
                    .into(),
                "Paste a proof pack or certificate generated by xrpl-lab.".into(),
            ),
            PayloadTooLarge { limit } => (
                "PAYLOAD_TOO_LARGE",
                format!("Request body is larger than the {limit}-byte limit."),
                "Send only the proof pack or certificate JSON, nothing else.".into(),
            ),
            InvalidQuery(why) => (
                "INVALID_QUERY",
                format!("Invalid query parameters: {why}"),
                "Booleans accept true/false, 1/0, yes/no, on/off.".into(),
            ),
            InvalidLearner => (
                "INVALID_QUERY",
                "The learner label must be 1-64 printable characters.".into(),
                "Use a short name or seat number, e.g. ?learner=seat-12".into(),
            ),
            BadRequest => (
                "BAD_REQUEST",
                "The request could not be understood.".into(),
                "See GET /openapi.json (or /docs) for what each route expects.".into(),
            ),
            InvalidPath => (
                "INVALID_PATH",
                "Invalid path parameter.".into(),
                "Check the id in the URL.".into(),
            ),
            RouteNotFound => (
                "NOT_FOUND",
                "Not Found".into(),
                "See GET /openapi.json (or /docs) for the routes this server offers.".into(),
            ),
            MethodNotAllowed => (
                "METHOD_NOT_ALLOWED",
                "Method Not Allowed".into(),
                "See GET /openapi.json (or /docs) for the methods each route accepts.".into(),
            ),
            Unauthorized => (
                "UNAUTHORIZED",
                "Missing or wrong API token.".into(),
                "Send the facilitator's token as 'Authorization: Bearer <token>' \
                 (or ?token= on the WebSocket)."
                    .into(),
            ),
            HostNotAllowed => (
                "HOST_NOT_ALLOWED",
                "The Host header does not name this server.".into(),
                "Open the dashboard through the address the server was started on.".into(),
            ),
            ShuttingDown => (
                "SHUTTING_DOWN",
                "The server is shutting down and admits no new runs.".into(),
                "Wait for the facilitator to restart the server, then retry.".into(),
            ),
            Lab(err) => {
                return ErrorDetail {
                    code: err.code.clone(),
                    message: err.message.clone(),
                    hint: err.hint.clone(),
                };
            }
            Internal => (
                "INTERNAL_ERROR",
                "An internal server error occurred. This is a server-side fault.".into(),
                "Notify the workshop facilitator; the server log has the details.".into(),
            ),
        };
        ErrorDetail {
            code: code.to_string(),
            message,
            hint,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            detail: self.detail(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), Json(self.body())).into_response();
        match &self {
            // The original's hint says "wait ~30s"; say it in the header too for clients that
            // honour it.
            ApiError::RateLimitRuns { .. } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            }
            ApiError::Unauthorized => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        // The rejection text names the parameter and the expected type, never server internals.
        ApiError::InvalidQuery(rejection.body_text())
    }
}

/// Turns a framework-made error response (plain text, or empty) into our envelope, so every error
/// a client sees has one shape. Responses that already carry JSON are left alone.
pub fn jsonify_framework_error(status: StatusCode, body_limit: usize) -> Option<ApiError> {
    match status {
        StatusCode::NOT_FOUND => Some(ApiError::RouteNotFound),
        StatusCode::METHOD_NOT_ALLOWED => Some(ApiError::MethodNotAllowed),
        StatusCode::PAYLOAD_TOO_LARGE => Some(ApiError::PayloadTooLarge { limit: body_limit }),
        StatusCode::BAD_REQUEST
        | StatusCode::UNPROCESSABLE_ENTITY
        | StatusCode::UNSUPPORTED_MEDIA_TYPE
        | StatusCode::UPGRADE_REQUIRED => Some(ApiError::BadRequest),
        s if s.is_server_error() => Some(ApiError::Internal),
        _ => None,
    }
}
