//! `doctor.log`: one compact JSON line per doctor run in the home, the last 100 kept, 0600, for
//! support ("what did doctor say yesterday?"). Concurrent runs each keep their line. Best effort: a log that cannot be written never
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
    // The CLI and the server may run doctor at once: read-trim-write under the lock, so
    // neither run's line is lost.
    let Ok(_lock) = crate::workspace::FileLock::exclusive(&path, "doctor log") else {
        return;
    };
    let existing = std::fs::read_to_string(&path).unwrap_or_default();
    let mut lines: Vec<&str> = existing.lines().filter(|l| !l.is_empty()).collect();
    let new_line = line(report, now);
    lines.push(&new_line);
    let keep = &lines[lines.len().saturating_sub(MAX_LINES)..];
    let text = format!("{}\n", keep.join("\n"));
    let _ = crate::workspace::write_atomic(&path, text.as_bytes(), 0o600, "doctor log");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Check;

    #[test]
    fn concurrent_runs_each_keep_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::at(dir.path());
        let report = DoctorReport {
            checks: vec![
                Check::pass("Wallet", "Found: r1"),
                Check::fail("Faucet", "Unreachable", "Check it"),
            ],
        };
        std::thread::scope(|s| {
            for i in 0..8 {
                let (home, report) = (&home, &report);
                s.spawn(move || append(home, report, 1_700_000_000.0 + f64::from(i)));
            }
        });
        let text = std::fs::read_to_string(home.doctor_log_path()).unwrap();
        assert_eq!(text.lines().count(), 8);
        let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["summary"], "1/2 checks passed");
        assert_eq!(first["checks"]["Faucet"]["hint"], "Check it");
        assert!(first["checks"]["Wallet"].get("hint").is_none());
    }

    #[test]
    fn no_home_no_log() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::at(dir.path().join("absent"));
        append(&home, &DoctorReport { checks: vec![] }, 0.0);
        assert!(!dir.path().join("absent").exists());
    }
}
