//! `xrpl-lab tx …`: learner utilities for transactions, JSON in on stdin, JSON out.
//!
//! `encode` and `decode` show what the binary codec makes of a transaction; `sign` turns a
//! complete transaction JSON into the `{"tx_blob","hash","tx_json"}` a `submit` takes; `hash`
//! gives the id of a signed blob. They let a learner see each step the lab performs for them. The
//! seed for `sign` comes from a file (a bare seed or a wallet JSON) or, with `--seed-file -`, from
//! the first line of stdin — never from argv.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};
use xrpl_proto::codec;
use xrpl_proto::hash::transaction_id;
use xrpl_proto::sign::{SignError, sign_transaction};

use super::keys::{UtilityError, emit, key_pair_from_secret_text, read_file, read_stdin};

#[derive(Debug, Subcommand)]
pub enum TxCommand {
    /// Read a transaction JSON on stdin; print {"tx_blob"} (its canonical binary form, hex).
    Encode,
    /// Print the JSON of a hex blob (given, or read from stdin: hex, or JSON with "tx_blob").
    Decode {
        /// The blob in hex; read from stdin when absent.
        blob: Option<String>,
    },
    /// Sign the transaction JSON on stdin; print {"tx_blob","hash","tx_json"}.
    Sign {
        /// File holding the seed or a wallet JSON; `-` reads the seed from stdin's first line
        /// (the transaction follows it).
        #[arg(long, value_name = "FILE")]
        seed_file: PathBuf,
    },
    /// Print {"hash"}: the id of a signed blob (given, or read from stdin like `decode`).
    Hash {
        /// The signed blob in hex; read from stdin when absent.
        blob: Option<String>,
    },
}

pub fn run(command: TxCommand) -> ExitCode {
    emit(match command {
        TxCommand::Encode => encode(),
        TxCommand::Decode { blob } => decode(blob),
        TxCommand::Sign { seed_file } => sign(&seed_file),
        TxCommand::Hash { blob } => hash(blob),
    })
}

fn encode() -> Result<Value, UtilityError> {
    let tx = parse_transaction(&read_stdin("the transaction JSON on stdin")?)?;
    Ok(json!({ "tx_blob": codec::encode_hex(&tx).map_err(codec_error)? }))
}

fn decode(blob: Option<String>) -> Result<Value, UtilityError> {
    let bytes = blob_bytes(blob)?;
    codec::decode(&bytes).map_err(codec_error)
}

fn hash(blob: Option<String>) -> Result<Value, UtilityError> {
    let bytes = blob_bytes(blob)?;
    // Only a well-formed transaction has an id worth printing.
    codec::decode(&bytes).map_err(codec_error)?;
    Ok(json!({ "hash": transaction_id(&bytes).to_hex() }))
}

fn sign(seed_file: &std::path::Path) -> Result<Value, UtilityError> {
    let (secret, transaction) = if seed_file.as_os_str() == "-" {
        let input = read_stdin("the seed and transaction on stdin")?;
        let input = input.trim_start();
        let (seed, rest) = input.split_once('\n').unwrap_or((input, ""));
        (seed.to_owned(), rest.to_owned())
    } else {
        (
            read_file(seed_file, "the seed file")?,
            read_stdin("the transaction JSON on stdin")?,
        )
    };
    let keys = key_pair_from_secret_text(&secret)?;
    let tx = parse_transaction(&transaction)?;
    let signed = sign_transaction(&tx, &keys).map_err(|err| match err {
        SignError::Codec(err) => codec_error(err),
        other => UtilityError::Input(other.to_string()),
    })?;
    Ok(serde_json::to_value(signed)?)
}

fn parse_transaction(text: &str) -> Result<Value, UtilityError> {
    if text.trim().is_empty() {
        return Err(UtilityError::Empty {
            what: "the transaction JSON".into(),
        });
    }
    let tx: Value = serde_json::from_str(text)?;
    if !tx.is_object() {
        return Err(UtilityError::Input(
            "the transaction must be a JSON object".into(),
        ));
    }
    Ok(tx)
}

fn blob_bytes(blob: Option<String>) -> Result<Vec<u8>, UtilityError> {
    let text = match blob {
        Some(blob) => blob,
        None => {
            let input = read_stdin("the blob on stdin")?;
            // The output of `tx encode` or `tx sign` piped in: take its `tx_blob`.
            if input.trim_start().starts_with('{') {
                let output: Value = serde_json::from_str(&input)?;
                output
                    .get("tx_blob")
                    .and_then(Value::as_str)
                    .ok_or_else(|| {
                        UtilityError::Input("the JSON on stdin has no \"tx_blob\"".into())
                    })?
                    .to_owned()
            } else {
                input
            }
        }
    };
    let text = text.trim();
    // Accept a blob pasted with surrounding quotes, as copied from JSON.
    let text = text.trim_matches('"');
    hex::decode(text).map_err(|_| UtilityError::Input("the blob is not hex".into()))
}

fn codec_error(err: codec::CodecError) -> UtilityError {
    UtilityError::Input(format!("invalid transaction: {err}"))
}
