//! NFTs the learner mints: mint, read back, burn, and change the URI of a mutable token.
//!
//! An NFTokenID is not chosen by the learner: the ledger derives it from the flags, transfer
//! fee, issuer, taxon and the issuer's mint counter. The lab learns it from the ledger, never by
//! guessing: rippled's synthetic `meta.nftoken_id` when the server adds it, otherwise the one id
//! the learner's `account_nfts` gained across the mint. Everything a token promises (issuer,
//! transferability, royalty, mutability) is baked into that id, so checks read it back from the
//! ledger rather than from what the module asked for.
//!
//! Trading the tokens lives in [`super::nft_market`].

use serde_json::{Value, json};

use super::support::{arg, text};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::transport::{LedgerClient, SubmitResult};

/// NFTokenMint flag: holders other than the issuer may trade the token.
pub const TF_TRANSFERABLE: u32 = 0x0008;
/// NFTokenMint flag: the URI may later be changed with NFTokenModify.
pub const TF_MUTABLE: u32 = 0x0010;
/// Highest TransferFee the ledger accepts: 50%, in units of 1/100,000.
const MAX_TRANSFER_FEE: u32 = 50_000;
/// The URI `modify_nft_expect_fail` mints its fixed (non-mutable) token with.
const FIXED_URI: &str = "ipfs://example/fixed.json";

/// `mint_nft uri=… taxon=0 transfer_fee=0 transferable=true mutable=false`.
pub async fn mint_nft(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let uri = arg(args, "uri", "ipfs://example/game-asset.json");
    let taxon = whole_number(arg(args, "taxon", "0"), "taxon", "mint_nft")?;
    let transfer_fee = whole_number(arg(args, "transfer_fee", "0"), "transfer_fee", "mint_nft")?;
    if transfer_fee > MAX_TRANSFER_FEE {
        return Err(LabError::new(
            "INPUT_INVALID_ARG",
            format!("'transfer_fee' {transfer_fee} is above the ledger's maximum of 50000 (50%)."),
            "Fix the mint_nft directive: transfer_fee is in units of 1/1000 of a percent, e.g. 5000 for 5%.",
        ));
    }
    let transferable = !arg(args, "transferable", "true").eq_ignore_ascii_case("false");
    let mutable = matches!(
        arg(args, "mutable", "false").to_ascii_lowercase().as_str(),
        "true" | "1" | "yes"
    );
    let mut flags = 0;
    if transferable {
        flags |= TF_TRANSFERABLE;
    }
    if mutable {
        flags |= TF_MUTABLE;
    }
    cx.say(format!(
        "  Minting: taxon {taxon}, URI {uri}, transferable {}, mutable {}",
        yes_no(transferable),
        yes_no(mutable)
    ));
    if transfer_fee > 0 {
        cx.say(format!("  Royalty: {}", royalty_text(transfer_fee)));
    }
    let (result, id) = mint(cx, uri, taxon, transfer_fee, flags, Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Mint", &result);
        return Ok(());
    }
    match id {
        Some(id) => {
            cx.say(format!("  NFTokenID: {id}"));
            cx.run.set_fact("nft_id", id);
        }
        None => cx.say("  The mint succeeded, but the new NFTokenID could not be read back."),
    }
    Ok(())
}

/// `verify_nft`: the run's token (or the last one owned) with what its id promises.
pub async fn verify_nft(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let owner = cx.learner_address()?;
    let owned = account_nfts(&cx.client, &owner).await?;
    cx.say(format!("  Your account owns {} NFT(s)", owned.len()));
    let wanted = cx.run.fact_str("nft_id").map(str::to_string);
    let token = match &wanted {
        Some(id) => owned.iter().find(|t| text(t, "NFTokenID") == id),
        None => owned.last(),
    };
    let Some(token) = token.cloned() else {
        cx.fail_check(match wanted {
            Some(id) => format!("NFT {id} is not owned by your account"),
            None => "Your account owns no NFTs".to_string(),
        });
        return Ok(());
    };
    describe(cx, &token);
    Ok(())
}

/// `burn_nft [nftoken_id=…]`: NFTokenBurn of the given id, the run's token, or the last owned.
pub async fn burn_nft(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let owner = cx.learner_address()?;
    let id = match arg(args, "nftoken_id", "") {
        "" => match cx.run.fact_str("nft_id") {
            Some(id) => Some(id.to_string()),
            None => account_nfts(&cx.client, &owner)
                .await?
                .last()
                .map(|t| text(t, "NFTokenID").to_string()),
        },
        given => Some(given.to_string()),
    };
    let Some(id) = id else {
        cx.say("  No NFT to burn: mint one first.");
        return Ok(());
    };
    let owner_count = owner_count(&cx.client, &owner).await;
    let tx = json!({
        "TransactionType": "NFTokenBurn",
        "Account": owner,
        "NFTokenID": id,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Burn", &result);
        return Ok(());
    }
    cx.say(format!("  Burned NFT {id}"));
    cx.run.set_fact("burned_nft_id", id);
    if let Some(count) = owner_count {
        cx.run.set_fact("nft_owner_count_before_burn", count);
    }
    Ok(())
}

/// `verify_nft_burned`: the burned id is no longer owned, and what happened to the reserve.
pub async fn verify_nft_burned(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let owner = cx.learner_address()?;
    let Some(id) = cx.run.fact_str("burned_nft_id").map(str::to_string) else {
        cx.fail_check("No NFT was burned in this run: run burn_nft first");
        return Ok(());
    };
    let owned = account_nfts(&cx.client, &owner).await?;
    if owned.iter().any(|t| text(t, "NFTokenID") == id) {
        cx.fail_check(format!("NFT {id} is still owned by your account"));
        return Ok(());
    }
    cx.check(format!("NFT {id} is gone from your account"));
    let before = cx
        .run
        .fact("nft_owner_count_before_burn")
        .and_then(Value::as_u64);
    match (before, owner_count(&cx.client, &owner).await) {
        (Some(before), Some(after)) if after < before => cx.check(format!(
            "OwnerCount {before} → {after}: the emptied NFTokenPage is deleted and its reserve freed"
        )),
        (Some(before), Some(after)) => cx.say(format!(
            "  OwnerCount {before} → {after}: the page still holds other NFTs, so its reserve stays"
        )),
        _ => {}
    }
    Ok(())
}

/// `modify_nft uri=… [nftoken_id=…]`: NFTokenModify of a mutable token's URI.
pub async fn modify_nft(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let uri = arg(args, "uri", "ipfs://example/item-level-2.json");
    let id = match arg(args, "nftoken_id", "") {
        "" => cx.run.fact_str("nft_id").map(str::to_string),
        given => Some(given.to_string()),
    };
    let Some(id) = id else {
        cx.say("  No NFT to modify: mint one first.");
        return Ok(());
    };
    let result = submit_modify(cx, &id, uri, Record::Standard).await?;
    if !result.success {
        cx.explain_failure("Modify", &result);
        return Ok(());
    }
    cx.say(format!("  URI of {id} is now {uri}"));
    cx.run.set_fact("nft_modified_uri", uri);
    Ok(())
}

/// `modify_nft_expect_fail uri=…`: mints a token without tfMutable (a setup step, not
/// recorded), then tries to change its URI, which the ledger must refuse.
pub async fn modify_nft_expect_fail(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let uri = arg(args, "uri", "ipfs://example/cannot-change.json");
    cx.say(format!(
        "  Setup: minting a fixed (non-mutable) NFT with URI {FIXED_URI}"
    ));
    let (minted, id) = mint(cx, FIXED_URI, 0, 0, TF_TRANSFERABLE, Record::None).await?;
    let Some(id) = id.filter(|_| minted.success) else {
        cx.explain_failure("Setup mint", &minted);
        return Ok(());
    };
    cx.say(format!("  Fixed NFT: {id}"));
    let result = submit_modify(cx, &id, uri, Record::None).await?;
    if result.success {
        cx.say("  Unexpected success — the ledger changed a token minted without tfMutable.");
    } else {
        cx.say(format!("  Expected failure: {}", result.result_code));
        for line in super::support::explain_result_code(&result.result_code) {
            cx.say(format!("  {line}"));
        }
        let owner = cx.learner_address()?;
        let kept = account_nfts(&cx.client, &owner)
            .await?
            .into_iter()
            .find(|t| text(t, "NFTokenID") == id)
            .map(|t| uri_text(&t));
        if let Some(kept) = kept {
            cx.say(format!("  The fixed NFT keeps its URI: {kept}"));
        }
    }
    cx.record(&result).await
}

/// `verify_nft_modified`: the same NFTokenID now carries the new URI.
pub async fn verify_nft_modified(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let (Some(id), Some(expected)) = (
        cx.run.fact_str("nft_id").map(str::to_string),
        cx.run.fact_str("nft_modified_uri").map(str::to_string),
    ) else {
        cx.fail_check("No NFT was modified in this run: run modify_nft first");
        return Ok(());
    };
    let owner = cx.learner_address()?;
    let owned = account_nfts(&cx.client, &owner).await?;
    let Some(token) = owned.iter().find(|t| text(t, "NFTokenID") == id) else {
        cx.fail_check(format!("NFT {id} is no longer owned by your account"));
        return Ok(());
    };
    cx.check(format!("Same NFTokenID: {id}"));
    let uri = uri_text(token);
    if uri == expected {
        cx.check(format!("URI updated: {uri}"));
    } else {
        cx.fail_check(format!("URI is {uri}, expected {expected}"));
    }
    Ok(())
}

/// Signs an NFTokenMint as the learner and reads the new token's id back from the ledger.
async fn mint(
    cx: &mut ActionCx<'_>,
    uri: &str,
    taxon: u32,
    transfer_fee: u32,
    flags: u32,
    record: Record,
) -> Result<(SubmitResult, Option<String>), LabError> {
    let owner = cx.learner_address()?;
    let before = account_nfts(&cx.client, &owner).await?;
    let mut tx = json!({
        "TransactionType": "NFTokenMint",
        "Account": owner,
        "NFTokenTaxon": taxon,
        "URI": hex::encode_upper(uri.as_bytes()),
        "Flags": flags,
    });
    if transfer_fee > 0 {
        tx["TransferFee"] = json!(transfer_fee);
    }
    let result = cx.submit(tx, "learner", record).await?;
    if !result.success {
        return Ok((result, None));
    }
    let mut id = text(&result.meta, "nftoken_id").to_string();
    if id.is_empty() {
        let after = account_nfts(&cx.client, &owner).await?;
        id = after
            .iter()
            .map(|t| text(t, "NFTokenID"))
            .find(|id| !before.iter().any(|b| text(b, "NFTokenID") == *id))
            .unwrap_or("")
            .to_string();
    }
    Ok((result, Some(id).filter(|id| !id.is_empty())))
}

async fn submit_modify(
    cx: &mut ActionCx<'_>,
    id: &str,
    uri: &str,
    record: Record,
) -> Result<SubmitResult, LabError> {
    let tx = json!({
        "TransactionType": "NFTokenModify",
        "Account": cx.learner_address()?,
        "NFTokenID": id,
        "URI": hex::encode_upper(uri.as_bytes()),
    });
    cx.submit(tx, "learner", record).await
}

/// The checks `verify_nft` prints for one `account_nfts` entry.
fn describe(cx: &mut ActionCx<'_>, token: &Value) {
    let flags = token.get("Flags").and_then(Value::as_u64).unwrap_or(0) as u32;
    let fee = token
        .get("TransferFee")
        .and_then(Value::as_u64)
        .unwrap_or(0) as u32;
    cx.check(format!("NFTokenID: {}", text(token, "NFTokenID")));
    cx.check(format!("Issuer: {}", text(token, "Issuer")));
    cx.check(format!(
        "Taxon: {}",
        token
            .get("NFTokenTaxon")
            .and_then(Value::as_u64)
            .unwrap_or(0)
    ));
    cx.check(format!("URI: {}", uri_text(token)));
    cx.check(format!(
        "Transferable: {}",
        yes_no(flags & TF_TRANSFERABLE != 0)
    ));
    if flags & TF_MUTABLE != 0 {
        cx.check("Mutable: yes (the URI can be changed by the issuer)");
    }
    if fee > 0 {
        cx.check(format!("Royalty: {}", royalty_text(fee)));
    }
}

/// The NFTs `address` owns (all pages of `account_nfts`), empty when the account is absent.
pub async fn account_nfts(
    client: &LedgerClient<'_>,
    address: &str,
) -> Result<Vec<Value>, LabError> {
    let mut tokens = Vec::new();
    let mut marker: Option<Value> = None;
    loop {
        let mut params = json!({ "account": address, "ledger_index": "validated", "limit": 400 });
        if let Some(m) = marker.take() {
            params["marker"] = m;
        }
        let reply = match client.transport().call("account_nfts", params).await {
            Ok(reply) => reply,
            Err(e) if e.rpc_error() == Some("actNotFound") => return Ok(tokens),
            Err(e) => return Err(e.to_lab_error()),
        };
        if let Some(page) = reply.get("account_nfts").and_then(Value::as_array) {
            tokens.extend(page.iter().cloned());
        }
        match reply.get("marker") {
            Some(m) if !m.is_null() => marker = Some(m.clone()),
            _ => return Ok(tokens),
        }
    }
}

/// The account's OwnerCount in the validated ledger, when it can be read.
pub async fn owner_count(client: &LedgerClient<'_>, address: &str) -> Option<u64> {
    client
        .account_root(address)
        .await
        .ok()
        .flatten()
        .and_then(|root| root.get("OwnerCount").and_then(Value::as_u64))
}

/// A token's URI as text (the ledger stores it hex-encoded).
pub fn uri_text(token: &Value) -> String {
    let raw = text(token, "URI");
    hex::decode(raw)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| raw.to_string())
}

/// A TransferFee (1/100,000 units) as a percentage with three decimals.
pub fn royalty_text(fee: u32) -> String {
    format!("{:.3}%", f64::from(fee) / 1000.0)
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// A directive argument that must be a non-negative whole number.
pub fn whole_number(value: &str, key: &str, action: &str) -> Result<u32, LabError> {
    value.trim().parse().map_err(|_| {
        LabError::new(
            "INPUT_INVALID_ARG",
            format!("'{key}' must be a whole number, not '{value}'."),
            format!("Fix the {action} directive in the module file, e.g. {key}=0."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn royalty_is_shown_in_percent_with_three_decimals() {
        assert_eq!(royalty_text(5000), "5.000%");
        assert_eq!(royalty_text(500), "0.500%");
        assert_eq!(royalty_text(1), "0.001%");
    }

    #[test]
    fn uri_is_decoded_from_hex_and_kept_when_not_text() {
        let token = json!({ "URI": hex::encode_upper("ipfs://x/y.json") });
        assert_eq!(uri_text(&token), "ipfs://x/y.json");
        assert_eq!(uri_text(&json!({ "URI": "ZZ" })), "ZZ");
    }

    #[test]
    fn whole_numbers_reject_text_and_negatives() {
        assert_eq!(whole_number("7", "taxon", "mint_nft").unwrap(), 7);
        for bad in ["-1", "seven", "1.5"] {
            let e = whole_number(bad, "taxon", "mint_nft").unwrap_err();
            assert_eq!(e.code, "INPUT_INVALID_ARG");
        }
    }
}
