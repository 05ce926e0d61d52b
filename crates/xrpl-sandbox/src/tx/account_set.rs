//! AccountSet: an account's flags (`asf…` and the legacy `tf…` forms) and settings
//! (Domain, EmailHash, MessageKey, TransferRate, TickSize — which `tx/offer/tick_size.rs` applies
//! to offers in the account's tokens).
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/accountset>.

use super::fields::TxFields;
use super::offer::tick_size::{MAX_TICK_SIZE, MIN_TICK_SIZE};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::proto::keylet;
use crate::result::Ter;

/// `asf…` values for SetFlag/ClearFlag.
pub mod asf {
    /// Require a destination tag on incoming payments.
    pub const REQUIRE_DEST: u32 = 1;
    /// Require authorisation of trust lines.
    pub const REQUIRE_AUTH: u32 = 2;
    /// Discourage XRP payments (advisory).
    pub const DISALLOW_XRP: u32 = 3;
    /// Disable the master key.
    pub const DISABLE_MASTER: u32 = 4;
    /// Track the last transaction id (accepted, not tracked here).
    pub const ACCOUNT_TXN_ID: u32 = 5;
    /// Give up freezing, permanently.
    pub const NO_FREEZE: u32 = 6;
    /// Freeze everything issued.
    pub const GLOBAL_FREEZE: u32 = 7;
    /// Ripple by default on new trust lines.
    pub const DEFAULT_RIPPLE: u32 = 8;
    /// Deposit authorisation.
    pub const DEPOSIT_AUTH: u32 = 9;
    /// Allow clawing back issued tokens (only before issuing any).
    pub const ALLOW_TRUST_LINE_CLAWBACK: u32 = 16;
}

const TF_REQUIRE_DEST_TAG: u32 = 0x0001_0000;
const TF_OPTIONAL_DEST_TAG: u32 = 0x0002_0000;
const TF_REQUIRE_AUTH: u32 = 0x0004_0000;
const TF_OPTIONAL_AUTH: u32 = 0x0008_0000;
const TF_DISALLOW_XRP: u32 = 0x0010_0000;
const TF_ALLOW_XRP: u32 = 0x0020_0000;
const ALLOWED_FLAGS: u32 = UNIVERSAL_FLAGS
    | TF_REQUIRE_DEST_TAG
    | TF_OPTIONAL_DEST_TAG
    | TF_REQUIRE_AUTH
    | TF_OPTIONAL_AUTH
    | TF_DISALLOW_XRP
    | TF_ALLOW_XRP;

/// A transfer rate of exactly 1.0 (no fee), in billionths.
pub const QUALITY_ONE: u32 = 1_000_000_000;
const MAX_TRANSFER_RATE: u32 = 2 * QUALITY_ONE;
const MAX_DOMAIN_LEN: usize = 256;

/// Which way a flag moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Toggle {
    Set,
    Clear,
    Keep,
}

fn toggle(set: bool, clear: bool) -> Toggle {
    match (set, clear) {
        (true, _) => Toggle::Set,
        (false, true) => Toggle::Clear,
        _ => Toggle::Keep,
    }
}

/// An AccountSet that passed preflight.
#[derive(Debug, Clone)]
pub struct AccountSet {
    set_flag: u32,
    clear_flag: u32,
    require_auth: Toggle,
    require_dest: Toggle,
    disallow_xrp: Toggle,
    domain: Option<Vec<u8>>,
    email_hash: Option<[u8; 16]>,
    message_key: Option<Vec<u8>>,
    transfer_rate: Option<u32>,
    tick_size: Option<u8>,
}

impl Transactor for AccountSet {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !ALLOWED_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let set_flag = tx.u32("SetFlag")?.unwrap_or(0);
        let clear_flag = tx.u32("ClearFlag")?.unwrap_or(0);
        if set_flag != 0 && set_flag == clear_flag {
            return Err(Ter::temINVALID_FLAG);
        }
        let pair = |tf_set: u32, tf_clear: u32, asf_flag: u32| -> Result<Toggle, Ter> {
            let set = flags & tf_set != 0 || set_flag == asf_flag;
            let clear = flags & tf_clear != 0 || clear_flag == asf_flag;
            if set && clear {
                return Err(Ter::temINVALID_FLAG);
            }
            Ok(toggle(set, clear))
        };
        let require_auth = pair(TF_REQUIRE_AUTH, TF_OPTIONAL_AUTH, asf::REQUIRE_AUTH)?;
        let require_dest = pair(TF_REQUIRE_DEST_TAG, TF_OPTIONAL_DEST_TAG, asf::REQUIRE_DEST)?;
        let disallow_xrp = pair(TF_DISALLOW_XRP, TF_ALLOW_XRP, asf::DISALLOW_XRP)?;

        let transfer_rate = tx.u32("TransferRate")?;
        if let Some(rate) = transfer_rate
            && rate != 0
            && !(QUALITY_ONE..=MAX_TRANSFER_RATE).contains(&rate)
        {
            return Err(Ter::temBAD_TRANSFER_RATE);
        }
        // rippled accepts 3..=16 (`Quality::minTickSize..=maxTickSize`) or 0; xrpl.org's page
        // says 3–15 because 16, every digit, is the same as none.
        let tick_size = tx.u8("TickSize")?;
        if let Some(size) = tick_size
            && size != 0
            && !(MIN_TICK_SIZE..=MAX_TICK_SIZE).contains(&size)
        {
            return Err(Ter::temBAD_TICK_SIZE);
        }
        let domain = tx.blob("Domain")?;
        if domain.as_ref().is_some_and(|d| d.len() > MAX_DOMAIN_LEN) {
            return Err(Ter::telBAD_DOMAIN);
        }
        let email_hash = match tx.blob("EmailHash")? {
            None => None,
            Some(bytes) => Some(<[u8; 16]>::try_from(bytes).map_err(|_| Ter::temMALFORMED)?),
        };
        Ok(AccountSet {
            set_flag,
            clear_flag,
            require_auth,
            require_dest,
            disallow_xrp,
            domain,
            email_hash,
            message_key: tx.blob("MessageKey")?,
            transfer_rate,
            tick_size,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(root) = view.account(&common.account) else {
            return Ter::terNO_ACCOUNT;
        };
        let owns_objects = view.exists(&keylet::owner_dir(&common.account));
        // RequireAuth only protects lines created after it: it can't be turned on once the
        // account owns objects. https://xrpl.org/docs/concepts/tokens/fungible-tokens/authorized-trust-lines
        if self.require_auth == Toggle::Set && !root.has_flag(lsf::REQUIRE_AUTH) && owns_objects {
            return Ter::tecOWNERS;
        }
        // Clawback must be enabled before issuing anything, and never after giving up freeze.
        // https://xrpl.org/docs/references/protocol/transactions/types/clawback
        if self.set_flag == asf::ALLOW_TRUST_LINE_CLAWBACK {
            if root.has_flag(lsf::NO_FREEZE) {
                return Ter::tecNO_PERMISSION;
            }
            if owns_objects {
                return Ter::tecOWNERS;
            }
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(mut root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        let mut flags = root.flags;
        let apply_toggle = |flags: &mut u32, t: Toggle, bit: u32| match t {
            Toggle::Set => *flags |= bit,
            Toggle::Clear => *flags &= !bit,
            Toggle::Keep => {}
        };
        apply_toggle(&mut flags, self.require_auth, lsf::REQUIRE_AUTH);
        apply_toggle(&mut flags, self.require_dest, lsf::REQUIRE_DEST_TAG);
        apply_toggle(&mut flags, self.disallow_xrp, lsf::DISALLOW_XRP);

        if self.set_flag == asf::DISABLE_MASTER {
            if !common.signed_with_master {
                return Ter::tecNEED_MASTER_KEY;
            }
            if root.regular_key.is_none() {
                return Ter::tecNO_ALTERNATIVE_KEY;
            }
            flags |= lsf::DISABLE_MASTER;
        }
        if self.clear_flag == asf::DISABLE_MASTER {
            flags &= !lsf::DISABLE_MASTER;
        }
        let simple = [
            (asf::DEFAULT_RIPPLE, lsf::DEFAULT_RIPPLE),
            (asf::DEPOSIT_AUTH, lsf::DEPOSIT_AUTH),
        ];
        for (asf_flag, bit) in simple {
            if self.set_flag == asf_flag {
                flags |= bit;
            }
            if self.clear_flag == asf_flag {
                flags &= !bit;
            }
        }
        if self.set_flag == asf::NO_FREEZE {
            if !common.signed_with_master {
                return Ter::tecNEED_MASTER_KEY;
            }
            flags |= lsf::NO_FREEZE;
        }
        if self.set_flag == asf::GLOBAL_FREEZE {
            flags |= lsf::GLOBAL_FREEZE;
        }
        // After NoFreeze, a global freeze can't be lifted: the issuer promised not to use it
        // strategically. https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes#no-freeze
        if self.set_flag != asf::GLOBAL_FREEZE
            && self.clear_flag == asf::GLOBAL_FREEZE
            && flags & lsf::NO_FREEZE == 0
        {
            flags &= !lsf::GLOBAL_FREEZE;
        }
        if self.set_flag == asf::ALLOW_TRUST_LINE_CLAWBACK {
            flags |= lsf::ALLOW_TRUST_LINE_CLAWBACK;
        }

        if let Some(domain) = &self.domain {
            root.domain = (!domain.is_empty()).then(|| domain.clone());
        }
        if let Some(hash) = self.email_hash {
            root.email_hash = (hash != [0; 16]).then_some(hash);
        }
        if let Some(key) = &self.message_key {
            root.message_key = (!key.is_empty()).then(|| key.clone());
        }
        if let Some(rate) = self.transfer_rate {
            root.transfer_rate = (rate != 0 && rate != QUALITY_ONE).then_some(rate);
        }
        if let Some(size) = self.tick_size {
            root.tick_size = (size != 0 && size != MAX_TICK_SIZE).then_some(size);
        }
        root.flags = flags;
        view.put_account(root);
        Ter::tesSUCCESS
    }
}
