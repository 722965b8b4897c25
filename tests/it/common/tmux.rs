//! A tmux server of the test's own, for driving the real binary and reading its screen.

use std::process::Command;
use std::time::{Duration, Instant};

/// How long one step of an end-to-end test (a key and what it shows, a signal and the
/// exit) may take to reach the screen. The debug binary, moto and tmux share a 2-core
/// machine with other builds: a step that shows in a tenth of a second on a quiet machine
/// has taken over ten on a busy one. Each wait ends as soon as its text shows, so only a
/// broken step ever waits this long.
pub const STEP: Duration = Duration::from_secs(30);

pub struct Tmux {
    pub socket: String,
    pub session: &'static str,
}

impl Tmux {
    pub fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is installed (scripts/test installs it)")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", self.session]).stdout)
            .into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.cmd(&["send-keys", "-t", self.session, key]);
        }
    }

    pub fn wait_for(&self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            // A blank screen is one caught between a clear and the next frame (a re-mask
            // clears the terminal): it would pass any "is gone" test, so it is never judged.
            if !screen.trim().is_empty() && done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}

impl Tmux {
    /// The pid of the program the session runs: the child of the pane's shell.
    pub fn pid(&self) -> String {
        let pane = self.cmd(&["display-message", "-p", "-t", self.session, "#{pane_pid}"]);
        let pane = String::from_utf8_lossy(&pane.stdout).trim().to_owned();
        let child = Command::new("pgrep")
            .args(["-P", &pane])
            .output()
            .expect("pgrep");
        String::from_utf8_lossy(&child.stdout)
            .lines()
            .next()
            .expect("smtui runs")
            .trim()
            .to_owned()
    }

    /// After smtui has exited: typing a line at the shell works, so raw mode is off.
    pub fn assert_cooked(&self) {
        self.keys(&["-l", "typed"]);
        self.keys(&["Enter"]);
        self.wait_for("the tty in cooked mode", STEP, |s| s.contains("GOT-typed"));
    }

    /// A left click at a cell (0-based), sent as the SGR mouse report a terminal sends
    /// (press, then release) once the program has turned mouse reporting on.
    pub fn click(&self, column: u16, row: u16) {
        let (x, y) = (column + 1, row + 1);
        self.keys(&["-l", &format!("\u{1b}[<0;{x};{y}M\u{1b}[<0;{x};{y}m")]);
    }
}

/// Starts the real binary in a detached 120x40 tmux session; the pane stays after it exits
/// (printing its exit code) so the restored screen can be read.
pub fn start(tmux: &Tmux, env: Vec<(String, String)>, args: &[&str]) {
    let mut command = vec!["env".to_owned(), "TERM=xterm-256color".to_owned()];
    command.extend(env.into_iter().map(|(k, v)| format!("{k}={v}")));
    command.push(smtui_binary().to_owned());
    command.extend(args.iter().map(|a| (*a).to_owned()));
    // After smtui exits the shell reads one line: it arrives only if the tty is back in
    // cooked mode (echo on, Enter ends a line), which is what `assert_cooked` checks.
    let shell = format!(
        "{}; echo SMTUI-EXITED-$?; read -r line; echo GOT-$line; sleep 30",
        shell_words(&command)
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        tmux.session,
        "-x",
        "120",
        "-y",
        "40",
        &shell,
    ]);
    assert!(
        out.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The binary under test (Cargo builds it for integration tests).
fn smtui_binary() -> &'static str {
    env!("CARGO_BIN_EXE_smtui")
}

fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ")
}
