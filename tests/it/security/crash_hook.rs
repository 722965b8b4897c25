//! The panic hook, from a thread that is not the UI's (the clipboard thread's name): it
//! ends the UI loop (the unsaved-edit guard skipped) and keeps one line for `main` to print
//! and log, which names the thread and the place but never the message: a panic's message
//! can quote a value (a char-boundary slice panic quotes the string it slices). (The real
//! binary's way out is in `e2e::signals`.)
//!
//! The hook is process-wide and replaces Rust's printer: installed in this binary, shared by
//! every test, it would hide the message of any test failing after it, and another test's
//! panic could be the one it keeps. So the test runs itself again in a child process of this
//! binary, alone, and installs the hook there.

use smtui::crash;
use smtui_core::app::Action;

use crate::common::test_name;

/// Set in the child process that installs the hook.
const CHILD: &str = "SMTUI_CRASH_HOOK_CHILD";

#[test]
fn a_panic_on_another_thread_ends_the_loop_and_is_kept_without_its_message() {
    if std::env::var_os(CHILD).is_none() {
        let name = test_name(
            module_path!(),
            "a_panic_on_another_thread_ends_the_loop_and_is_kept_without_its_message",
        );
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([name.as_str(), "--exact", "--nocapture"])
            .env(CHILD, "1")
            .output()
            .expect("run the test binary");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success() && said.contains("1 passed"), "{said}");
        return;
    }
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
    let place = format!(
        "quit after a panic in thread 'smtui-clipboard' at {}:",
        file!()
    );
    assert!(line.starts_with(&place), "{report}");
    assert!(
        !report.contains("MARKER") && !report.contains("hunter2") && !report.contains("boundary"),
        "the message is left out: {report}"
    );
}
