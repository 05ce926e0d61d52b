//! Wallets and funding: the first steps of almost every module.
//!
//! The learner's wallet is the one in `wallet.json` in the home directory (created on first use,
//! 0600). The issuer wallet is written to the workspace like the original does, so a learner can
//! inspect it; every other helper wallet lives only in the run.

use super::ActionCx;
use super::support::{drops_to_xrp_text, new_wallet, wallet_from_seed};
use crate::blocking::on_blocking_pool;
use crate::lab_error::LabError;
use crate::runner::context::Wallet;
use crate::workspace::{Seed, WalletFile, WorkspaceError, write_atomic};

fn wallet_file(wallet: &Wallet, seed: String) -> WalletFile {
    WalletFile {
        address: wallet.address.clone(),
        seed: Seed::new(seed),
        public_key: wallet.keys.public_key().to_hex(),
    }
}

/// The practice account's wallet file in the workspace.
const PRACTICE_WALLET: &str = "practice_wallet.json";

const TESTNET_ONLY: &str = "This wallet is for TESTNET use only. Never use xrpl-lab wallets on mainnet — seeds are stored in plaintext.";

/// Loads the learner's wallet, or creates and saves one.
pub async fn ensure_wallet(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let home = cx.files.home.clone();
    let loaded = {
        let home = home.clone();
        on_blocking_pool(move || WalletFile::load(&home)).await?
    };
    match loaded {
        Ok(file) => {
            let wallet = wallet_from_seed(file.seed.expose())?;
            cx.say(format!("  Wallet loaded: {}", wallet.address));
            remember_learner(cx, &wallet.address).await?;
            cx.run.learner = Some(wallet);
            return Ok(());
        }
        Err(WorkspaceError::NoWallet) => {}
        Err(other) => return Err(other.to_lab_error()),
    }
    cx.say("  No wallet found. Creating a new one...");
    cx.say(TESTNET_ONLY);
    let (wallet, seed) = new_wallet()?;
    let file = wallet_file(&wallet, seed);
    let saving_home = home.clone();
    on_blocking_pool(move || file.save_new(&saving_home))
        .await?
        .map_err(|e| e.to_lab_error())?;
    let path = home.wallet_path();
    cx.say(format!("  Wallet created: {}", wallet.address));
    cx.say(format!("  Saved to: {}", path.display()));
    cx.say("  Keep this file private: its seed controls the account.");
    remember_learner(cx, &wallet.address).await?;
    cx.run.learner = Some(wallet);
    Ok(())
}

async fn remember_learner(cx: &ActionCx<'_>, address: &str) -> Result<(), LabError> {
    let wallet_path = cx.files.home.wallet_path().display().to_string();
    let address = address.to_string();
    let state = cx.files.state.clone();
    on_blocking_pool(move || {
        state.update(|state| {
            state.wallet_address = Some(address);
            state.wallet_path = Some(wallet_path);
        })
    })
    .await?
    .map_err(|e| e.to_lab_error())
}

/// Writes a run wallet into the workspace (0600, replacing any earlier one), off the executor.
async fn save_workspace_wallet(
    cx: &ActionCx<'_>,
    name: &'static str,
    file: WalletFile,
) -> Result<(), LabError> {
    let ws = cx.files.workspace.clone();
    on_blocking_pool(move || {
        ws.ensure()?;
        write_atomic(
            &ws.dir().join(name),
            file.to_file_text().as_bytes(),
            0o600,
            "wallet",
        )
    })
    .await?
    .map_err(|e| e.to_lab_error())
}

/// Makes sure the learner's account exists with XRP, asking the faucet when it does not.
pub async fn ensure_funded(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let Some(address) = cx.run.learner.as_ref().map(|w| w.address.clone()) else {
        return Ok(());
    };
    let balance = cx
        .client
        .balance_drops(&address)
        .await
        .map_err(|e| e.to_lab_error())?;
    if balance > 0 {
        cx.say(format!("  Balance: {} XRP", drops_to_xrp_text(balance)));
        return Ok(());
    }
    cx.say("  Requesting funds from the faucet...");
    fund(cx, &address).await?;
    let balance = cx
        .client
        .balance_drops(&address)
        .await
        .map_err(|e| e.to_lab_error())?;
    cx.say(format!(
        "  Funded! Balance: {} XRP",
        drops_to_xrp_text(balance)
    ));
    Ok(())
}

/// Creates the issuer wallet of a token lesson and saves it in the workspace.
pub async fn create_issuer_wallet(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.say(TESTNET_ONLY);
    let (wallet, seed) = new_wallet()?;
    // Overwritten every run, like the original: the issuer of a lesson is disposable.
    save_workspace_wallet(cx, "issuer_wallet.json", wallet_file(&wallet, seed)).await?;
    cx.say(format!("  Issuer wallet created: {}", wallet.address));
    cx.run.issuer = Some(wallet);
    Ok(())
}

/// The learner's practice account: the destination of "send to yourself" lessons.
///
/// A payment to one's own account is malformed on the XRPL (`temREDUNDANT`), so the lab keeps a
/// second wallet of the learner's in the workspace (`practice_wallet.json`, 0600) and pays that.
/// It is created on first use; the first payment to it (at least the base reserve) creates the
/// account on the ledger.
pub async fn practice_account(cx: &mut ActionCx<'_>) -> Result<String, LabError> {
    if let Some(wallet) = cx.run.others.get("practice") {
        return Ok(wallet.address.clone());
    }
    let path = cx.files.workspace.dir().join(PRACTICE_WALLET);
    let wallet = match on_blocking_pool(move || WalletFile::load_from(&path)).await? {
        Ok(file) => wallet_from_seed(file.seed.expose())?,
        Err(_) => {
            let (wallet, seed) = new_wallet()?;
            save_workspace_wallet(cx, PRACTICE_WALLET, wallet_file(&wallet, seed)).await?;
            wallet
        }
    };
    let address = wallet.address.clone();
    cx.run.others.insert("practice".into(), wallet);
    Ok(address)
}

/// A new wallet for this run only (never written to disk), playing `role`, funded from the
/// faucet; returns its address and balance in drops.
pub async fn funded_run_wallet(
    cx: &mut ActionCx<'_>,
    role: &str,
) -> Result<(String, u64), LabError> {
    cx.say(TESTNET_ONLY);
    let (wallet, _seed) = new_wallet()?;
    let address = wallet.address.clone();
    cx.run.others.insert(role.into(), wallet);
    fund(cx, &address).await?;
    let balance = cx
        .client
        .balance_drops(&address)
        .await
        .map_err(|e| e.to_lab_error())?;
    Ok((address, balance))
}

/// Funds the issuer wallet from the faucet.
pub async fn fund_issuer(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let Some(address) = cx.run.issuer.as_ref().map(|w| w.address.clone()) else {
        cx.say("No issuer wallet found. Run the previous step first.");
        return Ok(());
    };
    fund(cx, &address).await?;
    let balance = cx
        .client
        .balance_drops(&address)
        .await
        .map_err(|e| e.to_lab_error())?;
    cx.say(format!(
        "  Issuer funded! Balance: {} XRP",
        drops_to_xrp_text(balance)
    ));
    Ok(())
}

/// One faucet request, with the original's rate-limit behaviour: a 429 aborts the step with
/// its structured error (the learner must wait), other failures too.
pub async fn fund(cx: &ActionCx<'_>, address: &str) -> Result<(), LabError> {
    cx.client
        .transport()
        .fund(address)
        .await
        .map(|_| ())
        .map_err(|e| e.to_lab_error())
}
