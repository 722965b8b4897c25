//! Peak resident memory with 10,000 and 100,000 secrets listed in one account (issue 12),
//! and 100,000 across 50 accounts (issue 21). Each load runs in a fresh process of its
//! own: it loads the secrets as the TUI does (pages of 100, the regions interleaved, each
//! page through the app's `update`; with many accounts, each pinned as `--org` pins it and
//! its pages stamped with its own identity), draws one frame at 160x48, then reads its peak
//! resident set (VmHWM) from /proc/self/status. A run with no secrets gives the process's
//! own floor. Linux only.
//!
//! `cargo run --release --example list_memory` (results in BENCHMARKS.md)

#[allow(dead_code)]
#[path = "../benches/common/mod.rs"]
mod common;

use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui_core::kit::Theme;
use smtui_core::render::render;

const ROWS: &str = "SMTUI_LIST_MEMORY_ROWS";
const ACCOUNTS: &str = "SMTUI_LIST_MEMORY_ACCOUNTS";

/// (secrets, accounts) measured.
const LOADS: [(usize, usize); 4] = [(0, 1), (10_000, 1), (100_000, 1), (100_000, 50)];

fn main() {
    if let Ok(n) = std::env::var(ROWS) {
        let n: usize = n.parse().expect("a number of secrets");
        let accounts: usize = std::env::var(ACCOUNTS).map_or(1, |a| a.parse().expect("a number"));
        let state = if accounts == 1 {
            common::loaded_state(n, &[])
        } else {
            common::accounts::loaded_accounts(n, accounts)
        };
        let theme = Theme::default();
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        terminal.draw(|f| render(f, &state, &theme)).expect("draw");
        assert_eq!(state.browse.list.total(), n);
        println!("{}\t{}", kib("VmHWM"), kib("VmRSS"));
        return;
    }
    let me = std::env::current_exe().expect("this program");
    println!("secrets\taccounts\tpeak RSS (VmHWM)\tRSS at the end");
    for (n, accounts) in LOADS {
        let out = Command::new(&me)
            .env(ROWS, n.to_string())
            .env(ACCOUNTS, accounts.to_string())
            .output()
            .expect("run a measurement");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let mut fields = text
            .split_whitespace()
            .map(|f| f.parse::<u64>().unwrap_or(0));
        let (peak, end) = (fields.next().unwrap_or(0), fields.next().unwrap_or(0));
        println!("{n}\t{accounts}\t{}\t{}", mib(peak), mib(end));
    }
}

/// A field of /proc/self/status, in KiB.
fn kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a field in KiB")
}

fn mib(kib: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mib = kib as f64 / 1024.0;
    format!("{mib:.1} MiB")
}
