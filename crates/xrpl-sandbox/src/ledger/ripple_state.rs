//! RippleState: a trust line between two accounts in one currency.
//!
//! One object serves both sides. rippled orders the two accounts ("low" < "high") and keeps the
//! balance from the low side's point of view: positive means high owes low (low holds IOUs
//! high issued). Each side has its own limit, flags (reserve, auth, NoRipple, freeze) and
//! directory page. The helpers here give each side its own view so rules read naturally.

use serde_json::{Map, Value};

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address};
use xrpl_proto::amount::{Currency, IouValue};

/// RippleState flags (`lsf…`).
pub mod flags {
    /// The low side holds a reserve for this line.
    pub const LOW_RESERVE: u32 = 0x0001_0000;
    /// The high side holds a reserve for this line.
    pub const HIGH_RESERVE: u32 = 0x0002_0000;
    /// The low side authorised the high side to hold its tokens.
    pub const LOW_AUTH: u32 = 0x0004_0000;
    /// The high side authorised the low side.
    pub const HIGH_AUTH: u32 = 0x0008_0000;
    /// The low side does not ripple through this line.
    pub const LOW_NO_RIPPLE: u32 = 0x0010_0000;
    /// The high side does not ripple through this line.
    pub const HIGH_NO_RIPPLE: u32 = 0x0020_0000;
    /// The low side froze the line.
    pub const LOW_FREEZE: u32 = 0x0040_0000;
    /// The high side froze the line.
    pub const HIGH_FREEZE: u32 = 0x0080_0000;
    /// The line holds one of an AMM pool's assets (set by AMMCreate, for clients that look
    /// for AMM liquidity).
    pub const AMM_NODE: u32 = 0x0100_0000;
}

/// The per-side flags, chosen by which side an account is on.
#[derive(Debug, Clone, Copy)]
pub struct SideFlags {
    /// Reserve.
    pub reserve: u32,
    /// Auth.
    pub auth: u32,
    /// NoRipple.
    pub no_ripple: u32,
    /// Freeze.
    pub freeze: u32,
}

const LOW: SideFlags = SideFlags {
    reserve: flags::LOW_RESERVE,
    auth: flags::LOW_AUTH,
    no_ripple: flags::LOW_NO_RIPPLE,
    freeze: flags::LOW_FREEZE,
};
const HIGH: SideFlags = SideFlags {
    reserve: flags::HIGH_RESERVE,
    auth: flags::HIGH_AUTH,
    no_ripple: flags::HIGH_NO_RIPPLE,
    freeze: flags::HIGH_FREEZE,
};

/// The account rippled writes as the issuer of a trust line's balance ("no account": ACCOUNT_ONE).
fn account_one() -> AccountId {
    let mut bytes = [0u8; 20];
    bytes[19] = 1;
    AccountId::from_bytes(bytes)
}

/// The typed RippleState.
#[derive(Debug, Clone, PartialEq)]
pub struct RippleState {
    /// The lower account id.
    pub low: AccountId,
    /// The higher account id.
    pub high: AccountId,
    /// The currency.
    pub currency: Currency,
    /// Balance from the low side (positive: high owes low).
    pub balance: IouValue,
    /// The most the low side is willing to hold.
    pub low_limit: IouValue,
    /// The most the high side is willing to hold.
    pub high_limit: IouValue,
    /// `lsf…` flags.
    pub flags: u32,
    /// Page of low's owner directory holding it.
    pub low_node: u64,
    /// Page of high's owner directory holding it.
    pub high_node: u64,
    /// Low side's QualityIn (0: 1.0).
    pub low_quality_in: u32,
    /// Low side's QualityOut.
    pub low_quality_out: u32,
    /// High side's QualityIn.
    pub high_quality_in: u32,
    /// High side's QualityOut.
    pub high_quality_out: u32,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl RippleState {
    /// A fresh line between `a` and `b` with zero balance and zero limits.
    pub fn new(a: AccountId, b: AccountId, currency: Currency) -> Self {
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        RippleState {
            low,
            high,
            currency,
            balance: IouValue::ZERO,
            low_limit: IouValue::ZERO,
            high_limit: IouValue::ZERO,
            flags: 0,
            low_node: 0,
            high_node: 0,
            low_quality_in: 0,
            low_quality_out: 0,
            high_quality_in: 0,
            high_quality_out: 0,
            previous_txn: Threading::default(),
        }
    }

    /// True when `account` is the high side.
    pub fn is_high(&self, account: &AccountId) -> bool {
        *account == self.high
    }

    /// The other account.
    pub fn peer_of(&self, account: &AccountId) -> AccountId {
        if self.is_high(account) {
            self.low
        } else {
            self.high
        }
    }

    /// `account`'s side flags.
    pub fn side(&self, account: &AccountId) -> SideFlags {
        if self.is_high(account) { HIGH } else { LOW }
    }

    /// The balance from `account`'s point of view (positive: it holds the peer's IOUs).
    pub fn balance_for(&self, account: &AccountId) -> IouValue {
        if self.is_high(account) {
            -self.balance
        } else {
            self.balance
        }
    }

    /// Sets the balance as seen from `account`.
    pub fn set_balance_for(&mut self, account: &AccountId, value: IouValue) {
        self.balance = if self.is_high(account) { -value } else { value };
    }

    /// `account`'s limit.
    pub fn limit_of(&self, account: &AccountId) -> IouValue {
        if self.is_high(account) {
            self.high_limit
        } else {
            self.low_limit
        }
    }

    /// Sets `account`'s limit.
    pub fn set_limit_of(&mut self, account: &AccountId, value: IouValue) {
        if self.is_high(account) {
            self.high_limit = value;
        } else {
            self.low_limit = value;
        }
    }

    /// `account`'s (QualityIn, QualityOut).
    pub fn qualities_of(&self, account: &AccountId) -> (u32, u32) {
        if self.is_high(account) {
            (self.high_quality_in, self.high_quality_out)
        } else {
            (self.low_quality_in, self.low_quality_out)
        }
    }

    /// Sets `account`'s qualities.
    pub fn set_qualities_of(&mut self, account: &AccountId, quality_in: u32, quality_out: u32) {
        if self.is_high(account) {
            self.high_quality_in = quality_in;
            self.high_quality_out = quality_out;
        } else {
            self.low_quality_in = quality_in;
            self.low_quality_out = quality_out;
        }
    }

    /// True if the flag is set.
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    fn limit_json(&self, account: &AccountId, value: IouValue) -> Value {
        amount_json(&self.currency, account, value)
    }

    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert(
            "Balance",
            amount_json(&self.currency, &account_one(), self.balance),
        );
        f.insert("Flags", Value::from(self.flags));
        f.insert("HighLimit", self.limit_json(&self.high, self.high_limit));
        f.insert("HighNode", Value::String(format!("{:x}", self.high_node)));
        f.insert("LowLimit", self.limit_json(&self.low, self.low_limit));
        f.insert("LowNode", Value::String(format!("{:x}", self.low_node)));
        for (name, value) in [
            ("LowQualityIn", self.low_quality_in),
            ("LowQualityOut", self.low_quality_out),
            ("HighQualityIn", self.high_quality_in),
            ("HighQualityOut", self.high_quality_out),
        ] {
            if value != 0 {
                f.insert(name, Value::from(value));
            }
        }
    }
}

/// An issued amount's JSON form.
pub fn amount_json(currency: &Currency, issuer: &AccountId, value: IouValue) -> Value {
    let mut m = Map::with_capacity(3);
    m.insert("currency".into(), Value::String(currency.to_string()));
    m.insert("issuer".into(), Value::String(encode_address(issuer)));
    m.insert("value".into(), Value::String(value.to_string()));
    Value::Object(m)
}
