//! Multi-Purpose Tokens: an issuance defined in one transaction, a holder's opt-in, the issuer's
//! payment, and the holder's exact balance read back.
//!
//! The issuance is signed by the run's issuer wallet when the module created one (the studio of
//! `mpt_distribution_101`), otherwise by the learner, so the account that creates the issuance
//! is the account that later pays it out: payments of an MPT can only start at its issuer. The
//! MPTokenIssuanceID is rippled's synthetic `meta.mpt_issuance_id` when present, otherwise
//! derived as the ledger does (the create's Sequence then the issuer's AccountID).

use serde_json::{Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::amount::MptIssuanceId;

use super::nft::whole_number;
use super::support::{arg, text};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// MPTokenIssuanceCreate flag (and `lsfMPTCanTransfer` on the entry): holders may pay each other.
const TF_MPT_CAN_TRANSFER: u32 = 0x0020;
/// Highest TransferFee the ledger accepts: 50%, in units of 1/100,000.
const MAX_TRANSFER_FEE: u32 = 50_000;

/// `create_mpt_issuance maximum_amount=1000000 asset_scale=0 transfer_fee=0 transferable=true`.
pub async fn create_mpt_issuance(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let maximum = arg(args, "maximum_amount", "1000000").trim().to_string();
    if maximum.parse::<u64>().is_err() {
        return Err(LabError::new(
            "INPUT_INVALID_ARG",
            format!("'maximum_amount' must be a whole number of units, not '{maximum}'."),
            "Fix the create_mpt_issuance directive, e.g. maximum_amount=1000000.",
        ));
    }
    let scale = whole_number(
        arg(args, "asset_scale", "0"),
        "asset_scale",
        "create_mpt_issuance",
    )?;
    let fee = whole_number(
        arg(args, "transfer_fee", "0"),
        "transfer_fee",
        "create_mpt_issuance",
    )?;
    if scale > u32::from(u8::MAX) || fee > MAX_TRANSFER_FEE {
        return Err(LabError::new(
            "INPUT_INVALID_ARG",
            "'asset_scale' must be at most 255 and 'transfer_fee' at most 50000 (50%).",
            "Fix the create_mpt_issuance directive in the module file.",
        ));
    }
    let transferable = !arg(args, "transferable", "true").eq_ignore_ascii_case("false");
    let signer = if cx.run.issuer.is_some() {
        "issuer"
    } else {
        "learner"
    };
    let issuer = cx
        .run
        .wallet(signer)
        .map(|w| w.address.clone())
        .ok_or_else(|| super::missing_wallet(signer))?;
    let mut tx = json!({
        "TransactionType": "MPTokenIssuanceCreate",
        "Account": issuer,
        "MaximumAmount": maximum,
        "AssetScale": scale,
        "Flags": if transferable { TF_MPT_CAN_TRANSFER } else { 0 },
    });
    if fee > 0 {
        tx["TransferFee"] = json!(fee);
    }
    cx.say(format!(
        "  Issuer {issuer}: maximum {maximum} units, scale {scale}, transferable {}",
        if transferable { "yes" } else { "no" }
    ));
    let result = cx.submit(tx, signer, Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Issuance", &result);
        return Ok(());
    }
    let id = match text(&result.meta, "mpt_issuance_id") {
        "" => derived_id(&result.tx_json, &issuer),
        id => Some(id.to_string()),
    };
    let Some(id) = id else {
        cx.say("  The issuance was created, but its MPTokenIssuanceID could not be read back.");
        return Ok(());
    };
    cx.say(format!("  MPTokenIssuanceID: {id}"));
    cx.run.set_fact("mpt_max", maximum);
    cx.run.set_fact("mpt_issuance_id", id);
    cx.run.set_fact("mpt_issuer_role", signer);
    Ok(())
}

/// `verify_mpt_issuance`: the run's issuance read back with its cap, scale, flag and fee.
pub async fn verify_mpt_issuance(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let Some(id) = cx.run.fact_str("mpt_issuance_id").map(str::to_string) else {
        cx.fail_check("No MPT issuance in this run: run create_mpt_issuance first");
        return Ok(());
    };
    let Some(issuance) = entry(cx, json!({ "mpt_issuance": id })).await? else {
        cx.fail_check(format!("Issuance {id} is not on the ledger"));
        return Ok(());
    };
    cx.check(format!("Issuance found: {id}"));
    let maximum = text(&issuance, "MaximumAmount");
    let expected = cx.run.fact_str("mpt_max").unwrap_or("").to_string();
    if maximum == expected {
        cx.check(format!("MaximumAmount: {maximum}"));
    } else {
        cx.fail_check(format!("MaximumAmount is {maximum}, expected {expected}"));
    }
    let number = |key: &str| issuance.get(key).and_then(Value::as_u64).unwrap_or(0);
    cx.check(format!("AssetScale: {}", number("AssetScale")));
    let flags = number("Flags") as u32;
    cx.check(format!(
        "Transferable: {}",
        if flags & TF_MPT_CAN_TRANSFER != 0 {
            "yes"
        } else {
            "no"
        }
    ));
    cx.check(format!("TransferFee: {}", number("TransferFee")));
    let outstanding = match text(&issuance, "OutstandingAmount") {
        "" => "0",
        v => v,
    };
    cx.say(format!("  OutstandingAmount: {outstanding}"));
    Ok(())
}

/// `mpt_authorize`: the learner opts in to hold the run's MPT.
pub async fn mpt_authorize(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let id = issuance_of_run(cx)?;
    let tx = json!({
        "TransactionType": "MPTokenAuthorize",
        "Account": cx.learner_address()?,
        "MPTokenIssuanceID": id,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say("  Opted in: your account holds an MPToken entry with a balance of 0");
    } else {
        cx.explain_failure("Opt-in", &result);
    }
    Ok(())
}

/// `mpt_payment amount=100`: the issuance's issuer pays the learner.
pub async fn mpt_payment(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let amount = arg(args, "amount", "100").trim().to_string();
    if amount.parse::<u64>().is_err() {
        return Err(LabError::new(
            "INPUT_INVALID_AMOUNT",
            format!("'{amount}' is not a whole number of MPT units."),
            "MPT amounts are whole numbers of the smallest unit, e.g. amount=500.",
        ));
    }
    let id = issuance_of_run(cx)?;
    let signer = cx
        .run
        .fact_str("mpt_issuer_role")
        .unwrap_or("issuer")
        .to_string();
    let issuer = cx
        .run
        .wallet(&signer)
        .map(|w| w.address.clone())
        .ok_or_else(|| super::missing_wallet(&signer))?;
    let tx = json!({
        "TransactionType": "Payment",
        "Account": issuer,
        "Destination": cx.learner_address()?,
        "Amount": { "mpt_issuance_id": id, "value": amount },
    });
    let result = cx.submit(tx, &signer, Record::Standard).await?;
    if result.success {
        cx.say(format!("  Issuer paid you {amount} units"));
    } else {
        cx.explain_failure("MPT payment", &result);
    }
    Ok(())
}

/// `verify_mpt_balance expected=500`: the learner's MPToken balance, exactly.
pub async fn verify_mpt_balance(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let id = issuance_of_run(cx)?;
    let holder = cx.learner_address()?;
    let token = entry(
        cx,
        json!({ "mptoken": { "mpt_issuance_id": id, "account": holder } }),
    )
    .await?;
    let Some(token) = token else {
        cx.fail_check("Your account holds no MPToken for this issuance: run mpt_authorize first");
        return Ok(());
    };
    let balance = match text(&token, "MPTAmount") {
        "" => "0",
        v => v,
    }
    .to_string();
    match arg(args, "expected", "") {
        "" => cx.check(format!("Holder MPT balance: {balance}")),
        expected if expected.trim() == balance => {
            cx.check(format!("Holder MPT balance: {balance}"))
        }
        expected => cx.fail_check(format!(
            "MPT balance mismatch: expected {expected}, got {balance}"
        )),
    }
    Ok(())
}

fn issuance_of_run(cx: &ActionCx<'_>) -> Result<String, LabError> {
    cx.run
        .fact_str("mpt_issuance_id")
        .map(str::to_string)
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_MPT",
                "No MPT issuance was created in this run.",
                "Run the module from its first step: create_mpt_issuance comes before this one.",
            )
        })
}

/// One ledger object by `ledger_entry` selector, `None` when the ledger has no such entry.
pub(super) async fn entry(
    cx: &ActionCx<'_>,
    mut selector: Value,
) -> Result<Option<Value>, LabError> {
    selector["ledger_index"] = json!("validated");
    match cx.client.transport().call("ledger_entry", selector).await {
        Ok(reply) => Ok(reply.get("node").cloned()),
        Err(e) if e.rpc_error() == Some("entryNotFound") => Ok(None),
        Err(e) => Err(e.to_lab_error()),
    }
}

/// The issuance id as the ledger derives it: the create's Sequence, then the issuer.
fn derived_id(tx_json: &Value, issuer: &str) -> Option<String> {
    let sequence = u32::try_from(tx_json.get("Sequence")?.as_u64()?).ok()?;
    let issuer = AccountId::from_classic(issuer).ok()?;
    Some(MptIssuanceId::new(sequence, issuer).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issuance_id_is_sequence_then_issuer() {
        let issuer = AccountId::from([9u8; 20]).to_classic();
        let id = derived_id(&json!({ "Sequence": 5 }), &issuer).unwrap();
        assert_eq!(id.len(), 48);
        assert!(id.to_uppercase().starts_with("00000005"));
        assert!(id.to_uppercase().ends_with(&"09".repeat(20)));
        assert_eq!(derived_id(&json!({}), &issuer), None);
    }
}
