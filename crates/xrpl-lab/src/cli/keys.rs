//! `xrpl-lab keys …`: learner utilities for seeds and key pairs, JSON out.
//!
//! `keys derive` reads a seed on stdin (a bare `s…`/`sEd…` seed or a wallet file's JSON) and
//! prints the account it controls; `keys generate` makes a new seed and prints it once, with its
//! address, because handing the learner a new seed is the whole point of that command. Seeds are
//! never taken from argv (they would land in shell history and `ps`), and no private key is ever
//! printed. This file also holds the small stdin/stdout plumbing the `tx` utilities share.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};
use thiserror::Error;
use xrpl_proto::address::AccountId;
use xrpl_proto::keys::{KeyError, KeyPair};
use xrpl_proto::seed::{Algorithm, Seed, SeedError};

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Read a seed on stdin; print {"address","public_key","algorithm"} (never the private key).
    Derive,
    /// Make a new seed from OS randomness; print {"seed","address","public_key","algorithm"}.
    Generate {
        /// Signature algorithm of the new seed.
        #[arg(long, value_enum, default_value_t = AlgorithmArg::Ed25519)]
        algorithm: AlgorithmArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AlgorithmArg {
    Ed25519,
    Secp256k1,
}

impl From<AlgorithmArg> for Algorithm {
    fn from(arg: AlgorithmArg) -> Self {
        match arg {
            AlgorithmArg::Ed25519 => Algorithm::Ed25519,
            AlgorithmArg::Secp256k1 => Algorithm::Secp256k1,
        }
    }
}

/// Why a `keys`/`tx` utility failed: printed as one line on stderr, exit code 1.
#[derive(Debug, Error)]
pub enum UtilityError {
    #[error("cannot read {what}: {source}")]
    Read {
        what: String,
        #[source]
        source: io::Error,
    },
    #[error("{what} is empty")]
    Empty { what: String },
    #[error("invalid JSON on stdin: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Seed(#[from] SeedError),
    #[error("{0}")]
    Key(#[from] KeyError),
    #[error("wallet file: `address` is not a classic address")]
    WalletAddress,
    #[error("{0}")]
    Input(String),
}

pub fn run(command: KeysCommand) -> ExitCode {
    emit(match command {
        KeysCommand::Derive => derive(),
        KeysCommand::Generate { algorithm } => generate(algorithm.into()),
    })
}

fn derive() -> Result<Value, UtilityError> {
    let text = read_stdin("the seed on stdin")?;
    let pair = key_pair_from_secret_text(&text)?;
    Ok(describe(&pair))
}

fn generate(algorithm: Algorithm) -> Result<Value, UtilityError> {
    let (seed, pair) = KeyPair::generate(algorithm)?;
    let mut out = json!({ "seed": seed.encode() });
    if let (Value::Object(out), Value::Object(public)) = (&mut out, describe(&pair)) {
        out.extend(public);
    }
    Ok(out)
}

/// The public description of a key pair.
fn describe(pair: &KeyPair) -> Value {
    json!({
        "address": pair.account_id().to_classic(),
        "public_key": pair.public_key().to_hex(),
        "algorithm": pair.algorithm().as_str(),
    })
}

/// A key pair from a bare seed or from a wallet file's JSON (`{"address","seed",…}`). With a
/// stored address, the pair must control it (trying the other algorithm for wallets written by
/// the xrpl-py 4 era, which read every seed as ed25519).
pub(super) fn key_pair_from_secret_text(text: &str) -> Result<KeyPair, UtilityError> {
    let text = text.trim();
    if text.starts_with('{') {
        let wallet: Value = serde_json::from_str(text)?;
        let seed = wallet
            .get("seed")
            .and_then(Value::as_str)
            .ok_or_else(|| UtilityError::Input("wallet JSON has no \"seed\" string".into()))?;
        let seed = Seed::decode(seed)?;
        return match wallet.get("address").and_then(Value::as_str) {
            Some(address) => {
                let expected: AccountId =
                    address.parse().map_err(|_| UtilityError::WalletAddress)?;
                Ok(KeyPair::from_seed_for_account(&seed, &expected)?)
            }
            None => Ok(KeyPair::from_seed(&seed)?),
        };
    }
    Ok(KeyPair::from_seed(&Seed::decode(text)?)?)
}

/// All of stdin as text; `what` names it in errors.
pub(super) fn read_stdin(what: &str) -> Result<String, UtilityError> {
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .map_err(|source| UtilityError::Read {
            what: what.to_owned(),
            source,
        })?;
    if text.trim().is_empty() {
        return Err(UtilityError::Empty {
            what: what.to_owned(),
        });
    }
    Ok(text)
}

/// A whole file as text. Errors name the file, never its content.
pub(super) fn read_file(path: &Path, what: &str) -> Result<String, UtilityError> {
    std::fs::read_to_string(path).map_err(|source| UtilityError::Read {
        what: format!("{what} {}", path.display()),
        source,
    })
}

/// Prints the result as pretty JSON on stdout (exit 0), or its error as one line on stderr
/// (exit 1).
pub(super) fn emit(result: Result<Value, UtilityError>) -> ExitCode {
    match result {
        Ok(value) => {
            let mut stdout = io::stdout().lock();
            // serde_json cannot fail on a Value; a closed pipe is the reader's choice.
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
