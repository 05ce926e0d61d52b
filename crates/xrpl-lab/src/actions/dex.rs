//! Offers on the XRPL's built-in order book: place one, see it on the ledger, cancel it, see
//! it gone.
//!
//! An offer is named by its creator's account and the Sequence of the OfferCreate that placed
//! it; that pair is what OfferCancel takes and what `account_offers` lists as `seq`.

use serde_json::{Value, json};

use super::support::{amount, arg, text};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// `create_offer`: the learner offers `gets` in exchange for `pays` (TakerPays = pays, TakerGets
/// = gets, the amounts a taker would pay and get).
pub async fn create_offer(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let pays_currency = arg(args, "pays_currency", "LAB");
    let pays_value = arg(args, "pays_value", "50");
    let gets_currency = arg(args, "gets_currency", "XRP");
    let gets_value = arg(args, "gets_value", "10");
    let learner = cx.learner_address()?;
    let issuer = cx
        .run
        .issuer
        .as_ref()
        .map(|w| w.address.clone())
        .unwrap_or_default();
    cx.say(format!(
        "  Creating offer: pay {gets_value} {gets_currency} to get {pays_value} {pays_currency}"
    ));
    let tx = json!({
        "TransactionType": "OfferCreate",
        "Account": learner,
        "TakerPays": amount(pays_currency, pays_value, &issuer)?,
        "TakerGets": amount(gets_currency, gets_value, &issuer)?,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.say(format!("  Offer failed: {}", result.result_code));
        return Ok(());
    }
    if let Some(sequence) = result.tx_json.get("Sequence").and_then(Value::as_u64) {
        cx.run.set_fact("offer_sequence", sequence);
        cx.say(format!("  Offer placed with sequence {sequence}"));
    }
    Ok(())
}

/// `cancel_offer`: OfferCancel for the offer this run placed.
pub async fn cancel_offer(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let Some(sequence) = cx.run.fact("offer_sequence").and_then(Value::as_u64) else {
        cx.say("  No offer to cancel: run create_offer first.");
        return Ok(());
    };
    let tx = json!({
        "TransactionType": "OfferCancel",
        "Account": cx.learner_address()?,
        "OfferSequence": sequence,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say(format!("  Offer seq {sequence} cancelled"));
    } else {
        cx.say(format!("  Cancel failed: {}", result.result_code));
    }
    Ok(())
}

/// `verify_offer_present` / `verify_offer_absent`: reads the learner's open offers.
pub async fn verify_offer(cx: &mut ActionCx<'_>, expect_present: bool) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let Some(sequence) = cx.run.fact("offer_sequence").and_then(Value::as_u64) else {
        cx.fail_check("No offer sequence recorded: run create_offer first");
        return Ok(());
    };
    let offers = account_offers(cx, &cx.learner_address()?).await?;
    let found = offers
        .iter()
        .find(|o| o.get("seq").and_then(Value::as_u64) == Some(sequence));
    match (found, expect_present) {
        (Some(offer), true) => {
            cx.check(format!("Offer found: seq {sequence}"));
            cx.check(format!("Taker pays: {}", display(offer.get("taker_pays"))));
            cx.check(format!("Taker gets: {}", display(offer.get("taker_gets"))));
        }
        (None, true) => cx.fail_check(format!("Offer seq {sequence} not found in active offers")),
        (None, false) => cx.check(format!("Offer seq {sequence} confirmed absent")),
        (Some(_), false) => cx.fail_check(format!(
            "Offer seq {sequence} still active — expected absent"
        )),
    }
    Ok(())
}

/// The open offers of `address` (`account_offers`).
pub async fn account_offers(cx: &ActionCx<'_>, address: &str) -> Result<Vec<Value>, LabError> {
    let reply = cx
        .client
        .transport()
        .call(
            "account_offers",
            json!({ "account": address, "ledger_index": "validated" }),
        )
        .await
        .map_err(|e| e.to_lab_error())?;
    Ok(reply
        .get("offers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default())
}

/// An amount as `account_offers` shows it: drops for XRP, `value/CUR/issuer…` for tokens.
fn display(amount: Option<&Value>) -> String {
    match amount {
        Some(Value::String(drops)) => format!("{drops} drops"),
        Some(v @ Value::Object(_)) => {
            let issuer = text(v, "issuer");
            format!(
                "{}/{}/{}",
                text(v, "value"),
                text(v, "currency"),
                &issuer[..issuer.len().min(12)]
            )
        }
        _ => String::from("?"),
    }
}
