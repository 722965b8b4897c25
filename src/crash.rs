//! A panic anywhere ends smtui, the same way from every thread.
//!
//! The hook only takes note and wakes the UI loop with a quit; it does not touch the
//! terminal. Restoring from the hook, as ratatui's own hook does, is right for a panic on
//! the UI thread but wrong for one in a tokio task or the clipboard thread: the UI thread
//! goes on and draws its next frames, a revealed value included, onto the normal screen and
//! into the scrollback. So the terminal is restored by the UI thread alone: after the loop
//! has quit (a panic elsewhere), or by unwinding (a panic on the UI thread itself, see
//! `tui::Screen`). The clipboard is cleared on the same ways out, and `main` then prints the
//! one line kept here and exits with Rust's panic code.

use std::backtrace::{Backtrace, BacktraceStatus};
use std::panic::PanicHookInfo;
use std::sync::OnceLock;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::Action;
use crate::sanitize::sanitize_line;

/// The exit code after a panic, as Rust's own.
pub const EXIT_CODE: u8 = 101;

/// The first panic, as the user will read it.
static REPORT: OnceLock<String> = OnceLock::new();
/// The UI loop's queue of actions, for the quit.
static WAKE: OnceLock<UnboundedSender<Action>> = OnceLock::new();

/// Installs the hook, replacing the one before it (Rust's printer, or ratatui's restorer).
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = REPORT.set(report(info));
        if let Some(wake) = WAKE.get() {
            let _ = wake.send(Action::Quit);
        }
    }));
}

/// From now on a panic on any thread sends `Action::Quit` to the loop reading `wake`.
pub fn wake_on_panic(wake: UnboundedSender<Action>) {
    let _ = WAKE.set(wake);
}

/// What the first panic was, if there was one: one line (escaped, since a message may quote
/// untrusted text), then a backtrace only if `RUST_BACKTRACE` asked for one.
pub fn report_of_panic() -> Option<&'static str> {
    REPORT.get().map(String::as_str)
}

fn report(info: &PanicHookInfo) -> String {
    let thread = std::thread::current();
    let message = info.payload_as_str().unwrap_or("(no message)");
    let location = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let mut report = sanitize_line(&format!(
        "quit after a panic in thread '{}'{location}: {message}",
        thread.name().unwrap_or("unnamed")
    ))
    .into_owned();
    let backtrace = Backtrace::capture();
    if backtrace.status() == BacktraceStatus::Captured {
        report.push('\n');
        report.push_str(&backtrace.to_string());
    }
    report
}
