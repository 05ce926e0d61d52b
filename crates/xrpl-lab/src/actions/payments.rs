//! XRP payments, payments that fail on purpose, and reading a receipt back.
//!
//! The intentional failures are real: on the sandbox and on Testnet alike, the lab builds a
//! transaction the ledger must reject (more XRP than the account holds → `tecUNFUNDED_PAYMENT`;
//! a used Sequence → `tefPAST_SEQ`), so the code a learner decodes is the ledger's own answer,
//! not a simulation.

use serde_json::{Value, json};

use super::support::{arg, explain_result_code, memo, text, xrp_to_drops};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// An XRP payment from the learner (`destination=self` pays oneself, for practice).
pub async fn submit_payment(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let learner = cx.learner_address()?;
    let destination = match arg(args, "destination", "") {
        "" | "self" => {
            let practice = super::setup::practice_account(cx).await?;
            cx.say(format!("  Sending to your practice account: {practice}"));
            practice
        }
        other => other.to_string(),
    };
    let amount = arg(args, "amount", "10");
    let mut tx = json!({
        "TransactionType": "Payment",
        "Account": learner,
        "Destination": destination,
        "Amount": xrp_to_drops(amount)?,
    });
    if let Some(text) = args.get("memo").filter(|m| !m.is_empty()) {
        tx["Memos"] = json!([memo(text)]);
    }
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say("  Payment submitted!");
    } else {
        cx.say(format!("  Payment failed: {}", result.error));
    }
    cx.say(format!("  Result: {}", result.result_code));
    cx.say(format!("  Fee: {} drops", result.fee));
    Ok(())
}

/// A payment built to fail, so the learner can read a real error code.
pub async fn submit_payment_fail(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let learner = cx.learner_address()?;
    let reason = arg(args, "reason", "bad_sequence");
    cx.say(format!(
        "  Intentionally submitting a failing tx ({reason})..."
    ));
    let destination = match arg(args, "destination", "") {
        "" | "self" => super::setup::practice_account(cx).await?,
        other => other.to_string(),
    };
    let mut tx = json!({
        "TransactionType": "Payment",
        "Account": learner,
        "Memos": [memo("XRPLLAB|FAIL_TEST")],
    });
    if reason == "underfunded" {
        // More than the account holds: the ledger applies it, charges the fee, moves nothing.
        let balance = cx
            .client
            .balance_drops(&learner)
            .await
            .map_err(|e| e.to_lab_error())?;
        tx["Destination"] = json!(destination);
        tx["Amount"] = json!((balance + 1_000_000_000).to_string());
    } else {
        // A Sequence the account has already used: rejected before it can be applied.
        tx["Destination"] = json!(destination);
        tx["Amount"] = json!(xrp_to_drops(arg(args, "amount", "10"))?);
        tx["Sequence"] = json!(0);
    }
    let result = cx.submit(tx, "learner", Record::None).await?;
    if result.success {
        cx.say(format!(
            "  Unexpected success — tx confirmed ({}). The ledger accepted it.",
            result.result_code
        ));
        cx.record(&result).await?;
        return Ok(());
    }
    cx.run.failed.push(crate::runner::context::FailedTx {
        txid: result.txid.clone(),
        result_code: result.result_code.clone(),
        error: result.error.clone(),
    });
    cx.say(format!("  Result code: {}", result.result_code));
    if !result.error.is_empty() {
        cx.say(format!("  Error: {}", result.error));
    }
    for line in explain_result_code(&result.result_code) {
        cx.say(format!("  {line}"));
    }
    Ok(())
}

/// Reads the run's latest transaction back from the ledger and checks the receipt.
pub async fn verify_tx(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let Some(txid) = cx.run.txids.last().cloned() else {
        cx.say("  No transaction to verify yet.");
        return Ok(());
    };
    cx.run.last_verify.clear();
    let found = match cx.client.fetch_tx(&txid).await {
        Ok(found) => found,
        Err(e) => {
            cx.fail_check(format!(
                "Couldn't fetch the transaction to verify (network issue) — it may still have succeeded on-ledger; retry verification. (details: {})",
                e.to_lab_error().message
            ));
            return Ok(());
        }
    };
    let result = found
        .pointer("/meta/TransactionResult")
        .and_then(Value::as_str)
        .unwrap_or("");
    if result == "tesSUCCESS" {
        cx.check("Result: tesSUCCESS");
    } else {
        cx.fail_check(format!("Expected tesSUCCESS, got {result}"));
    }
    cx.check(format!("Type: {}", text(&found, "TransactionType")));
    if let Some(destination) = found.get("Destination").and_then(Value::as_str) {
        cx.check(format!("Destination: {destination}"));
    }
    if let Some(delivered) = found.pointer("/meta/delivered_amount") {
        cx.check(format!("Delivered: {}", display_amount(delivered)));
    }
    cx.check(format!("Fee: {} drops", text(&found, "Fee")));
    if let Some(ledger) = found.get("ledger_index").and_then(Value::as_u64) {
        cx.check(format!("Ledger index: {ledger}"));
    }
    if found.get("validated").and_then(Value::as_bool) == Some(true) {
        cx.check("Validated: yes");
    }
    Ok(())
}

/// An amount as a person reads it: drops for XRP, `value CUR` for tokens.
pub fn display_amount(amount: &Value) -> String {
    match amount {
        Value::String(drops) => format!("{drops} drops"),
        Value::Object(_) => format!("{} {}", text(amount, "value"), text(amount, "currency")),
        _ => String::new(),
    }
}
