//! Payment channels: lock XRP once, sign many off-ledger claims, let the receiver settle the
//! latest one on-ledger.
//!
//! A claim is a signature over `CLM\0` ‖ channel id ‖ cumulative drops (`xrpl_proto::sign`); it
//! costs nothing and touches no ledger. The receiver checks it with the key the channel stores
//! (as rippled's `channel_verify` does) and redeems only the latest, with a PaymentChannelClaim
//! it signs itself. The channel is read back by its id (the ledger-object id of the PayChannel
//! entry, from the creator, the destination and the create's Sequence), so the checks rest on
//! what the ledger holds: `Amount` deposited, `Balance` paid out.

use serde_json::{Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::hash::Hash256;
use xrpl_proto::keys::PublicKey;

use super::escrow::ledger_object;
use super::support::{arg, drops_to_xrp_text, text, xrp_to_drops};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// The run's channel receiver.
const RECEIVER_ROLE: &str = "receiver";
/// PaymentChannelClaim flag: ask to close the channel.
const TF_CLOSE: u32 = 0x0002_0000;

/// The first characters of a channel id, for output.
fn short(channel: &str) -> &str {
    channel.get(..16).unwrap_or(channel)
}

/// `create_channel_receiver`: a funded wallet for this run only.
pub async fn create_channel_receiver(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let (address, balance) = super::setup::funded_run_wallet(cx, RECEIVER_ROLE).await?;
    cx.say(format!(
        "  Receiver created and funded: {address} ({} XRP)",
        drops_to_xrp_text(balance)
    ));
    Ok(())
}

/// `open_channel amount=10 settle_delay=86400`: PaymentChannelCreate to the receiver.
pub async fn open_channel(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let amount = arg(args, "amount", "10");
    let drops = xrp_to_drops(amount)?;
    let settle_delay: u32 = arg(args, "settle_delay", "86400").parse().map_err(|_| {
        LabError::new(
            "INPUT_INVALID_ARG",
            "'settle_delay' must be a whole number of seconds.",
            "Fix the open_channel directive in the module file, e.g. settle_delay=86400.",
        )
    })?;
    let learner = cx.learner_address()?;
    let receiver = receiver_address(cx)?;
    let public_key = cx
        .run
        .learner
        .as_ref()
        .map(|w| w.keys.public_key().to_hex())
        .unwrap_or_default();
    let tx = json!({
        "TransactionType": "PaymentChannelCreate",
        "Account": learner,
        "Destination": receiver,
        "Amount": drops,
        "SettleDelay": settle_delay,
        "PublicKey": public_key,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.say(format!("  Channel open failed: {}", result.result_code));
        return Ok(());
    }
    let Some(sequence) = result
        .tx_json
        .get("Sequence")
        .and_then(Value::as_u64)
        .and_then(|s| u32::try_from(s).ok())
    else {
        cx.say("  The channel opened, but its create Sequence is unknown.");
        return Ok(());
    };
    let channel = channel_id(&learner, &receiver, sequence)?;
    cx.say(format!("  Channel opened with {amount} XRP: {channel}"));
    cx.run.set_fact("channel_id", channel);
    cx.run.set_fact("channel_public_key", public_key);
    Ok(())
}

/// `fund_channel amount=5`: PaymentChannelFund by the owner.
pub async fn fund_channel(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let amount = arg(args, "amount", "5");
    let drops = xrp_to_drops(amount)?;
    let channel = channel_of_run(cx)?;
    let tx = json!({
        "TransactionType": "PaymentChannelFund",
        "Account": cx.learner_address()?,
        "Channel": channel,
        "Amount": drops,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say(format!("  Channel topped up by {amount} XRP"));
    } else {
        cx.say(format!("  Channel fund failed: {}", result.result_code));
    }
    Ok(())
}

/// `sign_claim amount=3`: an off-ledger claim for a cumulative `amount`, signed by the learner.
pub async fn sign_claim(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let amount = arg(args, "amount", "3");
    let drops: u64 = xrp_to_drops(amount)?.parse().unwrap_or(0);
    let channel = channel_of_run(cx)?;
    let id = parse_channel(&channel)?;
    let wallet = cx.run.learner.as_ref().ok_or_else(|| {
        LabError::new(
            "STATE_NO_WALLET",
            "No learner wallet is available for this step.",
            "Run the module from its first step: the wallet steps come before this one.",
        )
    })?;
    let signature = xrpl_proto::sign::sign_claim(&id, drops, &wallet.keys).map_err(|e| {
        LabError::new(
            "INPUT_INVALID_TX",
            format!("The claim could not be signed: {e}."),
            "Check the wallet file; run 'xrpl-lab doctor'.",
        )
    })?;
    cx.say(format!(
        "  Claim signed off-ledger: {} XRP ({drops} drops) on channel {}…",
        drops_to_xrp_text(drops),
        short(&channel)
    ));
    cx.say(format!(
        "  Signature: {}…",
        signature.get(..24).unwrap_or(&signature)
    ));
    cx.say("  No transaction, no fee: hand these bytes to the receiver.");
    cx.run.set_fact("claim_signature", signature);
    cx.run.set_fact("claim_amount", drops);
    Ok(())
}

/// `verify_claim_signature`: the receiver checks the latest claim against the channel's key
/// on the ledger, and that it does not exceed the deposit.
pub async fn verify_claim_signature(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let (Some(signature), Some(drops)) = (
        cx.run.fact_str("claim_signature").map(str::to_string),
        cx.run.fact("claim_amount").and_then(Value::as_u64),
    ) else {
        cx.fail_check("No claim signed yet: run sign_claim first");
        return Ok(());
    };
    let channel = channel_of_run(cx)?;
    let id = parse_channel(&channel)?;
    let Some(entry) = read_channel(cx, &channel).await? else {
        cx.fail_check("No matching payment channel found on-ledger");
        cx.run.set_fact("last_claim_verify", false);
        return Ok(());
    };
    let key = PublicKey::from_hex(text(&entry, "PublicKey"));
    let signature_bytes = hex::decode(&signature).unwrap_or_default();
    let valid = key
        .as_ref()
        .is_ok_and(|key| xrpl_proto::sign::verify_claim(&id, drops, key, &signature_bytes).is_ok());
    let deposit: u64 = text(&entry, "Amount").parse().unwrap_or(0);
    if valid {
        cx.check(format!(
            "Claim for {} XRP is valid: signed by the channel's key",
            drops_to_xrp_text(drops)
        ));
    } else {
        cx.fail_check("Claim signature does NOT verify against the channel's public key");
    }
    if drops <= deposit {
        cx.check(format!(
            "Within the deposit: {} of {} XRP",
            drops_to_xrp_text(drops),
            drops_to_xrp_text(deposit)
        ));
    } else {
        cx.fail_check(format!(
            "Claim exceeds the deposit: {} > {} XRP",
            drops_to_xrp_text(drops),
            drops_to_xrp_text(deposit)
        ));
    }
    cx.run
        .set_fact("last_claim_verify", valid && drops <= deposit);
    Ok(())
}

/// `redeem_claim [close=false]`: the receiver submits the latest claim.
pub async fn redeem_claim(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let (Some(signature), Some(drops)) = (
        cx.run.fact_str("claim_signature").map(str::to_string),
        cx.run.fact("claim_amount").and_then(Value::as_u64),
    ) else {
        cx.say("  No claim to redeem: run sign_claim first.");
        return Ok(());
    };
    let channel = channel_of_run(cx)?;
    let public_key = cx
        .run
        .fact_str("channel_public_key")
        .unwrap_or("")
        .to_string();
    let mut tx = json!({
        "TransactionType": "PaymentChannelClaim",
        "Account": receiver_address(cx)?,
        "Channel": channel,
        "Balance": drops.to_string(),
        "Amount": drops.to_string(),
        "Signature": signature,
        "PublicKey": public_key,
    });
    if super::freeze::truthy(arg(args, "close", "false")) {
        tx["Flags"] = json!(TF_CLOSE);
    }
    let result = cx.submit(tx, RECEIVER_ROLE, Record::Standard).await?;
    if result.success {
        cx.say(format!(
            "  Receiver redeemed the claim: channel balance is now {} XRP",
            drops_to_xrp_text(drops)
        ));
    } else {
        cx.say(format!("  Claim redemption failed: {}", result.result_code));
    }
    Ok(())
}

/// `verify_channel [expect_amount=XRP] [expect_balance=XRP]`.
pub async fn verify_channel(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let channel = cx.run.fact_str("channel_id").unwrap_or("").to_string();
    let entry = if channel.is_empty() {
        None
    } else {
        read_channel(cx, &channel).await?
    };
    let Some(entry) = entry else {
        cx.fail_check("No matching payment channel found on-ledger");
        return Ok(());
    };
    let deposit: u64 = text(&entry, "Amount").parse().unwrap_or(0);
    let paid: u64 = text(&entry, "Balance").parse().unwrap_or(0);
    cx.check(format!("Channel found: {}…", short(&channel)));
    cx.check(format!(
        "Deposit (amount): {} XRP, paid out (balance): {} XRP",
        drops_to_xrp_text(deposit),
        drops_to_xrp_text(paid)
    ));
    if let Some(expected) = args.get("expect_amount").filter(|v| !v.is_empty()) {
        let expected: u64 = xrp_to_drops(expected)?.parse().unwrap_or(0);
        if deposit == expected {
            cx.check(format!(
                "Deposit matches: {} XRP",
                drops_to_xrp_text(deposit)
            ));
        } else {
            cx.fail_check(format!(
                "Deposit mismatch: expected {} XRP, got {} XRP",
                drops_to_xrp_text(expected),
                drops_to_xrp_text(deposit)
            ));
        }
    }
    if let Some(expected) = args.get("expect_balance").filter(|v| !v.is_empty()) {
        let expected: u64 = xrp_to_drops(expected)?.parse().unwrap_or(0);
        if paid == expected {
            cx.check(format!(
                "Claimed balance matches: {} XRP",
                drops_to_xrp_text(paid)
            ));
        } else {
            cx.fail_check(format!(
                "Claimed mismatch: expected {} XRP, got {} XRP",
                drops_to_xrp_text(expected),
                drops_to_xrp_text(paid)
            ));
        }
    }
    Ok(())
}

/// The PayChannel id: rippled's keylet over creator, destination and the create's Sequence.
pub fn channel_id(source: &str, destination: &str, sequence: u32) -> Result<String, LabError> {
    let parse = |a: &str| {
        AccountId::from_classic(a).map_err(|_| {
            LabError::new(
                "INPUT_INVALID_ADDRESS",
                format!("'{a}' is not an XRPL address."),
                "Check the wallets of this run.",
            )
        })
    };
    let id = xrpl_proto::keylet::pay_channel(&parse(source)?, &parse(destination)?, sequence);
    Ok(id.to_hex())
}

async fn read_channel(cx: &ActionCx<'_>, channel: &str) -> Result<Option<Value>, LabError> {
    ledger_object(&cx.client, channel)
        .await
        .map_err(|e| e.to_lab_error())
}

fn parse_channel(channel: &str) -> Result<Hash256, LabError> {
    Hash256::from_hex(channel).map_err(|_| {
        LabError::new(
            "STATE_CHANNEL_INVALID",
            "The recorded channel id is not 64 hex characters.",
            "Run the module from its first step to open a new channel.",
        )
    })
}

fn channel_of_run(cx: &ActionCx<'_>) -> Result<String, LabError> {
    cx.run
        .fact_str("channel_id")
        .map(str::to_string)
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_CHANNEL",
                "No payment channel in this run. Run open_channel first.",
                "Run the module from its first step: open_channel comes before this one.",
            )
        })
}

fn receiver_address(cx: &ActionCx<'_>) -> Result<String, LabError> {
    cx.run
        .others
        .get(RECEIVER_ROLE)
        .map(|w| w.address.clone())
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_WALLET",
                "No channel receiver in this run. Run create_channel_receiver first.",
                "Run the module from its first step: the receiver is created before the channel.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use xrpl_proto::keys::KeyPair;

    #[test]
    fn a_claim_verifies_only_for_its_channel_amount_and_key() {
        let owner = KeyPair::from_seed_str("sEdTM1uX8pu2do5XvTnutH6HsouMaM2").unwrap();
        let other = KeyPair::from_seed_str("snoPBrXtMeMyMHUVTgbuqAfg1SUTb").unwrap();
        let channel = channel_id(
            &owner.account_id().to_classic(),
            &other.account_id().to_classic(),
            5,
        )
        .unwrap();
        assert_eq!(channel.len(), 64);
        let id = parse_channel(&channel).unwrap();
        let signature = xrpl_proto::sign::sign_claim(&id, 3_000_000, &owner).unwrap();
        let bytes = hex::decode(&signature).unwrap();
        let verify = |drops, key: &KeyPair| {
            xrpl_proto::sign::verify_claim(&id, drops, key.public_key(), &bytes).is_ok()
        };
        assert!(verify(3_000_000, &owner));
        assert!(!verify(7_000_000, &owner), "a claim is for one amount");
        assert!(!verify(3_000_000, &other), "and one key");
    }
}
