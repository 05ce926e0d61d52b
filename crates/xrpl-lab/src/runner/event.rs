//! What a run reports, in the order it happens: the frame catalogue of the run stream.
//!
//! Serialised with a `type` tag these are exactly the WebSocket frames of the original
//! (`output`, `step`, `tx`, `step_complete`, `complete`, `error`); the server may add fields
//! (a sequence number) when it frames them, never remove any.

use serde::Serialize;

use crate::lab_error::LabError;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RunEvent {
    /// A line (or block) of plain text for the learner: no terminal markup, no trailing newline.
    Output { text: String },
    /// A step with an action is about to run. `index` is 0-based over all steps of the module
    /// (steps without an action count); `total` is the number of steps.
    Step {
        action: String,
        index: usize,
        total: usize,
    },
    /// A transaction was submitted: its id (the real transaction hash) and engine result.
    Tx { txid: String, result_code: String },
    /// The action of a step finished.
    StepComplete { action: String, success: bool },
    /// Terminal: the module ran to its end. `success` is false when a step failed.
    Complete {
        success: bool,
        txids: Vec<String>,
        report_path: String,
    },
    /// Terminal: the run could not go on (cancelled, timed out, internal fault, module vanished).
    Error {
        code: String,
        message: String,
        hint: String,
        severity: String,
        icon_hint: String,
    },
}

impl RunEvent {
    /// The terminal error frame for a structured error, with severity and icon from its code.
    pub fn error(err: &LabError) -> Self {
        RunEvent::Error {
            code: err.code.clone(),
            message: err.message.clone(),
            hint: err.hint.clone(),
            severity: err.severity().as_str().to_string(),
            icon_hint: err.icon_hint().to_string(),
        }
    }

    /// Whether this frame ends the stream (`complete` or `error`).
    pub fn is_terminal(&self) -> bool {
        matches!(self, RunEvent::Complete { .. } | RunEvent::Error { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn frames_serialise_as_the_original_catalogue() {
        let step = RunEvent::Step {
            action: "ensure_wallet".into(),
            index: 1,
            total: 5,
        };
        assert_eq!(
            serde_json::to_value(&step).unwrap(),
            json!({"type":"step","action":"ensure_wallet","index":1,"total":5})
        );
        let err = RunEvent::error(&LabError::new("RUNTIME_CANCELLED", "m", "h"));
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            json!({"type":"error","code":"RUNTIME_CANCELLED","message":"m","hint":"h","severity":"info","icon_hint":"x-circle"})
        );
        assert!(err.is_terminal());
        assert!(!step.is_terminal());
    }
}
