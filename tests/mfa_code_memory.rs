//! A typed MFA code leaves no copy behind in freed memory: from the prompt to the AssumeRole
//! call it is moved, never cloned, until the zeroizing secret type holds it (and zeroes it
//! when dropped); a prompt left with Esc wipes the code as its popup value drops.
//!
//! Watched with an allocator of this test's own that looks into every block as it is freed.
//! That needs `unsafe` (a `GlobalAlloc`), allowed in this file alone: it only hands each
//! call to the system allocator, and reads a block before giving it back.
//!
//! A binary of its own (see the root Cargo.toml): the allocator is the whole process's. It
//! includes the harness's core and the profiles from `it/common` and nothing else, so no
//! helper is unused here.
#![allow(unsafe_code)]

#[path = "it/common/harness.rs"]
mod harness;
#[path = "it/common/profiles.rs"]
mod profiles;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossterm::event::{KeyCode, KeyModifiers};
use harness::Harness;
use profiles::with_profiles;
use smtui_core::app::{AwsCall, Command, Effect};
use smtui_core::features::session;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::room::layers::Layer;

const CODE: &[u8; 6] = b"907153";

static WATCHING: AtomicBool = AtomicBool::new(false);
/// Blocks freed while watching that still held the code.
static FREED_WITH_CODE: AtomicUsize = AtomicUsize::new(0);
/// One test watches at a time: the allocator and its count are the whole process's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

struct Watcher;

// SAFETY: every call goes to `System` unchanged; `dealloc` reads the block it is given,
// which is valid for `layout.size()` bytes until it is handed back.
unsafe impl GlobalAlloc for Watcher {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if WATCHING.load(Ordering::Relaxed) && layout.size() >= CODE.len() {
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if block.windows(CODE.len()).any(|w| w == CODE) {
                FREED_WITH_CODE.fetch_add(1, Ordering::Relaxed);
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    // `realloc` is GlobalAlloc's own: a new block, a copy, then `dealloc` of the old one,
    // so a block left behind by growth is looked into too.
}

#[global_allocator]
static WATCHER: Watcher = Watcher;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

#[test]
fn a_typed_mfa_code_is_moved_to_the_call_and_zeroed_never_freed_as_is() {
    let _watching = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    FREED_WITH_CODE.store(0, Ordering::SeqCst);
    let mut h = with_profiles();
    h.cmd(Command::Session(SessionCommand::Switch));
    h.type_text("admin");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Prompt, "the code is asked for");

    WATCHING.store(true, Ordering::SeqCst);
    h.type_text(std::str::from_utf8(CODE).expect("digits"));
    press(&mut h, KeyCode::Enter);
    let sent = h.effects.iter().any(|e| {
        matches!(e, Effect::Aws { call: AwsCall::Session(session::Call::AssumeRoleWithMfa { code, .. }), .. }
            if code.expose() == CODE)
    });
    assert!(sent, "the code reached the AssumeRole call");
    drop(h);
    WATCHING.store(false, Ordering::SeqCst);

    assert_eq!(
        FREED_WITH_CODE.load(Ordering::SeqCst),
        0,
        "blocks freed with the code still in them"
    );
}

#[test]
fn an_mfa_code_left_with_esc_is_zeroed_as_its_prompt_closes() {
    let _watching = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    FREED_WITH_CODE.store(0, Ordering::SeqCst);
    let mut h = with_profiles();
    h.cmd(Command::Session(SessionCommand::Switch));
    h.type_text("admin");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Prompt, "the code is asked for");

    WATCHING.store(true, Ordering::SeqCst);
    h.type_text(std::str::from_utf8(CODE).expect("digits"));
    press(&mut h, KeyCode::Esc);
    assert_ne!(h.state.layers.top(), Layer::Prompt, "Esc closed the prompt");
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Aws { .. })),
        "nothing was sent"
    );
    let freed_on_close = FREED_WITH_CODE.load(Ordering::SeqCst);
    drop(h);
    WATCHING.store(false, Ordering::SeqCst);

    assert_eq!(
        freed_on_close, 0,
        "the prompt's block freed with the code in it"
    );
    assert_eq!(
        FREED_WITH_CODE.load(Ordering::SeqCst),
        0,
        "blocks freed with the code still in them"
    );
}
