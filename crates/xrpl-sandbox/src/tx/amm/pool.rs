//! An AMM pool inside a view: its object, its pseudo-account, the two pool balances as a
//! transaction sees them, LP-token holdings, the checks every AMM amount field passes, and
//! moving assets and LP tokens in and out (creating the trust lines they need).

use super::number::Number;
use crate::apply::funds::account_send;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::amm::Amm;
use crate::ledger::entry::LedgerEntry;
use crate::proto::{AccountId, Hash256, keylet, sha512_half};
use crate::result::Ter;
use crate::tx::fields::{Amount, Drops, IouValue, Issue, IssuedAmount, TxFields};
use xrpl_proto::amount::{Currency, Rounding};

/// The first byte of every LP-token currency code.
const LP_CURRENCY_MARKER: u8 = 0x03;

/// The LP token's currency for a pair: 0x03 then the first 19 bytes of
/// SHA-512Half(smaller currency ‖ larger currency), as rippled's `ammLPTCurrency`.
pub fn lp_currency(a: &Currency, b: &Currency) -> Currency {
    let (min, max) = if a <= b { (a, b) } else { (b, a) };
    let hash = sha512_half(&[min.as_bytes(), max.as_bytes()]);
    let mut bytes = [0u8; 20];
    bytes[0] = LP_CURRENCY_MARKER;
    bytes[1..].copy_from_slice(&hash.as_bytes()[..19]);
    Currency::from_bytes(bytes)
}

/// A fresh pseudo-account id for the pool at `amm_key`: the first of 256 candidates
/// ripemd160(sha256(SHA-512Half(i ‖ ledger facts ‖ key))) that is not taken. rippled mixes in the
/// parent ledger hash, which this engine's view does not carry; it uses the sequence and parent
/// close time instead, so ids are unique here but not rippled's.
pub fn pseudo_account(view: &ApplyView<'_>, amm_key: &Hash256) -> Option<AccountId> {
    (0u16..256).find_map(|i| {
        let hash = sha512_half(&[
            &i.to_be_bytes(),
            &view.ctx.ledger_seq.to_be_bytes(),
            &view.ctx.parent_close_time.to_be_bytes(),
            amm_key.as_bytes(),
        ]);
        let id = AccountId::from_public_key(hash.as_bytes());
        view.account(&id).is_none().then_some(id)
    })
}

/// Reads an `Issue` field (`{"currency": "XRP"}` or `{"currency", "issuer"}`).
pub fn read_issue(tx: TxFields<'_>, name: &str) -> Result<Issue, Ter> {
    let value = tx.json().get(name).ok_or(Ter::temMALFORMED)?;
    let code = value
        .get("currency")
        .and_then(|c| c.as_str())
        .ok_or(Ter::temMALFORMED)?;
    let currency = Currency::from_code(code).map_err(|_| Ter::temBAD_CURRENCY)?;
    if currency.is_xrp() {
        return Ok(Issue::XRP);
    }
    let issuer = value
        .get("issuer")
        .and_then(|i| i.as_str())
        .and_then(crate::proto::decode_address)
        .ok_or(Ter::temBAD_ISSUER)?;
    Ok(Issue::new(currency, issuer))
}

/// The asset of an amount (MPTs are not pooled).
pub fn issue_of(amount: &Amount) -> Option<Issue> {
    match amount {
        Amount::Xrp(_) => Some(Issue::XRP),
        Amount::Issued(a) => Some(a.issue),
        Amount::Mpt(_) => None,
    }
}

/// The pool for `a`/`b`, with its key.
pub fn read_amm(view: &ApplyView<'_>, a: &Issue, b: &Issue) -> Option<(Hash256, Amm)> {
    let key = keylet::amm(a, b);
    match view.read(&key)? {
        LedgerEntry::Amm(amm) => Some((key, amm.clone())),
        _ => None,
    }
}

/// Writes the pool back.
pub fn put_amm(view: &mut ApplyView<'_>, key: Hash256, amm: Amm) {
    if view.exists(&key) {
        view.update(key, LedgerEntry::Amm(amm));
    } else {
        view.insert(key, LedgerEntry::Amm(amm));
    }
}

/// What `holder` holds of `issue` (XRP: its whole balance; an IOU: its line balance).
pub fn balance_of(view: &ApplyView<'_>, holder: &AccountId, issue: &Issue) -> Amount {
    if issue.is_xrp() {
        let drops = view.account(holder).map_or(0, |a| a.balance as i64);
        return Amount::Xrp(Drops::new(drops).unwrap_or_default());
    }
    let value = if *holder == issue.issuer {
        IouValue::ZERO
    } else {
        trust_line::read(view, holder, &issue.issuer, &issue.currency)
            .map_or(IouValue::ZERO, |l| l.balance_for(holder))
    };
    Amount::Issued(IssuedAmount::new(value, *issue))
}

/// An amount as a Number.
pub fn number(amount: &Amount) -> Number {
    match amount {
        Amount::Xrp(d) => Number::from_i64(d.get()),
        Amount::Issued(a) => Number::from_iou(a.value),
        Amount::Mpt(m) => Number::from_i64(m.value),
    }
}

/// A Number as an amount of `issue`, rounded in `mode` (rippled's `toSTAmount`).
pub fn amount_of(issue: &Issue, value: Number, mode: Rounding) -> Option<Amount> {
    if issue.is_xrp() {
        return Drops::new(value.to_drops(mode)?).ok().map(Amount::Xrp);
    }
    Some(Amount::Issued(IssuedAmount::new(value.to_iou()?, *issue)))
}

/// `amount × frac` rounded in `mode` (rippled's AMM `multiply`).
pub fn multiply(amount: &Amount, frac: Number, mode: Rounding) -> Option<Amount> {
    let issue = issue_of(amount)?;
    amount_of(&issue, number(amount).mul(frac, mode), mode)
}

/// Makes sure `holder` has a trust line to `issuer` for `currency` (the holder owns it).
/// The holder's side starts NoRipple unless it set DefaultRipple, as rippled's `trustCreate`
/// does when a payment opens a line.
pub fn ensure_line(
    view: &mut ApplyView<'_>,
    holder: &AccountId,
    issuer: &AccountId,
    currency: &Currency,
) {
    if trust_line::read(view, holder, issuer, currency).is_none() {
        let ripples = view
            .account(holder)
            .is_some_and(|a| a.has_flag(crate::ledger::account_root::flags::DEFAULT_RIPPLE));
        trust_line::create(view, holder, issuer, currency, |line| {
            if !ripples {
                line.flags |= line.side(holder).no_ripple;
            }
        });
    }
}

/// Moves `amount` from `from` into the pool's account.
pub fn deposit_asset(
    view: &mut ApplyView<'_>,
    from: &AccountId,
    pool: &AccountId,
    amount: &Amount,
) -> Ter {
    if let Amount::Issued(iou) = amount {
        ensure_line(view, pool, &iou.issue.issuer, &iou.issue.currency);
    }
    account_send(view, from, pool, amount)
}

/// Moves `amount` out of the pool's account to `to`.
pub fn withdraw_asset(
    view: &mut ApplyView<'_>,
    pool: &AccountId,
    to: &AccountId,
    amount: &Amount,
) -> Ter {
    if let Amount::Issued(iou) = amount
        && *to != iou.issue.issuer
        && trust_line::read(view, to, &iou.issue.issuer, &iou.issue.currency).is_none()
    {
        return Ter::tecNO_LINE;
    }
    account_send(view, pool, to, amount)
}

/// `holder`'s LP tokens of `amm`.
pub fn lp_held(view: &ApplyView<'_>, amm: &Amm, holder: &AccountId) -> IouValue {
    let currency = amm.lp_token_balance.issue.currency;
    trust_line::read(view, holder, &amm.account, &currency)
        .map_or(IouValue::ZERO, |l| l.balance_for(holder))
}

/// Issues `tokens` LP tokens to `holder` (opening its LP line if needed).
pub fn issue_lp(view: &mut ApplyView<'_>, amm: &Amm, holder: &AccountId, tokens: IouValue) -> Ter {
    let currency = amm.lp_token_balance.issue.currency;
    ensure_line(view, holder, &amm.account, &currency);
    match trust_line::credit(view, &amm.account, holder, &currency, tokens) {
        Ok(()) => Ter::tesSUCCESS,
        Err(ter) => ter,
    }
}

/// Takes `tokens` LP tokens back from `holder`.
pub fn redeem_lp(view: &mut ApplyView<'_>, amm: &Amm, holder: &AccountId, tokens: IouValue) -> Ter {
    let currency = amm.lp_token_balance.issue.currency;
    match trust_line::credit(view, holder, &amm.account, &currency, tokens) {
        Ok(()) => Ter::tesSUCCESS,
        Err(ter) => ter,
    }
}

/// The pool as a transaction sees it: balances ordered as the transaction names the assets.
pub struct PoolView {
    /// The AMM object's key.
    pub key: Hash256,
    /// The AMM object.
    pub amm: Amm,
    /// Balance of the transaction's `Asset`.
    pub balance: Amount,
    /// Balance of the transaction's `Asset2`.
    pub balance2: Amount,
}

impl PoolView {
    /// The pool balance in `amount`'s asset, and the other one.
    pub fn sides_for(&self, amount: &Amount) -> (&Amount, &Amount) {
        if self.balance2.same_asset(amount) {
            (&self.balance2, &self.balance)
        } else {
            (&self.balance, &self.balance2)
        }
    }

    /// The balances in the order a transaction's `Amount`/`Amount2` name them (rippled's
    /// `ammHolds` with the amounts' issues): `Amount`'s side first when there is one.
    pub fn sides(&self, amount: Option<&Amount>, amount2: Option<&Amount>) -> (Amount, Amount) {
        match (amount, amount2) {
            (Some(a), _) => {
                let (x, y) = self.sides_for(a);
                (*x, *y)
            }
            (None, Some(b)) => {
                let (y, x) = self.sides_for(b);
                (*x, *y)
            }
            (None, None) => (self.balance, self.balance2),
        }
    }
}

/// Loads the pool for `asset`/`asset2` (`terNO_AMM` when there is none).
pub fn load_pool(view: &ApplyView<'_>, asset: &Issue, asset2: &Issue) -> Result<PoolView, Ter> {
    let (key, amm) = read_amm(view, asset, asset2).ok_or(Ter::terNO_AMM)?;
    let balance = balance_of(view, &amm.account, asset);
    let balance2 = balance_of(view, &amm.account, asset2);
    Ok(PoolView {
        key,
        amm,
        balance,
        balance2,
    })
}

/// The fee `account` trades at: the discounted fee while the auction slot is live, for its
/// holder and the accounts its bid authorised (rippled's `getTradingFee`).
pub fn trading_fee(view: &ApplyView<'_>, amm: &Amm, account: &AccountId) -> u16 {
    match &amm.auction_slot {
        Some(slot)
            if view.ctx.parent_close_time < slot.expiration
                && (slot.account == *account || slot.auth_accounts.contains(account)) =>
        {
            slot.discounted_fee
        }
        _ => amm.trading_fee,
    }
}

/// rippled's `invalidAMMAmount`: the asset must be one of `pair` (`temBAD_AMM_TOKENS`), then
/// the value positive — or zero where the mode allows it (`temBAD_AMOUNT`).
pub fn check_amm_amount(
    amount: &Amount,
    pair: Option<(&Issue, &Issue)>,
    zero_allowed: bool,
) -> Result<(), Ter> {
    let issue = issue_of(amount).ok_or(Ter::temBAD_AMM_TOKENS)?;
    if let Some((a, b)) = pair
        && issue != *a
        && issue != *b
    {
        return Err(Ter::temBAD_AMM_TOKENS);
    }
    if amount.is_negative() || (!zero_allowed && amount.is_zero()) {
        return Err(Ter::temBAD_AMOUNT);
    }
    Ok(())
}

/// Pays `amount` out of the pool to a liquidity provider, opening the provider's trust line
/// when it has none (rippled's `accountSend` does). The reserve for that line is checked first,
/// as rippled's fixAMMv1_2 does: free below two owned objects, else the reserve for one more.
pub fn pay_out(
    view: &mut ApplyView<'_>,
    pool: &AccountId,
    to: &AccountId,
    amount: &Amount,
    prior_balance: u64,
) -> Ter {
    if let Amount::Issued(iou) = amount
        && *to != iou.issue.issuer
        && trust_line::read(view, to, &iou.issue.issuer, &iou.issue.currency).is_none()
    {
        let Some(root) = view.account(to) else {
            return Ter::tecINTERNAL;
        };
        let reserve = if root.owner_count < 2 {
            0
        } else {
            view.ctx.fees.account_reserve(root.owner_count + 1)
        };
        if prior_balance.max(root.balance) < reserve {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        ensure_line(view, to, &iou.issue.issuer, &iou.issue.currency);
    }
    account_send(view, pool, to, amount)
}
