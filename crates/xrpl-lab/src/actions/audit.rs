//! Audit mode inside a module: the run's own transactions, fetched back from the ledger and
//! judged, then sealed into an audit report and an audit pack.
//!
//! The judging, the wording and the pack format belong to [`crate::workspace::audit`] (shared
//! with `xrpl-lab audit`); this file only turns what the ledger answers for a txid into an
//! [`AuditTx`], so the verdicts rest on the ledger's record, never on what the run remembers.

use serde_json::Value;

use super::ActionCx;
use super::payments::display_amount;
use super::support::text;
use crate::lab_error::LabError;
use crate::transport::{LedgerClient, Transport};
use crate::workspace::audit::{AuditReport, AuditTx, Expectations, audit_tx, write_outputs};
use crate::workspace::clock;

/// `run_audit`: audits the successful txids of this run with the default expectations.
pub async fn run_audit(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    if cx.run.txids.is_empty() {
        cx.say("  No transactions to audit yet.");
        return Ok(());
    }
    let txids = cx.run.txids.clone();
    cx.say(format!("  Auditing {} transaction(s)...", txids.len()));
    let expectations = Expectations::default();
    let mut verdicts = Vec::with_capacity(txids.len());
    for txid in &txids {
        let tx = fetch_audit_tx(&cx.client, txid).await;
        verdicts.push(audit_tx(&tx, &expectations));
    }
    let now = clock::now_ts();
    let report = AuditReport {
        verdicts,
        endpoint: endpoint(cx.client.transport()),
        tool_version: crate::VERSION.to_string(),
        timestamp: clock::utc_z(now),
    };
    // Whole seconds, as the original names its audit files.
    let stamp = (now.floor() as i64).to_string();
    let (report, outputs) = {
        let ws = cx.files.workspace.clone();
        crate::blocking::on_blocking_pool(move || {
            let outputs = write_outputs(&report, &ws, &stamp, None, None, true);
            (report, outputs)
        })
        .await?
    };
    let outputs = outputs.map_err(|e| e.to_lab_error())?;

    cx.run.last_verify.clear();
    cx.say(format!(
        "  Audited {}: {} pass, {} fail, {} not found",
        report.total(),
        report.passed(),
        report.failed(),
        report.not_found()
    ));
    for verdict in &report.verdicts {
        let short: String = verdict.txid.chars().take(16).collect();
        match verdict.status.as_str() {
            "pass" => cx.check(format!("{short}... PASS ({})", verdict.tx.tx_type)),
            status => cx.fail_check(format!(
                "{short}... {} ({})",
                status.to_uppercase(),
                verdict.failures.join("; ")
            )),
        }
    }
    cx.say(format!("  Audit report: {}", outputs.markdown.display()));
    if let Some(pack) = &outputs.pack {
        cx.say(format!("  Audit pack: {}", pack.display()));
    }
    cx.run.set_fact(
        "last_audit",
        serde_json::json!({
            "total": report.total(),
            "passed": report.passed(),
            "failed": report.failed(),
            "not_found": report.not_found(),
            "report": outputs.markdown.display().to_string(),
            "pack": outputs.pack.as_ref().map(|p| p.display().to_string()),
        }),
    );
    Ok(())
}

/// The endpoint an audit names: the RPC URL, or `none` for the sandbox (as the original).
fn endpoint(transport: &Transport) -> String {
    match transport {
        Transport::Sandbox(_) => "none".into(),
        Transport::Rpc(rpc) => rpc.rpc_url().to_string(),
    }
}

/// What the ledger says about `txid`, in the audit's terms. A failed lookup becomes a
/// `fetch_error` (the audit reports it as `not_found` with the reason), never an `Err`: one
/// unreachable transaction must not hide the verdicts on the others.
pub async fn fetch_audit_tx(client: &LedgerClient<'_>, txid: &str) -> AuditTx {
    match client.fetch_tx(txid).await {
        Ok(found) => audit_tx_from_json(txid, &found),
        // Not on the ledger: an empty record, which the audit calls `not_found`.
        Err(e) if e.rpc_error() == Some("txnNotFound") => blank(txid),
        Err(e) => AuditTx {
            fetch_error: Some(e.to_lab_error().message),
            ..blank(txid)
        },
    }
}

fn blank(txid: &str) -> AuditTx {
    AuditTx {
        txid: txid.to_string(),
        tx_type: String::new(),
        account: String::new(),
        destination: String::new(),
        amount: String::new(),
        fee: String::new(),
        result_code: String::new(),
        ledger_index: None,
        memos: None,
        validated: false,
        fetch_error: None,
    }
}

/// Reads a `tx` reply (already folded to one shape by [`LedgerClient::fetch_tx`]).
pub fn audit_tx_from_json(txid: &str, found: &Value) -> AuditTx {
    let memos: Vec<String> = found
        .get("Memos")
        .and_then(Value::as_array)
        .map(|memos| {
            memos
                .iter()
                .filter_map(|m| m.pointer("/Memo/MemoData").and_then(Value::as_str))
                .map(decode_memo)
                .collect()
        })
        .unwrap_or_default();
    AuditTx {
        txid: txid.to_string(),
        tx_type: text(found, "TransactionType").to_string(),
        account: text(found, "Account").to_string(),
        destination: text(found, "Destination").to_string(),
        amount: found.get("Amount").map(amount_text).unwrap_or_default(),
        fee: text(found, "Fee").to_string(),
        result_code: found
            .pointer("/meta/TransactionResult")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        ledger_index: found.get("ledger_index").and_then(Value::as_u64),
        memos: Some(memos),
        validated: found.get("validated").and_then(Value::as_bool) == Some(true),
        fetch_error: None,
    }
}

/// Drops as the bare integer string (as the original records them), tokens as `value CUR`.
fn amount_text(amount: &Value) -> String {
    match amount {
        Value::String(drops) => drops.clone(),
        other => display_amount(other),
    }
}

/// Memo data is hex of (usually) UTF-8 text; anything else is shown as the hex it is.
fn decode_memo(hex_text: &str) -> String {
    hex::decode(hex_text)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| hex_text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_validated_payment_reads_back_with_its_memo_text() {
        let found = json!({
            "TransactionType": "Payment",
            "Account": "rA",
            "Destination": "rB",
            "Amount": "1000000",
            "Fee": "12",
            "Memos": [{ "Memo": { "MemoData": hex::encode_upper("XRPLLAB|AUDIT_TEST") } }],
            "meta": { "TransactionResult": "tesSUCCESS" },
            "ledger_index": 7,
            "validated": true,
        });
        let tx = audit_tx_from_json("AB", &found);
        assert_eq!(tx.tx_type, "Payment");
        assert_eq!(tx.amount, "1000000");
        assert_eq!(tx.memos, Some(vec!["XRPLLAB|AUDIT_TEST".to_string()]));
        assert_eq!(tx.result_code, "tesSUCCESS");
        assert_eq!(tx.ledger_index, Some(7));
        assert!(tx.validated);
        let verdict = audit_tx(&tx, &Expectations::default());
        assert_eq!(verdict.status, "pass");
    }

    #[test]
    fn memo_data_that_is_not_text_is_kept_as_hex() {
        assert_eq!(decode_memo("FF00"), "FF00");
        assert_eq!(decode_memo("zz"), "zz");
        assert_eq!(decode_memo("4142"), "AB");
    }
}
