//! Time-locked XRP: create an escrow, find it on the ledger, finish (or cancel) it, see it gone.
//!
//! Escrow rules are judged against *ledger* time, the close time of the previous validated
//! ledger in seconds since the Ripple epoch, never against the learner's clock. So FinishAfter is
//! computed from the validated ledger's close time, and `finish_escrow` does not submit until
//! that close time has passed FinishAfter: on a network it waits for the ledger, on the sandbox it
//! moves the sandbox clock forward and says so. An escrow is named by its owner and the Sequence
//! of the EscrowCreate; the lab reads it back by that name (its ledger-object id), which works
//! the same on rippled and on the sandbox.

use std::time::Duration;

use serde_json::{Value, json};
use xrpl_proto::address::AccountId;

use super::support::{arg, drops_to_xrp_text, text, xrp_to_drops};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::transport::{LedgerClient, TransportError};

/// How long after FinishAfter an escrow may still be finished before only cancelling is left.
const CANCEL_WINDOW_SECONDS: u64 = 86_400;
/// Longest the lab waits on a network for an escrow's FinishAfter to pass.
const MAX_NETWORK_WAIT: Duration = Duration::from_secs(600);
/// Clock nudges tried on the sandbox before falling back to waiting.
const FAST_FORWARD_ATTEMPTS: usize = 4;
/// Shortest pause between reads of a network's ledger close time while waiting.
const MIN_POLL: Duration = Duration::from_millis(500);

/// `create_escrow amount=10 finish_seconds=120 [destination=r…]`.
pub async fn create_escrow(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let learner = cx.learner_address()?;
    let destination = match arg(args, "destination", "") {
        "" | "self" => learner.clone(),
        other => other.to_string(),
    };
    let amount = arg(args, "amount", "10");
    let drops = xrp_to_drops(amount)?;
    let delay: u64 = arg(args, "finish_seconds", "120").parse().map_err(|_| {
        LabError::new(
            "INPUT_INVALID_ARG",
            "'finish_seconds' must be a whole number of seconds.",
            "Fix the create_escrow directive in the module file, e.g. finish_seconds=120.",
        )
    })?;
    let now = ledger_close_time(&cx.client).await?;
    let finish_after = now + delay;
    let cancel_after = finish_after + CANCEL_WINDOW_SECONDS;
    cx.say(format!(
        "  Locking {amount} XRP for {destination}: FinishAfter {finish_after} ({}), CancelAfter {cancel_after}",
        ripple_time_text(finish_after)
    ));
    let tx = json!({
        "TransactionType": "EscrowCreate",
        "Account": learner,
        "Destination": destination,
        "Amount": drops,
        "FinishAfter": finish_after,
        "CancelAfter": cancel_after,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Escrow", &result);
        return Ok(());
    }
    cx.say(format!("  Escrow created: {amount} XRP locked"));
    cx.run.set_fact("escrow_owner", learner);
    cx.run.set_fact("escrow_destination", destination);
    cx.run.set_fact("escrow_finish_after", finish_after);
    cx.run.set_fact("escrow_cancel_after", cancel_after);
    if let Some(sequence) = result.tx_json.get("Sequence").and_then(Value::as_u64) {
        cx.say(format!(
            "  Create Sequence: {sequence} (the escrow's name, with your address)"
        ));
        cx.run.set_fact("escrow_sequence", sequence);
    }
    Ok(())
}

/// `verify_escrow`: the escrow this run created, read back from the validated ledger.
pub async fn verify_escrow(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let Some((owner, sequence)) = escrow_name(cx) else {
        cx.fail_check("No escrow recorded in this run: run create_escrow first");
        return Ok(());
    };
    if let Some(count) = escrow_count(&cx.client, &owner).await {
        cx.say(format!("  Your account owns {count} escrow(s)"));
    }
    match escrow_entry(&cx.client, &owner, sequence).await {
        Ok(Some(escrow)) => {
            let drops: u64 = text(&escrow, "Amount").parse().unwrap_or(0);
            cx.check(format!("Escrow found: create-sequence {sequence}"));
            cx.check(format!(
                "Amount: {} XRP ({drops} drops)",
                drops_to_xrp_text(drops)
            ));
            cx.check(format!("Destination: {}", text(&escrow, "Destination")));
            for field in ["FinishAfter", "CancelAfter"] {
                if let Some(t) = escrow.get(field).and_then(Value::as_u64) {
                    cx.check(format!("{field}: {t} ({})", ripple_time_text(t)));
                }
            }
        }
        Ok(None) => cx.fail_check(format!(
            "No escrow with create-sequence {sequence} on the ledger"
        )),
        Err(e) => cx.fail_check(format!(
            "Could not read escrow {sequence} from the ledger: {}",
            e.to_lab_error().message
        )),
    }
    Ok(())
}

/// How an escrow ends: released to its destination (after FinishAfter) or returned to its owner
/// (after CancelAfter). Both name the escrow by Owner + OfferSequence.
#[derive(Debug, Clone, Copy)]
enum EscrowEnd {
    Finish,
    Cancel,
}

impl EscrowEnd {
    fn transaction_type(self) -> &'static str {
        match self {
            EscrowEnd::Finish => "EscrowFinish",
            EscrowEnd::Cancel => "EscrowCancel",
        }
    }

    /// The run fact holding the ledger time from which this ending is allowed.
    fn allowed_from(self) -> &'static str {
        match self {
            EscrowEnd::Finish => "escrow_finish_after",
            EscrowEnd::Cancel => "escrow_cancel_after",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            EscrowEnd::Finish => "finish",
            EscrowEnd::Cancel => "cancel",
        }
    }

    fn outcome(self) -> &'static str {
        match self {
            EscrowEnd::Finish => "finished: the XRP went to the destination",
            EscrowEnd::Cancel => "cancelled: the XRP returned to its owner",
        }
    }
}

/// `finish_escrow`: EscrowFinish, once ledger time has passed FinishAfter.
pub async fn finish_escrow(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    end_escrow(cx, EscrowEnd::Finish).await
}

/// `cancel_escrow`: EscrowCancel, once ledger time has passed CancelAfter.
pub async fn cancel_escrow(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    end_escrow(cx, EscrowEnd::Cancel).await
}

async fn end_escrow(cx: &mut ActionCx<'_>, end: EscrowEnd) -> Result<(), LabError> {
    let Some((owner, sequence)) = escrow_name(cx) else {
        cx.say(format!(
            "  No escrow to {}: run create_escrow first.",
            end.verb()
        ));
        return Ok(());
    };
    if let Some(allowed_from) = cx.run.fact(end.allowed_from()).and_then(Value::as_u64) {
        wait_for_ledger_time(cx, allowed_from).await?;
    }
    let tx = json!({
        "TransactionType": end.transaction_type(),
        "Account": cx.learner_address()?,
        "Owner": owner,
        "OfferSequence": sequence,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say(format!("  Escrow {sequence} {}", end.outcome()));
    } else {
        cx.explain_failure(&format!("Escrow {}", end.verb()), &result);
    }
    Ok(())
}

/// `verify_escrow_finished`: the escrow is no longer on the validated ledger.
pub async fn verify_escrow_finished(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let Some((owner, sequence)) = escrow_name(cx) else {
        cx.fail_check("No escrow recorded in this run: run create_escrow first");
        return Ok(());
    };
    match escrow_entry(&cx.client, &owner, sequence).await {
        Ok(None) => cx.check(format!(
            "Escrow (create-sequence {sequence}) is gone — funds released, reserve freed"
        )),
        Ok(Some(escrow)) => cx.fail_check(format!(
            "Escrow (create-sequence {sequence}) is still on the ledger holding {} drops",
            text(&escrow, "Amount")
        )),
        Err(e) => cx.fail_check(format!(
            "Could not confirm escrow {sequence} was removed: {}",
            e.to_lab_error().message
        )),
    }
    Ok(())
}

/// Seconds since the Ripple epoch (2000-01-01) between Unix time and ledger time.
const RIPPLE_EPOCH_OFFSET: u64 = 946_684_800;

/// A ledger time as UTC text, for learners who do not count from 2000.
pub fn ripple_time_text(ripple_seconds: u64) -> String {
    crate::workspace::clock::utc_z((ripple_seconds + RIPPLE_EPOCH_OFFSET) as f64)
}

fn escrow_name(cx: &ActionCx<'_>) -> Option<(String, u32)> {
    let owner = cx.run.fact_str("escrow_owner")?.to_string();
    let sequence = cx.run.fact("escrow_sequence")?.as_u64()?;
    Some((owner, u32::try_from(sequence).ok()?))
}

/// Holds the step until the validated ledger's close time is past `mark` (rippled's "after"),
/// so a time-locked transaction is not submitted only to fail `tecNO_PERMISSION`.
async fn wait_for_ledger_time(cx: &ActionCx<'_>, mark: u64) -> Result<(), LabError> {
    let mut now = ledger_close_time(&cx.client).await?;
    if now > mark {
        return Ok(());
    }
    // The sandbox: move its clock. Close times never repeat, so a busy sandbox's ledger time
    // can run a little ahead of its clock; a second, smaller nudge settles that.
    let mut advanced = 0;
    for _ in 0..FAST_FORWARD_ATTEMPTS {
        let gap = mark - now + 1;
        let seconds = u32::try_from(gap).unwrap_or(u32::MAX);
        if cx.client.transport().fast_forward(seconds).await.is_err() {
            break;
        }
        advanced += gap;
        now = ledger_close_time(&cx.client).await?;
        if now > mark {
            cx.say(format!(
                "  Sandbox clock advanced by {advanced} s: ledger time is now past {mark} ({}), as if you had waited",
                ripple_time_text(mark)
            ));
            return Ok(());
        }
    }
    let gap = mark.saturating_sub(now) + 1;
    cx.say(format!(
        "  Waiting for ledger time to pass {mark} ({}), about {gap} s...",
        ripple_time_text(mark)
    ));
    let deadline = tokio::time::Instant::now() + MAX_NETWORK_WAIT;
    let poll = cx.client.transport().poll_interval().max(MIN_POLL);
    while tokio::time::Instant::now() < deadline {
        tokio::time::sleep(poll).await;
        // A standalone node (rippled standalone, a classroom `xrpl-lab ledger serve`) closes a
        // ledger only when asked; a network refuses the request and closes on its own.
        let _ = cx.client.transport().call("ledger_accept", json!({})).await;
        if ledger_close_time(&cx.client).await? > mark {
            cx.say("  Ledger time has passed; submitting.");
            return Ok(());
        }
    }
    // Submit anyway: the ledger's own refusal (tecNO_PERMISSION) is the honest answer.
    cx.say("  Ledger time has not passed yet; submitting anyway so the ledger can answer.");
    Ok(())
}

/// The validated ledger's close time, in Ripple-epoch seconds.
pub async fn ledger_close_time(client: &LedgerClient<'_>) -> Result<u64, LabError> {
    let reply = client
        .transport()
        .call("ledger", json!({ "ledger_index": "validated" }))
        .await
        .map_err(|e| e.to_lab_error())?;
    reply
        .pointer("/ledger/close_time")
        .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
        .ok_or_else(|| {
            LabError::new(
                "RUNTIME_NETWORK",
                "The ledger did not report its close time.",
                "Check that XRPL_LAB_RPC_URL points at a rippled JSON-RPC port.",
            )
        })
}

/// How many Escrow objects `owner` has (`account_objects`); `None` when the node cannot say.
async fn escrow_count(client: &LedgerClient<'_>, owner: &str) -> Option<usize> {
    let reply = client
        .transport()
        .call(
            "account_objects",
            json!({ "account": owner, "type": "escrow", "ledger_index": "validated" }),
        )
        .await
        .ok()?;
    Some(reply.get("account_objects")?.as_array()?.len())
}

/// The escrow `owner` created with `sequence`, from the validated ledger; `None` when absent.
async fn escrow_entry(
    client: &LedgerClient<'_>,
    owner: &str,
    sequence: u32,
) -> Result<Option<Value>, TransportError> {
    let owner = AccountId::from_classic(owner)
        .map_err(|e| TransportError::Protocol(format!("escrow owner is not an address: {e}")))?;
    ledger_object(
        client,
        &xrpl_proto::keylet::escrow(&owner, sequence).to_hex(),
    )
    .await
}

/// One ledger object by its id, from the validated ledger; `None` when it does not exist.
pub async fn ledger_object(
    client: &LedgerClient<'_>,
    index: &str,
) -> Result<Option<Value>, TransportError> {
    match client
        .transport()
        .call(
            "ledger_entry",
            json!({ "index": index, "ledger_index": "validated" }),
        )
        .await
    {
        Ok(reply) => Ok(reply.get("node").cloned()),
        Err(e) if e.rpc_error() == Some("entryNotFound") => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_time_counts_from_2000() {
        assert_eq!(ripple_time_text(0), "2000-01-01T00:00:00Z");
        assert_eq!(ripple_time_text(86_400 + 61), "2000-01-02T00:01:01Z");
    }
}
