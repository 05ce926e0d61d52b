//! The learner utilities `xrpl-lab keys …` and `xrpl-lab tx …`, run as the real binary: JSON in
//! on stdin, JSON out, one line on stderr and exit 1 on bad input, exit 2 on bad usage, and no
//! secret where it does not belong.

use assert_cmd::Command;
use serde_json::Value;

fn lab() -> Command {
    Command::cargo_bin("xrpl-lab").unwrap()
}

fn json_out(output: &std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// One line on stderr, nothing on stdout, exit 1.
fn assert_one_line_failure(output: &std::process::Output) -> String {
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr
}

const ED_SEED: &str = "sEdTM1uX8pu2do5XvTnutH6HsouMaM2";
const ED_ADDRESS: &str = "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL";

#[test]
fn keys_derive_prints_the_public_side_only() {
    let output = lab()
        .args(["keys", "derive"])
        .write_stdin(format!("{ED_SEED}\n"))
        .output()
        .unwrap();
    let out = json_out(&output);
    assert_eq!(out["address"], ED_ADDRESS);
    assert_eq!(
        out["public_key"],
        "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0"
    );
    assert_eq!(out["algorithm"], "ed25519");
    assert_eq!(out.as_object().unwrap().len(), 3);
    assert!(!String::from_utf8_lossy(&output.stdout).contains(ED_SEED));

    let secp = json_out(
        &lab()
            .args(["keys", "derive"])
            .write_stdin("sp6JS7f14BuwFY8Mw6bTtLKWauoUs")
            .output()
            .unwrap(),
    );
    assert_eq!(secp["address"], "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f");
    assert_eq!(secp["algorithm"], "secp256k1");
}

#[test]
fn keys_derive_reads_a_wallet_file_and_honours_its_address() {
    // An xrpl-py 4 era wallet: an s… seed stored with the ed25519 address it derived.
    let wallet = r#"{"address": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7",
        "seed": "sp6JS7f14BuwFY8Mw6bTtLKWauoUs", "public_key": "ignored"}"#;
    let out = json_out(
        &lab()
            .args(["keys", "derive"])
            .write_stdin(wallet)
            .output()
            .unwrap(),
    );
    assert_eq!(out["address"], "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7");
    assert_eq!(out["algorithm"], "ed25519");

    // A wallet whose address the seed does not control fails closed.
    let mismatched =
        format!(r#"{{"address": "{ED_ADDRESS}", "seed": "sp6JS7f14BuwFY8Mw6bTtLKWauoUs"}}"#);
    let output = lab()
        .args(["keys", "derive"])
        .write_stdin(mismatched)
        .output()
        .unwrap();
    let stderr = assert_one_line_failure(&output);
    assert!(stderr.contains(ED_ADDRESS));
    assert!(!stderr.contains("sp6JS7f14BuwFY8Mw6bTtLKWauoUs"));
}

#[test]
fn keys_generate_prints_a_fresh_usable_seed() {
    for (algorithm, prefix) in [("ed25519", "sEd"), ("secp256k1", "s")] {
        let out = json_out(
            &lab()
                .args(["keys", "generate", "--algorithm", algorithm])
                .output()
                .unwrap(),
        );
        let seed = out["seed"].as_str().unwrap();
        assert!(seed.starts_with(prefix));
        assert_eq!(out["algorithm"], algorithm);
        // Deriving the printed seed gives the printed address.
        let derived = json_out(
            &lab()
                .args(["keys", "derive"])
                .write_stdin(seed)
                .output()
                .unwrap(),
        );
        assert_eq!(derived["address"], out["address"]);
        assert_eq!(derived["public_key"], out["public_key"]);
    }
    let a = json_out(&lab().args(["keys", "generate"]).output().unwrap());
    let b = json_out(&lab().args(["keys", "generate"]).output().unwrap());
    assert_ne!(a["seed"], b["seed"]);
    assert_eq!(a["algorithm"], "ed25519");
}

#[test]
fn keys_bad_input_is_one_line_and_exit_1() {
    for input in [
        "sEdTM1uX8pu2do5XvTnutH6HsouMaM3", // checksum
        "sEdTM1uX8pu2do5XvTnutH6Hsou0aM2", // alphabet
        ED_ADDRESS,                        // an address, not a seed
        "",
        "{\"seed\": 5}",
        "{not json",
    ] {
        let output = lab()
            .args(["keys", "derive"])
            .write_stdin(input)
            .output()
            .unwrap();
        let stderr = assert_one_line_failure(&output);
        if input.len() > 10 && !input.starts_with('{') {
            assert!(!stderr.contains(input), "the input is not echoed: {stderr}");
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    let output = lab()
        .args(["keys", "generate", "--algorithm", "ed448"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = lab().args(["keys", "derive", ED_SEED]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "a seed is never an argument");
}

const PAYMENT: &str = r#"{
    "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
    "TransactionType": "Payment",
    "Fee": "12",
    "Sequence": 1,
    "LastLedgerSequence": 1000,
    "Memos": [{"Memo": {"MemoData": "5852504c4c41427c74657374", "MemoType": "746578742f706c61696e"}}],
    "Amount": "10000000",
    "Destination": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7"
}"#;
const SIGNED_HASH: &str = "9656D5DD94398EB8D461C78C6C4D2F96AA754DA14CE3F625ED0CB5AB4C0BBE0C";

fn seed_file(dir: &tempfile::TempDir, content: &str) -> std::path::PathBuf {
    let path = dir.path().join("seed.txt");
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn tx_sign_from_a_seed_file_matches_xrpl_py_and_chains_into_hash_and_decode() {
    let dir = tempfile::tempdir().unwrap();
    let path = seed_file(&dir, &format!("{ED_SEED}\n"));
    let output = lab()
        .args(["tx", "sign", "--seed-file"])
        .arg(&path)
        .write_stdin(PAYMENT)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let signed = json_out(&output);
    assert_eq!(signed["hash"], SIGNED_HASH);
    assert!(
        signed["tx_blob"]
            .as_str()
            .unwrap()
            .starts_with("1200002400000001")
    );
    assert_eq!(
        signed["tx_json"]["SigningPubKey"],
        "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0"
    );
    assert!(
        !stdout.contains(ED_SEED),
        "the seed never reaches the output"
    );

    // `tx hash` of the blob, as an argument and as the piped JSON.
    let blob = signed["tx_blob"].as_str().unwrap();
    let by_arg = json_out(&lab().args(["tx", "hash", blob]).output().unwrap());
    assert_eq!(by_arg["hash"], SIGNED_HASH);
    let by_pipe = json_out(
        &lab()
            .args(["tx", "hash"])
            .write_stdin(stdout.clone())
            .output()
            .unwrap(),
    );
    assert_eq!(by_pipe["hash"], SIGNED_HASH);

    // `tx decode` gives back the signed JSON's fields.
    let decoded = json_out(
        &lab()
            .args(["tx", "decode"])
            .write_stdin(stdout)
            .output()
            .unwrap(),
    );
    assert_eq!(decoded["TxnSignature"], signed["tx_json"]["TxnSignature"]);
    assert_eq!(decoded["Destination"], "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7");
}

#[test]
fn tx_sign_reads_the_seed_from_stdin_or_a_wallet_file() {
    let from_stdin = json_out(
        &lab()
            .args(["tx", "sign", "--seed-file", "-"])
            .write_stdin(format!("{ED_SEED}\n{PAYMENT}"))
            .output()
            .unwrap(),
    );
    assert_eq!(from_stdin["hash"], SIGNED_HASH);

    let dir = tempfile::tempdir().unwrap();
    let wallet = format!(
        r#"{{"address": "{ED_ADDRESS}", "seed": "{ED_SEED}", "public_key": "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0"}}"#
    );
    let path = seed_file(&dir, &wallet);
    let from_wallet = json_out(
        &lab()
            .args(["tx", "sign", "--seed-file"])
            .arg(&path)
            .write_stdin(PAYMENT)
            .output()
            .unwrap(),
    );
    assert_eq!(from_wallet["hash"], SIGNED_HASH);
}

#[test]
fn tx_encode_and_decode_round_trip() {
    let encoded = json_out(
        &lab()
            .args(["tx", "encode"])
            .write_stdin(PAYMENT)
            .output()
            .unwrap(),
    );
    let blob = encoded["tx_blob"].as_str().unwrap();
    assert!(blob.starts_with("120000"));
    let decoded = json_out(&lab().args(["tx", "decode", blob]).output().unwrap());
    let original: Value = serde_json::from_str(PAYMENT).unwrap();
    for field in ["Account", "Destination", "Amount", "Fee", "Sequence"] {
        assert_eq!(decoded[field], original[field], "{field}");
    }
}

#[test]
fn tx_bad_input_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let good_seed = seed_file(&dir, ED_SEED);
    let cases: Vec<(Vec<String>, String)> = vec![
        (vec!["tx".into(), "encode".into()], "{not json".into()),
        (
            vec!["tx".into(), "encode".into()],
            r#"{"Amountt": "1"}"#.into(),
        ),
        (vec!["tx".into(), "encode".into()], "[1, 2]".into()),
        (
            vec!["tx".into(), "decode".into(), "XYZ".into()],
            String::new(),
        ),
        (
            vec!["tx".into(), "decode".into(), "12".into()],
            String::new(),
        ),
        (vec!["tx".into(), "hash".into()], String::new()),
        (
            vec![
                "tx".into(),
                "sign".into(),
                "--seed-file".into(),
                dir.path().join("missing").display().to_string(),
            ],
            PAYMENT.into(),
        ),
        (
            vec![
                "tx".into(),
                "sign".into(),
                "--seed-file".into(),
                good_seed.display().to_string(),
            ],
            r#"{"TransactionType": "Payment", "Amount": 5}"#.into(),
        ),
    ];
    for (args, stdin) in cases {
        let output = lab().args(&args).write_stdin(stdin).output().unwrap();
        let stderr = assert_one_line_failure(&output);
        assert!(!stderr.contains(ED_SEED), "{args:?}: {stderr}");
    }

    // A corrupted seed file: the error says so without echoing it.
    let bad = seed_file(&dir, "sEdTM1uX8pu2do5XvTnutH6HsouMaM3");
    let output = lab()
        .args(["tx", "sign", "--seed-file"])
        .arg(&bad)
        .write_stdin(PAYMENT)
        .output()
        .unwrap();
    let stderr = assert_one_line_failure(&output);
    assert!(stderr.contains("checksum"), "{stderr}");
    assert!(!stderr.contains("sEdTM1uX8pu2do5XvTnutH6HsouMaM3"));
}

#[test]
fn tx_sign_needs_a_seed_file_and_takes_no_seed_argument() {
    let output = lab()
        .args(["tx", "sign"])
        .write_stdin(PAYMENT)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = lab()
        .args(["tx", "sign", "--seed", ED_SEED])
        .write_stdin(PAYMENT)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
