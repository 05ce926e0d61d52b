//! A tiny market-making strategy on the order book: quote a bid and an ask, prove the quotes
//! rest on the ledger, pull them, prove the book is clear.
//!
//! A *bid* buys the token: the learner gives XRP (`TakerGets`) for the token (`TakerPays`). An
//! *ask* sells it: the token goes in `TakerGets` and XRP in `TakerPays` (the original built the
//! ask as a second bid). Every strategy transaction carries the memo
//! `XRPLLAB|STRAT|{MODULE}|{ACTION}|{run_id}`, so a run's transactions can be audited as a group;
//! MODULE is the tag the audit presets look for (`MM101`, `INV`, `COMPARE`), and for any other
//! module its id in capitals without underscores.
//!
//! Positions, inventory checks and the hygiene summary live in [`super::strategy_position`].

use serde_json::{Value, json};

use super::dex::account_offers;
use super::support::{amount, arg, memo};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::transport::SubmitResult;

/// Run facts this family keeps.
pub const SEQUENCES: &str = "strategy_offer_sequences";
pub const CANCELLED: &str = "offers_cancelled";

/// Which side of the book a quote is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Bid,
    Ask,
}

/// A quote: `size` of the token against `price_total` of the counter asset (XRP, usually).
pub struct Quote<'a> {
    pub side: Side,
    pub token: &'a str,
    pub size: &'a str,
    pub counter: &'a str,
    pub price_total: &'a str,
    pub memo_action: &'a str,
}

/// The strategy tag of a module: the audit presets' names for the three strategy modules.
pub fn module_tag(module_id: &str) -> String {
    match module_id {
        "dex_market_making_101" => "MM101".into(),
        "dex_inventory_guardrails" => "INV".into(),
        "dex_vs_amm_risk_literacy" => "COMPARE".into(),
        other => other.to_uppercase().replace('_', ""),
    }
}

/// `XRPLLAB|STRAT|{MODULE}|{ACTION}|{run_id}`.
pub fn strategy_memo(module_id: &str, action: &str, run_id: &str) -> String {
    format!("XRPLLAB|STRAT|{}|{action}|{run_id}", module_tag(module_id))
}

/// `strategy_offer_bid`: buy `pays_value` of `pays_currency` for `gets_value` of `gets_currency`.
pub async fn strategy_offer_bid(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let quote = Quote {
        side: Side::Bid,
        token: arg(args, "pays_currency", "LAB"),
        size: arg(args, "pays_value", "10"),
        counter: arg(args, "gets_currency", "XRP"),
        price_total: arg(args, "gets_value", "1"),
        memo_action: arg(args, "memo_action", "OFFER_BID"),
    };
    place_quote(cx, &quote).await.map(|_| ())
}

/// `strategy_offer_ask`: sell `pays_value` of `pays_currency` for `gets_value` of `gets_currency`.
pub async fn strategy_offer_ask(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let quote = Quote {
        side: Side::Ask,
        token: arg(args, "pays_currency", "LAB"),
        size: arg(args, "pays_value", "10"),
        counter: arg(args, "gets_currency", "XRP"),
        price_total: arg(args, "gets_value", "2"),
        memo_action: arg(args, "memo_action", "OFFER_ASK"),
    };
    place_quote(cx, &quote).await.map(|_| ())
}

/// The OfferCreate of a quote: which amount goes in which field is the whole lesson.
pub fn quote_tx(quote: &Quote<'_>, account: &str, issuer: &str) -> Result<Value, LabError> {
    let token = amount(quote.token, quote.size, issuer)?;
    let counter = amount(quote.counter, quote.price_total, issuer)?;
    let (taker_pays, taker_gets) = match quote.side {
        // Bid: the learner wants the token (takers pay it) and gives the counter asset.
        Side::Bid => (token, counter),
        // Ask: the learner gives the token (takers get it) and wants the counter asset.
        Side::Ask => (counter, token),
    };
    Ok(json!({
        "TransactionType": "OfferCreate",
        "Account": account,
        "TakerPays": taker_pays,
        "TakerGets": taker_gets,
    }))
}

/// Places a quote with its memo; on success remembers its Sequence. Returns whether it landed.
pub async fn place_quote(cx: &mut ActionCx<'_>, quote: &Quote<'_>) -> Result<bool, LabError> {
    let learner = cx.learner_address()?;
    let issuer = cx
        .run
        .issuer
        .as_ref()
        .map(|w| w.address.clone())
        .unwrap_or_default();
    let memo_text = strategy_memo(&cx.run.module_id, quote.memo_action, &cx.run.run_id);
    let (verb, side) = match quote.side {
        Side::Bid => ("buy", "Bid"),
        Side::Ask => ("sell", "Ask"),
    };
    cx.say(format!(
        "  {side}: {verb} {} {} for {} {}",
        quote.size, quote.token, quote.price_total, quote.counter
    ));
    cx.say(format!("  Memo: {memo_text}"));
    let mut tx = quote_tx(quote, &learner, &issuer)?;
    tx["Memos"] = json!([memo(&memo_text)]);
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.explain_failure(&format!("{side} offer"), &result);
        return Ok(false);
    }
    if let Some(sequence) = result.tx_json.get("Sequence").and_then(Value::as_u64) {
        let mut sequences = strategy_sequences(cx);
        sequences.push(sequence);
        cx.run.set_fact(SEQUENCES, json!(sequences));
        cx.say(format!("  {side} placed with sequence {sequence}"));
    }
    Ok(true)
}

/// The Sequences of the offers this run placed.
pub fn strategy_sequences(cx: &ActionCx<'_>) -> Vec<u64> {
    cx.run
        .fact(SEQUENCES)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default()
}

/// `verify_module_offers`: every offer this run placed is still open.
pub async fn verify_module_offers(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let sequences = strategy_sequences(cx);
    if sequences.is_empty() {
        cx.fail_check("No strategy offers recorded in this run");
        return Ok(());
    }
    let open = open_sequences(cx).await?;
    let mut all = true;
    for sequence in &sequences {
        if open.contains(sequence) {
            cx.check(format!("Offer seq {sequence} is active"));
        } else {
            all = false;
            cx.fail_check(format!(
                "Offer seq {sequence} not found in active offers (filled, or removed as unfunded)"
            ));
        }
    }
    if all {
        cx.check(format!("All {} strategy offers verified", sequences.len()));
    }
    Ok(())
}

/// `cancel_module_offers`: OfferCancel for each offer this run placed. The cancellations go in
/// the learner's history; the run's txids stay the quotes.
pub async fn cancel_module_offers(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let sequences = strategy_sequences(cx);
    if sequences.is_empty() {
        cx.say("  No strategy offers to cancel.");
        return Ok(());
    }
    let learner = cx.learner_address()?;
    let memo_text = strategy_memo(&cx.run.module_id, "CANCEL", &cx.run.run_id);
    let mut cancelled = 0u64;
    for sequence in &sequences {
        let tx = json!({
            "TransactionType": "OfferCancel",
            "Account": learner,
            "OfferSequence": sequence,
            "Memos": [memo(&memo_text)],
        });
        let result = cx.submit(tx, "learner", Record::None).await?;
        if result.success {
            cancelled += 1;
            cx.say(format!("  ✓ Offer seq {sequence} cancelled"));
            record_in_history(cx, &result)?;
        } else {
            cx.say(format!(
                "  ✗ Offer seq {sequence} cancel failed: {}",
                result.result_code
            ));
            cx.record(&result).await?;
        }
    }
    let before = cx.run.fact(CANCELLED).and_then(Value::as_u64).unwrap_or(0);
    cx.run.set_fact(CANCELLED, before + cancelled);
    cx.run.set_fact(SEQUENCES, json!([]));
    Ok(())
}

/// A successful helper transaction into state.json's history, without making it one of the
/// run's txids (the original records cancellations this way).
fn record_in_history(cx: &ActionCx<'_>, result: &SubmitResult) -> Result<(), LabError> {
    let network = cx.client.transport().network();
    let module_id = cx.run.module_id.clone();
    let now = crate::workspace::clock::now_ts();
    cx.files
        .state
        .update(|state| state.record_tx(&result.txid, &module_id, network.as_str(), true, "", now))
        .map_err(|e| e.to_lab_error())
}

/// `verify_module_offers_absent`: the account has no open offer at all.
pub async fn verify_module_offers_absent(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let open = open_sequences(cx).await?;
    if open.is_empty() {
        cx.check("No open offers — all cleared");
    } else {
        cx.fail_check(format!("{} offer(s) still open", open.len()));
    }
    Ok(())
}

async fn open_sequences(cx: &ActionCx<'_>) -> Result<Vec<u64>, LabError> {
    let learner = cx.learner_address()?;
    Ok(account_offers(cx, &learner)
        .await?
        .iter()
        .filter_map(|o| o.get("seq").and_then(Value::as_u64))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh";

    fn quote(side: Side) -> Quote<'static> {
        Quote {
            side,
            token: "LAB",
            size: "10",
            counter: "XRP",
            price_total: if side == Side::Bid { "1" } else { "2" },
            memo_action: "X",
        }
    }

    #[test]
    fn a_bid_buys_the_token_and_an_ask_sells_it() {
        let bid = quote_tx(&quote(Side::Bid), "rLearner", ISSUER).unwrap();
        assert_eq!(bid["TakerPays"]["currency"], "LAB");
        assert_eq!(bid["TakerPays"]["value"], "10");
        assert_eq!(bid["TakerGets"], "1000000");
        let ask = quote_tx(&quote(Side::Ask), "rLearner", ISSUER).unwrap();
        assert_eq!(ask["TakerGets"]["currency"], "LAB");
        assert_eq!(ask["TakerGets"]["value"], "10");
        assert_eq!(ask["TakerPays"], "2000000");
    }

    #[test]
    fn memos_carry_the_tags_the_audit_presets_expect() {
        assert_eq!(
            strategy_memo("dex_market_making_101", "OFFER_BID", "20260101T000000"),
            "XRPLLAB|STRAT|MM101|OFFER_BID|20260101T000000"
        );
        assert_eq!(module_tag("dex_inventory_guardrails"), "INV");
        assert_eq!(module_tag("dex_vs_amm_risk_literacy"), "COMPARE");
        assert_eq!(module_tag("my_own_strategy_2"), "MYOWNSTRATEGY2");
    }
}
