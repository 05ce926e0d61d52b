//! Sealing and checking proof packs and certificates: the `sha256` key over Python-canonical JSON.
//!
//! The hash covers every top-level key except `sha256` itself, serialised as Python's
//! `json.dumps(obj, sort_keys=True, separators=(",", ":"))`. Sealing adds `sha256` as the last key.
//! Checking answers in the original's words, because learners and facilitators compare notes
//! across both tools: `Integrity verified`, `Hash mismatch: expected {16 hex}…, got {16 hex}…`,
//! `No SHA-256 hash found in proof pack`, `Missing xrpl_lab_proof_pack marker`.

use serde::Serialize;
use serde_json::{Map, Value};

use super::canonical_json::{canonical, sha256_hex};
use super::error::WorkspaceError;

/// The two artifacts that carry a `sha256` seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    ProofPack,
    Certificate,
}

impl ArtifactKind {
    /// The top-level key whose value `true` marks the artifact.
    pub fn marker(self) -> &'static str {
        match self {
            ArtifactKind::ProofPack => "xrpl_lab_proof_pack",
            ArtifactKind::Certificate => "xrpl_lab_certificate",
        }
    }

    /// `proof_pack` / `certificate`, as the API reports `artifact_kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArtifactKind::ProofPack => "proof_pack",
            ArtifactKind::Certificate => "certificate",
        }
    }

    /// How messages name it.
    pub fn label(self) -> &'static str {
        match self {
            ArtifactKind::ProofPack => "proof pack",
            ArtifactKind::Certificate => "certificate",
        }
    }

    /// Strict detection (marker is JSON `true`); a body with both markers is a proof pack.
    pub fn detect(value: &Value) -> Option<Self> {
        let obj = value.as_object()?;
        let is = |k: &str| obj.get(k) == Some(&Value::Bool(true));
        if is(ArtifactKind::ProofPack.marker()) {
            Some(ArtifactKind::ProofPack)
        } else if is(ArtifactKind::Certificate.marker()) {
            Some(ArtifactKind::Certificate)
        } else {
            None
        }
    }
}

/// The hash over every key but `sha256`.
pub fn content_hash(obj: &Map<String, Value>) -> String {
    let mut without = obj.clone();
    without.shift_remove("sha256");
    sha256_hex(&canonical(&Value::Object(without)))
}

/// Adds `sha256` (as the last key) to an artifact body.
pub fn seal(mut obj: Map<String, Value>) -> Value {
    obj.shift_remove("sha256");
    let hash = content_hash(&obj);
    obj.insert("sha256".into(), Value::String(hash));
    Value::Object(obj)
}

/// The outcome of an integrity check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Integrity {
    pub valid: bool,
    pub message: String,
}

impl Integrity {
    fn fail(message: impl Into<String>) -> Self {
        Self {
            valid: false,
            message: message.into(),
        }
    }
}

/// Python truthiness, which the original uses for the marker and the stored hash.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Checks `value` as an artifact of `kind`, in the original's order and words (§4.9).
pub fn check(value: &Value, kind: ArtifactKind) -> Integrity {
    let Some(obj) = value.as_object() else {
        return Integrity::fail("Not a valid JSON object");
    };
    if !obj.get(kind.marker()).is_some_and(truthy) {
        return Integrity::fail(format!("Missing {} marker", kind.marker()));
    }
    let stored = match obj.get("sha256") {
        Some(v) if truthy(v) => match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        },
        _ => return Integrity::fail(format!("No SHA-256 hash found in {}", kind.label())),
    };
    let computed = content_hash(obj);
    if stored != computed {
        return Integrity::fail(format!(
            "Hash mismatch: expected {}…, got {}…",
            first16(&stored),
            first16(&computed)
        ));
    }
    Integrity {
        valid: true,
        message: "Integrity verified".into(),
    }
}

fn first16(s: &str) -> &str {
    match s.char_indices().nth(16) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The hash layer of `POST /api/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub artifact_kind: ArtifactKind,
    pub hash_valid: bool,
    pub hash_message: String,
}

/// Detects the artifact and checks its seal. Not an object → `INVALID_BODY`; no marker →
/// `UNKNOWN_ARTIFACT`; otherwise a report (valid or not).
pub fn verify_artifact(value: &Value) -> Result<VerifyReport, WorkspaceError> {
    if !value.is_object() {
        return Err(WorkspaceError::NotAnObject);
    }
    let kind = ArtifactKind::detect(value).ok_or(WorkspaceError::UnknownArtifact)?;
    let Integrity { valid, message } = check(value, kind);
    Ok(VerifyReport {
        artifact_kind: kind,
        hash_valid: valid,
        hash_message: message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn seal_then_check_passes_and_any_edit_fails() {
        let body = json!({"xrpl_lab_proof_pack": true, "address": "rX", "n": 1});
        let sealed = seal(body.as_object().unwrap().clone());
        assert_eq!(
            sealed.as_object().unwrap().keys().next_back().unwrap(),
            "sha256"
        );
        let ok = check(&sealed, ArtifactKind::ProofPack);
        assert_eq!(ok.message, "Integrity verified");
        let mut edited = sealed.clone();
        edited["n"] = json!(2);
        let bad = check(&edited, ArtifactKind::ProofPack);
        assert!(!bad.valid);
        let stored = sealed["sha256"].as_str().unwrap();
        let computed = content_hash(edited.as_object().unwrap());
        assert_eq!(
            bad.message,
            format!(
                "Hash mismatch: expected {}…, got {}…",
                &stored[..16],
                &computed[..16]
            )
        );
    }

    #[test]
    fn check_order_and_messages() {
        assert_eq!(
            check(&json!([1]), ArtifactKind::ProofPack).message,
            "Not a valid JSON object"
        );
        assert_eq!(
            check(&json!({"xrpl_lab_proof_pack": 0}), ArtifactKind::ProofPack).message,
            "Missing xrpl_lab_proof_pack marker"
        );
        assert_eq!(
            check(
                &json!({"xrpl_lab_certificate": true}),
                ArtifactKind::Certificate
            )
            .message,
            "No SHA-256 hash found in certificate"
        );
        assert_eq!(
            check(
                &json!({"xrpl_lab_proof_pack": true, "sha256": ""}),
                ArtifactKind::ProofPack
            )
            .message,
            "No SHA-256 hash found in proof pack"
        );
    }

    #[test]
    fn verify_artifact_detects_strictly() {
        assert_eq!(
            verify_artifact(&json!("x")).unwrap_err().code(),
            "INVALID_BODY"
        );
        assert_eq!(
            verify_artifact(&json!({"xrpl_lab_proof_pack": "yes"}))
                .unwrap_err()
                .code(),
            "UNKNOWN_ARTIFACT"
        );
        let both = seal(
            json!({"xrpl_lab_proof_pack": true, "xrpl_lab_certificate": true})
                .as_object()
                .unwrap()
                .clone(),
        );
        let r = verify_artifact(&both).unwrap();
        assert_eq!(r.artifact_kind, ArtifactKind::ProofPack);
        assert!(r.hash_valid);
    }
}
