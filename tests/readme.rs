//! The README's key table is generated from the keymap; this fails when it goes stale.
//! Regenerate with `SMTUI_BLESS=1 cargo test --test readme`.

const START: &str = "<!-- keys:start -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_table_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("README has a keys:start marker") + START.len();
    let end = readme[start..]
        .find(END)
        .expect("README has a keys:end marker")
        + start;
    let expected = smtui::app::keymap::markdown_table();
    if readme[start..end] != expected {
        if std::env::var_os("SMTUI_BLESS").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(path, updated).expect("write README.md");
            return;
        }
        panic!(
            "README key table is stale; run SMTUI_BLESS=1 cargo test --test readme\n\n{expected}"
        );
    }
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
