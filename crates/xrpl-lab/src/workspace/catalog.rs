//! What the workspace needs to know about modules, and nothing more.
//!
//! Status, recovery hints, certificates and proof packs need each module's id, title, track, mode,
//! prerequisites and knowledge-base slug. They take a slice of [`ModuleInfo`] in the curriculum's
//! canonical order, so this layer does not depend on how modules are parsed; the curriculum's
//! catalogue is converted into these records at the edge.
//!
//! [`builtin`] is a stand-in with the 24 bundled modules' facts, used until the curriculum's own
//! catalogue is wired into the CLI.

/// One module, as the workspace sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleInfo {
    pub id: String,
    pub title: String,
    pub track: String,
    /// `testnet` or `dry-run`.
    pub mode: String,
    pub requires: Vec<String>,
    /// Knowledge-base slug, `""` when none.
    pub kb_source: String,
    /// The front-matter `order`: with the id it gives the load order.
    pub order: u32,
}

/// The ten tracks in canonical order.
pub const TRACKS: [&str; 10] = [
    "foundations",
    "nfts",
    "tokens",
    "payments",
    "identity",
    "dex",
    "reserves",
    "audit",
    "amm",
    "capstone",
];

/// The module the learner should do next: the first (canonical order) not completed whose
/// prerequisites are all completed.
pub fn next_module<'a>(modules: &'a [ModuleInfo], completed: &[&str]) -> Option<&'a ModuleInfo> {
    modules.iter().find(|m| {
        !completed.contains(&m.id.as_str())
            && m.requires.iter().all(|r| completed.contains(&r.as_str()))
    })
}

/// Modules in load order (`(order, id)`), the order `start` and track listings use.
pub fn load_order(modules: &[ModuleInfo]) -> Vec<&ModuleInfo> {
    let mut v: Vec<&ModuleInfo> = modules.iter().collect();
    v.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
    v
}

pub fn find<'a>(modules: &'a [ModuleInfo], id: &str) -> Option<&'a ModuleInfo> {
    modules.iter().find(|m| m.id == id)
}

/// The bundled curriculum's facts, in canonical order (temporary provider; see module docs).
pub fn builtin() -> Vec<ModuleInfo> {
    const T: &str = "testnet";
    const D: &str = "dry-run";
    #[rustfmt::skip]
    let rows: [(&str, &str, &str, u32, &str, &[&str], &str); 24] = [
        ("receipt_literacy", "Receipt Literacy", "foundations", 1, T, &[], ""),
        ("failure_literacy", "Failure Literacy", "foundations", 2, T, &["receipt_literacy"], ""),
        ("trust_lines_101", "Trust Lines 101: Issued Currencies as Relationships", "foundations", 3, T, &[], ""),
        ("trust_line_failures", "Debugging Trust Lines", "foundations", 4, T, &["trust_lines_101"], ""),
        ("nft_minting_101", "NFT Minting 101: Your First Game Asset", "nfts", 20, T, &[], "nftokenmint"),
        ("nft_marketplace_101", "NFT Marketplace 101: Trading Assets with Enforced Royalties", "nfts", 30, T, &[], "escrowless-atomic-nft-settlement"),
        ("dnft_evolving_item_101", "Dynamic NFTs 101: A Game Item That Levels Up", "nfts", 40, T, &[], "dynamic-nft-nftokenmodify"),
        ("mpt_issuance_101", "MPT Issuance 101: A Game Currency in One Transaction", "tokens", 30, T, &[], "mpt-issuance-create-config"),
        ("mpt_distribution_101", "MPT Distribution 101: Getting the Currency to Players", "tokens", 32, T, &["mpt_issuance_101"], "mpt-authorize"),
        ("token_freeze_101", "Token Freeze 101: The Issuer's Pause Button", "tokens", 35, T, &[], "freeze-tiers-sanctions"),
        ("clawback_101", "Clawback 101: The Issuer Recall Lever", "tokens", 40, T, &[], "clawback-economy-recall"),
        ("escrow_101", "Escrow 101: Time-Locked XRP", "payments", 40, T, &[], "escrow-xrp"),
        ("escrow_finish_101", "Escrow Finish 101: Releasing Locked XRP", "payments", 41, T, &["escrow_101"], "escrow-finish-permission-reserve"),
        ("payment_channel_101", "Payment Channels 101: Sign Many, Settle Once", "payments", 45, T, &[], "payment-channel-tipping-streaming"),
        ("did_101", "DID 101: On-Ledger Identity", "identity", 50, T, &[], "did-transactions"),
        ("dex_literacy", "DEX Literacy: Offers, Order Books, and Cancellations", "dex", 5, T, &["trust_lines_101"], ""),
        ("dex_market_making_101", "DEX Market Making 101: Earning Spread on the Order Book", "dex", 10, T, &["dex_literacy"], ""),
        ("dex_inventory_guardrails", "DEX Inventory Guardrails: Don't Get Lopsided", "dex", 11, T, &["dex_market_making_101"], ""),
        ("reserves_101", "Reserves 101: Where Your XRP 'Went'", "reserves", 6, T, &["trust_lines_101"], ""),
        ("account_hygiene", "Account Hygiene: Freeing Reserves and Cleaning Up Objects", "reserves", 7, T, &["reserves_101"], ""),
        ("receipt_audit", "Audit Mode: Verify Receipts at Scale", "audit", 8, T, &["receipt_literacy"], ""),
        ("amm_liquidity_101", "AMM Liquidity 101: Providing Liquidity and Earning Fees", "amm", 9, D, &["trust_lines_101"], ""),
        ("dex_vs_amm_risk_literacy", "DEX vs AMM Risk Literacy: Comparing Trading Strategies", "amm", 12, D, &["dex_market_making_101", "amm_liquidity_101"], ""),
        ("game_economy_capstone", "Capstone: Stand Up a Minimal Game Economy on XRPL", "capstone", 90, T, &["mpt_issuance_101", "nft_minting_101", "escrow_101", "receipt_audit"], ""),
    ];
    rows.iter()
        .map(|(id, title, track, order, mode, requires, kb)| ModuleInfo {
            id: id.to_string(),
            title: title.to_string(),
            track: track.to_string(),
            mode: mode.to_string(),
            requires: requires.iter().map(|r| r.to_string()).collect(),
            kb_source: kb.to_string(),
            order: *order,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_module_follows_prerequisites() {
        let m = builtin();
        assert_eq!(next_module(&m, &[]).unwrap().id, "receipt_literacy");
        assert_eq!(
            next_module(&m, &["receipt_literacy"]).unwrap().id,
            "failure_literacy"
        );
        let all: Vec<&str> = m.iter().map(|x| x.id.as_str()).collect();
        assert!(next_module(&m, &all).is_none());
        let first = load_order(&m);
        assert_eq!(first[4].id, "dex_literacy");
        assert_eq!(first[23].id, "game_economy_capstone");
    }
}
