//! The NFT, MPT, DID and AMM modules on the sandbox ledger: each run completes, and the ledger
//! read back afterwards holds what the module taught (the token with its taxon and URI, the
//! issuance with its cap, the holder's exact balance, the DID gone, the pool emptied).

mod modules_common;

use modules_common::Learner;
use serde_json::{Value, json};

async fn nfts(learner: &Learner, account: &str) -> Vec<Value> {
    match learner
        .transport
        .call(
            "account_nfts",
            json!({ "account": account, "ledger_index": "validated" }),
        )
        .await
    {
        Ok(reply) => reply["account_nfts"].as_array().unwrap().clone(),
        Err(_) => Vec::new(),
    }
}

async fn kinds(learner: &Learner, txids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for txid in txids {
        let tx = learner.tx(txid).await;
        assert_eq!(tx["meta"]["TransactionResult"], "tesSUCCESS", "{txid}");
        let tx_json = tx.get("tx_json").unwrap_or(&tx);
        out.push(tx_json["TransactionType"].as_str().unwrap().to_string());
    }
    out
}

fn uri(token: &Value) -> String {
    String::from_utf8(hex::decode(token["URI"].as_str().unwrap()).unwrap()).unwrap()
}

/// The fields an entry of `entry_type` had after a transaction (created or modified), from the
/// transaction's metadata: the ledger's own record of what the transaction left behind.
fn after_tx(tx: &Value, entry_type: &str) -> Vec<Value> {
    tx["meta"]["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|node| node.get("CreatedNode").or_else(|| node.get("ModifiedNode")))
        .filter(|node| node["LedgerEntryType"] == entry_type)
        .map(|node| {
            node.get("NewFields")
                .or_else(|| node.get("FinalFields"))
                .unwrap()
                .clone()
        })
        .collect()
}

/// The token id an NFTokenMint created, from the learner's view of the mint.
fn said_value(ran: &modules_common::Ran, prefix: &str) -> String {
    ran.said()
        .iter()
        .find_map(|t| t.trim().strip_prefix(prefix).map(str::to_string))
        .unwrap_or_else(|| panic!("no '{prefix}' line"))
}

#[tokio::test]
async fn nft_minting_101_mints_then_burns_and_frees_the_page_reserve() {
    let learner = Learner::new();
    let ran = learner.run("nft_minting_101").await;
    let txids = ran.completed("nft_minting_101");
    assert_eq!(
        kinds(&learner, &txids).await,
        ["NFTokenMint", "NFTokenBurn"]
    );
    let id = said_value(&ran, "NFTokenID: ");
    // Between mint and burn the token was owned with what the directive asked for.
    assert!(ran.said_line("✓ Taxon: 7"));
    assert!(ran.said_line("✓ URI: ipfs://bafy-example/sword-of-dawn.json"));
    assert!(ran.said_line("✓ Transferable: yes"));
    assert!(ran.said_line("✓ Royalty: 0.500%"));
    // The mint left the token in a page of the learner's, with its URI; the id carries the
    // transferable flag (bytes 0..2), the 0.5% fee (bytes 2..4) and the learner as issuer.
    let mint = learner.tx(&txids[0]).await;
    let pages = after_tx(&mint, "NFTokenPage");
    let token = pages[0]["NFTokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["NFToken"])
        .find(|t| t["NFTokenID"] == id.as_str())
        .expect("the minted token is in the page")
        .clone();
    assert_eq!(uri(&token), "ipfs://bafy-example/sword-of-dawn.json");
    assert_eq!(&id[..8], "000801F4");
    let issuer = xrpl_proto::address::AccountId::from_classic(&learner.address()).unwrap();
    assert_eq!(id[8..48], issuer.to_hex().to_uppercase());
    // After the burn: gone, and the page (the only owned object) with it.
    assert!(nfts(&learner, &learner.address()).await.is_empty());
    assert_eq!(learner.account().await["OwnerCount"], 0);
    assert!(ran.said_line(&format!("NFT {id} is gone from your account")));
    assert!(ran.said_line("OwnerCount 1 → 0"));
}

#[tokio::test]
async fn nft_marketplace_101_sells_buys_back_and_reports_no_royalty_to_the_issuer() {
    let learner = Learner::new();
    let ran = learner.run("nft_marketplace_101").await;
    let txids = ran.completed("nft_marketplace_101");
    assert_eq!(
        kinds(&learner, &txids).await,
        [
            "NFTokenMint",
            "NFTokenCreateOffer",
            "NFTokenAcceptOffer",
            "NFTokenCreateOffer",
            "NFTokenAcceptOffer"
        ]
    );
    let id = said_value(&ran, "NFTokenID: ");
    let owned = nfts(&learner, &learner.address()).await;
    assert_eq!(owned.len(), 1, "the relic came back to its creator");
    assert_eq!(owned[0]["NFTokenID"], id.as_str());
    assert_eq!(owned[0]["TransferFee"], 5000);
    assert_eq!(owned[0]["NFTokenTaxon"], 11);
    // The first sale paid the creator the full 100 XRP; the buy-back cost it 200 XRP + fee.
    assert!(ran.said_line("Issuer (seller) balance +100.000000 XRP"));
    assert!(ran.said_line("Issuer (buyer) balance -200.0000"));
    assert!(!ran.said_line("Royalty paid to the issuer"));
    // The bogus acceptance was refused with a tec code and kept as a failed transaction.
    let codes = ran.codes();
    let last = codes.last().unwrap();
    assert!(last.starts_with("tec"), "{codes:?}");
    assert!(ran.said_line(&format!("Expected failure: {last}")));
    // No offers are left open on the token.
    let open = learner
        .transport
        .call("nft_sell_offers", json!({ "nft_id": id }))
        .await;
    assert!(open.map_or(true, |r| r["offers"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn dnft_evolving_item_101_changes_the_uri_on_the_same_id_and_not_a_fixed_one() {
    let learner = Learner::new();
    let ran = learner.run("dnft_evolving_item_101").await;
    let txids = ran.completed("dnft_evolving_item_101");
    assert_eq!(
        kinds(&learner, &txids).await,
        ["NFTokenMint", "NFTokenModify"]
    );
    let id = said_value(&ran, "NFTokenID: ");
    let owned = nfts(&learner, &learner.address()).await;
    assert_eq!(owned.len(), 2, "the blade and the fixed item");
    let blade = owned
        .iter()
        .find(|t| t["NFTokenID"] == id.as_str())
        .unwrap();
    assert_eq!(uri(blade), "ipfs://bafy-example/blade-level-2.json");
    assert_eq!(blade["NFTokenTaxon"], 21);
    let fixed = owned
        .iter()
        .find(|t| t["NFTokenID"] != id.as_str())
        .unwrap();
    assert_eq!(uri(fixed), "ipfs://example/fixed.json");
    assert_eq!(fixed["Flags"].as_u64().unwrap() & 0x10, 0, "not mutable");
    assert_eq!(ran.codes().last().unwrap(), "tecNO_PERMISSION");
    assert!(ran.said_line("Expected failure: tecNO_PERMISSION"));
}

async fn issuance(learner: &Learner, id: &str) -> Value {
    learner
        .rpc("ledger_entry", json!({ "mpt_issuance": id }))
        .await["node"]
        .clone()
}

#[tokio::test]
async fn mpt_issuance_101_creates_the_issuance_with_its_cap_and_scale() {
    let learner = Learner::new();
    let ran = learner.run("mpt_issuance_101").await;
    let txids = ran.completed("mpt_issuance_101");
    assert_eq!(kinds(&learner, &txids).await, ["MPTokenIssuanceCreate"]);
    let id = said_value(&ran, "MPTokenIssuanceID: ");
    let node = issuance(&learner, &id).await;
    assert_eq!(node["Issuer"], learner.address().as_str());
    assert_eq!(node["MaximumAmount"], "1000000");
    assert_eq!(node["AssetScale"], 2);
    assert_eq!(node["Flags"].as_u64().unwrap() & 0x20, 0x20);
    assert_eq!(learner.account().await["OwnerCount"], 1);
    assert!(ran.said_line("✓ MaximumAmount: 1000000"));
}

#[tokio::test]
async fn mpt_distribution_101_studio_issues_and_pays_the_player_exactly() {
    let learner = Learner::new();
    let ran = learner.run("mpt_distribution_101").await;
    let txids = ran.completed("mpt_distribution_101");
    assert_eq!(
        kinds(&learner, &txids).await,
        ["MPTokenIssuanceCreate", "MPTokenAuthorize", "Payment"]
    );
    let id = said_value(&ran, "MPTokenIssuanceID: ");
    let node = issuance(&learner, &id).await;
    assert_ne!(
        node["Issuer"],
        learner.address().as_str(),
        "the studio issues"
    );
    assert_eq!(node["OutstandingAmount"], "500");
    let held = learner
        .rpc(
            "ledger_entry",
            json!({ "mptoken": { "mpt_issuance_id": id, "account": learner.address() } }),
        )
        .await;
    assert_eq!(held["node"]["MPTAmount"], "500");
    assert!(ran.said_line("✓ Holder MPT balance: 500"));
}

#[tokio::test]
async fn did_101_publishes_then_revokes_the_did() {
    let learner = Learner::new();
    let ran = learner.run("did_101").await;
    let txids = ran.completed("did_101");
    assert_eq!(kinds(&learner, &txids).await, ["DIDSet", "DIDDelete"]);
    // In the DIDSet's ledger the entry held the URI; now it is gone with its reserve.
    let set = learner.tx(&txids[0]).await;
    let did = after_tx(&set, "DID");
    assert_eq!(uri(&did[0]), "did:xrpl:1:example-player");
    let now = learner
        .transport
        .call("ledger_entry", json!({ "did": learner.address() }))
        .await;
    assert_eq!(now.unwrap_err().rpc_error(), Some("entryNotFound"));
    assert_eq!(learner.account().await["OwnerCount"], 0);
    assert!(ran.said_line("✓ URI: did:xrpl:1:example-player"));
    assert!(ran.said_line("✓ No DID entry remains on your account"));
}

async fn lab_balance(learner: &Learner) -> String {
    let lines = learner
        .rpc("account_lines", json!({ "account": learner.address() }))
        .await;
    lines["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["currency"] == "LAB")
        .map(|l| l["balance"].as_str().unwrap().to_string())
        .unwrap()
}

#[tokio::test]
async fn amm_liquidity_101_deposits_for_lp_tokens_and_withdraws_everything() {
    let learner = Learner::new();
    let ran = learner.run("amm_liquidity_101").await;
    let txids = ran.completed("amm_liquidity_101");
    let kinds = kinds(&learner, &txids).await;
    assert_eq!(
        &kinds[kinds.len() - 3..],
        ["AMMCreate", "AMMDeposit", "AMMWithdraw"]
    );
    // After the deposit the learner held LP tokens; the pool held 110 XRP and 110 LAB.
    let deposit = learner.tx(&txids[txids.len() - 2]).await;
    let account = said_value(&ran, "Pool account: ");
    let pool_then = after_tx(&deposit, "AccountRoot")
        .into_iter()
        .find(|root| root["Account"] == account.as_str())
        .expect("the deposit changed the pool account");
    assert_eq!(pool_then["Balance"], "110000000");
    assert!(ran.said_line("✓ LP tokens received: "));
    assert!(ran.said_line("✓ All LP tokens returned — full withdrawal"));
    // Withdrawing everything emptied and deleted the pool; all 1000 LAB are back.
    let gone = learner
        .transport
        .call("account_info", json!({ "account": account }))
        .await;
    assert_eq!(gone.unwrap_err().rpc_error(), Some("actNotFound"));
    assert_eq!(lab_balance(&learner).await, "1000");
    assert_eq!(
        learner.account().await["OwnerCount"],
        1,
        "only the LAB line"
    );
}

#[tokio::test]
async fn dex_vs_amm_risk_literacy_runs_both_strategies_and_cleans_up() {
    let learner = Learner::new();
    let ran = learner.run("dex_vs_amm_risk_literacy").await;
    let txids = ran.completed("dex_vs_amm_risk_literacy");
    let kinds = kinds(&learner, &txids).await;
    for kind in ["OfferCreate", "AMMCreate", "AMMDeposit", "AMMWithdraw"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
    let offers = learner
        .rpc("account_offers", json!({ "account": learner.address() }))
        .await;
    assert!(offers["offers"].as_array().unwrap().is_empty());
    assert_eq!(lab_balance(&learner).await, "1000");
    assert_eq!(learner.account().await["OwnerCount"], 1);
}

#[tokio::test]
async fn amm_writes_refuse_a_network_ledger_before_anything_is_signed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("amm_elsewhere.md"),
        "---\nid: amm_elsewhere\ntitle: \"A pool on a network\"\ntime: 5 min\nlevel: advanced\n\
         track: amm\nsummary: \"An AMM write aimed at a network.\"\norder: 99\nmode: testnet\n\
         requires: []\nproduces:\n  - report\nchecks:\n  - \"Refused\"\n---\n\n\
         A pool on a network ledger.\n\n## Step 1: Wallet\n\nA wallet.\n\n\
         <!-- action: ensure_wallet -->\n\n## Step 2: Pool\n\nA pool.\n\n\
         <!-- action: ensure_amm_pair a_currency=XRP a_value=100 b_currency=LAB b_value=100 -->\n\n\
         ## Checkpoint\n\nDone.\n",
    )
    .unwrap();
    // 127.0.0.2 is loopback but not one of the names the lab treats as a local ledger, so it
    // classifies as a network whose kind is unknown; nothing may be sent to it.
    let learner = Learner::with_transport(xrpl_lab::transport::Transport::Rpc(
        xrpl_lab::transport::rpc::RpcTransport::new(
            "http://127.0.0.2:9/",
            "http://127.0.0.2:9/accounts",
        ),
    ));
    let ran = learner
        .run_from(&[dir.path().to_path_buf()], "amm_elsewhere")
        .await;
    assert!(
        matches!(
            ran.outcome,
            xrpl_lab::runner::RunOutcome::Completed { success: false, .. }
        ),
        "{:?}\n{}",
        ran.outcome,
        ran.said().join("\n")
    );
    assert!(
        ran.said_line("Step failed: CONFIG_SANDBOX_ONLY"),
        "{}",
        ran.said().join("\n")
    );
    assert!(ran.said_line("'ensure_amm_pair' runs only on the sandbox ledger"));
    assert!(ran.codes().is_empty(), "nothing was submitted");
}
