//! `xrpl-lab feedback`: the support bundle as markdown, ready to paste into an issue or a chat.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;

pub fn run(dirs: &[PathBuf]) -> ExitCode {
    match super::support_bundle::build(dirs, true) {
        Ok(text) => {
            println!("{text}");
            println!("Copy the block above into a GitHub issue or support message.");
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
