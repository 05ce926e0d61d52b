//! Decentralized identifiers: publish a DID entry on the learner's account, read it back by
//! account (as any verifier would), revoke it, and confirm nothing is left.
//!
//! Each account has at most one `DID` entry, found by `ledger_entry { did: account }`; its blobs
//! (`URI`, `Data`) are hex on the ledger and decoded here for the learner.

use serde_json::json;

use super::mpt::entry;
use super::nft::{owner_count, uri_text};
use super::support::{arg, text};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// `set_did uri=did:xrpl:example [data=…]`: DIDSet on the learner's account.
pub async fn set_did(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let uri = arg(args, "uri", "did:xrpl:example");
    let data = arg(args, "data", "");
    let mut tx = json!({
        "TransactionType": "DIDSet",
        "Account": cx.learner_address()?,
        "URI": hex::encode_upper(uri.as_bytes()),
    });
    if !data.is_empty() {
        tx["Data"] = json!(hex::encode_upper(data.as_bytes()));
    }
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.explain_failure("DIDSet", &result);
        return Ok(());
    }
    cx.say(format!("  DID published: {uri}"));
    cx.run.set_fact("did_uri", uri);
    Ok(())
}

/// `verify_did`: the account's DID entry exists and carries the URI this run set.
pub async fn verify_did(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let account = cx.learner_address()?;
    let Some(did) = entry(cx, json!({ "did": account })).await? else {
        cx.fail_check("No DID entry on your account");
        return Ok(());
    };
    cx.check(format!("DID entry found for {account}"));
    let uri = uri_text(&did);
    match cx.run.fact_str("did_uri") {
        Some(expected) if expected == uri => cx.check(format!("URI: {uri}")),
        Some(expected) => {
            let expected = expected.to_string();
            cx.fail_check(format!("URI is {uri}, expected {expected}"));
        }
        None => cx.say(format!("  URI: {uri}")),
    }
    if !text(&did, "Data").is_empty() {
        cx.say(format!("  Data: {} (hex)", text(&did, "Data")));
    }
    Ok(())
}

/// `delete_did`: DIDDelete, which frees the entry's owner reserve.
pub async fn delete_did(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let account = cx.learner_address()?;
    let before = owner_count(&cx.client, &account).await;
    let tx = json!({ "TransactionType": "DIDDelete", "Account": account });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if !result.success {
        cx.explain_failure("DIDDelete", &result);
        return Ok(());
    }
    cx.say("  DID revoked");
    if let (Some(before), Some(after)) = (before, owner_count(&cx.client, &account).await) {
        cx.say(format!("  OwnerCount {before} → {after}"));
    }
    Ok(())
}

/// `verify_did_deleted`: no DID entry remains on the account.
pub async fn verify_did_deleted(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let account = cx.learner_address()?;
    match entry(cx, json!({ "did": account })).await? {
        None => cx.check("No DID entry remains on your account"),
        Some(did) => cx.fail_check(format!("A DID entry is still present: {}", uri_text(&did))),
    }
    Ok(())
}
