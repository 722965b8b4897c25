//! The panic hook, from a thread that is not the UI's (the clipboard thread's name): it
//! ends the UI loop (the unsaved-edit guard skipped) and keeps one line for `main` to print
//! and log, which names the thread and the place but never the message: a panic's message
//! can quote a value (a char-boundary slice panic quotes the string it slices). (The real
//! binary's way out is in `tests/e2e_tmux.rs`; this file holds one test, as the hook is
//! process-wide.)

use smtui::crash;
use smtui_core::app::Action;

#[test]
fn a_panic_on_another_thread_ends_the_loop_and_is_kept_without_its_message() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    crash::install_hook();
    crash::wake_on_panic(tx);
    assert!(crash::report_of_panic().is_none());
    let thread = std::thread::Builder::new()
        .name("smtui-clipboard".into())
        .spawn(|| {
            let value = String::from("MARKER-hunter2-é");
            // Rust's own message quotes the string: "byte index 15 is not a char
            // boundary; it is inside 'é' ... of `MARKER-hunter2-é`".
            let cut = value.len() - 1;
            std::hint::black_box(&value[..cut]).len()
        })
        .expect("thread");
    assert!(thread.join().is_err());
    assert!(matches!(rx.try_recv(), Ok(Action::Terminate)));
    let report = crash::report_of_panic().expect("kept");
    let line = report.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("quit after a panic in thread 'smtui-clipboard' at tests/crash_hook.rs:"),
        "{report}"
    );
    assert!(
        !report.contains("MARKER") && !report.contains("hunter2") && !report.contains("boundary"),
        "the message is left out: {report}"
    );
}
