//! Throwaway Python environments for the tests that drive Python tools (xrpl-py as a real XRPL
//! client, Schemathesis as an API fuzzer): one virtualenv per requirements file under the test
//! target directory, rebuilt only when the requirements change, so CI pays for `pip install`
//! once per cache and a failed install never poisons a later run. Test functions run in
//! parallel, so checking and building a venv happen under an exclusive file lock.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `bin/` directory of a virtualenv named `name` holding `requirements`.
pub fn venv_bin(name: &str, requirements: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let venv = root.join(name);
    let bin = venv.join("bin");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(format!("{name}.lock")))
        .unwrap();
    // Held until this function returns: the venv is complete (or untouched) when it is released.
    fs2::FileExt::lock_exclusive(&lock).unwrap();
    let wanted = std::fs::read_to_string(requirements).unwrap();
    let marker = venv.join(".installed-requirements");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return bin;
    }
    let _ = std::fs::remove_dir_all(&venv);
    run_ok(
        Command::new("python3").args(["-m", "venv"]).arg(&venv),
        "python3 -m venv",
    );
    run_ok(
        Command::new(bin.join("python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(requirements),
        "pip install",
    );
    std::fs::write(&marker, wanted).unwrap();
    bin
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
