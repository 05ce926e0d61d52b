//! The structured error every layer of the lab reports in: a stable `code`, a `message` that says
//! what happened, and a `hint` that says what to do next.
//!
//! Codes follow the original's catalogue (`INPUT_*`, `CONFIG_*`, `STATE_*`, `RUNTIME_*`, `IO_*`,
//! `DEP_*`, `PERM_*`, `PARTIAL_*`). On HTTP they travel as `{"detail":{code,message,hint}}`; on the
//! WebSocket as an envelope that adds `severity` and `icon_hint`, derived from the code here so the
//! mapping has one home.

use serde::Serialize;

/// A failure a learner, facilitator or script can act on. Never carries a secret or an internal
/// path: the text is written for the person reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct LabError {
    pub code: String,
    pub message: String,
    pub hint: String,
}

impl LabError {
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// How serious the failure is, for the WebSocket envelope (exact codes first, then prefixes).
    pub fn severity(&self) -> Severity {
        classify(&self.code).0
    }

    /// Which icon the dashboard shows for it.
    pub fn icon_hint(&self) -> &'static str {
        classify(&self.code).1
    }
}

/// The documented severity scale of the WebSocket error envelope (`critical` is reserved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
            Severity::Critical => "critical",
        }
    }
}

fn classify(code: &str) -> (Severity, &'static str) {
    match code {
        "RUNTIME_TIMEOUT" | "RUNTIME_FAUCET_RATE_LIMITED" => return (Severity::Warning, "clock"),
        "RUNTIME_CANCELLED" => return (Severity::Info, "x-circle"),
        _ => {}
    }
    let prefix = code.split('_').next().unwrap_or("");
    match prefix {
        "INPUT" | "CONFIG" | "STATE" => (Severity::Warning, "alert-circle"),
        "PARTIAL" => (Severity::Info, "info"),
        _ => (Severity::Error, "alert-triangle"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_follows_exact_code_then_prefix() {
        let cases = [
            ("RUNTIME_TIMEOUT", Severity::Warning, "clock"),
            ("RUNTIME_FAUCET_RATE_LIMITED", Severity::Warning, "clock"),
            ("RUNTIME_CANCELLED", Severity::Info, "x-circle"),
            ("INPUT_MODULE_NOT_FOUND", Severity::Warning, "alert-circle"),
            ("CONFIG_MISSING_KEY", Severity::Warning, "alert-circle"),
            ("STATE_CORRUPT", Severity::Warning, "alert-circle"),
            ("PARTIAL_TX_FAILED", Severity::Info, "info"),
            ("RUNTIME_INTERNAL", Severity::Error, "alert-triangle"),
            ("IO_READ_FAILED", Severity::Error, "alert-triangle"),
            ("DEP_MISSING", Severity::Error, "alert-triangle"),
            ("PERM_DENIED", Severity::Error, "alert-triangle"),
            ("ZZZ_UNKNOWN_FUTURE_CODE", Severity::Error, "alert-triangle"),
        ];
        for (code, severity, icon) in cases {
            let e = LabError::new(code, "m", "h");
            assert_eq!(e.severity(), severity, "{code}");
            assert_eq!(e.icon_hint(), icon, "{code}");
        }
    }
}
