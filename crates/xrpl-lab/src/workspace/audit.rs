//! Audit mode: check a batch of transactions against expectations and leave a verifiable record.
//!
//! The transport fetches each transaction ([`AuditTx`]); this file judges it ([`audit_tx`], in
//! the original's check order and wording), summarises ([`AuditReport`]), and writes the markdown
//! report, the CSV and the audit pack. The audit pack's `integrity_sha256` is SHA-256 over the
//! pack serialised as Python's `json.dumps(pack, indent=2, sort_keys=True)` with the hash field
//! set to `""`, so packs verify in both tools.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::atomic::write_atomic;
use super::canonical_json::{Layout, python_dumps, sha256_hex};
use super::error::WorkspaceError;
use super::integrity::Integrity;
use super::paths::{Workspace, ensure_dir_mode};

pub const NOT_FOUND: &str = "NOT_FOUND";
pub const NOT_VALIDATED: &str = "NOT_VALIDATED";
pub const ENGINE_RESULT_MISMATCH: &str = "ENGINE_RESULT_MISMATCH";
pub const TYPE_DISALLOWED: &str = "TYPE_DISALLOWED";
pub const MEMO_MISSING: &str = "MEMO_MISSING";

/// A transaction as fetched from a ledger for auditing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditTx {
    pub txid: String,
    #[serde(default)]
    pub tx_type: String,
    #[serde(default)]
    pub account: String,
    #[serde(default)]
    pub destination: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub fee: String,
    #[serde(default)]
    pub result_code: String,
    #[serde(default)]
    pub ledger_index: Option<u64>,
    #[serde(default)]
    pub memos: Option<Vec<String>>,
    #[serde(default)]
    pub validated: bool,
    /// Set only when the read-back itself failed (we do not know the transaction's fate).
    #[serde(default, skip_serializing)]
    pub fetch_error: Option<String>,
}

/// What every transaction is expected to satisfy, and per-txid exceptions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expectations {
    pub defaults: Rules,
    pub overrides: HashMap<String, Map<String, Value>>,
}

/// One set of checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub require_validated: bool,
    pub require_success: bool,
    pub memo_prefix: String,
    pub types_allowed: Option<Vec<String>>,
    pub expected_engine_result: Option<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            require_validated: true,
            require_success: true,
            memo_prefix: String::new(),
            types_allowed: None,
            expected_engine_result: None,
        }
    }
}

impl Rules {
    /// These rules with the keys present in `over` replacing them.
    fn with(&self, over: Option<&Map<String, Value>>) -> Rules {
        let mut r = self.clone();
        r.expected_engine_result = None;
        let Some(over) = over else { return r };
        r.apply(over);
        r
    }

    fn apply(&mut self, m: &Map<String, Value>) {
        if let Some(b) = m.get("require_validated").and_then(Value::as_bool) {
            self.require_validated = b;
        }
        if let Some(b) = m.get("require_success").and_then(Value::as_bool) {
            self.require_success = b;
        }
        if let Some(s) = m.get("memo_prefix").and_then(Value::as_str) {
            self.memo_prefix = s.to_string();
        }
        if let Some(v) = m.get("types_allowed") {
            self.types_allowed = v.as_array().map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            });
        }
        if let Some(s) = m.get("expected_engine_result").and_then(Value::as_str) {
            self.expected_engine_result = Some(s.to_string()).filter(|s| !s.is_empty());
        }
    }
}

impl Expectations {
    /// Reads an expectations document (`{"defaults": {...}, "overrides": {txid: {...}}}`);
    /// missing keys keep their defaults.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let v: Value = serde_json::from_str(text)
            .map_err(|e| format!("Invalid JSON in expectations file: {e}"))?;
        let obj = v
            .as_object()
            .ok_or_else(|| "Expectations must be a JSON object".to_string())?;
        let mut defaults = Rules::default();
        if let Some(d) = obj.get("defaults").and_then(Value::as_object) {
            defaults.apply(d);
            defaults.expected_engine_result = None;
        }
        let overrides = obj
            .get("overrides")
            .and_then(Value::as_object)
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| v.as_object().map(|m| (k.clone(), m.clone())))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            defaults,
            overrides,
        })
    }
}

/// One txid per line; blank lines and `#` comments skipped.
pub fn parse_txids(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The judgement on one transaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub txid: String,
    /// `pass`, `fail` or `not_found`.
    pub status: String,
    pub checks: Vec<String>,
    pub failures: Vec<String>,
    pub failure_reasons: Vec<String>,
    pub tx: AuditTx,
}

fn first16(s: &str) -> String {
    s.chars().take(16).collect()
}

/// Judges one fetched transaction, checks in the original's order (§6.2).
pub fn audit_tx(tx: &AuditTx, expect: &Expectations) -> Verdict {
    let rules = expect.defaults.with(expect.overrides.get(&tx.txid));
    let mut checks = Vec::new();
    let mut failures = Vec::new();
    let mut reasons: Vec<String> = Vec::new();
    let verdict = |status: &str, checks, failures, reasons| Verdict {
        txid: tx.txid.clone(),
        status: status.to_string(),
        checks,
        failures,
        failure_reasons: reasons,
        tx: tx.clone(),
    };

    if tx.fetch_error.is_some() || tx.result_code.starts_with("fetch_error") {
        let detail = tx
            .fetch_error
            .clone()
            .unwrap_or_else(|| tx.result_code.clone());
        failures.push(format!(
            "Could not fetch transaction to verify (network issue): {detail}"
        ));
        return verdict("not_found", checks, failures, vec![NOT_FOUND.into()]);
    }
    if tx.result_code.is_empty() && !tx.validated {
        failures.push("Transaction not found or fetch error (empty result code)".to_string());
        return verdict("not_found", checks, failures, vec![NOT_FOUND.into()]);
    }
    checks.push(format!("Transaction exists: {}...", first16(&tx.txid)));
    if rules.require_validated {
        if tx.validated {
            checks.push("Transaction is validated".into());
        } else {
            failures.push("Transaction is NOT validated".into());
            reasons.push(NOT_VALIDATED.into());
        }
    }
    if let Some(expected) = &rules.expected_engine_result {
        if &tx.result_code == expected {
            checks.push(format!("Result code matches expected: {expected}"));
        } else {
            failures.push(format!(
                "Result code mismatch: expected {expected}, got {}",
                tx.result_code
            ));
            reasons.push(ENGINE_RESULT_MISMATCH.into());
        }
    } else if rules.require_success {
        if tx.result_code == "tesSUCCESS" {
            checks.push("Result: tesSUCCESS".into());
        } else {
            failures.push(format!("Expected tesSUCCESS, got {}", tx.result_code));
            reasons.push(ENGINE_RESULT_MISMATCH.into());
        }
    }
    match rules.types_allowed.as_deref() {
        Some(allowed) if !allowed.is_empty() => {
            if allowed.contains(&tx.tx_type) {
                checks.push(format!("Type: {} (allowed)", tx.tx_type));
            } else {
                failures.push(format!(
                    "Type {} not in allowed list: {}",
                    tx.tx_type,
                    allowed.join(", ")
                ));
                reasons.push(TYPE_DISALLOWED.into());
            }
        }
        _ if !tx.tx_type.is_empty() => checks.push(format!("Type: {}", tx.tx_type)),
        _ => {}
    }
    if !rules.memo_prefix.is_empty() {
        let memos = tx.memos.clone().unwrap_or_default();
        if memos.iter().any(|m| m.starts_with(&rules.memo_prefix)) {
            checks.push(format!("Memo prefix '{}' found", rules.memo_prefix));
        } else {
            let shown = if memos.is_empty() {
                "(none)".to_string()
            } else {
                memos.join(", ")
            };
            failures.push(format!(
                "Expected memo prefix '{}', found: {shown}",
                rules.memo_prefix
            ));
            reasons.push(MEMO_MISSING.into());
        }
    }
    if !tx.account.is_empty() {
        checks.push(format!("Account: {}", tx.account));
    }
    if !tx.destination.is_empty() {
        checks.push(format!("Destination: {}", tx.destination));
    }
    if !tx.fee.is_empty() {
        checks.push(format!("Fee: {} drops", tx.fee));
    }
    let status = if failures.is_empty() { "pass" } else { "fail" };
    verdict(status, checks, failures, reasons)
}

/// A finished audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub verdicts: Vec<Verdict>,
    /// The RPC URL audited against (`none` for the sandbox).
    pub endpoint: String,
    pub tool_version: String,
    /// UTC `%Y-%m-%dT%H:%M:%SZ`.
    pub timestamp: String,
}

impl AuditReport {
    fn count(&self, status: &str) -> usize {
        self.verdicts.iter().filter(|v| v.status == status).count()
    }
    pub fn total(&self) -> usize {
        self.verdicts.len()
    }
    pub fn passed(&self) -> usize {
        self.count("pass")
    }
    pub fn failed(&self) -> usize {
        self.count("fail")
    }
    pub fn not_found(&self) -> usize {
        self.count("not_found")
    }

    /// Reason → count, most frequent first (ties keep first-seen order).
    pub fn failure_summary(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for r in self.verdicts.iter().flat_map(|v| &v.failure_reasons) {
            match counts.iter_mut().find(|(k, _)| k == r) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.clone(), 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
    }

    /// The markdown report.
    pub fn to_markdown(&self) -> String {
        let mut l = vec![
            "# XRPL Lab Audit Report\n".to_string(),
            format!("- **Tool version**: {}", self.tool_version),
            format!("- **Endpoint**: {}", self.endpoint),
            format!("- **Timestamp**: {}", self.timestamp),
            format!("- **Transactions**: {}", self.total()),
            format!(
                "- **Results**: {} pass, {} fail, {} not found",
                self.passed(),
                self.failed(),
                self.not_found()
            ),
            String::new(),
        ];
        let summary = self.failure_summary();
        if !summary.is_empty() {
            l.push("## Failure Reasons\n".into());
            l.extend(summary.iter().map(|(r, n)| format!("- {r}: {n}")));
            l.push(String::new());
        }
        l.push("## Transaction Details\n".into());
        l.push("| TXID | Status | Type | Result | Failures |".into());
        l.push("|------|--------|------|--------|----------|".into());
        for v in &self.verdicts {
            let status = match v.status.as_str() {
                "pass" => "PASS",
                "fail" => "FAIL",
                "not_found" => "NOT_FOUND",
                other => other,
            };
            let fails = if v.failure_reasons.is_empty() {
                "-".to_string()
            } else {
                v.failure_reasons.join("; ")
            };
            l.push(format!(
                "| {}... | {status} | {} | {} | {fails} |",
                first16(&v.txid),
                v.tx.tx_type,
                v.tx.result_code
            ));
        }
        l.push(String::new());
        l.join("\n")
    }

    /// The CSV report (Python `csv` defaults: minimal quoting, CRLF rows).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let mut row = |fields: &[&str]| {
            let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        };
        row(&[
            "txid",
            "status",
            "tx_type",
            "result_code",
            "account",
            "destination",
            "fee",
            "validated",
            "failure_reasons",
        ]);
        for v in &self.verdicts {
            let validated = if v.tx.validated { "True" } else { "False" };
            let reasons = v.failure_reasons.join("; ");
            row(&[
                &v.txid,
                &v.status,
                &v.tx.tx_type,
                &v.tx.result_code,
                &v.tx.account,
                &v.tx.destination,
                &v.tx.fee,
                validated,
                &reasons,
            ]);
        }
        out
    }

    /// The sealed audit pack.
    pub fn to_pack(&self) -> Value {
        let mut reasons = Map::new();
        for (r, n) in self.failure_summary() {
            reasons.insert(r, json!(n));
        }
        let verdicts: Vec<Value> = self
            .verdicts
            .iter()
            .map(|v| {
                json!({
                    "txid": v.txid,
                    "status": v.status,
                    "checks": v.checks,
                    "failures": v.failures,
                    "failure_reasons": v.failure_reasons,
                    "tx": {
                        "tx_type": v.tx.tx_type,
                        "account": v.tx.account,
                        "destination": v.tx.destination,
                        "amount": v.tx.amount,
                        "fee": v.tx.fee,
                        "result_code": v.tx.result_code,
                        "ledger_index": v.tx.ledger_index,
                        "validated": v.tx.validated,
                        "memos": v.tx.memos,
                    },
                })
            })
            .collect();
        let mut pack = json!({
            "tool": "xrpl-lab",
            "version": self.tool_version,
            "endpoint": self.endpoint,
            "timestamp": self.timestamp,
            "summary": {
                "total": self.total(),
                "passed": self.passed(),
                "failed": self.failed(),
                "not_found": self.not_found(),
            },
            "failure_reasons": reasons,
            "verdicts": verdicts,
            "integrity_sha256": "",
        });
        let hash = sha256_hex(&python_dumps(&pack, Layout::PRETTY_SORTED));
        pack["integrity_sha256"] = Value::String(hash);
        pack
    }
}

/// Python `csv` minimal quoting: quote a cell holding `,`, `"`, CR or LF; double inner quotes.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The audit pack's file text (sorted keys, indent 2, no trailing newline).
pub fn pack_file_text(pack: &Value) -> String {
    python_dumps(pack, Layout::PRETTY_SORTED)
}

/// Checks an audit pack's `integrity_sha256` by the original's reverse procedure.
pub fn verify_pack(pack: &Value) -> Integrity {
    let Some(obj) = pack.as_object() else {
        return Integrity {
            valid: false,
            message: "Not a valid JSON object".into(),
        };
    };
    let stored = obj
        .get("integrity_sha256")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if stored.is_empty() {
        return Integrity {
            valid: false,
            message: "No SHA-256 hash found in audit pack".into(),
        };
    }
    let mut blank = obj.clone();
    blank.insert("integrity_sha256".into(), Value::String(String::new()));
    let computed = sha256_hex(&python_dumps(&Value::Object(blank), Layout::PRETTY_SORTED));
    if computed == stored {
        Integrity {
            valid: true,
            message: "Integrity verified".into(),
        }
    } else {
        Integrity {
            valid: false,
            message: format!(
                "Hash mismatch: expected {}…, got {}…",
                first16(&stored),
                first16(&computed)
            ),
        }
    }
}

/// Where `write_outputs` put things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditOutputs {
    pub markdown: PathBuf,
    pub csv: Option<PathBuf>,
    pub pack: Option<PathBuf>,
}

fn write_shareable(path: &Path, text: &str, what: &'static str) -> Result<(), WorkspaceError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_dir_mode(parent, 0o755, what)?;
    }
    write_atomic(path, text.as_bytes(), 0o644, what)
}

/// Writes the markdown report (default `reports/audit_{stamp}.md`), the CSV when asked, and the
/// audit pack (`proofs/audit_pack_{stamp}.json`) unless `with_pack` is false.
pub fn write_outputs(
    report: &AuditReport,
    ws: &Workspace,
    stamp: &str,
    md_path: Option<&Path>,
    csv_path: Option<&Path>,
    with_pack: bool,
) -> Result<AuditOutputs, WorkspaceError> {
    let markdown = md_path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ws.reports_dir().join(format!("audit_{stamp}.md")));
    write_shareable(&markdown, &report.to_markdown(), "audit report")?;
    let csv = match csv_path {
        Some(p) => {
            write_shareable(p, &report.to_csv(), "audit report")?;
            Some(p.to_path_buf())
        }
        None => None,
    };
    let pack = if with_pack {
        let p = ws.proofs_dir().join(format!("audit_pack_{stamp}.json"));
        write_shareable(&p, &pack_file_text(&report.to_pack()), "audit pack")?;
        Some(p)
    } else {
        None
    };
    Ok(AuditOutputs {
        markdown,
        csv,
        pack,
    })
}
