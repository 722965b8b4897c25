//! The panic hook, from a thread that is not the UI's (the clipboard thread's name): it
//! wakes the UI loop with a quit and keeps one escaped line for `main` to print. (The real
//! binary's way out is in `tests/e2e_tmux.rs`; this file holds one test, as the hook is
//! process-wide.)

use smtui::app::Action;
use smtui::crash;

#[test]
fn a_panic_on_another_thread_quits_the_loop_and_is_kept_as_one_line() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    crash::install_hook();
    crash::wake_on_panic(tx);
    assert!(crash::report_of_panic().is_none());
    let thread = std::thread::Builder::new()
        .name("smtui-clipboard".into())
        .spawn(|| panic!("owner gone \u{1b}]52;c;aGk=\u{7}"))
        .expect("thread");
    assert!(thread.join().is_err());
    assert!(matches!(rx.try_recv(), Ok(Action::Quit)));
    let report = crash::report_of_panic().expect("kept");
    let line = report.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("quit after a panic in thread 'smtui-clipboard' at tests/crash_hook.rs:"),
        "{report}"
    );
    assert!(
        line.ends_with(": owner gone \\e]52;c;aGk=\\u{7}"),
        "escaped, on one line: {report}"
    );
}
