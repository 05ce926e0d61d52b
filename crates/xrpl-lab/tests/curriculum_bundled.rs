//! The 24 bundled modules against the catalogue: each module's parsed step count and its
//! ordered actions with their arguments (`-` = a step without action), as the runner will
//! execute them. A change to a module's steps must be a change to this contract too.

use xrpl_lab::curriculum::Catalog;

const CATALOGUE_STEPS: [(&str, usize, &str); 24] = [
    (
        "receipt_literacy",
        6,
        "-; ensure_wallet; ensure_funded; submit_payment destination=self amount=10 memo=XRPLLAB|L1|{timestamp}; verify_tx; -",
    ),
    (
        "failure_literacy",
        8,
        "-; ensure_wallet; ensure_funded; submit_payment_fail reason=underfunded; -; submit_payment destination=self amount=10 memo=XRPLLAB|L2|FIXED|{timestamp}; verify_tx; -",
    ),
    (
        "trust_lines_101",
        9,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; set_trust_line currency=LAB limit=1000; issue_token currency=LAB amount=100; verify_trust_line currency=LAB; -",
    ),
    (
        "trust_line_failures",
        10,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; issue_token_expect_fail currency=DBG amount=100; set_trust_line currency=DBG limit=1000; issue_token currency=DBG amount=100; verify_trust_line currency=DBG; -",
    ),
    (
        "nft_minting_101",
        8,
        "-; ensure_wallet; ensure_funded; mint_nft uri=ipfs://bafy-example/sword-of-dawn.json taxon=7 transfer_fee=500 transferable=true; verify_nft; burn_nft; verify_nft_burned; -",
    ),
    (
        "nft_marketplace_101",
        15,
        "-; ensure_wallet; ensure_funded; create_buyer_wallet; mint_nft uri=ipfs://bafy-example/relic-of-dawn.json taxon=11 transfer_fee=5000 transferable=true; verify_nft; list_nft_sell_offer amount=100 seller=creator; verify_nft_offer; accept_nft_offer buyer=buyer; verify_nft_trade; list_nft_sell_offer amount=200 seller=buyer; accept_nft_offer buyer=creator; verify_nft_trade; accept_nft_offer_expect_fail; -",
    ),
    (
        "dnft_evolving_item_101",
        9,
        "-; ensure_wallet; ensure_funded; mint_nft uri=ipfs://bafy-example/blade-level-1.json taxon=21 mutable=true; verify_nft; modify_nft uri=ipfs://bafy-example/blade-level-2.json; verify_nft_modified; modify_nft_expect_fail; -",
    ),
    (
        "mpt_issuance_101",
        6,
        "-; ensure_wallet; ensure_funded; create_mpt_issuance maximum_amount=1000000 asset_scale=2 transferable=true; verify_mpt_issuance; -",
    ),
    (
        "mpt_distribution_101",
        10,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; create_mpt_issuance maximum_amount=1000000; mpt_authorize; mpt_payment amount=500; verify_mpt_balance expected=500; -",
    ),
    (
        "token_freeze_101",
        16,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; set_trust_line currency=GLD limit=1000; issue_token currency=GLD amount=100; set_freeze currency=GLD freeze=true; verify_freeze currency=GLD expect_individual=true; set_freeze currency=GLD freeze=false; verify_freeze currency=GLD expect_individual=false; set_global_freeze enable=true; verify_freeze expect_global=true; set_global_freeze enable=false; verify_freeze expect_global=false; -",
    ),
    (
        "clawback_101",
        14,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; enable_clawback; set_trust_line currency=GLD limit=1000; issue_token currency=GLD amount=100; snapshot_token_balance currency=GLD label=before; clawback currency=GLD amount=30; verify_clawback currency=GLD; create_noclaw_issuer currency=NOC amount=50; clawback_expect_fail currency=NOC amount=10; -",
    ),
    (
        "escrow_101",
        6,
        "-; ensure_wallet; ensure_funded; create_escrow amount=10 finish_seconds=120; verify_escrow; -",
    ),
    (
        "escrow_finish_101",
        11,
        "-; ensure_wallet; ensure_funded; snapshot_account label=before_escrow; create_escrow amount=10 finish_seconds=10; verify_escrow; finish_escrow; verify_escrow_finished; snapshot_account label=after_finish; verify_reserve_change before=before_escrow after=after_finish; -",
    ),
    (
        "payment_channel_101",
        15,
        "-; ensure_wallet; ensure_funded; create_channel_receiver; open_channel amount=10; verify_channel expect_amount=10; fund_channel amount=5; verify_channel expect_amount=15; sign_claim amount=3; verify_claim_signature; sign_claim amount=7; verify_claim_signature; redeem_claim; verify_channel expect_balance=7; -",
    ),
    (
        "did_101",
        8,
        "-; ensure_wallet; ensure_funded; set_did uri=did:xrpl:1:example-player; verify_did; delete_did; verify_did_deleted; -",
    ),
    (
        "dex_literacy",
        10,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; create_offer pays_currency=LAB pays_value=50 gets_currency=XRP gets_value=10; verify_offer_present; cancel_offer; verify_offer_absent; -",
    ),
    (
        "dex_market_making_101",
        19,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; set_trust_line currency=LAB limit=10000; issue_token currency=LAB amount=500; snapshot_position label=baseline; strategy_offer_bid pays_currency=LAB pays_value=10 gets_currency=XRP gets_value=1 memo_action=OFFER_BID; strategy_offer_ask pays_currency=LAB pays_value=10 gets_currency=XRP gets_value=2 memo_action=OFFER_ASK; verify_module_offers; snapshot_position label=after_offers; verify_position_delta before=baseline after=after_offers; cancel_module_offers; verify_module_offers_absent; snapshot_position label=final; verify_position_delta before=baseline after=final; hygiene_summary; -",
    ),
    (
        "dex_inventory_guardrails",
        18,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; set_trust_line currency=LAB limit=10000; issue_token currency=LAB amount=500; snapshot_position label=baseline; check_inventory currency=LAB min_xrp_drops=20000000 min_token=10; place_safe_sides pays_currency=LAB gets_currency=XRP bid_value=10 ask_value=10 bid_price=1 ask_price=2; verify_module_offers; snapshot_position label=after_offers; verify_position_delta before=baseline after=after_offers; cancel_module_offers; verify_module_offers_absent; snapshot_position label=final; hygiene_summary; -",
    ),
    (
        "reserves_101",
        10,
        "-; ensure_wallet; ensure_funded; snapshot_account label=before; create_issuer_wallet; fund_issuer; set_trust_line currency=RSV limit=1000; snapshot_account label=after_create; verify_reserve_change before=before after=after_create; -",
    ),
    (
        "account_hygiene",
        17,
        "-; ensure_wallet; ensure_funded; snapshot_account label=baseline; create_issuer_wallet; fund_issuer; set_trust_line currency=HYGIENE limit=100; create_offer pays_currency=HYGIENE pays_value=10 gets_currency=XRP gets_value=1; snapshot_account label=dirty; verify_reserve_change before=baseline after=dirty; cancel_offer; remove_trust_line currency=HYGIENE; verify_trust_line_removed currency=HYGIENE; snapshot_account label=clean; verify_reserve_change before=dirty after=clean; verify_reserve_change before=baseline after=clean; -",
    ),
    (
        "receipt_audit",
        9,
        "-; ensure_wallet; ensure_funded; submit_payment destination=self amount=1 memo=XRPLLAB|AUDIT_TEST; submit_payment destination=self amount=1 memo=XRPLLAB|AUDIT_TEST_2; run_audit; -; -; -",
    ),
    (
        "amm_liquidity_101",
        19,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; set_trust_line currency=LAB limit=10000; issue_token currency=LAB amount=1000; snapshot_account label=before_amm; ensure_amm_pair a_currency=XRP a_value=100 b_currency=LAB b_value=100; get_amm_info a_currency=XRP b_currency=LAB; amm_deposit a_currency=XRP a_value=10 b_currency=LAB b_value=10; verify_lp_received; snapshot_account label=after_deposit; verify_reserve_change before=before_amm after=after_deposit; amm_withdraw a_currency=XRP b_currency=LAB; verify_withdrawal; snapshot_account label=after_withdraw; verify_reserve_change before=before_amm after=after_withdraw; -",
    ),
    (
        "dex_vs_amm_risk_literacy",
        27,
        "-; ensure_wallet; ensure_funded; create_issuer_wallet; fund_issuer; set_trust_line currency=LAB limit=10000; issue_token currency=LAB amount=1000; snapshot_position label=baseline; strategy_offer_bid pays_currency=LAB pays_value=10 gets_currency=XRP gets_value=1 memo_action=COMPARE_BID; strategy_offer_ask pays_currency=LAB pays_value=10 gets_currency=XRP gets_value=2 memo_action=COMPARE_ASK; verify_module_offers; snapshot_position label=after_dex; verify_position_delta before=baseline after=after_dex; cancel_module_offers; verify_module_offers_absent; snapshot_position label=after_dex_cleanup; ensure_amm_pair a_currency=XRP a_value=100 b_currency=LAB b_value=100; amm_deposit a_currency=XRP a_value=10 b_currency=LAB b_value=10; verify_lp_received; snapshot_position label=after_amm; verify_position_delta before=after_dex_cleanup after=after_amm; amm_withdraw a_currency=XRP b_currency=LAB; verify_withdrawal; snapshot_position label=final; verify_position_delta before=baseline after=final; hygiene_summary; -",
    ),
    (
        "game_economy_capstone",
        18,
        "-; ensure_wallet; ensure_funded; create_mpt_issuance maximum_amount=1000000 asset_scale=2 transferable=true; verify_mpt_issuance; mint_nft uri=ipfs://bafy-example/relic-of-dawn.json taxon=7 transfer_fee=5000 transferable=true; verify_nft; create_buyer_wallet; list_nft_sell_offer amount=100 seller=creator; verify_nft_offer; accept_nft_offer buyer=buyer; verify_nft_trade; create_escrow amount=10 finish_seconds=10; verify_escrow; finish_escrow; verify_escrow_finished; run_audit; -",
    ),
];

fn describe(m: &xrpl_lab::curriculum::Module) -> String {
    m.steps
        .iter()
        .map(|s| match &s.action {
            None => "-".to_string(),
            Some(a) => std::iter::once(a.name.clone())
                .chain(a.args.iter().map(|(k, v)| format!("{k}={v}")))
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn bundled_modules_carry_the_catalogue_steps_and_actions() {
    let catalog = Catalog::load(&[]).unwrap();
    assert_eq!(catalog.len(), 24);
    for (id, steps, actions) in CATALOGUE_STEPS {
        let m = catalog.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(m.steps.len(), steps, "{id}: parsed step count");
        assert_eq!(describe(m), actions, "{id}: actions");
        // Every module opens with an intro and ends with a checkpoint, neither with an action.
        assert!(
            m.steps[0].header.is_none() && m.steps[0].action.is_none(),
            "{id}"
        );
        let last = m.steps.last().unwrap();
        assert!(last.action.is_none(), "{id}: checkpoint has an action");
    }
}

#[test]
fn bundled_curriculum_counts() {
    let catalog = Catalog::load(&[]).unwrap();
    let tracks: std::collections::BTreeSet<&str> =
        catalog.modules().iter().map(|m| m.track.as_str()).collect();
    assert_eq!(tracks.len(), 10);
    assert_eq!(xrpl_lab::curriculum::registry().len(), 80);
    let sandbox_only: Vec<&str> = catalog
        .canonical_order()
        .into_iter()
        .filter(|m| m.dry_run_only)
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(
        sandbox_only,
        ["amm_liquidity_101", "dex_vs_amm_risk_literacy"]
    );
    let report = xrpl_lab::curriculum::lint(
        &xrpl_lab::curriculum::catalog::bundled_files(),
        Some(&catalog),
    );
    assert!(report.passed, "{:#?}", report.issues);
    assert_eq!(report.files, 24);
}
