//! The pool rippled's own AMM unit tests start from (`AMM_test.cpp`, `testAMM`): a gateway
//! issuing USD, Alice and Carol each funded with 30,000 XRP and 30,000 USD, and Alice's pool of
//! 10,000 XRP and 10,000 USD at fee 0 — 10,000,000 LP tokens. Shared by the `amm_exact*` tests.

#![allow(dead_code)]

use crate::common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;

pub const TF_LP_TOKEN: u32 = 0x0001_0000;
pub const TF_WITHDRAW_ALL: u32 = 0x0002_0000;
pub const TF_ONE_ASSET_WITHDRAW_ALL: u32 = 0x0004_0000;
pub const TF_SINGLE_ASSET: u32 = 0x0008_0000;
pub const TF_TWO_ASSET: u32 = 0x0010_0000;
pub const TF_ONE_ASSET_LP_TOKEN: u32 = 0x0020_0000;
pub const TF_LIMIT_LP_TOKEN: u32 = 0x0040_0000;
pub const TF_TWO_ASSET_IF_EMPTY: u32 = 0x0080_0000;

pub struct Amm {
    pub lab: Lab,
    pub gw: Wallet,
    pub alice: Wallet,
    pub carol: Wallet,
}

/// rippled's `testAMM` starting state, with the pool's trading fee `fee`.
pub fn amm(fee: u32) -> Amm {
    amm_with(10_000, "10000", fee)
}

/// The same accounts with Alice's pool holding `xrp` XRP and `usd` USD.
pub fn amm_with(xrp: u64, usd: &str, fee: u32) -> Amm {
    let mut lab = Lab::new();
    let (gw, alice, carol) = (Wallet::ed(90), Wallet::ed(91), Wallet::ed(92));
    for w in [&gw, &alice, &carol] {
        lab.fund(w, 30_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &carol] {
        lab.expect(w, trust(&gw, "USD", "100000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", "30000")), Ter::tesSUCCESS);
    }
    let reserve = lab.ledger.fees().reserve_increment;
    lab.expect(
        &alice,
        json!({"TransactionType": "AMMCreate", "Amount": (xrp * XRP).to_string(),
               "Amount2": iou(&gw, "USD", usd), "TradingFee": fee,
               "Fee": reserve.to_string()}),
        Ter::tesSUCCESS,
    );
    Amm {
        lab,
        gw,
        alice,
        carol,
    }
}

impl Amm {
    pub fn usd(&self, value: &str) -> Value {
        iou(&self.gw, "USD", value)
    }

    pub fn info(&mut self) -> Value {
        let asset2 = json!({"currency": "USD", "issuer": self.gw.address()});
        self.lab.rpc(
            "amm_info",
            json!({"asset": {"currency": "XRP"}, "asset2": asset2}),
        )
    }

    /// The pool as rippled's `expectBalances` reads it: XRP drops, USD and LP-token values.
    pub fn balances(&mut self) -> (String, String, String) {
        let info = self.info();
        let amm = &info["amm"];
        (
            amm["amount"].as_str().unwrap_or_default().to_owned(),
            amm["amount2"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            amm["lp_token"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    }

    /// Asserts the pool holds `drops` XRP, `usd` USD and has `lpt` LP tokens out.
    pub fn expect_balances(&mut self, drops: u64, usd: &str, lpt: &str) {
        assert_eq!(
            self.balances(),
            (drops.to_string(), usd.to_owned(), lpt.to_owned())
        );
    }

    /// An LP-token amount of this pool.
    pub fn lpt(&mut self, value: &str) -> Value {
        let mut t = self.info()["amm"]["lp_token"].clone();
        t["value"] = json!(value);
        t
    }

    /// `who`'s LP tokens ("0" without a line).
    pub fn lp_tokens(&mut self, who: &Wallet) -> String {
        let account = self.info()["amm"]["account"].clone();
        let lines = self
            .lab
            .rpc("account_lines", json!({"account": who.address()}));
        lines["lines"]
            .as_array()
            .and_then(|ls| ls.iter().find(|l| l["account"] == account))
            .map_or("0".into(), |l| {
                l["balance"].as_str().unwrap_or("0").to_owned()
            })
    }

    fn tx(&self, kind: &str, flags: u32, fields: Value) -> Value {
        let mut tx = json!({"TransactionType": kind, "Asset": {"currency": "XRP"},
                            "Asset2": {"currency": "USD", "issuer": self.gw.address()},
                            "Flags": flags});
        for (k, v) in fields.as_object().into_iter().flatten() {
            tx[k] = v.clone();
        }
        tx
    }

    pub fn deposit(&mut self, who: &Wallet, flags: u32, fields: Value) -> Ter {
        let tx = self.tx("AMMDeposit", flags, fields);
        self.lab.submit(who, tx).result
    }

    pub fn withdraw(&mut self, who: &Wallet, flags: u32, fields: Value) -> Ter {
        let tx = self.tx("AMMWithdraw", flags, fields);
        self.lab.submit(who, tx).result
    }

    /// Deposits `tokens` LP tokens' worth of both assets (`tfLPToken`).
    pub fn deposit_tokens(&mut self, who: &Wallet, tokens: &str) {
        let t = self.lpt(tokens);
        assert_eq!(
            self.deposit(who, TF_LP_TOKEN, json!({"LPTokenOut": t})),
            Ter::tesSUCCESS
        );
    }
}

/// The gateway.
pub fn gw_wallet() -> Wallet {
    Wallet::ed(90)
}

/// Alice, who created the pool.
pub fn alice_wallet() -> Wallet {
    Wallet::ed(91)
}

/// Carol, who joins it.
pub fn carol_wallet() -> Wallet {
    Wallet::ed(92)
}

pub mod clob;
pub mod decimal;
pub mod fib;
pub mod xls30;
