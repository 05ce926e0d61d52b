//! Trust lines and issued tokens: the learner trusts an issuer, the issuer issues, and the line
//! is read back from the ledger (balance, limit, peer).

use serde_json::json;

use super::support::{amount, arg, explain_result_code, find_line, memo, text, wire_currency};

/// TrustSet flag: set NoRipple on the sender's side of the line.
const TF_SET_NO_RIPPLE: u32 = 0x0002_0000;
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// TrustSet from the learner to the run's issuer.
pub async fn set_trust_line(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = required(args, "currency", "set_trust_line")?;
    let limit = arg(args, "limit", "1000");
    let (learner, issuer) = learner_and_issuer(cx)?;
    let tx = json!({
        "TransactionType": "TrustSet",
        "Account": learner,
        "LimitAmount": { "currency": wire_currency(currency), "issuer": issuer, "value": limit },
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say(format!(
            "  Trust line set: {currency} (limit {limit}) to {issuer}"
        ));
    } else {
        cx.say(format!("  Trust line failed: {}", result.result_code));
        if result.result_code == "tecNO_LINE" {
            cx.say("  Hint: the trust line is set by the holder, towards the issuer.");
        }
    }
    Ok(())
}

/// The issuer pays `amount` of `currency` to the learner. With `expect_fail`, the step teaches
/// the failure (a holder without a trust line cannot receive) and never aborts the module.
pub async fn issue_token(
    args: &Args,
    cx: &mut ActionCx<'_>,
    expect_fail: bool,
) -> Result<(), LabError> {
    let default_currency = if expect_fail { "DBG" } else { "LAB" };
    let currency = arg(args, "currency", default_currency);
    let value = arg(args, "amount", "100");
    let (learner, issuer) = learner_and_issuer(cx)?;
    let mut tx = json!({
        "TransactionType": "Payment",
        "Account": issuer,
        "Destination": learner,
        "Amount": amount(currency, value, &issuer)?,
    });
    if !expect_fail {
        tx["Memos"] = json!([memo(&format!("XRPLLAB|ISSUE|{currency}|{value}"))]);
    }
    let record = if expect_fail {
        Record::None
    } else {
        Record::Standard
    };
    let result = cx.submit(tx, "issuer", record).await?;
    if !expect_fail {
        if result.success {
            cx.say(format!("  Issued {value} {currency} to {learner}"));
        } else {
            cx.say(format!("  Issue failed: {}", result.result_code));
        }
        return Ok(());
    }
    if result.success {
        cx.say("  Unexpected success — the payment went through. Trust line may already exist.");
    } else {
        cx.say(format!("  Expected failure: {}", result.result_code));
        if !result.error.is_empty() {
            cx.say(format!("  Error: {}", result.error));
        }
        for line in explain_result_code(&result.result_code) {
            cx.say(format!("  {line}"));
        }
    }
    cx.record(&result).await
}

/// Reads the learner's line in `currency` back and prints what the ledger holds.
pub async fn verify_trust_line(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "LAB");
    cx.run.last_verify.clear();
    let learner = cx.learner_address()?;
    let issuer = cx.run.issuer.as_ref().map(|w| w.address.clone());
    match find_line(&cx.client, &learner, currency, issuer.as_deref()).await {
        Some(line) => {
            cx.check(format!("Trust line found: {currency}"));
            cx.check(format!("Issuer: {}", text(&line, "account")));
            cx.check(format!("Limit: {}", text(&line, "limit")));
            cx.check(format!("Balance: {}", text(&line, "balance")));
        }
        None => cx.fail_check(format!("No trust line found for {currency}")),
    }
    Ok(())
}

/// Sets the learner's limit to zero; with a zero balance the line is deleted and its owner
/// reserve released.
pub async fn remove_trust_line(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "HYGIENE");
    let (learner, issuer) = learner_and_issuer(cx)?;
    let tx = json!({
        "TransactionType": "TrustSet",
        "Account": learner,
        "LimitAmount": { "currency": wire_currency(currency), "issuer": issuer, "value": "0" },
        // The line is deleted only in its default state; NoRipple is the default on the side
        // of an account without DefaultRipple, so say so explicitly.
        "Flags": TF_SET_NO_RIPPLE,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say("  Trust line removed (limit 0, balance 0)");
    } else {
        cx.say(format!(
            "  Trust line removal failed: {}",
            result.result_code
        ));
    }
    Ok(())
}

/// Passes when the learner no longer has a line in `currency`.
pub async fn verify_trust_line_removed(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "HYGIENE");
    cx.run.last_verify.clear();
    let learner = cx.learner_address()?;
    match find_line(&cx.client, &learner, currency, None).await {
        None => cx.check(format!("Trust line for {currency} successfully removed")),
        Some(line) => cx.fail_check(format!(
            "Trust line for {currency} still present (balance: {}, limit: {})",
            text(&line, "balance"),
            text(&line, "limit")
        )),
    }
    Ok(())
}

fn required<'a>(args: &'a Args, key: &str, action: &str) -> Result<&'a str, LabError> {
    match args.get(key) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(LabError::new(
            "INPUT_REQUIRED_FIELD",
            format!("Missing required '{key}' for action '{action}'."),
            "Add it to the action directive in the module file.",
        )),
    }
}

fn learner_and_issuer(cx: &ActionCx<'_>) -> Result<(String, String), LabError> {
    let issuer = cx
        .run
        .issuer
        .as_ref()
        .map(|w| w.address.clone())
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_ISSUER",
                "No issuer wallet found. Run the previous step first.",
                "Run the module from its first step: create_issuer_wallet comes before this one.",
            )
        })?;
    Ok((cx.learner_address()?, issuer))
}
