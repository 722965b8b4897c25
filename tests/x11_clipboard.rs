//! The system clipboard on a real X server (Xvfb, on a unix socket only): a copied secret is
//! cleared while smtui still owns the CLIPBOARD selection, and left alone once another
//! program has taken it, even when that program copied the very same text.
//!
//! arboard and x11rb read the display from `DISPLAY`, which a test cannot set for itself
//! (the tests share one process), so the test runs this same binary again as a child with
//! `DISPLAY` pointing at its own Xvfb.
#![cfg(all(unix, not(target_os = "macos")))]

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use smtui::clipboard::{Clipboard, Mode, backend_for};
use smtui::secret::SecretValue;
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ConnectionExt as _, CreateWindowAux, WindowClass};
use x11rb::wrapper::ConnectionExt as _;

const CHILD: &str = "SMTUI_X11_CLIPBOARD_CHILD";

struct Xvfb(Child);

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An Xvfb of the test's own on a free display number, listening on its unix socket only.
fn start_xvfb() -> (Xvfb, String) {
    let number = (90..200)
        .find(|n| !std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())
        .expect("a free display number");
    let display = format!(":{number}");
    let child = Command::new("Xvfb")
        .args([&display, "-nolisten", "tcp", "-screen", "0", "320x200x24"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("Xvfb is installed (scripts/test installs it)");
    let xvfb = Xvfb(child);
    let socket = format!("/tmp/.X11-unix/X{number}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !std::path::Path::new(&socket).exists() {
        assert!(Instant::now() < deadline, "Xvfb did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (xvfb, display)
}

#[test]
fn on_x11_a_clear_goes_by_who_owns_the_clipboard() {
    if std::env::var_os(CHILD).is_some() {
        return on_the_display();
    }
    let (_xvfb, display) = start_xvfb();
    let status = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            "on_x11_a_clear_goes_by_who_owns_the_clipboard",
            "--nocapture",
        ])
        .env("DISPLAY", &display)
        .env(CHILD, "1")
        .status()
        .expect("run the child");
    assert!(
        status.success(),
        "the child's checks failed (its output is above)"
    );
}

/// Runs with `DISPLAY` set to the test's Xvfb.
fn on_the_display() {
    let secret = SecretValue::from_string("x11-s3cret-value".into());
    let mut clipboard = Clipboard::new(backend_for(Mode::System));
    let mut reader = backend_for(Mode::System);
    assert_eq!(reader.name(), "system", "the X server's clipboard is used");

    // Still ours: cleared, and the selection given up.
    clipboard.copy_secret(1, &secret).expect("copy");
    let read = reader.get().expect("read").expect("readable");
    assert_eq!(read.as_str(), "x11-s3cret-value");
    assert_eq!(clipboard.clear_if_ours(1), Ok(true));
    assert_eq!(owner(), 0, "nobody owns the selection after the clear");

    // Another program copies the same text: its window owns the selection now, and
    // smtui's clear (arboard's gives up the selection whoever has it) must not touch it.
    clipboard.copy_secret(2, &secret).expect("copy");
    let (conn, window) = another_program_takes_the_clipboard();
    assert_eq!(owner(), window);
    assert_eq!(clipboard.clear_if_ours(2), Ok(false));
    assert_eq!(clipboard.clear_on_exit(), Ok(false));
    assert_eq!(owner(), window, "the other program still owns it");
    drop(conn);
}

fn clipboard_atom(conn: &impl x11rb::connection::Connection) -> u32 {
    conn.intern_atom(false, b"CLIPBOARD")
        .expect("intern")
        .reply()
        .expect("atom")
        .atom
}

fn owner() -> u32 {
    let (conn, _) = x11rb::connect(None).expect("connect");
    let atom = clipboard_atom(&conn);
    conn.get_selection_owner(atom)
        .expect("ask")
        .reply()
        .expect("owner")
        .owner
}

/// A window of another X client that takes the CLIPBOARD selection, as a program copying
/// does. The connection is returned: the selection is lost when it closes.
fn another_program_takes_the_clipboard() -> (x11rb::rust_connection::RustConnection, u32) {
    let (conn, screen) = x11rb::connect(None).expect("connect");
    let root = conn.setup().roots[screen].root;
    let window = conn.generate_id().expect("id");
    conn.create_window(
        0,
        window,
        root,
        0,
        0,
        1,
        1,
        0,
        WindowClass::INPUT_ONLY,
        0,
        &CreateWindowAux::new(),
    )
    .expect("create");
    let atom = clipboard_atom(&conn);
    conn.set_selection_owner(window, atom, x11rb::CURRENT_TIME)
        .expect("own");
    conn.sync().expect("sync");
    (conn, window)
}
