//! Inside tmux, through tmux itself. An OSC 52 copy made inside tmux lands in tmux's paste
//! buffers (with `set-clipboard on`), and no OSC 52 clear removes it from there: the secret
//! would outlive its clear and smtui itself. So the copy goes into a named buffer of our
//! own (`load-buffer -b smtui-<pid>`, the text on stdin, never in argv), which tmux also
//! hands to the outer terminal's clipboard when `set-clipboard` allows (`-w`); the clear
//! overwrites the outer clipboard with a space the same way and deletes the buffer.

use std::io::Write as _;
use std::process::{Command, Stdio};

use zeroize::Zeroizing;

use super::Backend;

pub(crate) struct TmuxBackend {
    buffer: String,
    /// `set-clipboard` is not `off`: tmux passes the copy on to the terminal's clipboard.
    reaches_terminal: bool,
}

impl TmuxBackend {
    /// When running inside tmux (`$TMUX`) and tmux answers.
    pub(crate) fn detect() -> Option<Self> {
        std::env::var_os("TMUX")?;
        let out = Command::new("tmux")
            .args(["show-options", "-s", "set-clipboard"])
            .stdin(Stdio::null())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let setting = String::from_utf8_lossy(&out.stdout);
        Some(Self {
            buffer: format!("smtui-{}", std::process::id()),
            reaches_terminal: !setting.trim().ends_with(" off"),
        })
    }

    /// `tmux load-buffer -b <ours> [-w] -` with `text` on stdin.
    fn load(&self, text: &str) -> Result<(), String> {
        let mut args = vec!["load-buffer", "-b", self.buffer.as_str()];
        if self.reaches_terminal {
            args.push("-w");
        }
        args.push("-");
        let mut child = Command::new("tmux")
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("tmux: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(text.as_bytes())
                .map_err(|e| format!("tmux: {e}"))?;
        }
        let out = child.wait_with_output().map_err(|e| format!("tmux: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "tmux load-buffer failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }
}

impl Backend for TmuxBackend {
    fn name(&self) -> &'static str {
        if self.reaches_terminal {
            "tmux"
        } else {
            "tmux's buffer only: set-clipboard is off, so not on the terminal's clipboard"
        }
    }

    fn set(&mut self, text: &str) -> Result<(), String> {
        self.load(text)
    }

    /// The buffer is ours by name: clearing is always right.
    fn get(&mut self) -> Result<Option<Zeroizing<String>>, String> {
        Ok(None)
    }

    fn clear(&mut self) -> Result<(), String> {
        // The outer terminal's clipboard: overwritten (an empty copy would not clear it).
        self.load(" ")?;
        let out = Command::new("tmux")
            .args(["delete-buffer", "-b", self.buffer.as_str()])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("tmux: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "tmux delete-buffer failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }
}
