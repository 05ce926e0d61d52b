//! Shared support of the browser tests (`tests/browser_*.rs`): the real lab server in-process,
//! and a real headless Chromium. Each test binary uses a different part, hence the allowance.
#![allow(dead_code)]

pub mod browser;
pub mod lab;
