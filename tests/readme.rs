//! The key and command tables (`docs/keys.md`) and the README's short tour of the keys are
//! generated from the keymap; this fails when they go stale.
//! Regenerate with `SMTUI_BLESS=1 cargo test --test readme -- --test-threads=1` (two
//! tables rewrite the same file).

use std::fmt::Write as _;

use smtui_core::app::Command;
use smtui_core::app::keymap::{Keymap, join_keys};
use smtui_core::app::layers::Layer;

/// Checks the block of `file` (from the repository's root) between `<!-- {name}:start -->`
/// and `<!-- {name}:end -->` against `expected`, or rewrites it with `SMTUI_BLESS=1`.
fn generated_block_is_current(file: &str, name: &str, expected: &str) {
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(&path).expect(file);
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = readme
        .find(&start_marker)
        .unwrap_or_else(|| panic!("{file} has a {name}:start marker"))
        + start_marker.len();
    let end = readme[start..]
        .find(&end_marker)
        .unwrap_or_else(|| panic!("{file} has a {name}:end marker"))
        + start;
    if readme[start..end] != *expected {
        if std::env::var_os("SMTUI_BLESS").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).expect(file);
            return;
        }
        panic!(
            "{file}: the {name} table is stale; run SMTUI_BLESS=1 cargo test --test readme -- --test-threads=1\n\n{expected}"
        );
    }
}

#[test]
fn readme_key_table_matches_the_keymap() {
    generated_block_is_current("docs/keys.md", "keys", &Keymap::default().markdown_table());
}

#[test]
fn readme_command_table_matches_the_commands() {
    generated_block_is_current("docs/keys.md", "commands", &Keymap::commands_table());
}

/// The README's tour names a handful of keys: those the default keymap binds over the list.
#[test]
fn readme_tour_keys_match_the_keymap() {
    let keymap = Keymap::default();
    let mut table = String::from("| Keys | Command | What it does |\n|---|---|---|\n");
    for command in [
        Command::Down,
        Command::Up,
        Command::Filter,
        Command::Reveal,
        Command::CopyValue,
        Command::PickVersion,
        Command::Edit,
        Command::Tags,
        Command::RotationOverview,
        Command::Audit,
        Command::Role,
        Command::Palette,
        Command::Help,
        Command::Quit,
    ] {
        let keys = keymap.keys_for(Layer::List, command);
        assert!(
            !keys.is_empty(),
            "{} has a key over the list",
            command.name()
        );
        let keys = format!("`{}`", join_keys(&keys, "` `"));
        let _ = writeln!(
            table,
            "| {keys} | `{}` | {} |",
            command.name(),
            command.description()
        );
    }
    generated_block_is_current("README.md", "tour", &table);
}

#[test]
fn readme_commands_match_ci() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(
        readme.contains("```sh\nscripts/test\n```"),
        "README names the test command, alone in its block"
    );
    assert!(
        ci.contains("scripts/test"),
        ".ci/run runs the README's test command"
    );
    assert!(
        readme.contains("```sh\nscripts/demo\n```"),
        "README names the demo command, alone in its block"
    );
}

#[test]
fn readme_names_every_theme_role() {
    let readme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/configuration.md"
    ))
    .expect("docs/configuration.md");
    for (role, _) in smtui_core::ui::theme::ROLES {
        assert!(
            readme.contains(&format!("`{role}`")),
            "docs/configuration.md \"Themes\" does not name the role {role}"
        );
    }
}

#[test]
fn the_readme_config_example_is_a_valid_config() {
    let readme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/configuration.md"
    ))
    .expect("docs/configuration.md");
    let section = readme
        .split("## The config file")
        .nth(1)
        .expect("a config file section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml example");
    let file = smtui::config::FileConfig::parse(example)
        .unwrap_or_else(|e| panic!("docs/configuration.md's config example: {e}"));
    assert_eq!(file.posture.rules().required_tags, ["Owner"]);
}
