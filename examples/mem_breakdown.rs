#![allow(unsafe_code, clippy::all, clippy::pedantic)]
#[allow(dead_code)]
#[path = "../benches/common/mod.rs"]
mod common;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        NOW.fetch_add(l.size(), Relaxed);
        COUNT.fetch_add(1, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        COUNT.fetch_sub(1, Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, s: usize) -> *mut u8 {
        NOW.fetch_add(s, Relaxed);
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.realloc(p, l, s) }
    }
}
#[global_allocator]
static A: Counting = Counting;
fn mib(b: usize) -> String {
    format!("{:.1} MiB", b as f64 / 1048576.0)
}
fn main() {
    use smtui_core::model::*;
    println!(
        "SecretSummary {} Rotation {} Arn {} VersionStages {} Tag {}",
        size_of::<SecretSummary>(),
        size_of::<Rotation>(),
        size_of::<smtui_core::ids::Arn>(),
        size_of::<VersionStages>(),
        size_of::<Tag>()
    );
    let n = 100_000;
    let b0 = NOW.load(Relaxed);
    let empty = common::accounts::loaded_accounts(0, 50);
    println!("empty 50 accounts: {}", mib(NOW.load(Relaxed) - b0));
    drop(empty);
    let (b, c) = (NOW.load(Relaxed), COUNT.load(Relaxed));
    let state = common::accounts::loaded_accounts(n, 50);
    println!(
        "state: {} allocs {}",
        mib(NOW.load(Relaxed) - b),
        COUNT.load(Relaxed) - c
    );
    let (b, c) = (NOW.load(Relaxed), COUNT.load(Relaxed));
    let rows: Vec<SecretSummary> = {
        let mut v = Vec::with_capacity(n);
        v.extend(state.browse.list.all().cloned());
        v
    };
    println!(
        "rows cloned: {} allocs {}",
        mib(NOW.load(Relaxed) - b),
        COUNT.load(Relaxed) - c
    );
    let (b, c) = (NOW.load(Relaxed), COUNT.load(Relaxed));
    let st: Vec<Vec<VersionStages>> = state.browse.list.all().map(|s| s.stages.clone()).collect();
    println!(
        "stages cloned: {} allocs {}",
        mib(NOW.load(Relaxed) - b),
        COUNT.load(Relaxed) - c
    );
    drop(st);
    drop(rows);
    let b = NOW.load(Relaxed);
    let list = state.browse.list.clone();
    let b2 = NOW.load(Relaxed);
    let mut moved = state;
    let taken = std::mem::take(&mut moved.browse.list);
    drop(taken);
    println!("dropping the list frees: {}", mib(b2 - NOW.load(Relaxed)));
    let state = moved;
    println!("list clone: {}", mib(NOW.load(Relaxed) - b));
    let rss = || {
        std::fs::read_to_string("/proc/self/status")
            .unwrap()
            .lines()
            .find(|l| l.starts_with("VmRSS"))
            .unwrap()
            .to_owned()
    };
    println!("with state + list clone: {}", rss());
    drop(state);
    unsafe {
        libc::malloc_trim(0);
    }
    println!("list clone only (trimmed): {}", rss());
    drop(list);
    unsafe {
        libc::malloc_trim(0);
    }
    println!("nothing (trimmed): {}", rss());
}
