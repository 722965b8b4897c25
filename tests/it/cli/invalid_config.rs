//! A bad config file stops the real binary at start, before any terminal or AWS work, with
//! the file, the line and the field (one file per mistake in `tests/invalid_configs/`).

use crate::common;

use std::ffi::OsStr;

fn run_with(config: &str) -> (i32, String) {
    let path = format!(
        "{}/tests/invalid_configs/{config}",
        env!("CARGO_MANIFEST_DIR")
    );
    let args = ["--config", &path, "--region", "us-east-1"].map(OsStr::new);
    common::run_smtui(&args, &[])
}

#[test]
fn each_bad_key_binding_names_file_line_and_field() {
    let cases = [
        (
            "unknown_command.toml",
            "line 4: keys.list.reveel: no such command",
        ),
        (
            "unknown_key.toml",
            "line 2: keys.global.quit: unknown key \"Hyper-q\"",
        ),
        (
            "conflict.toml",
            "line 5: keys.list.copy-value: `s` is also bound to `sort-next`",
        ),
        ("unknown_layer.toml", "line 1: keys.lsit: no such layer"),
        (
            "popup_command.toml",
            "line 2: keys.help.refresh: `refresh` does nothing in Help",
        ),
    ];
    for (file, expected) in cases {
        let (code, stderr) = run_with(file);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(
            stderr.contains(&format!("invalid_configs/{file}: {expected}")),
            "{file}: {stderr}"
        );
    }
}

/// A theme named with `--theme` that cannot be used stops smtui with the file, the line and
/// the role (one file per mistake in `tests/invalid_themes/`).
#[test]
fn each_bad_theme_names_file_line_and_role() {
    let cases = [
        (
            "bad_colour.toml",
            "bad_colour.toml: line 8 (title): unknown colour \"cyna\"",
        ),
        (
            "unknown_role.toml",
            "unknown_role.toml: line 7 (dimm): unknown field `dimm`",
        ),
        ("missing_role.toml", "missing field `audit_root`"),
    ];
    for (file, expected) in cases {
        let path = format!("{}/tests/invalid_themes/{file}", env!("CARGO_MANIFEST_DIR"));
        let args = ["--theme", &path, "--region", "us-east-1"].map(OsStr::new);
        let (code, stderr) = common::run_smtui(&args, &[]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(stderr.contains(expected), "{file}: {stderr}");
    }
    let args = ["--theme", "solarised", "--region", "us-east-1"].map(OsStr::new);
    let (code, stderr) = common::run_smtui(&args, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("theme \"solarised\": no such theme") && stderr.contains("solarized-dark"),
        "{stderr}"
    );
}
