//! Trading NFTs on the ledger's built-in marketplace: a second player, sell offers, atomic
//! acceptance, and the truth about royalties.
//!
//! An offer is named by its ledger-object id, read from the NFTokenOffer the create's metadata
//! shows (or rippled's synthetic `offer_id`, or `nft_sell_offers` as a last resort). A sale moves
//! the token and the XRP in one transaction. The royalty rule is the ledger's, not the lab's:
//! rippled pays the issuer `TransferFee` of the price only when *neither* the seller nor the buyer
//! is the issuer. `verify_nft_trade` therefore measures the issuer's balance across the
//! acceptance and reports what happened on that hop, never a royalty that was not paid.

use serde_json::{Value, json};
use xrpl_proto::address::AccountId;

use super::nft::{account_nfts, royalty_text};
use super::support::{arg, drops_to_xrp_text, text, xrp_to_drops};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// The run's second player.
const BUYER_ROLE: &str = "buyer";
/// NFTokenCreateOffer flag: this is a sell offer.
const TF_SELL_NFTOKEN: u32 = 0x0000_0001;

/// `create_buyer_wallet`: a funded second player for this run only.
pub async fn create_buyer_wallet(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let (address, balance) = super::setup::funded_run_wallet(cx, BUYER_ROLE).await?;
    cx.say(format!(
        "  Buyer created and funded: {address} ({} XRP)",
        drops_to_xrp_text(balance)
    ));
    cx.run.set_fact("buyer_address", address);
    Ok(())
}

/// `list_nft_sell_offer amount=100 seller=creator|buyer`: a sell offer on the run's NFT, for the
/// other player only.
pub async fn list_nft_sell_offer(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let amount = arg(args, "amount", "100");
    let drops = xrp_to_drops(amount)?;
    let seller_role = role(arg(args, "seller", "creator"), "seller")?;
    let buyer_role = if seller_role == "learner" {
        BUYER_ROLE
    } else {
        "learner"
    };
    let seller = address_of(cx, seller_role)?;
    let destination = address_of(cx, buyer_role)?;
    let id = nft_of_run(cx)?;
    let tx = json!({
        "TransactionType": "NFTokenCreateOffer",
        "Account": seller,
        "NFTokenID": id,
        "Amount": drops,
        "Destination": destination,
        "Flags": TF_SELL_NFTOKEN,
    });
    let result = cx.submit(tx, seller_role, Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Sell offer", &result);
        return Ok(());
    }
    let offer = match created_offer(&result.meta) {
        Some(offer) => Some(offer),
        None => sell_offers(cx, &id)
            .await?
            .into_iter()
            .find(|o| text(o, "owner") == seller)
            .map(|o| text(&o, "nft_offer_index").to_string()),
    };
    let Some(offer) = offer else {
        cx.say("  The offer was created, but its id could not be read back.");
        return Ok(());
    };
    cx.say(format!(
        "  Sell offer listed: {amount} XRP, only {destination} may accept"
    ));
    cx.say(format!("  Offer id: {offer}"));
    cx.run.set_fact("nft_sell_offer", offer);
    cx.run.set_fact("nft_offer_price", drops);
    cx.run.set_fact("nft_offer_seller_role", seller_role);
    Ok(())
}

/// `verify_nft_offer`: the run's sell offer is open on the ledger with its price.
pub async fn verify_nft_offer(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let id = nft_of_run(cx)?;
    let offers = sell_offers(cx, &id).await?;
    cx.say(format!("  Open sell offers on {id}: {}", offers.len()));
    let wanted = cx.run.fact_str("nft_sell_offer").unwrap_or("").to_string();
    match offers.iter().find(|o| text(o, "nft_offer_index") == wanted) {
        Some(offer) => {
            let drops: u64 = text(offer, "amount").parse().unwrap_or(0);
            cx.check(format!("Sell offer {wanted} is open on the ledger"));
            cx.check(format!(
                "Price: {} XRP, seller {}",
                drops_to_xrp_text(drops),
                text(offer, "owner")
            ));
            if !text(offer, "destination").is_empty() {
                cx.check(format!("Reserved for: {}", text(offer, "destination")));
            }
        }
        None => cx.fail_check("The run's sell offer is not on the ledger"),
    }
    Ok(())
}

/// `accept_nft_offer buyer=buyer|creator`: the other player accepts the run's sell offer; the
/// balances around it are kept for `verify_nft_trade`.
pub async fn accept_nft_offer(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let buyer_role = role(arg(args, "buyer", BUYER_ROLE), "buyer")?;
    let Some(offer) = cx.run.fact_str("nft_sell_offer").map(str::to_string) else {
        cx.say("  No open sell offer in this run: run list_nft_sell_offer first.");
        return Ok(());
    };
    let id = nft_of_run(cx)?;
    let buyer = address_of(cx, buyer_role)?;
    let seller_role = cx
        .run
        .fact_str("nft_offer_seller_role")
        .unwrap_or("learner")
        .to_string();
    let seller = address_of(cx, &seller_role)?;
    let issuer = nft_issuer(&id).unwrap_or_default();
    let issuer_before = cx.client.balance_drops(&issuer).await.unwrap_or(0);
    let tx = json!({
        "TransactionType": "NFTokenAcceptOffer",
        "Account": buyer,
        "NFTokenSellOffer": offer,
    });
    let result = cx.submit(tx, buyer_role, Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Accept", &result);
        return Ok(());
    }
    let issuer_after = cx.client.balance_drops(&issuer).await.unwrap_or(0);
    let fee: u64 = result.fee.parse().unwrap_or(0);
    cx.say(format!("  Trade settled: {buyer} now holds {id}"));
    cx.run.facts.remove("nft_sell_offer");
    cx.run.set_fact("nft_buyer_address", buyer);
    cx.run.set_fact("nft_seller_address", seller.clone());
    cx.run.set_fact("nft_prev_owner", seller);
    cx.run.set_fact("nft_issuer_balance_before", issuer_before);
    cx.run.set_fact("nft_issuer_balance_after", issuer_after);
    cx.run.set_fact("nft_accept_fee", fee);
    Ok(())
}

/// `accept_nft_offer_expect_fail offer_index=000…`: the learner accepts an offer that does not
/// exist, which the ledger must refuse.
pub async fn accept_nft_offer_expect_fail(
    args: &Args,
    cx: &mut ActionCx<'_>,
) -> Result<(), LabError> {
    let zeros = "0".repeat(64);
    let offer = arg(args, "offer_index", &zeros).to_string();
    let tx = json!({
        "TransactionType": "NFTokenAcceptOffer",
        "Account": cx.learner_address()?,
        "NFTokenSellOffer": offer,
    });
    let result = cx.submit(tx, "learner", Record::None).await?;
    if result.success {
        cx.say("  Unexpected success — the ledger accepted an offer that should not exist.");
    } else {
        cx.say(format!("  Expected failure: {}", result.result_code));
        for line in super::support::explain_result_code(&result.result_code) {
            cx.say(format!("  {line}"));
        }
        cx.say("  Nothing moved: no token, no XRP beyond the fee.");
    }
    cx.record(&result).await
}

/// `verify_nft_trade`: the buyer holds the token, the seller does not, and what the issuer's
/// balance did on this hop.
pub async fn verify_nft_trade(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let (Some(buyer), Some(seller)) = (
        cx.run.fact_str("nft_buyer_address").map(str::to_string),
        cx.run.fact_str("nft_seller_address").map(str::to_string),
    ) else {
        cx.fail_check("No trade settled in this run: run accept_nft_offer first");
        return Ok(());
    };
    let id = nft_of_run(cx)?;
    let owns = |tokens: &[Value]| tokens.iter().any(|t| text(t, "NFTokenID") == id);
    if owns(&account_nfts(&cx.client, &buyer).await?) {
        cx.check(format!("Buyer {buyer} owns {id}"));
    } else {
        cx.fail_check(format!("Buyer {buyer} does not own {id}"));
    }
    if owns(&account_nfts(&cx.client, &seller).await?) {
        cx.fail_check(format!("Seller {seller} still owns {id}"));
    } else {
        cx.check(format!("Seller {seller} no longer owns it"));
    }
    let fact = |name: &str| cx.run.fact(name).and_then(Value::as_u64).unwrap_or(0);
    let before = i128::from(fact("nft_issuer_balance_before"));
    let after = i128::from(fact("nft_issuer_balance_after"));
    let issuer = nft_issuer(&id).unwrap_or_default();
    let transfer_fee = transfer_fee(&id);
    let delta = after - before;
    let shown = signed_xrp(delta);
    if issuer == seller {
        cx.check(format!(
            "Issuer (seller) balance {shown} XRP: the full price, no royalty on this hop (the issuer sold it)"
        ));
    } else if issuer == buyer {
        cx.check(format!(
            "Issuer (buyer) balance {shown} XRP: price and fee paid, no royalty on this hop (the issuer bought it)"
        ));
    } else if transfer_fee == 0 {
        cx.check("No royalty on this hop: the token carries no TransferFee");
    } else if delta > 0 {
        cx.check(format!(
            "Royalty paid to the issuer: {shown} XRP ({} of the price)",
            royalty_text(transfer_fee)
        ));
    } else {
        cx.fail_check(format!(
            "No royalty reached the issuer ({shown} XRP) though neither party is the issuer"
        ));
    }
    Ok(())
}

/// The signing role a directive's `creator`/`buyer` names.
fn role(value: &str, key: &str) -> Result<&'static str, LabError> {
    match value {
        "creator" | "learner" => Ok("learner"),
        "buyer" => Ok(BUYER_ROLE),
        other => Err(LabError::new(
            "INPUT_INVALID_ARG",
            format!("'{key}' must be 'creator' or 'buyer', not '{other}'."),
            format!("Fix the directive in the module file, e.g. {key}=creator."),
        )),
    }
}

fn address_of(cx: &ActionCx<'_>, role: &str) -> Result<String, LabError> {
    cx.run
        .wallet(role)
        .map(|w| w.address.clone())
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_WALLET",
                format!("No {role} wallet is available for this step."),
                "Run the module from its first step: create_buyer_wallet comes before trading.",
            )
        })
}

fn nft_of_run(cx: &ActionCx<'_>) -> Result<String, LabError> {
    cx.run
        .fact_str("nft_id")
        .map(str::to_string)
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_NFT",
                "No NFT was minted in this run.",
                "Run the module from its first step: mint_nft comes before trading.",
            )
        })
}

/// The open sell offers on `id` (rippled answers `objectNotFound` when there are none).
async fn sell_offers(cx: &ActionCx<'_>, id: &str) -> Result<Vec<Value>, LabError> {
    match cx
        .client
        .transport()
        .call(
            "nft_sell_offers",
            json!({ "nft_id": id, "ledger_index": "validated" }),
        )
        .await
    {
        Ok(reply) => Ok(reply
            .get("offers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()),
        Err(e) if e.rpc_error() == Some("objectNotFound") => Ok(Vec::new()),
        Err(e) => Err(e.to_lab_error()),
    }
}

/// The id of the NFTokenOffer a transaction created, from its metadata.
fn created_offer(meta: &Value) -> Option<String> {
    if let Some(id) = meta.get("offer_id").and_then(Value::as_str) {
        return Some(id.to_string());
    }
    meta.get("AffectedNodes")?
        .as_array()?
        .iter()
        .filter_map(|node| node.get("CreatedNode"))
        .find(|node| text(node, "LedgerEntryType") == "NFTokenOffer")
        .map(|node| text(node, "LedgerIndex").to_string())
}

/// The issuer baked into an NFTokenID (bytes 4..24).
fn nft_issuer(id: &str) -> Option<String> {
    let bytes = hex::decode(id).ok().filter(|b| b.len() == 32)?;
    let account: [u8; 20] = bytes[4..24].try_into().ok()?;
    Some(AccountId::from(account).to_classic())
}

/// The TransferFee baked into an NFTokenID (bytes 2..4).
fn transfer_fee(id: &str) -> u32 {
    hex::decode(id)
        .ok()
        .filter(|b| b.len() == 32)
        .map_or(0, |b| u32::from(u16::from_be_bytes([b[2], b[3]])))
}

fn signed_xrp(drops: i128) -> String {
    let sign = if drops < 0 { "-" } else { "+" };
    format!(
        "{sign}{}",
        drops_to_xrp_text(u64::try_from(drops.unsigned_abs()).unwrap_or(u64::MAX))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_and_fee_are_read_from_the_token_id() {
        let issuer = AccountId::from([7u8; 20]);
        let id = format!(
            "0008{:04X}{}{}",
            5000,
            hex::encode_upper([7u8; 20]),
            "0000000B00000001"
        );
        assert_eq!(nft_issuer(&id).unwrap(), issuer.to_classic());
        assert_eq!(transfer_fee(&id), 5000);
        assert_eq!(nft_issuer("XYZ"), None);
        assert_eq!(transfer_fee("00"), 0);
    }

    #[test]
    fn the_created_offer_is_found_in_metadata() {
        let meta = json!({ "AffectedNodes": [
            { "ModifiedNode": { "LedgerEntryType": "AccountRoot", "LedgerIndex": "A" } },
            { "CreatedNode": { "LedgerEntryType": "NFTokenOffer", "LedgerIndex": "B" } },
        ]});
        assert_eq!(created_offer(&meta).as_deref(), Some("B"));
        assert_eq!(created_offer(&json!({ "AffectedNodes": [] })), None);
    }

    #[test]
    fn roles_are_creator_or_buyer_only() {
        assert_eq!(role("creator", "seller").unwrap(), "learner");
        assert_eq!(role("buyer", "seller").unwrap(), "buyer");
        assert_eq!(role("bob", "seller").unwrap_err().code, "INPUT_INVALID_ARG");
    }
}
