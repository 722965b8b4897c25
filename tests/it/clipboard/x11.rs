//! The system clipboard on a real X server (Xvfb, on a unix socket only): a copied secret is
//! cleared while smtui still owns the CLIPBOARD selection, and while a new owner (a
//! clipboard manager) serves the very same text; it is left alone once another program
//! has taken the selection with something else, and the footer says which.
//!
//! arboard and x11rb read the display from `DISPLAY`, which a test cannot set for itself
//! (the tests share one process), so the test runs this same binary again as a child with
//! `DISPLAY` pointing at its own Xvfb.

use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::common::{Harness, test_name};
use smtui_aws::clipboard::{Clipboard, Mode, backend_for};
use smtui_core::app::{Action, Command, Effect};
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::secret::SecretValue;
use x11rb::connection::Connection as _;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    ConnectionExt as _, CreateWindowAux, EventMask, PropMode, SELECTION_NOTIFY_EVENT,
    SelectionNotifyEvent, SelectionRequestEvent, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

const CHILD: &str = "SMTUI_X11_CLIPBOARD_CHILD";

struct Xvfb(Child);

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An Xvfb of the test's own, listening on its unix socket only, on a display number it
/// chose itself: `-displayfd 1` makes it pick a free one and print it once it is ready, so
/// neither another X server nor a socket file left behind by a killed one gets in the way.
fn start_xvfb() -> (Xvfb, String) {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "320x200x24",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("Xvfb is installed (scripts/test installs it)");
    let stdout = child.stdout.take().expect("Xvfb's stdout");
    let xvfb = Xvfb(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("Xvfb did not start");
    let number: u32 = line
        .trim()
        .parse()
        .expect("Xvfb printed its display number");
    (xvfb, format!(":{number}"))
}

#[test]
fn on_x11_a_clear_goes_by_who_owns_the_clipboard() {
    if std::env::var_os(CHILD).is_some() {
        return on_the_display();
    }
    let (_xvfb, display) = start_xvfb();
    let status = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            &test_name(
                module_path!(),
                "on_x11_a_clear_goes_by_who_owns_the_clipboard",
            ),
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
    let secret = SecretValue::from_string(VALUE.into());
    let mut clipboard = Clipboard::new(backend_for(Mode::System));
    let mut reader = backend_for(Mode::System);
    assert_eq!(reader.name(), "system", "the X server's clipboard is used");

    // Still ours: cleared, and the selection given up.
    clipboard.copy_secret(1, &secret).expect("copy");
    let read = reader.get().expect("read").expect("readable");
    assert_eq!(read.as_str(), VALUE);
    assert_eq!(clipboard.clear_if_ours(1), Ok(true));
    assert_eq!(owner(), 0, "nobody owns the selection after the clear");

    // A clipboard manager takes the selection to serve what smtui copied (on X11 only the
    // owner serves text): the secret is still on the clipboard, so it is cleared, and the
    // footer says so.
    let mut h = Harness::loaded();
    let token = copy_through_the_app(&mut h, &mut clipboard);
    let manager = Owner::serving(VALUE);
    assert_eq!(owner(), manager.window);
    let read = reader.get().expect("read").expect("readable");
    assert_eq!(read.as_str(), VALUE, "the manager serves the same text");
    clear_through_the_app(&mut h, &mut clipboard, token);
    let footer = h.state.status_text().to_owned();
    assert!(footer.starts_with("Clipboard cleared"), "{footer}");
    assert_eq!(owner(), 0, "the manager's copy of the secret is gone");
    drop(manager);

    // Another program copies something else: its window owns the selection now, and
    // smtui's clear (arboard's gives up the selection whoever has it) must not touch it.
    let token = copy_through_the_app(&mut h, &mut clipboard);
    let other = Owner::serving("what the user copied since");
    clear_through_the_app(&mut h, &mut clipboard, token);
    let footer = h.state.status_text().to_owned();
    assert!(
        footer.contains("no longer holds what smtui copied"),
        "{footer}"
    );
    assert_eq!(clipboard.clear_on_exit(), Ok(false));
    assert_eq!(owner(), other.window, "the other program still owns it");
    let read = reader.get().expect("read").expect("readable");
    assert_eq!(read.as_str(), "what the user copied since");
}

const VALUE: &str = "x11-s3cret-value";

/// Copies the selected secret's value as the app does: `c`, the value fetched, the copy
/// made on the real clipboard (as the runner's clipboard thread would) and its answer fed
/// back. Returns the copy's token.
fn copy_through_the_app(h: &mut Harness, clipboard: &mut Clipboard) -> u64 {
    h.cmd(Command::Value(RevealCommand::CopyValue));
    h.answer_fetch(VALUE);
    let [Effect::Copy(request)] = &h.effects[..] else {
        panic!("one copy: {:?}", h.effects)
    };
    let request = request.clone();
    let result = clipboard.copy_secret(request.token, &request.text);
    assert_eq!(result, Ok("system"));
    h.act(Action::Copied {
        token: request.token,
        label: request.label,
        clear_after: request.clear_after,
        result,
    });
    request.token
}

/// The copy's timer runs out: the app asks for the clear, the real clipboard does it, and
/// its answer goes back to the app (which puts it in the footer).
fn clear_through_the_app(h: &mut Harness, clipboard: &mut Clipboard, token: u64) {
    let effects = h.act(Action::ClipboardClearDue { token }).to_vec();
    assert!(
        matches!(&effects[..], [Effect::ClearClipboard { token: t }] if *t == token),
        "{effects:?}"
    );
    let result = clipboard.clear_if_ours(token);
    h.act(Action::ClipboardCleared { token, result });
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

/// Another X client (a clipboard manager, a program copying) whose window takes the
/// CLIPBOARD selection and serves `text` as UTF8_STRING from a thread of its own, until it
/// loses the selection or is dropped.
struct Owner {
    window: u32,
    stop: Arc<AtomicBool>,
    serving: Option<std::thread::JoinHandle<()>>,
}

impl Owner {
    fn serving(text: &str) -> Self {
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
        let clipboard = clipboard_atom(&conn);
        conn.set_selection_owner(window, clipboard, x11rb::CURRENT_TIME)
            .expect("own");
        conn.sync().expect("sync");
        let utf8 = conn
            .intern_atom(false, b"UTF8_STRING")
            .expect("intern")
            .reply()
            .expect("atom")
            .atom;
        let stop = Arc::new(AtomicBool::new(false));
        let text = text.as_bytes().to_vec();
        let stopped = stop.clone();
        let serving = std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                match conn.poll_for_event().expect("event") {
                    Some(Event::SelectionRequest(request)) => {
                        serve(&conn, &request, utf8, &text);
                    }
                    Some(Event::SelectionClear(_)) => return,
                    Some(_) => {}
                    None => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        Self {
            window,
            stop,
            serving: Some(serving),
        }
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(serving) = self.serving.take() {
            let _ = serving.join();
        }
    }
}

/// Answers one request for the selection: the text for UTF8_STRING, a refusal otherwise
/// (the reader then asks for its next format).
fn serve(conn: &RustConnection, request: &SelectionRequestEvent, utf8: u32, text: &[u8]) {
    let property = if request.target == utf8 {
        conn.change_property8(
            PropMode::REPLACE,
            request.requestor,
            request.property,
            utf8,
            text,
        )
        .expect("put the text");
        request.property
    } else {
        x11rb::NONE
    };
    let notify = SelectionNotifyEvent {
        response_type: SELECTION_NOTIFY_EVENT,
        sequence: 0,
        time: request.time,
        requestor: request.requestor,
        selection: request.selection,
        target: request.target,
        property,
    };
    conn.send_event(false, request.requestor, EventMask::NO_EVENT, notify)
        .expect("notify");
    conn.flush().expect("flush");
}
