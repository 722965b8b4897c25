//! A registered room is named outside its folder only where it registers (docs/
//! architecture.md, "Adding a pane": `features/mod.rs`, `app/registry.rs`, its rows of the
//! layers table, its line and its file in the AWS crate's runner) and where a cross-room
//! rule listed below crosses it. No central match grows an arm for a new room: a file that
//! starts naming one fails here until the crossing is written down with its reason.

use std::collections::BTreeSet;
use std::path::Path;

use super::{ROOT, code, relative, rust_files};

/// The registry's `rooms` list: (variant, module), read from the file.
fn registered() -> Vec<(String, String)> {
    let registry = std::fs::read_to_string(Path::new(ROOT).join("crates/core/src/app/registry.rs"))
        .expect("the registry");
    let rooms = registry
        .split_once("rooms: [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(rooms, _)| rooms)
        .expect("a `rooms` list");
    rooms
        .lines()
        .filter_map(|line| line.trim().trim_end_matches(',').split_once(" => "))
        .map(|(variant, module)| (variant.trim().to_owned(), module.trim().to_owned()))
        .collect()
}

/// Where a cross-room rule names a registered room outside its folder, and why.
const CROSSINGS: &[(&str, &str, &str)] = &[
    (
        "values",
        "src/headless/values.rs",
        "`smtui posture --deep` sends the room's batch reads through the runner and groups \
         what they found by the room's own rules, as `reused-values` does",
    ),
    (
        "org",
        "crates/core/src/app/state.rs",
        "`--org` given at start is handed to the state, which lends the refused accounts to the bar",
    ),
    (
        "org",
        "crates/core/src/app/router/mod.rs",
        "`--org` asks for the accounts with the start's effects",
    ),
    (
        "org",
        "crates/core/src/app/router/results.rs",
        "the accounts are chosen once who smtui is has answered",
    ),
    (
        "org",
        "crates/core/src/app/router/pins.rs",
        "an organisation's assumes answer the session, and the org room hears how each went",
    ),
    (
        "sso",
        "crates/core/src/app/router/identity_center.rs",
        "the switcher's Identity Center entry opens the room's popup; a role pinned in every \
         account answers the session, and the room hears how each went",
    ),
    (
        "sso",
        "crates/core/src/app/state.rs",
        "the sign-ins the AWS config names are handed to the room with the profiles, the \
         start profile's first",
    ),
    (
        "sso",
        "crates/aws/src/runner/mod.rs",
        "the sign-in's wait for the user's approval runs outside the lanes (it would hold a \
         place for minutes)",
    ),
    (
        "appearance",
        "crates/core/src/app/state.rs",
        "the themes found at start are handed to the state",
    ),
    (
        "editor",
        "crates/aws/src/secrets.rs",
        "its SDK calls, beside the Secrets Manager client's others",
    ),
    (
        "lifecycle",
        "crates/aws/src/secrets.rs",
        "its SDK calls, beside the Secrets Manager client's others",
    ),
    (
        "rotation",
        "crates/aws/src/rotation.rs",
        "its SDK calls, beside the Secrets Manager client's others",
    ),
    (
        "appearance",
        "crates/core/src/render/mod.rs",
        "the frame draws with the theme the picker highlights",
    ),
    (
        "appearance",
        "crates/core/src/render/popups.rs",
        "the frame lends the themes to the picker",
    ),
    (
        "audit",
        "crates/core/src/app/router/mod.rs",
        "a throttled lookup's retry is a timer action",
    ),
    (
        "audit",
        "crates/core/src/app/router/results.rs",
        "rotation events the audit pane found feed the rotation panel",
    ),
    (
        "audit",
        "crates/core/src/app/router/intents.rs",
        "rotation events the audit pane found feed the rotation panel",
    ),
    (
        "rotation",
        "crates/core/src/app/router/intents.rs",
        "rotation events the audit pane found feed the rotation panel",
    ),
    (
        "rotation",
        "crates/core/src/app/router/results.rs",
        "a new page of rows refreshes the open rotation overview",
    ),
    (
        "rotation",
        "crates/core/src/render/mod.rs",
        "the frame draws the rotation panel beside the list",
    ),
    (
        "rotation",
        "crates/core/src/app/router/identity.rs",
        "a role's expiry is said with the panel's relative time",
    ),
    (
        "messages",
        "crates/core/src/app/router/mod.rs",
        "every footer message is logged, and the footer's input",
    ),
    (
        "messages",
        "crates/core/src/app/router/intents.rs",
        "every footer message is logged",
    ),
    (
        "messages",
        "crates/core/src/app/state.rs",
        "the footer's message lives in the state",
    ),
    (
        "messages",
        "crates/core/src/render/popups.rs",
        "the message log is a bare layer the frame draws",
    ),
    (
        "editor",
        "crates/core/src/app/router/mod.rs",
        "an editor key and a paste go to the session; an unsaved edit is named before quitting",
    ),
    (
        "editor",
        "crates/core/src/app/router/identity.rs",
        "an unfinished edit is named before a switch",
    ),
    (
        "editor",
        "crates/core/src/render/popups.rs",
        "the review and the conflict are bare layers drawn from the editor's session",
    ),
];

/// Whether `code` names room `module` (variant `variant`) by a path or by an app enum's
/// variant.
fn names(code: &str, variant: &str, module: &str) -> bool {
    let by_variant = ["Command", "Outcome", "AwsCall", "PromptFor"]
        .iter()
        .any(|e| code.contains(&format!("{e}::{variant}(")));
    let by_field = code.contains(&format!("rooms.{module}"));
    let by_path = code.match_indices(&format!("{module}::")).any(|(at, _)| {
        let before = code[..at].chars().next_back().unwrap_or(' ');
        // A path starting with the room (`audit::…`, after `use …::{audit, …}`); not
        // `xaudit::`, `foo.audit::` nor another module's `model::rotation::`.
        !(before.is_alphanumeric() || matches!(before, '_' | '.' | ':'))
    });
    let in_import = code.contains(&format!("features::{module}"))
        || code.split("features::{").skip(1).any(|list| {
            list.split('}')
                .next()
                .is_some_and(|l| l.split([',', ' ']).any(|n| n == module))
        });
    by_variant || by_field || by_path || in_import
}

/// A file's code before its unit tests (tests may name any room).
fn shipped(path: &Path) -> String {
    let code = code(path);
    match code.find("#[cfg(test)]") {
        Some(at) => code[..at].to_owned(),
        None => code,
    }
}

#[test]
fn a_registered_room_is_named_outside_its_folder_only_where_it_registers_or_a_rule_crosses() {
    let rooms = registered();
    assert!(rooms.len() >= 8, "the registry's rooms: {rooms:?}");
    let root = Path::new(ROOT);
    let mut files = rust_files(&root.join("crates/core/src"));
    files.extend(rust_files(&root.join("crates/aws/src")));
    files.extend(rust_files(&root.join("src")));
    let mut unexplained = BTreeSet::new();
    for (variant, module) in &rooms {
        let own = [
            format!("crates/core/src/features/{module}/"),
            format!("crates/aws/src/runner/rooms/{module}.rs"),
        ];
        let registration = [
            "crates/core/src/features/mod.rs",
            "crates/core/src/app/registry.rs",
            "crates/aws/src/runner/rooms/mod.rs",
        ];
        for file in &files {
            let name = relative(file);
            let is_test = name.ends_with("tests.rs") || name.contains("/tests/");
            if is_test
                || own.iter().any(|o| name.starts_with(o.as_str()))
                || registration.contains(&name.as_str())
            {
                continue;
            }
            if !names(&shipped(file), variant, module) {
                continue;
            }
            let crossed = CROSSINGS
                .iter()
                .any(|(room, at, _)| room == module && *at == name);
            if !crossed {
                unexplained.insert(format!("{module} in {name}"));
            }
        }
    }
    assert!(
        unexplained.is_empty(),
        "a registered room is named outside its folder where it neither registers nor a \
         listed cross-room rule crosses it (hand it to its room through `Update`, or list \
         the crossing with its reason): {unexplained:#?}"
    );
}

#[test]
fn every_listed_crossing_still_crosses() {
    let root = Path::new(ROOT);
    let rooms = registered();
    let stale: Vec<String> = CROSSINGS
        .iter()
        .filter(|(room, at, _)| {
            let (variant, module) = rooms
                .iter()
                .find(|(_, m)| m == room)
                .unwrap_or_else(|| panic!("{room} is not registered"));
            !names(&shipped(&root.join(at)), variant, module)
        })
        .map(|(room, at, why)| format!("{room} in {at} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "no longer crossing, take them off the list: {stale:#?}"
    );
}
