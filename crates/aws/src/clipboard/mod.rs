//! The clipboard: arboard for a local display, OSC 52 over SSH, and an in-memory one for
//! tests. Copied secrets are cleared later only if the clipboard still holds what we put there.
//!
//! On Linux arboard is built without its `wayland-data-control` feature: that path goes
//! through wl-clipboard-rs, which stages the data in a temporary file. Without it arboard
//! speaks X11 (XWayland on Wayland desktops), which keeps the data in memory. One
//! `arboard::Clipboard` lives as long as the app: on X11 the content exists only while its
//! owner does, and dropping the last handle would hand it to a clipboard manager.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::Write;
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

mod osc52;
mod tmux;
#[cfg(all(unix, not(target_os = "macos")))]
mod x11_owner;

pub(crate) use osc52::{Multiplexer, Osc52Backend};
pub(crate) use tmux::TmuxBackend;

use smtui_core::secret::SecretValue;

/// A place to put text.
pub trait Backend: Send {
    fn name(&self) -> &'static str;
    /// True when setting it writes to the terminal (OSC 52), which must not happen from
    /// another thread while a frame is being drawn.
    fn writes_to_terminal(&self) -> bool {
        false
    }
    fn set(&mut self, text: &str) -> Result<(), String>;
    /// What the clipboard holds now; `Ok(None)` when this backend cannot read it back.
    fn get(&mut self) -> Result<Option<Zeroizing<String>>, String>;
    fn clear(&mut self) -> Result<(), String>;
    /// Who holds the clipboard now, where the platform can say (the X11 selection owner):
    /// a copy is ours while this is what it was right after we copied. `None`: cannot tell
    /// (then the text is compared).
    fn owner(&mut self) -> Option<u64> {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The system clipboard when there is a display, OSC 52 otherwise.
    #[default]
    Auto,
    System,
    Osc52,
}

/// The system clipboard through arboard, with the "exclude from history" hint.
pub(crate) struct SystemBackend {
    clipboard: arboard::Clipboard,
    #[cfg(all(unix, not(target_os = "macos")))]
    x11: Option<x11_owner::X11Owner>,
}

impl SystemBackend {
    pub(crate) fn new() -> Result<Self, String> {
        Ok(Self {
            clipboard: arboard::Clipboard::new().map_err(|e| e.to_string())?,
            #[cfg(all(unix, not(target_os = "macos")))]
            x11: x11_owner::X11Owner::connect(),
        })
    }
}

impl Backend for SystemBackend {
    fn name(&self) -> &'static str {
        "system"
    }

    fn set(&mut self, text: &str) -> Result<(), String> {
        let set = self.clipboard.set();
        #[cfg(all(unix, not(target_os = "macos")))]
        let set = arboard::SetExtLinux::exclude_from_history(set);
        #[cfg(target_os = "macos")]
        let set = arboard::SetExtApple::exclude_from_history(set);
        #[cfg(windows)]
        let set = arboard::SetExtWindows::exclude_from_history(set);
        #[cfg(all(unix, not(target_os = "macos")))]
        let before = self.x11.as_ref().and_then(x11_owner::X11Owner::owner);
        set.text(text).map_err(|e| e.to_string())?;
        #[cfg(all(unix, not(target_os = "macos")))]
        if let Some(x11) = &mut self.x11 {
            x11.settle_after_copy(before);
        }
        Ok(())
    }

    fn get(&mut self) -> Result<Option<Zeroizing<String>>, String> {
        match self.clipboard.get_text() {
            Ok(text) => Ok(Some(Zeroizing::new(text))),
            Err(arboard::Error::ContentNotAvailable) => Ok(Some(Zeroizing::new(String::new()))),
            Err(e) => Err(e.to_string()),
        }
    }

    fn clear(&mut self) -> Result<(), String> {
        self.clipboard.clear().map_err(|e| e.to_string())
    }

    fn owner(&mut self) -> Option<u64> {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            self.x11.as_ref()?.owner().map(u64::from)
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            None
        }
    }
}

/// An in-memory clipboard whose handle can be shared with a test to inspect or overwrite it.
#[derive(Clone, Default)]
pub struct MemoryBackend(pub Arc<Mutex<Option<Zeroizing<String>>>>);

impl MemoryBackend {
    pub fn contents(&self) -> Option<Zeroizing<String>> {
        self.0.lock().ok()?.clone()
    }
}

impl Backend for MemoryBackend {
    fn name(&self) -> &'static str {
        "memory"
    }

    fn set(&mut self, text: &str) -> Result<(), String> {
        *self.0.lock().map_err(|e| e.to_string())? = Some(Zeroizing::new(text.to_owned()));
        Ok(())
    }

    fn get(&mut self) -> Result<Option<Zeroizing<String>>, String> {
        Ok(Some(
            self.0
                .lock()
                .map_err(|e| e.to_string())?
                .clone()
                .unwrap_or_default(),
        ))
    }

    fn clear(&mut self) -> Result<(), String> {
        *self.0.lock().map_err(|e| e.to_string())? = None;
        Ok(())
    }
}

/// The terminal as an unbuffered file: `std::io::stdout()` keeps what passed through it in
/// a buffer that is never wiped, and an OSC 52 sequence carries the secret. Falls back to
/// that buffered handle if the descriptor cannot be duplicated.
fn unbuffered_stdout() -> Box<dyn Write + Send> {
    use std::os::fd::AsFd as _;
    match std::io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(why) => {
            tracing::warn!(%why, "could not duplicate stdout; OSC 52 goes through its buffer");
            Box::new(std::io::stdout())
        }
    }
}

/// Which backend a mode means on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    System,
    Osc52,
}

/// In `Auto`, OSC 52 when there is no display to talk to (typically SSH).
pub(crate) fn choose(mode: Mode, has_display: bool) -> Choice {
    match mode {
        Mode::Osc52 => Choice::Osc52,
        Mode::Auto if !has_display => Choice::Osc52,
        Mode::System | Mode::Auto => Choice::System,
    }
}

/// The backend for `mode`; falls back to OSC 52 when the system clipboard cannot be opened.
/// OSC 52 inside tmux goes through tmux (see `tmux.rs`), and under GNU screen through its
/// passthrough.
pub fn backend_for(mode: Mode) -> Box<dyn Backend> {
    let has_display = cfg!(any(windows, target_os = "macos"))
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some();
    let osc52 = || match TmuxBackend::detect() {
        Some(tmux) => Box::new(tmux) as Box<dyn Backend>,
        None => Box::new(Osc52Backend::through(
            unbuffered_stdout(),
            Multiplexer::detect(),
        )) as Box<dyn Backend>,
    };
    match choose(mode, has_display) {
        Choice::Osc52 => osc52(),
        Choice::System => match SystemBackend::new() {
            Ok(system) => Box::new(system),
            Err(why) => {
                tracing::warn!(%why, "system clipboard unavailable; using OSC 52");
                osc52()
            }
        },
    }
}

/// The app's clipboard: remembers the last secret it copied by its token, the clipboard's
/// owner right after the copy (where the platform says), and a keyed hash (never the text).
pub struct Clipboard {
    backend: Box<dyn Backend>,
    hasher: RandomState,
    ours: Option<Ours>,
}

#[derive(Debug, Clone, Copy)]
struct Ours {
    token: u64,
    hash: u64,
    owner: Option<u64>,
}

impl Clipboard {
    pub fn new(backend: Box<dyn Backend>) -> Self {
        Self {
            backend,
            hasher: RandomState::new(),
            ours: None,
        }
    }

    pub(crate) fn writes_to_terminal(&self) -> bool {
        self.backend.writes_to_terminal()
    }

    /// Copies a secret; returns the backend's name for the status line. A keyed hash of it
    /// is kept so it can be cleared later (and on exit) only if it is still there.
    pub fn copy_secret(&mut self, token: u64, text: &SecretValue) -> Result<&'static str, String> {
        let text = Self::text_of(text)?;
        self.backend.set(text)?;
        self.ours = Some(Ours {
            token,
            hash: self.hasher.hash_one(text),
            owner: self.backend.owner(),
        });
        Ok(self.backend.name())
    }

    /// Copies metadata (a name, an ARN). Not remembered, so never cleared: the user may
    /// well paste it after quitting. It replaces any secret we had put there.
    pub(crate) fn copy_plain(&mut self, text: &SecretValue) -> Result<&'static str, String> {
        self.backend.set(Self::text_of(text)?)?;
        self.ours = None;
        Ok(self.backend.name())
    }

    fn text_of(text: &SecretValue) -> Result<&str, String> {
        text.expose_str()
            .ok_or_else(|| "the value is not text (binary values copy as base64)".to_owned())
    }

    /// Clears the clipboard if the copy `token` is still what it holds. `Ok(true)`: cleared;
    /// `Ok(false)`: nothing to do (a newer copy, or the user copied something else since);
    /// `Err`: the clipboard could not be read or cleared, so it may still hold the secret
    /// (it stays ours, and exit tries again).
    pub fn clear_if_ours(&mut self, token: u64) -> Result<bool, String> {
        match self.ours {
            Some(ours) if ours.token == token => self.clear_now(),
            _ => Ok(false),
        }
    }

    /// On exit: clear whatever secret we copied last, if it is still there.
    pub fn clear_on_exit(&mut self) -> Result<bool, String> {
        self.clear_now()
    }

    fn clear_now(&mut self) -> Result<bool, String> {
        let Some(ours) = self.ours else {
            return Ok(false);
        };
        let still_ours = match (ours.owner, self.backend.owner()) {
            // The platform says who holds it: while the owner is unchanged it is ours,
            // whatever the text now reads like (a manager normalising it in place).
            (Some(then), Some(now)) if then == now => true,
            // A new owner, or no owner to ask: the text decides. On X11 a clipboard manager
            // takes the selection to serve what we copied, so a new owner serving our very
            // text still holds our secret. Write-only backends (OSC 52) answer None: they
            // cannot tell, and clearing is the safe side.
            _ => match self.backend.get()? {
                Some(current) => self.hasher.hash_one(current.as_str()) == ours.hash,
                None => true,
            },
        };
        if !still_ours {
            self.ours = None;
            return Ok(false);
        }
        self.backend.clear()?;
        self.ours = None;
        Ok(true)
    }
}

impl Drop for Clipboard {
    /// However the app ends (quit, an I/O error, a panic unwinding), a secret it copied
    /// does not outlive it. On X11 this matters twice: dropping the owner would otherwise
    /// hand the content to a clipboard manager.
    fn drop(&mut self) {
        if let Err(why) = self.clear_on_exit() {
            tracing::warn!(%why, "could not clear the clipboard on exit");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clears_only_what_we_put_there() {
        let memory = MemoryBackend::default();
        let mut clipboard = Clipboard::new(Box::new(memory.clone()));
        clipboard
            .copy_secret(1, &SecretValue::from_string("s3cret".into()))
            .expect("copy");
        assert_eq!(
            memory.contents().as_deref().map(String::as_str),
            Some("s3cret")
        );
        assert_eq!(clipboard.clear_if_ours(1), Ok(true));
        assert!(memory.contents().is_none());

        clipboard
            .copy_secret(2, &SecretValue::from_string("s3cret".into()))
            .expect("copy");
        *memory.0.lock().expect("lock") = Some(Zeroizing::new("user copied this".into()));
        assert_eq!(clipboard.clear_if_ours(2), Ok(false));
        assert_eq!(
            memory.contents().as_deref().map(String::as_str),
            Some("user copied this")
        );
    }

    #[test]
    fn a_stale_token_does_not_clear_a_newer_copy() {
        let memory = MemoryBackend::default();
        let mut clipboard = Clipboard::new(Box::new(memory.clone()));
        clipboard
            .copy_secret(1, &SecretValue::from_string("first".into()))
            .expect("copy");
        clipboard
            .copy_secret(2, &SecretValue::from_string("second".into()))
            .expect("copy");
        assert_eq!(clipboard.clear_if_ours(1), Ok(false));
        assert_eq!(clipboard.clear_on_exit(), Ok(true));
        assert!(memory.contents().is_none());
    }

    #[test]
    fn dropping_the_clipboard_clears_our_secret_but_not_metadata() {
        let memory = MemoryBackend::default();
        let mut clipboard = Clipboard::new(Box::new(memory.clone()));
        clipboard
            .copy_secret(1, &SecretValue::from_string("s3cret".into()))
            .expect("copy");
        drop(clipboard);
        assert!(
            memory.contents().is_none(),
            "a panic or error exit clears it too"
        );

        let mut clipboard = Clipboard::new(Box::new(memory.clone()));
        clipboard
            .copy_secret(1, &SecretValue::from_string("s3cret".into()))
            .expect("copy");
        clipboard
            .copy_plain(&SecretValue::from_string("arn:aws:secretsmanager:x".into()))
            .expect("copy");
        drop(clipboard);
        assert_eq!(
            memory.contents().as_deref().map(String::as_str),
            Some("arn:aws:secretsmanager:x"),
            "an ARN copied last is still there to paste after quitting"
        );
    }

    /// A clipboard that says who owns it (as X11 does): a set makes us the owner; a test
    /// plays another program taking it, or a manager rewriting the text in place.
    struct OwnedBackend {
        inner: MemoryBackend,
        owner: Arc<Mutex<u64>>,
    }

    const US: u64 = 7;
    const SOMEONE_ELSE: u64 = 9;

    impl Backend for OwnedBackend {
        fn name(&self) -> &'static str {
            "owned"
        }
        fn set(&mut self, text: &str) -> Result<(), String> {
            *self.owner.lock().expect("lock") = US;
            self.inner.set(text)
        }
        fn get(&mut self) -> Result<Option<Zeroizing<String>>, String> {
            self.inner.get()
        }
        fn clear(&mut self) -> Result<(), String> {
            *self.owner.lock().expect("lock") = 0;
            self.inner.clear()
        }
        fn owner(&mut self) -> Option<u64> {
            Some(*self.owner.lock().expect("lock"))
        }
    }

    #[test]
    fn an_unchanged_owner_clears_and_a_new_owner_clears_only_our_text() {
        let memory = MemoryBackend::default();
        let owner = Arc::new(Mutex::new(0));
        let backend = OwnedBackend {
            inner: memory.clone(),
            owner: owner.clone(),
        };
        let mut clipboard = Clipboard::new(Box::new(backend));
        let secret = SecretValue::from_string("s3cret".into());

        // The text reads differently (normalised with a newline), but we still own it.
        clipboard.copy_secret(1, &secret).expect("copy");
        *memory.0.lock().expect("lock") = Some(Zeroizing::new("s3cret\n".into()));
        assert_eq!(clipboard.clear_if_ours(1), Ok(true), "cleared by ownership");
        assert!(memory.contents().is_none());

        // A clipboard manager took the selection and serves the very same text: the
        // secret is still there, so it is cleared.
        clipboard.copy_secret(2, &secret).expect("copy");
        *owner.lock().expect("lock") = SOMEONE_ELSE;
        assert_eq!(clipboard.clear_if_ours(2), Ok(true), "cleared by its text");
        assert!(memory.contents().is_none());

        // Another program copied something else: it is theirs, left alone.
        clipboard.copy_secret(3, &secret).expect("copy");
        *owner.lock().expect("lock") = SOMEONE_ELSE;
        *memory.0.lock().expect("lock") = Some(Zeroizing::new("theirs".into()));
        assert_eq!(clipboard.clear_if_ours(3), Ok(false));
        assert_eq!(
            clipboard.clear_on_exit(),
            Ok(false),
            "and not on exit either"
        );
        assert_eq!(*owner.lock().expect("lock"), SOMEONE_ELSE);
        assert_eq!(
            memory.contents().as_deref().map(String::as_str),
            Some("theirs")
        );
    }

    /// A clipboard whose clear fails until `fixed` is set.
    struct StuckBackend {
        inner: MemoryBackend,
        fixed: Arc<Mutex<bool>>,
    }

    impl Backend for StuckBackend {
        fn name(&self) -> &'static str {
            "stuck"
        }
        fn set(&mut self, text: &str) -> Result<(), String> {
            self.inner.set(text)
        }
        fn get(&mut self) -> Result<Option<Zeroizing<String>>, String> {
            self.inner.get()
        }
        fn clear(&mut self) -> Result<(), String> {
            if *self.fixed.lock().expect("lock") {
                self.inner.clear()
            } else {
                Err("the display went away".into())
            }
        }
    }

    #[test]
    fn a_failed_clear_is_reported_and_tried_again_on_exit() {
        let memory = MemoryBackend::default();
        let fixed = Arc::new(Mutex::new(false));
        let mut clipboard = Clipboard::new(Box::new(StuckBackend {
            inner: memory.clone(),
            fixed: fixed.clone(),
        }));
        clipboard
            .copy_secret(1, &SecretValue::from_string("s3cret".into()))
            .expect("copy");
        assert_eq!(
            clipboard.clear_if_ours(1),
            Err("the display went away".to_owned())
        );
        assert!(memory.contents().is_some(), "still there, and still ours");
        *fixed.lock().expect("lock") = true;
        drop(clipboard);
        assert!(memory.contents().is_none(), "exit tried again");
    }

    #[test]
    fn osc52_without_a_display_or_when_asked() {
        assert_eq!(choose(Mode::Auto, false), Choice::Osc52);
        assert_eq!(choose(Mode::Auto, true), Choice::System);
        assert_eq!(choose(Mode::Osc52, true), Choice::Osc52);
        assert_eq!(choose(Mode::System, false), Choice::System);
    }
}
