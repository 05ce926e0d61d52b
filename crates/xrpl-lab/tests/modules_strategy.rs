//! dex_market_making_101 and dex_inventory_guardrails on the sandbox ledger: the quotes rest on
//! the book with the right sides and memos, are pulled, and the account ends with no offers and
//! its owner count back at baseline; the run's txids are left for `xrpl-lab audit`.

mod modules_common;

use modules_common::Learner;
use serde_json::{Value, json};

fn tx_json(tx: &Value) -> &Value {
    tx.get("tx_json").unwrap_or(tx)
}

fn memo_text(tx: &Value) -> String {
    let hex_text = tx_json(tx)["Memos"][0]["Memo"]["MemoData"]
        .as_str()
        .unwrap_or("");
    String::from_utf8(hex::decode(hex_text).unwrap()).unwrap()
}

/// The validated OfferCreates among `txids`, in order.
async fn offer_creates(learner: &Learner, txids: &[String]) -> Vec<Value> {
    let mut offers = Vec::new();
    for txid in txids {
        let tx = learner.tx(txid).await;
        assert_eq!(tx["meta"]["TransactionResult"], "tesSUCCESS");
        if tx_json(&tx)["TransactionType"] == "OfferCreate" {
            offers.push(tx);
        }
    }
    offers
}

/// The book is clear, the owner count is the trust line's alone, the last-run files list the run.
async fn assert_clean_and_recorded(learner: &Learner, module: &str, txids: &[String]) {
    let offers = learner
        .rpc(
            "account_offers",
            json!({ "account": learner.address(), "ledger_index": "validated" }),
        )
        .await;
    assert_eq!(offers["offers"], json!([]), "no offers left");
    assert_eq!(
        learner.account().await["OwnerCount"],
        1,
        "only the LAB trust line"
    );
    let ws = learner.files.workspace.dir();
    let listed = std::fs::read_to_string(ws.join("last_run_txids.txt")).unwrap();
    assert_eq!(listed, format!("{}\n", txids.join("\n")));
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("last_run_meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["module"], module);
    assert_eq!(meta["txid_count"], txids.len());
}

#[tokio::test]
async fn dex_market_making_101_quotes_both_sides_then_leaves_the_book_clean() {
    let learner = Learner::new();
    let ran = learner.run("dex_market_making_101").await;
    let txids = ran.completed("dex_market_making_101");
    let offers = offer_creates(&learner, &txids).await;
    assert_eq!(offers.len(), 2, "a bid and an ask");

    // The bid buys LAB with XRP; the ask sells LAB for XRP.
    let bid = tx_json(&offers[0]);
    assert_eq!(bid["TakerPays"]["currency"], "LAB");
    assert_eq!(bid["TakerPays"]["value"], "10");
    assert_eq!(bid["TakerGets"], "1000000");
    let ask = tx_json(&offers[1]);
    assert_eq!(ask["TakerGets"]["currency"], "LAB");
    assert_eq!(ask["TakerGets"]["value"], "10");
    assert_eq!(ask["TakerPays"], "2000000");

    // The strategy memo is on the ledger, with the audit preset's tag.
    let run_id = memo_text(&offers[0])
        .rsplit('|')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(run_id.len(), 15, "the run's UTC stamp");
    assert_eq!(
        memo_text(&offers[0]),
        format!("XRPLLAB|STRAT|MM101|OFFER_BID|{run_id}")
    );
    assert_eq!(
        memo_text(&offers[1]),
        format!("XRPLLAB|STRAT|MM101|OFFER_ASK|{run_id}")
    );

    // Both rested, were verified, then cancelled (recorded in history, not as run txids).
    assert!(ran.said_line("All 2 strategy offers verified"));
    assert!(ran.said_line("Owner count increased: 1 -> 3 (+2)"));
    assert!(ran.said_line("No open offers — all cleared"));
    assert!(ran.said_line("Owner count returned to baseline"));
    assert!(ran.said_line("Offers cancelled during cleanup: 2"));
    let state = learner.files.state.load().unwrap();
    let history: Vec<&str> = state.tx_index.iter().map(|t| t.txid.as_str()).collect();
    let cancels = history
        .iter()
        .filter(|txid| !txids.iter().any(|t| t == *txid))
        .count();
    assert_eq!(
        cancels, 2,
        "the two cancellations are in the learner's history"
    );
    assert_clean_and_recorded(&learner, "dex_market_making_101", &txids).await;
}

#[tokio::test]
async fn dex_inventory_guardrails_quotes_only_what_the_ledger_reserves_allow() {
    let learner = Learner::new();
    let ran = learner.run("dex_inventory_guardrails").await;
    let txids = ran.completed("dex_inventory_guardrails");
    assert!(ran.said_line("Bid side: spendable"));
    assert!(ran.said_line("Ask side: 500 LAB vs minimum 10 LAB — OK"));
    assert!(ran.said_line("2 offer(s) placed out of 2 allowed"));
    let offers = offer_creates(&learner, &txids).await;
    assert_eq!(offers.len(), 2);
    assert!(memo_text(&offers[0]).starts_with("XRPLLAB|STRAT|INV|SAFE_BID|"));
    assert!(memo_text(&offers[1]).starts_with("XRPLLAB|STRAT|INV|SAFE_ASK|"));
    assert_clean_and_recorded(&learner, "dex_inventory_guardrails", &txids).await;
}

#[tokio::test]
async fn a_ledger_with_dear_reserves_blocks_the_bid_side() {
    // A classroom ledger whose owner reserve is 985 XRP: with the LAB trust line, the learner's
    // 1000 XRP leave less than 20 XRP spendable, which only a check reading the ledger's own
    // reserves can see (the usual 1 + 0.2 XRP would allow the bid).
    let mut config = xrpl_sandbox::LedgerConfig::default();
    config.fees.reserve_base = 10_000_000;
    config.fees.reserve_increment = 985_000_000;
    let learner = Learner::with_ledger(xrpl_sandbox::Ledger::new(config));
    let ran = learner.run("dex_inventory_guardrails").await;
    assert!(
        ran.said_line("Bid skipped (XRP too low)"),
        "{}",
        ran.said().join("\n")
    );
    assert!(ran.said_line("— BLOCKED"));
}
