//! The key and command tables (`docs/keys.md`) and the README's short tour of the keys are
//! generated from the keymap; this fails when they go stale, and when a relative link in the
//! README or `docs/` points nowhere.
//! Regenerate with `SMTUI_BLESS=1 cargo test --test it readme:: -- --test-threads=1` (two
//! tables rewrite the same file).

use std::fmt::Write as _;

use smtui_core::app::Command;
use smtui_core::app::keymap::{Keymap, join_keys};
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::features::editor::Command as EditorCommand;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::features::tags::Command as TagsCommand;
use smtui_core::features::versions::Command as VersionsCommand;
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;

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
            "{file}: the {name} table is stale; run SMTUI_BLESS=1 cargo test --test it readme:: -- --test-threads=1\n\n{expected}"
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
        Command::Verb(Verb::Down),
        Command::Verb(Verb::Up),
        Command::Verb(Verb::Filter),
        Command::Verb(Verb::Reveal),
        Command::Value(RevealCommand::CopyValue),
        Command::Versions(VersionsCommand::Pick),
        Command::Editor(EditorCommand::Edit),
        Command::Tags(TagsCommand::Open),
        Command::Rotation(RotationCommand::Overview),
        Command::Audit(AuditCommand::Open),
        Command::Session(SessionCommand::Switch),
        Command::Verb(Verb::Palette),
        Command::Verb(Verb::Help),
        Command::Verb(Verb::Quit),
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
    for (role, _) in smtui_core::kit::theme::ROLES {
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

/// The Markdown files whose links are checked: the README, `docs/`, and the pages beside
/// the README.
fn markdown_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = [
        "README.md",
        "SECURITY.md",
        "BENCHMARKS.md",
        "devstack/README.md",
    ]
    .iter()
    .map(|f| root.join(f))
    .collect();
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    assert!(!docs.is_empty(), "docs/ holds the reference");
    files.extend(docs);
    files
}

/// The targets of a file's inline links (`[text](target)`, images too), outside code
/// blocks and code spans.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Code spans alternate with text between backticks; only the text holds links.
        for prose in line.split('`').step_by(2) {
            let mut rest = prose;
            while let Some(at) = rest.find("](") {
                rest = &rest[at + 2..];
                if let Some(end) = rest.find(')') {
                    targets.push(rest[..end].to_string());
                    rest = &rest[end..];
                }
            }
        }
    }
    targets
}

/// GitHub's anchor for each heading of a Markdown text: lower case, spaces as hyphens,
/// punctuation other than `-` and `_` dropped, a repeated one numbered.
fn anchors(text: &str) -> Vec<String> {
    let mut anchors: Vec<String> = Vec::new();
    let mut bases: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        if fenced {
            continue;
        }
        let slug: String = heading
            .trim_start_matches('#')
            .trim()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                '-' | '_' => Some(c),
                c if c.is_alphanumeric() => Some(c),
                _ => None,
            })
            .flat_map(char::to_lowercase)
            .collect();
        let seen = bases.iter().filter(|b| **b == slug).count();
        bases.push(slug.clone());
        anchors.push(if seen == 0 {
            slug
        } else {
            format!("{slug}-{seen}")
        });
    }
    anchors
}

#[test]
fn every_relative_link_in_the_docs_leads_somewhere() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let dir = file.parent().expect("a folder");
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let linked = if path.is_empty() {
                file.clone()
            } else {
                dir.join(path)
            };
            let name = file
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&file);
            if !linked.exists() {
                broken.push(format!("{}: {target} (no such file)", name.display()));
            } else if !anchor.is_empty() && linked.extension().is_some_and(|e| e == "md") {
                let linked_text = std::fs::read_to_string(&linked).expect("a linked page");
                if !anchors(&linked_text).iter().any(|a| a == anchor) {
                    broken.push(format!("{}: {target} (no such heading)", name.display()));
                }
            }
        }
    }
    assert!(checked > 20, "links were found: {checked}");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_anchor_reader_follows_github() {
    let text = "# Guide\n## For scripts: `smtui list`\n```\n# not a heading\n```\n## Audit (CloudTrail)\n## Audit (CloudTrail)\n";
    assert_eq!(
        anchors(text),
        [
            "guide",
            "for-scripts-smtui-list",
            "audit-cloudtrail",
            "audit-cloudtrail-1"
        ]
    );
    assert_eq!(
        link_targets("[a](b.md) `[c](d)` ![e](f.png#x)\n```\n[g](h)\n```"),
        ["b.md", "f.png#x"]
    );
}

/// The repository paths a page writes as code (`` `crates/core/src/kit/` ``,
/// `` `tests/it/e2e/tmux.rs` ``): each one a reader could open. Links are checked above;
/// these are how the docs name the code and the test that proves a claim, and a move of
/// files must carry them along.
fn code_paths(text: &str) -> Vec<String> {
    const ROOTS: [&str; 12] = [
        "crates/",
        "src/",
        "tests/",
        "devstack/",
        "scripts/",
        "docs/",
        "themes/",
        "benches/",
        "examples/",
        "fuzz/",
        "screenshots/",
        ".ci/",
    ];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| ROOTS.iter().any(|root| span.starts_with(root)))
        .filter(|span| {
            span.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c))
        })
        .map(|span| span.trim_end_matches('.').to_owned())
        .collect()
}

#[test]
fn every_path_the_docs_name_as_code_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let beside = file.parent().expect("a folder");
        for path in code_paths(&text) {
            checked += 1;
            if !root.join(&path).exists() && !beside.join(&path).exists() {
                let name = file.strip_prefix(root).unwrap_or(&file);
                missing.push(format!("{}: {path}", name.display()));
            }
        }
    }
    assert!(checked > 50, "paths were found: {checked}");
    assert!(missing.is_empty(), "no such file:\n{}", missing.join("\n"));
}

#[test]
fn the_path_reader_takes_only_plain_repository_paths() {
    assert_eq!(
        code_paths("see `tests/it/e2e/tmux.rs`. `src/<room>/` `cargo test` `docs/keys.md`."),
        ["tests/it/e2e/tmux.rs", "docs/keys.md"]
    );
}
