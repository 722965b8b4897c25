//! The README's key and command tables are generated from the keymap; this fails when
//! they go stale.
//! Regenerate with `SMTUI_BLESS=1 cargo test --test readme -- --test-threads=1` (the two
//! tables rewrite the same file).

use smtui_core::app::keymap::Keymap;

/// Checks the README block between `<!-- {name}:start -->` and `<!-- {name}:end -->`
/// against `expected`, or rewrites it with `SMTUI_BLESS=1`.
fn generated_block_is_current(name: &str, expected: &str) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = readme
        .find(&start_marker)
        .unwrap_or_else(|| panic!("README has a {name}:start marker"))
        + start_marker.len();
    let end = readme[start..]
        .find(&end_marker)
        .unwrap_or_else(|| panic!("README has a {name}:end marker"))
        + start;
    if readme[start..end] != *expected {
        if std::env::var_os("SMTUI_BLESS").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(path, updated).expect("write README.md");
            return;
        }
        panic!(
            "README {name} table is stale; run SMTUI_BLESS=1 cargo test --test readme -- --test-threads=1\n\n{expected}"
        );
    }
}

#[test]
fn readme_key_table_matches_the_keymap() {
    generated_block_is_current("keys", &Keymap::default().markdown_table());
}

#[test]
fn readme_command_table_matches_the_commands() {
    generated_block_is_current("commands", &Keymap::commands_table());
}

#[test]
fn readme_commands_match_ci() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(
        readme.contains("scripts/test"),
        "README names the test command"
    );
    assert!(
        ci.contains("scripts/test"),
        ".ci/run runs the README's test command"
    );
    assert!(
        readme.contains("scripts/demo"),
        "README names the demo command"
    );
}

#[test]
fn readme_names_every_theme_role() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    for (role, _) in smtui_core::kit::theme::ROLES {
        assert!(
            readme.contains(&format!("`{role}`")),
            "README \"Themes\" does not name the role {role}"
        );
    }
}

#[test]
fn the_readme_config_example_is_a_valid_config() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("a Configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml example");
    let file = smtui::config::FileConfig::parse(example)
        .unwrap_or_else(|e| panic!("README's config example: {e}"));
    assert_eq!(file.posture.rules().required_tags, ["Owner"]);
}
