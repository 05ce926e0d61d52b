//! Memory per account: funds 100,000 accounts through the faucet and reports the bytes the
//! ledger holds per account (state and the transaction history that created it), measured with
//! a counting allocator. `cargo bench -p xrpl-sandbox --bench memory`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use xrpl_proto::address::AccountId;
use xrpl_sandbox::Ledger;
use xrpl_sandbox::ledger::settings::{ClockSource, LedgerConfig};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ACCOUNTS: u32 = 100_000;

fn main() {
    let mut ledger = Ledger::new(LedgerConfig {
        clock: ClockSource::Fixed(757_382_400),
        ..LedgerConfig::default()
    });
    ledger
        .faucet(Some(AccountId::from_bytes([1; 20])), 1_000_000)
        .unwrap();
    let before = LIVE.load(Ordering::Relaxed);
    for n in 0..ACCOUNTS {
        let mut id = [0u8; 20];
        id[..4].copy_from_slice(&n.to_be_bytes());
        id[19] = 0xAA;
        ledger
            .faucet(Some(AccountId::from_bytes(id)), 20_000_000)
            .unwrap();
    }
    let after = LIVE.load(Ordering::Relaxed);
    let per_account = (after - before) as f64 / f64::from(ACCOUNTS);
    println!(
        "sandbox/memory_per_account: {per_account:.0} bytes ({} accounts, {:.1} MiB total, state + history)",
        ACCOUNTS,
        (after - before) as f64 / (1024.0 * 1024.0)
    );
    println!("state objects: {}", ledger.state().len());
}
