//! The real binary in tmux against the local stack: start, see every region load, filter,
//! reveal, copy (OSC 52), run help from the palette, quit, and find the terminal restored
//! and the value gone from it.

use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{STEP, Tmux, start};
use smtui_devstack::fixtures as fx;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_binary_in_tmux() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-{}", std::process::id()),
        session: "e2e",
    };
    let logs = tempfile::tempdir().expect("temp dir");
    let log_file = logs.path().join("smtui.log");
    let log_arg = log_file.to_str().expect("utf-8 path").to_owned();
    let mut args = vec![
        "--clipboard",
        "osc52",
        "--log-level",
        "trace",
        "--log-file",
        &log_arg,
    ];
    for region in fx::REGIONS {
        args.extend(["--region", region]);
    }
    // The SDK would then log whole response bodies at TRACE; the binary's filter caps that.
    let mut env = stack.env();
    env.push(("LOG_SENSITIVE_BODIES".to_owned(), "true".to_owned()));
    start(&tmux, env, &args);
    // Inside tmux the copy goes through tmux itself, into a paste buffer of smtui's own
    // (which tmux also hands to the outer terminal with `set-clipboard on`): it can be read
    // back from outside, byte for byte, and must be gone after the clear.
    tmux.cmd(&["set-option", "-s", "set-clipboard", "on"]);

    let screen = tmux.wait_for("three regions loaded", Duration::from_mins(1), |s| {
        s.matches('✓').count() == 3
    });
    for region in fx::REGIONS {
        assert!(screen.contains(region), "{screen}");
    }
    assert!(screen.contains("Secrets ("), "{screen}");
    assert_core_dumps_off(&tmux);
    clicks_on_a_region(&tmux, &screen, fx::REGIONS[1]);
    themes_and_tabs(&tmux);

    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::STRING_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("filtered to one", crate::common::tmux::STEP, |s| {
        s.contains("Secrets (1 of")
    });
    tmux.wait_for("detail", crate::common::tmux::STEP, |s| {
        s.contains("Team=payments")
    });
    assert!(
        !tmux.screen().contains(value_start()),
        "masked before reveal"
    );

    tmux.keys(&["v"]);
    tmux.wait_for("revealed", crate::common::tmux::STEP, |s| {
        s.contains(value_start())
    });
    tmux.keys(&["c"]);
    tmux.wait_for("copied", crate::common::tmux::STEP, |s| {
        s.contains("Copied value of") && s.contains("(tmux)")
    });
    let ours = format!("smtui-{}", tmux.pid());
    let buffer = tmux.cmd(&["show-buffer", "-b", &ours]);
    assert!(
        buffer.stdout == fx::STRING_SECRET_VALUE.as_bytes(),
        "tmux's buffer {ours} holds exactly the value ({} bytes)",
        buffer.stdout.len()
    );
    tmux.keys(&["v"]);
    // Positive marks, not only absences: a re-mask clears the terminal, and a screen caught
    // blank in between would pass any "is gone" test.
    tmux.wait_for("masked again", crate::common::tmux::STEP, |s| {
        s.contains("masked ·") && !s.contains(value_start())
    });

    rotation_panel_and_overview(&tmux);
    palette_and_help(&tmux);
    // One at a time: ESC and `q` read together are Alt-q, which a busy machine makes likely.
    tmux.keys(&["Escape"]);
    tmux.wait_for("help closed", crate::common::tmux::STEP, |s| {
        !s.contains("Keys (Esc closes")
    });
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", crate::common::tmux::STEP, |s| {
        s.contains("SMTUI-EXITED-")
    });
    assert!(after.contains("SMTUI-EXITED-0"), "clean exit:\n{after}");
    assert!(
        !after.contains("Secrets ("),
        "the alternate screen is gone:\n{after}"
    );
    assert!(
        !after.contains(value_start()),
        "no value left in the terminal:\n{after}"
    );
    assert_log_is_private_and_clean(&log_file);
    assert_no_buffer_holds(&tmux, fx::STRING_SECRET_VALUE);
    let history = tmux.cmd(&["capture-pane", "-p", "-S", "-1000", "-t", tmux.session]);
    assert!(
        !String::from_utf8_lossy(&history.stdout).contains(value_start()),
        "nor in scrollback"
    );
}

/// The mouse, as the terminal reports it: a click on a region in the region bar narrows
/// the list to it, a second click shows every region again.
fn clicks_on_a_region(tmux: &Tmux, screen: &str, region: &str) {
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("regions "))
        .expect("the region bar");
    let at = line.find(region).expect("the region is drawn");
    let column = u16::try_from(line[..at].chars().count() + 1).expect("column");
    let row = u16::try_from(row).expect("row");
    tmux.click(column, row);
    let title = format!(") in {region}");
    tmux.wait_for(
        "the list narrowed to the region",
        crate::common::tmux::STEP,
        |s| s.contains(&title),
    );
    tmux.click(column, row);
    tmux.wait_for("every region again", crate::common::tmux::STEP, |s| {
        !s.contains(&title)
    });
}

/// The theme picker (`T`) opens and closes; on a narrow window the tab bar shows and `]`
/// switches to the detail.
fn themes_and_tabs(tmux: &Tmux) {
    tmux.keys(&["T"]);
    tmux.wait_for("the theme picker", crate::common::tmux::STEP, |s| {
        s.contains("Theme (Enter keeps") && s.contains("solarized-dark")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the picker closed", crate::common::tmux::STEP, |s| {
        !s.contains("Theme (Enter keeps")
    });
    tmux.cmd(&["resize-window", "-t", tmux.session, "-x", "80", "-y", "24"]);
    tmux.wait_for("the tab bar", crate::common::tmux::STEP, |s| {
        s.contains("[Secrets]")
    });
    tmux.keys(&["]"]);
    tmux.wait_for("the detail tab", crate::common::tmux::STEP, |s| {
        s.contains("[Detail]") && s.contains("ARN")
    });
    tmux.keys(&["["]);
    tmux.cmd(&["resize-window", "-t", tmux.session, "-x", "120", "-y", "40"]);
    tmux.wait_for("the wide layout again", crate::common::tmux::STEP, |s| {
        !s.contains("[Secrets]") && s.contains("Secrets (")
    });
}

/// The seeded stuck rotation shows as stuck in the panel, with the repair named; `o` opens
/// the overview, the stuck secrets first. Leaves the list filtered to that secret.
fn rotation_panel_and_overview(tmux: &Tmux) {
    let wait = crate::common::tmux::STEP;
    // One at a time: ESC and `/` read together would be Alt-/.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the filter cleared", wait, |s| {
        s.contains("Secrets (") && !s.contains("Secrets (1 of")
    });
    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::STUCK_SECRET]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the stuck rotation", wait, |s| {
        s.contains(" Rotation ") && s.contains(" Stuck ") && s.contains("AWSPENDING")
    });
    assert!(screen.contains(":repair-rotation"), "{screen}");
    tmux.keys(&["o"]);
    let screen = tmux.wait_for("the overview", wait, |s| s.contains("Rotation overview"));
    assert!(screen.contains("SecretsManager.2"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the overview closed", wait, |s| {
        !s.contains("Rotation overview")
    });
    // Its audit over 7 days: the rotation that failed 3 days ago, found by scanning the
    // region's events (as far as it takes: `n` reads on after each capped scan).
    tmux.keys(&["A"]);
    tmux.wait_for("the audit pane", wait, |s| s.contains("Audit · "));
    tmux.keys(&["w"]);
    tmux.wait_for("a week", wait, |s| s.contains("last 7 d"));
    let deadline = std::time::Instant::now() + Duration::from_mins(1);
    let screen = loop {
        let screen = tmux.screen();
        if screen.contains("RotationFailed") {
            break screen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no RotationFailed:\n{screen}"
        );
        if screen.contains("Partial:") {
            tmux.keys(&["n"]);
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(screen.contains("CloudTrail delivers events"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the audit pane closed", wait, |s| !s.contains("Audit · "));
    // From the palette: a new schedule for this stuck secret offers the repair first, the
    // role switcher and the messages log open; each closes unused.
    for (command, shown) in [
        ("rotation-schedule", "Remove the AWSPENDING label"),
        ("role", "Switch identity"),
        ("messages", "Messages, newest first"),
    ] {
        tmux.keys(&[":"]);
        tmux.wait_for("the palette", wait, |s| s.contains("Enter runs"));
        tmux.keys(&["-l", command]);
        tmux.keys(&["Enter"]);
        tmux.wait_for(shown, wait, |s| s.contains(shown));
        tmux.keys(&["Escape"]);
        tmux.wait_for("closed", wait, |s| !s.contains(shown));
    }
}

/// No tmux paste buffer holds `value`: the copy did not outlive its clear.
fn assert_no_buffer_holds(tmux: &Tmux, value: &str) {
    let names = tmux.cmd(&["list-buffers", "-F", "#{buffer_name}"]);
    for name in String::from_utf8_lossy(&names.stdout).lines() {
        let content = tmux.cmd(&["show-buffer", "-b", name]);
        assert!(
            !String::from_utf8_lossy(&content.stdout).contains(value),
            "tmux buffer {name} still holds the copied secret"
        );
    }
}

/// The palette: `q` typed there is text, not quit; `:help` + Enter opens the help; then
/// `?` opens it too. Leaves the help open.
fn palette_and_help(tmux: &Tmux) {
    tmux.keys(&[":"]);
    tmux.wait_for("the palette", crate::common::tmux::STEP, |s| {
        s.contains("Enter runs")
    });
    tmux.keys(&["-l", "q"]);
    tmux.wait_for("q typed into the palette", crate::common::tmux::STEP, |s| {
        s.contains(":q") && s.contains("quit (clears")
    });
    tmux.keys(&["BSpace"]);
    tmux.keys(&["-l", "help"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("help from the palette", crate::common::tmux::STEP, |s| {
        s.contains("Keys (Esc closes") && !s.contains("Enter runs")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("help closed", crate::common::tmux::STEP, |s| {
        !s.contains("Keys (Esc closes")
    });
    tmux.keys(&["?"]);
    tmux.wait_for("help", crate::common::tmux::STEP, |s| {
        s.contains("Keys (Esc closes")
    });
}

/// Every write popup once in the real binary, each closed again without writing: the tags
/// popup from the palette (`:tags`), versions and their comparison, delete, create.
fn the_write_popups_open_and_close(tmux: &Tmux) {
    let wait = STEP;
    // The saved secret is described again; the popups read that detail.
    tmux.wait_for("the detail again", wait, |s| s.contains("Team=payments"));
    tmux.keys(&[":"]);
    tmux.wait_for("the palette", wait, |s| s.contains("Enter runs"));
    tmux.keys(&["-l", "tags"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the tags popup", wait, |s| {
        s.contains("Tags, description, policy") && s.contains("Resource policy")
    });
    // One at a time: ESC and `p` read together would be Alt-p.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the tags closed", wait, |s| !s.contains("Resource policy"));
    tmux.keys(&["p"]);
    tmux.wait_for("the versions", wait, |s| s.contains(" Versions "));
    tmux.keys(&["d"]);
    tmux.wait_for("a comparison", wait, |s| {
        s.contains("Compare versions") && s.contains("••••••••")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("back to the versions", wait, |s| {
        !s.contains("Compare versions")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the versions closed", wait, |s| !s.contains(" Versions "));
    tmux.keys(&["D"]);
    tmux.wait_for("the delete popup", wait, |s| s.contains("Delete secret"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("kept", wait, |s| !s.contains("Delete secret"));
    tmux.keys(&["N"]);
    tmux.wait_for("the new secret's name", wait, |s| {
        s.contains("Name of the new secret")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("no secret created", wait, |s| {
        !s.contains("Name of the new secret")
    });
}

/// The running smtui may not dump core.
fn assert_core_dumps_off(tmux: &Tmux) {
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", tmux.pid())).expect("limits");
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .expect("core limit line");
    assert!(
        core.split_whitespace().nth(4) == Some("0"),
        "core dumps disabled: {core}"
    );
}

/// The TRACE log saw the reveal, holds no value, and only its owner can read it.
fn assert_log_is_private_and_clean(log_file: &std::path::Path) {
    let log = std::fs::read_to_string(log_file).expect("the log was written");
    assert!(
        log.contains("GetSecretValue"),
        "TRACE logging saw the reveal"
    );
    assert!(
        !log.contains(&fx::STRING_SECRET_VALUE[..12]),
        "the value is in no log line"
    );
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(log_file).expect("meta").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the log is private");
}

/// Long values wrap in the value pane; their first 24 characters fit on one line.
/// A value that re-masks on its own timer (no key pressed) leaves smtui running: the re-mask
/// resets the screen without asking the terminal anything, since the key reader owns its
/// answers (asking for the cursor there once ended smtui).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_masks_itself_on_its_timer_and_smtui_goes_on() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-timer-{}", std::process::id()),
        session: "timer",
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "reveal_timeout_secs = 2\n").expect("config");
    let config = config.to_str().expect("utf-8 path");
    start(
        &tmux,
        stack.env(),
        &["--region", fx::PRIMARY_REGION, "--config", config],
    );
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::STRING_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("detail", crate::common::tmux::STEP, |s| {
        s.contains("Team=payments")
    });
    tmux.keys(&["v"]);
    tmux.wait_for("revealed", crate::common::tmux::STEP, |s| {
        s.contains(value_start())
    });
    tmux.wait_for("masked by the timer", crate::common::tmux::STEP, |s| {
        s.contains("masked ·") && !s.contains(value_start())
    });
    // Still running, and still reading keys.
    std::thread::sleep(Duration::from_secs(3));
    let screen = tmux.screen();
    assert!(
        !screen.contains("SMTUI-EXITED") && screen.contains(" smtui "),
        "{screen}"
    );
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", crate::common::tmux::STEP, |s| {
        s.contains("SMTUI-EXITED-")
    });
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
}

fn value_start() -> &'static str {
    &fx::STRING_SECRET_VALUE[..24]
}

/// The real binary edits a value: `e`, type, `Ctrl-s`, `y`; the SDK reads the new value
/// back, and nothing of it is left in the terminal after quitting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_save_and_read_back() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-edit-{}", std::process::id()),
        session: "edit",
    };
    start(
        &tmux,
        stack.env(),
        &["--region", fx::PRIMARY_REGION, "--clipboard", "osc52"],
    );
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::STRING_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("detail", STEP, |s| s.contains("Team=payments"));
    tmux.keys(&["e"]);
    // The editor opens masked, like the value pane; Ctrl-v shows the text.
    tmux.wait_for("the editor, masked", STEP, |s| {
        s.contains(&format!("Edit {}", fx::STRING_SECRET))
            && s.contains("Ctrl-v reveal")
            && !s.contains(value_start())
    });
    tmux.keys(&["C-v"]);
    tmux.wait_for("the text in clear", STEP, |s| s.contains(value_start()));
    tmux.keys(&["End"]);
    tmux.keys(&["-l", "_v2"]);
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", STEP, |s| {
        s.contains("Review changes") && s.contains("••••••••")
    });
    tmux.keys(&["y"]);
    tmux.wait_for("saved", STEP, |s| s.contains("is AWSCURRENT"));
    let saved = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .get_secret_value()
        .secret_id(fx::STRING_SECRET)
        .version_stage("AWSCURRENT")
        .send()
        .await
        .expect("GetSecretValue");
    assert_eq!(
        saved.secret_string(),
        Some(format!("{}_v2", fx::STRING_SECRET_VALUE).as_str())
    );
    the_write_popups_open_and_close(&tmux);
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
    let history = tmux.cmd(&["capture-pane", "-p", "-S", "-1000", "-t", tmux.session]);
    assert!(
        !String::from_utf8_lossy(&history.stdout).contains(value_start()),
        "the edited value is not left in scrollback"
    );
}

/// `:audit-region` over a region with more than one page of events: the summary says it
/// covers only the first 50 while more exist (an incident responder must not read its
/// "0 denied" as the whole window), and the whole window once `G` has loaded every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_summary_says_what_it_covers_until_the_whole_window_has_loaded() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-audit-{}", std::process::id()),
        session: "audit",
    };
    start(&tmux, stack.env(), &["--region", fx::PRIMARY_REGION]);
    let wait = Duration::from_secs(20);
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&[":"]);
    tmux.wait_for("the palette", wait, |s| s.contains("Enter runs"));
    tmux.keys(&["-l", "audit-region"]);
    tmux.keys(&["Enter"]);
    let first = tmux.wait_for("the first page", wait, |s| {
        s.contains("every Secrets Manager event in") && s.contains("First 50 loaded")
    });
    assert!(
        first.contains("First 50 loaded, more in the window: ") && !first.contains("Whole window"),
        "{first}"
    );
    // `G` goes to the oldest event loaded, which asks for the next page: again until the
    // last page is in.
    let deadline = std::time::Instant::now() + Duration::from_mins(2);
    let whole = loop {
        let screen = tmux.screen();
        // The summary and the status line below it can be captured a frame apart (seen
        // with the shared test binary loading the machine): both, or look again.
        if screen.contains("Whole window: ") && screen.contains("Every event in the window") {
            break screen;
        }
        if screen.contains("Whole window: ") {
            assert!(std::time::Instant::now() < deadline, "{screen}");
            std::thread::sleep(Duration::from_millis(400));
            continue;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the whole window never loaded:\n{screen}"
        );
        assert!(screen.contains(" loaded, more in the window: "), "{screen}");
        if !screen.contains("Looking up events") {
            tmux.keys(&["G"]);
        }
        std::thread::sleep(Duration::from_millis(400));
    };
    let events: usize = whole
        .split("Whole window: ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of events:\n{whole}"));
    assert!(events > 50, "more than the first page: {events}\n{whole}");
    assert!(
        whole.contains("Every event in the window has loaded.") && !whole.contains("First "),
        "{whole}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the audit pane closed", wait, |s| !s.contains("Audit · "));
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", crate::common::tmux::STEP, |s| {
        s.contains("SMTUI-EXITED-")
    });
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
}
