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
