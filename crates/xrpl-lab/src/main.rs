//! The `xrpl-lab` binary: everything lives in the library; this only hands over the exit code.

fn main() -> std::process::ExitCode {
    xrpl_lab::cli::main()
}
