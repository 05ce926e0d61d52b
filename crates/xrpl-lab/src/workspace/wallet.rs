//! `wallet.json`: the learner's Testnet key, the one file in the lab that holds a seed.
//!
//! Format as the original: `{"address", "seed", "public_key"}`, indent 2, mode 0600 inside the
//! 0700 home. The seed lives in a [`Seed`] whose `Debug` and `Display` print `***` and which is not
//! `Serialize`: it can only reach disk through this file, and leaves it only to sign.
//!
//! A wallet is never overwritten: `save_new` writes a private temp file and links it into place,
//! which fails if a wallet appeared meanwhile.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::Path;

use serde::Deserialize;

use super::error::WorkspaceError;
use super::paths::Home;

/// A secret seed (`s…` / `sEd…`). Shows as `***`; use [`Seed::expose`] only to derive keys.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Seed(String);

impl Seed {
    pub fn new(seed: impl Into<String>) -> Self {
        Self(seed.into())
    }

    /// The seed text, for key derivation and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The contents of `wallet.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct WalletFile {
    pub address: String,
    pub seed: Seed,
    pub public_key: String,
}

impl WalletFile {
    /// A fresh Testnet wallet: an ed25519 seed from the OS's randomness (as xrpl-py's default),
    /// its public key (upper-case hex) and classic address.
    pub fn generate() -> Result<Self, WorkspaceError> {
        let seed = xrpl_proto::seed::Seed::generate(xrpl_proto::seed::Algorithm::Ed25519)
            .map_err(|_| WorkspaceError::KeyGeneration)?;
        let keys = xrpl_proto::keys::KeyPair::from_seed(&seed)
            .map_err(|_| WorkspaceError::KeyGeneration)?;
        Ok(Self {
            address: keys.account_id().to_classic(),
            seed: Seed::new(seed.encode()),
            public_key: keys.public_key().to_hex(),
        })
    }

    /// The key pair that controls this wallet's address, derived from the seed. Wallet files of
    /// older xrpl-py versions (an `s…` seed with an ed25519 address) are handled by the proto
    /// layer's fallback.
    pub fn key_pair(&self) -> Result<xrpl_proto::keys::KeyPair, WorkspaceError> {
        let seed = xrpl_proto::seed::Seed::decode(self.seed.expose())
            .map_err(|_| WorkspaceError::WalletUnreadable)?;
        let account = xrpl_proto::address::AccountId::from_classic(&self.address)
            .map_err(|_| WorkspaceError::WalletUnreadable)?;
        xrpl_proto::keys::KeyPair::from_seed_for_account(&seed, &account)
            .map_err(|_| WorkspaceError::WalletUnreadable)
    }

    /// Loads `home/wallet.json`: `STATE_NO_WALLET` when missing, `STATE_WALLET_UNREADABLE` when it
    /// is not a wallet.
    pub fn load(home: &Home) -> Result<Self, WorkspaceError> {
        Self::load_from(&home.wallet_path())
    }

    pub fn load_from(path: &Path) -> Result<Self, WorkspaceError> {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(WorkspaceError::NoWallet);
            }
            Err(_) => return Err(WorkspaceError::WalletUnreadable),
        };
        let wallet: WalletFile =
            serde_json::from_slice(&bytes).map_err(|_| WorkspaceError::WalletUnreadable)?;
        if wallet.seed.expose().is_empty() || wallet.address.is_empty() {
            return Err(WorkspaceError::WalletUnreadable);
        }
        Ok(wallet)
    }

    pub fn exists(home: &Home) -> bool {
        home.wallet_path().exists()
    }

    /// The file text, as the original writes it (indent 2, no trailing newline).
    pub fn to_file_text(&self) -> String {
        // Hand-built so the seed never passes through a general-purpose serialiser.
        format!(
            "{{\n  \"address\": {},\n  \"seed\": {},\n  \"public_key\": {}\n}}",
            json_str(&self.address),
            json_str(self.seed.expose()),
            json_str(&self.public_key)
        )
    }

    /// Writes `home/wallet.json` (0600, home 0700) unless a wallet is already there.
    pub fn save_new(&self, home: &Home) -> Result<(), WorkspaceError> {
        home.ensure()?;
        self.save_new_at(&home.wallet_path())
    }

    /// Writes a wallet file at `path` unless one exists; the parent must exist.
    pub fn save_new_at(&self, path: &Path) -> Result<(), WorkspaceError> {
        if path.exists() {
            return Err(WorkspaceError::WalletExists);
        }
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
        let dir = dir.unwrap_or(Path::new("."));
        // tempfile creates the file 0600 on POSIX, so the seed is never readable by others.
        let mut tmp = tempfile::Builder::new()
            .prefix(".wallet-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| WorkspaceError::io("write", "wallet file", e))?;
        tmp.write_all(self.to_file_text().as_bytes())
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| WorkspaceError::io("write", "wallet file", e))?;
        // `persist_noclobber` links the finished file into place and fails if a wallet appeared.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WorkspaceError::WalletExists
            } else {
                WorkspaceError::io("write", "wallet file", e.error)
            }
        })?;
        Ok(())
    }
}

fn json_str(s: &str) -> String {
    super::canonical_json::python_dumps(
        &serde_json::Value::String(s.to_string()),
        super::canonical_json::Layout::CANONICAL,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> WalletFile {
        WalletFile {
            address: "rExampleAddress".into(),
            seed: Seed::new("sEdSECRETSEEDVALUE"),
            public_key: "ED01".into(),
        }
    }

    #[test]
    fn debug_never_shows_the_seed() {
        let text = format!("{:?} {}", sample(), sample().seed);
        assert!(!text.contains("SECRETSEED"), "{text}");
        assert!(text.contains("***"));
    }

    #[test]
    fn save_load_round_trip_and_no_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let home = Home::at(tmp.path().join("h"));
        assert_eq!(
            WalletFile::load(&home).unwrap_err().code(),
            "STATE_NO_WALLET"
        );
        sample().save_new(&home).unwrap();
        let text = fs::read_to_string(home.wallet_path()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["address", "seed", "public_key"]);
        assert_eq!(WalletFile::load(&home).unwrap(), sample());
        let mut other = sample();
        other.address = "rOther".into();
        assert_eq!(
            other.save_new(&home).unwrap_err().code(),
            "STATE_WALLET_EXISTS"
        );
        assert_eq!(WalletFile::load(&home).unwrap().address, "rExampleAddress");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&home.wallet_path()), 0o600);
            assert_eq!(mode(home.dir()), 0o700);
        }
    }

    #[test]
    fn generated_wallets_are_real_and_distinct() {
        let a = WalletFile::generate().unwrap();
        let b = WalletFile::generate().unwrap();
        assert_ne!(a.address, b.address);
        assert!(a.address.starts_with('r'));
        assert!(a.seed.expose().starts_with("sEd"));
        assert!(a.public_key.starts_with("ED") && a.public_key.len() == 66);
        let keys = a.key_pair().unwrap();
        assert_eq!(keys.public_key().to_hex(), a.public_key);
    }

    #[test]
    fn a_file_that_is_not_a_wallet_is_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let home = Home::at(tmp.path());
        fs::write(home.wallet_path(), "{\"address\": 1}").unwrap();
        assert_eq!(
            WalletFile::load(&home).unwrap_err().code(),
            "STATE_WALLET_UNREADABLE"
        );
    }
}
