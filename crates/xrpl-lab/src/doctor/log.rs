//! `doctor.log`: one compact JSON line per doctor run in the home, the last 100 kept, 0600, for
//! support ("what did doctor say yesterday?"). Best effort: a log that cannot be written never
//! fails the doctor, and the home is never created just for it.

use serde_json::{Map, Value, json};

use super::DoctorReport;
use crate::workspace::{Home, clock};

/// Lines kept.
pub const MAX_LINES: usize = 100;

/// The log line for a report.
pub fn line(report: &DoctorReport, now: f64) -> String {
    let mut checks = Map::new();
    for c in &report.checks {
        let mut entry = json!({"passed": c.passed, "detail": c.detail});
        if !c.hint.is_empty() {
            entry["hint"] = json!(c.hint);
        }
        checks.insert(c.name.clone(), entry);
    }
    json!({"ts": clock::utc_z(now), "checks": Value::Object(checks), "summary": report.summary()})
        .to_string()
}

/// Appends the report, keeping the last [`MAX_LINES`] lines.
pub fn append(home: &Home, report: &DoctorReport, now: f64) {
    if !home.dir().is_dir() {
        return;
    }
    let path = home.doctor_log_path();
    let existing = std::fs::read_to_string(&path).unwrap_or_default();
    let mut lines: Vec<&str> = existing.lines().filter(|l| !l.is_empty()).collect();
    let new_line = line(report, now);
    lines.push(&new_line);
    let keep = &lines[lines.len().saturating_sub(MAX_LINES)..];
    let text = format!("{}\n", keep.join("\n"));
    let _ = crate::workspace::write_atomic(&path, text.as_bytes(), 0o600, "doctor log");
}
