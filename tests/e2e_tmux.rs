//! The real binary in tmux against the local stack: start, see every region load, filter,
//! reveal, copy (OSC 52), quit, and find the terminal restored and the value gone from it.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::live::seeded_stack;
use smtui_devstack::fixtures as fx;

struct Tmux {
    socket: String,
    session: &'static str,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is installed (scripts/test installs it)")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", self.session]).stdout)
            .into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.cmd(&["send-keys", "-t", self.session, key]);
        }
    }

    fn wait_for(&self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if done(&screen) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_binary_in_tmux() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-{}", std::process::id()),
        session: "e2e",
    };
    let mut env: Vec<String> = stack
        .env()
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    env.push("TERM=xterm-256color".into());
    let binary = env!("CARGO_BIN_EXE_smtui");
    let mut command = vec!["env".to_owned()];
    command.extend(env);
    command.extend([binary.to_owned(), "--clipboard".into(), "osc52".into()]);
    for region in fx::REGIONS {
        command.extend(["--region".to_owned(), region.to_owned()]);
    }
    // Keep the pane after smtui exits so the restored screen can be read.
    let shell = format!("{}; echo SMTUI-EXITED-$?; sleep 30", shell_words(&command));
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

    let screen = tmux.wait_for("three regions loaded", Duration::from_secs(60), |s| {
        s.matches('✓').count() == 3
    });
    for region in fx::REGIONS {
        assert!(screen.contains(region), "{screen}");
    }
    assert!(screen.contains("Secrets ("), "{screen}");

    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::STRING_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("filtered to one", Duration::from_secs(10), |s| {
        s.contains("Secrets (1 of")
    });
    tmux.wait_for("detail", Duration::from_secs(10), |s| {
        s.contains("Team=payments")
    });
    assert!(
        !tmux.screen().contains(fx::STRING_SECRET_VALUE),
        "masked before reveal"
    );

    tmux.keys(&["v"]);
    tmux.wait_for("revealed", Duration::from_secs(10), |s| {
        s.contains(fx::STRING_SECRET_VALUE)
    });
    tmux.keys(&["c"]);
    tmux.wait_for("copied", Duration::from_secs(10), |s| {
        s.contains("Copied value of") && s.contains("OSC 52")
    });
    tmux.keys(&["v"]);
    tmux.wait_for("masked again", Duration::from_secs(10), |s| {
        !s.contains(fx::STRING_SECRET_VALUE)
    });

    tmux.keys(&["?"]);
    tmux.wait_for("help", Duration::from_secs(10), |s| {
        s.contains("Keys (Esc closes)")
    });
    tmux.keys(&["Escape", "q"]);
    let after = tmux.wait_for("exit", Duration::from_secs(10), |s| {
        s.contains("SMTUI-EXITED-")
    });
    assert!(after.contains("SMTUI-EXITED-0"), "clean exit:\n{after}");
    assert!(
        !after.contains("Secrets ("),
        "the alternate screen is gone:\n{after}"
    );
    assert!(
        !after.contains(fx::STRING_SECRET_VALUE),
        "no value left in the terminal:\n{after}"
    );
    let history = tmux.cmd(&["capture-pane", "-p", "-S", "-1000", "-t", tmux.session]);
    assert!(
        !String::from_utf8_lossy(&history.stdout).contains(fx::STRING_SECRET_VALUE),
        "nor in scrollback"
    );
}

fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ")
}
