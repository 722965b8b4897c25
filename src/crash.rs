//! A panic anywhere ends smtui, the same way from every thread.
//!
//! The hook only takes note and wakes the UI loop to end; it does not touch the
//! terminal. Restoring from the hook, as ratatui's own hook does, is right for a panic on
//! the UI thread but wrong for one in a tokio task or the clipboard thread: the UI thread
//! goes on and draws its next frames, a revealed value included, onto the normal screen and
//! into the scrollback. So the terminal is restored by the UI thread alone: after the loop
//! has quit (a panic elsewhere), or by unwinding (a panic on the UI thread itself, see
//! `tui::Screen`). The clipboard is cleared on the same ways out, and `main` then prints the
//! one line kept here (where, not what: see [`report_of_panic`]) and exits with Rust's
//! panic code.

use std::backtrace::{Backtrace, BacktraceStatus};
use std::panic::PanicHookInfo;
use std::sync::OnceLock;

use tokio::sync::mpsc::UnboundedSender;

use smtui_core::app::Action;
use smtui_core::sanitize::sanitize_line;

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
            let _ = wake.send(Action::Terminate);
        }
    }));
}

/// From now on a panic on any thread sends `Action::Terminate` to the loop reading `wake`
/// (not `Quit`: unsaved text in the editor must not keep a broken program running).
pub fn wake_on_panic(wake: UnboundedSender<Action>) {
    let _ = WAKE.set(wake);
}

/// What the first panic was, if there was one: one line naming the thread and the place,
/// then a backtrace only if `RUST_BACKTRACE` asked for one. Never the panic's message: it
/// can quote a value (a slice cut inside a character quotes the whole string), and this
/// line is printed after the terminal is restored and written to the log.
pub fn report_of_panic() -> Option<&'static str> {
    REPORT.get().map(String::as_str)
}

fn report(info: &PanicHookInfo) -> String {
    let thread = std::thread::current();
    let location = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    // Escaped all the same: a thread's name and a file's path are text too.
    let mut report = sanitize_line(&format!(
        "quit after a panic in thread '{}'{location}",
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
