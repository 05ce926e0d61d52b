//! Clawback: the issuer's recall lever, and the consent that gates it.
//!
//! An issuer may claw back only if it set `asfAllowTrustLineClawback` while it owned nothing
//! (the ledger answers `tecOWNERS` afterwards), so `enable_clawback` must come before any trust
//! line to it. A `Clawback` names the *holder* in `Amount.issuer`. The proof is arithmetic on
//! balances read from the ledger, in the XRPL's own decimal type (`xrpl_proto::amount`), so
//! `100 - 30` is exactly `70`, never `69.99999`.

use std::str::FromStr;

use serde_json::json;
use xrpl_proto::amount::IouValue;

use super::freeze::holder_and_issuer;
use super::support::{arg, explain_result_code, find_line, text, wire_currency};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// AccountSet flag number of Allow Trust Line Clawback.
const ASF_ALLOW_TRUSTLINE_CLAWBACK: u32 = 16;
/// The run's second issuer, which never opts in.
const NOCLAW_ROLE: &str = "noclaw_issuer";

/// `enable_clawback`: the issuer opts in, before it has any trust lines.
pub async fn enable_clawback(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let (_, issuer) = holder_and_issuer(cx)?;
    let tx = json!({
        "TransactionType": "AccountSet",
        "Account": issuer,
        "SetFlag": ASF_ALLOW_TRUSTLINE_CLAWBACK,
    });
    let result = cx.submit(tx, "issuer", Record::Standard).await?;
    if result.success {
        cx.say("  Clawback enabled on the issuer (lsfAllowTrustLineClawback is set, for good)");
        cx.say(format!("  Result: {}", result.result_code));
        cx.run.set_fact("clawback_enabled", true);
    } else {
        cx.explain_failure("Enable clawback", &result);
        if result.result_code == "tecOWNERS" {
            cx.say("  The issuer already owns objects: clawback must be enabled before any trust line.");
        }
    }
    Ok(())
}

/// `snapshot_token_balance currency=LAB label=before`: the holder's balance, kept for later.
pub async fn snapshot_token_balance(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "LAB");
    let label = arg(args, "label", "before");
    let balance = holder_balance(cx, currency).await?;
    cx.say(format!("  {currency} balance ({label}): {balance}"));
    cx.run
        .set_fact(&format!("token_balance_{label}"), balance.to_string());
    Ok(())
}

/// `clawback currency=LAB amount=30`: the issuer recalls `amount` from the learner.
pub async fn clawback(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "LAB");
    let amount = arg(args, "amount", "30");
    let value = parse_value(amount, "amount")?;
    let (holder, issuer) = holder_and_issuer(cx)?;
    let result = submit_clawback(cx, &issuer, &holder, currency, amount, "issuer").await?;
    if result.success {
        cx.say(format!("  Clawed back {value} {currency} from {holder}"));
        cx.run.set_fact("clawback_currency", currency);
        cx.run.set_fact("clawback_amount", value.to_string());
    } else {
        cx.explain_failure("Clawback", &result);
    }
    Ok(())
}

/// `verify_clawback currency=LAB`: after = max(0, before − clawed), to the exact decimal.
pub async fn verify_clawback(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let currency = arg(args, "currency", "LAB");
    let (Some(before), Some(clawed)) = (
        cx.run.fact_str("token_balance_before").map(str::to_string),
        cx.run.fact_str("clawback_amount").map(str::to_string),
    ) else {
        cx.fail_check(
            "Missing the 'before' balance or a successful clawback: run those steps first",
        );
        return Ok(());
    };
    let before = parse_value(&before, "token_balance_before")?;
    let clawed = parse_value(&clawed, "clawback_amount")?;
    let after = holder_balance(cx, currency).await?;
    let expected = expected_after(before, clawed)?;
    if after == expected {
        cx.check(format!("Balance before: {before} {currency}"));
        cx.check(format!("Clawed back: {clawed} {currency}"));
        cx.check(format!("Balance after: {after} {currency}"));
        let dropped = before
            .checked_sub(after)
            .map_err(|e| arithmetic_error(&e.to_string()))?;
        cx.check(format!(
            "Holder balance dropped by exactly {dropped} {currency}"
        ));
    } else {
        cx.fail_check(format!(
            "Clawback math mismatch: expected {expected} {currency} after, got {after} {currency}"
        ));
    }
    Ok(())
}

/// What a clawback of `clawed` leaves of `before`: the ledger never takes more than the balance.
pub fn expected_after(before: IouValue, clawed: IouValue) -> Result<IouValue, LabError> {
    let left = before
        .checked_sub(clawed)
        .map_err(|e| arithmetic_error(&e.to_string()))?;
    Ok(if left < IouValue::ZERO {
        IouValue::ZERO
    } else {
        left
    })
}

/// `create_noclaw_issuer currency=NOC amount=50`: a second issuer that never opts in; the
/// learner trusts it and receives `amount`. Setup only: nothing here is recorded.
pub async fn create_noclaw_issuer(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "NOC");
    let amount = arg(args, "amount", "50");
    parse_value(amount, "amount")?;
    let learner = cx.learner_address()?;
    let (address, _) = super::setup::funded_run_wallet(cx, NOCLAW_ROLE).await?;
    cx.say(format!("  Second issuer (no clawback flag): {address}"));

    let trust = json!({
        "TransactionType": "TrustSet",
        "Account": learner,
        "LimitAmount": { "currency": wire_currency(currency), "issuer": address, "value": "1000" },
    });
    let result = cx.submit(trust, "learner", Record::None).await?;
    setup_step(
        &result,
        &format!("trust line to the second issuer ({currency})"),
    )?;
    let issue = json!({
        "TransactionType": "Payment",
        "Account": address,
        "Destination": learner,
        "Amount": { "currency": wire_currency(currency), "issuer": address, "value": amount },
    });
    let result = cx.submit(issue, NOCLAW_ROLE, Record::None).await?;
    setup_step(&result, &format!("issuing {amount} {currency}"))?;
    cx.say(format!(
        "  You hold {amount} {currency} from an issuer without the clawback flag"
    ));
    cx.run.set_fact("noclaw_issuer_address", address);
    cx.run.set_fact("noclaw_currency", currency);
    Ok(())
}

/// `clawback_expect_fail currency=NOC amount=10`: the second issuer tries; the ledger refuses.
pub async fn clawback_expect_fail(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "NOC");
    let amount = arg(args, "amount", "10");
    parse_value(amount, "amount")?;
    let Some(issuer) = cx.run.fact_str("noclaw_issuer_address").map(str::to_string) else {
        return Err(LabError::new(
            "STATE_NO_ISSUER",
            "No second issuer in this run. Run the previous step first.",
            "Run the module from its first step: create_noclaw_issuer comes before this one.",
        ));
    };
    let holder = cx.learner_address()?;
    let result = submit_clawback(cx, &issuer, &holder, currency, amount, NOCLAW_ROLE).await?;
    if result.success {
        cx.say("  Unexpected success — the ledger allowed a clawback without the flag.");
    } else {
        cx.say(format!("  Expected failure: {}", result.result_code));
        for line in explain_result_code(&result.result_code) {
            cx.say(format!("  {line}"));
        }
        cx.say(format!("  Your {currency} balance is untouched."));
    }
    cx.record(&result).await
}

async fn submit_clawback(
    cx: &mut ActionCx<'_>,
    issuer: &str,
    holder: &str,
    currency: &str,
    amount: &str,
    role: &str,
) -> Result<crate::transport::SubmitResult, LabError> {
    // In a Clawback, Amount.issuer is the holder: the signer is already the issuer.
    let tx = json!({
        "TransactionType": "Clawback",
        "Account": issuer,
        "Amount": { "currency": wire_currency(currency), "issuer": holder, "value": amount },
    });
    let record = if role == NOCLAW_ROLE {
        Record::None
    } else {
        Record::Standard
    };
    cx.submit(tx, role, record).await
}

/// The learner's balance in `currency` with the run's issuer (zero without a line).
async fn holder_balance(cx: &ActionCx<'_>, currency: &str) -> Result<IouValue, LabError> {
    let (holder, issuer) = holder_and_issuer(cx)?;
    match find_line(&cx.client, &holder, currency, Some(&issuer)).await {
        Some(line) => parse_value(text(&line, "balance"), "balance"),
        None => Ok(IouValue::ZERO),
    }
}

fn parse_value(value: &str, what: &str) -> Result<IouValue, LabError> {
    IouValue::from_str(value.trim()).map_err(|_| {
        LabError::new(
            "INPUT_INVALID_AMOUNT",
            format!("'{value}' is not a valid token amount ({what})."),
            "Use a decimal number, e.g. 30 or 2.5.",
        )
    })
}

fn setup_step(result: &crate::transport::SubmitResult, what: &str) -> Result<(), LabError> {
    if result.success {
        return Ok(());
    }
    Err(LabError::new(
        "RUNTIME_TX_FAILED",
        format!(
            "Setting up the second issuer failed at {what}: {}.",
            result.result_code
        ),
        "Re-run the module; if it fails again, run 'xrpl-lab doctor'.",
    ))
}

fn arithmetic_error(detail: &str) -> LabError {
    LabError::new(
        "INPUT_INVALID_AMOUNT",
        format!("The clawback arithmetic is out of the token range: {detail}."),
        "Use amounts within the XRPL's issued-currency range.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> IouValue {
        IouValue::from_str(text).unwrap()
    }

    #[test]
    fn the_arithmetic_is_exact_and_never_below_zero() {
        assert_eq!(expected_after(v("100"), v("30")).unwrap(), v("70"));
        assert_eq!(expected_after(v("0.3"), v("0.1")).unwrap(), v("0.2"));
        assert_eq!(expected_after(v("10"), v("25")).unwrap(), IouValue::ZERO);
        assert_eq!(v("70").to_string(), "70");
    }

    #[test]
    fn a_bad_amount_is_a_typed_input_error() {
        assert_eq!(
            parse_value("thirty", "amount").unwrap_err().code,
            "INPUT_INVALID_AMOUNT"
        );
    }
}
