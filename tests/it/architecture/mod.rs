//! Guard rails that keep the shape of the code (see README "Architecture"): the core
//! crate's manifest names nothing that waits, its dependencies read no random source, its
//! code does no I/O, no room imports another, no source file grows past 600 lines, and no
//! test file is left out of the test binaries.

use std::path::{Path, PathBuf};

mod circles;
mod registry;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The code of a file with comments removed and lines joined, so a `use` spread over
/// several lines reads as one.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default().trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every path a file names: `a::b::{c, d::e}` is `a::b::c` and `a::b::d::e`, flattened.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        // `use` and `pub use` / `pub(crate) use` statements; everything else is kept whole
        // (paths written out in code count too).
        let rest = statement
            .strip_prefix("use ")
            .or_else(|| statement.split_once(" use ").map(|(_, r)| r))
            .filter(|_| statement.starts_with("use ") || statement.starts_with("pub"));
        let Some(rest) = rest else {
            out.push(statement.to_owned());
            continue;
        };
        expand("", rest.trim(), &mut out);
    }
    out
}

fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let Some(open) = tree.find('{') else {
        out.push(format!("{prefix}{}", tree.trim()));
        return;
    };
    let close = tree.rfind('}').filter(|c| *c > open).unwrap_or(tree.len());
    let head = format!("{prefix}{}", &tree[..open]);
    let inner = &tree[open + 1..close];
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&head, &inner[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    expand(&head, &inner[start..], out);
}

/// The compiler keeps tokio, the SDK and the clipboard out of the core only while its
/// manifest does not name them: this keeps the manifest honest.
#[test]
fn the_core_crate_depends_on_nothing_that_waits() {
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("crates/core/Cargo.toml"))
        .expect("crates/core/Cargo.toml");
    let named: Vec<&str> = manifest
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter_map(|l| l.split(['=', '.', ' ']).next())
        .filter(|name| !name.is_empty())
        .collect();
    let forbidden = |name: &&&str| {
        let name: &str = name;
        name.starts_with("aws-")
            || name.starts_with("smtui-aws")
            || [
                "tokio", "arboard", "x11rb", "nix", "libc", "dirs", "futures", "reqwest", "hyper",
            ]
            .contains(&name)
    };
    let offences: Vec<&&str> = named.iter().filter(forbidden).collect();
    assert!(
        offences.is_empty(),
        "the core names I/O crates: {offences:?}"
    );
    assert!(
        named.contains(&"ratatui"),
        "the manifest was read: {named:?}"
    );
}

/// What the manifest does not show: a dependency's feature that reads the OS random source
/// (uuid's `v4`, through getrandom or rand). The core is handed its random bytes by the run
/// loop (`State::nonce`); this asks cargo for the core's whole tree, features resolved as
/// for the core alone.
#[test]
fn the_core_reads_no_random_source_through_its_dependencies() {
    let tree = std::process::Command::new(env!("CARGO"))
        .current_dir(ROOT)
        .args([
            "tree",
            "--offline",
            "-p",
            "smtui-core",
            "-e",
            "normal,features",
        ])
        .args(["--prefix", "none", "--color", "never"])
        .output()
        .expect("cargo tree");
    assert!(
        tree.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&tree.stderr)
    );
    let tree = String::from_utf8_lossy(&tree.stdout);
    let random = |line: &&str| {
        let name = line.split([' ', '"']).next().unwrap_or_default();
        ["getrandom", "rand", "rand_core", "fastrand"].contains(&name)
            || line.starts_with("uuid feature \"v4\"")
            || line.starts_with("uuid feature \"rng")
    };
    let offences: Vec<&str> = tree.lines().filter(random).collect();
    assert!(
        offences.is_empty(),
        "the core reaches a random source: {offences:?}"
    );
    assert!(
        tree.lines().any(|l| l.starts_with("ratatui ")),
        "the tree was read: {tree}"
    );
}

/// What the manifest cannot refuse: the standard library's I/O, and the terminal itself
/// through crossterm (whose event types the core does use).
#[test]
fn the_core_and_the_views_do_no_io() {
    let forbidden = [
        "tokio",
        "aws_sdk_",
        "aws_config",
        "aws_smithy",
        "aws_types",
        "arboard",
        "crate::aws",
        "crate::runner",
        "crate::clipboard",
        "std::fs",
        "std::net",
        "std::process",
        "std::thread",
        "std::env",
        "crossterm::terminal",
        "crossterm::execute",
        "crossterm::cursor",
        "crossterm::event::read",
        "crossterm::event::poll",
        "EventStream",
    ];
    let mut offences = Vec::new();
    for dir in ["crates/core/src"] {
        for file in rust_files(&Path::new(ROOT).join(dir)) {
            for path in paths(&code(&file)) {
                if let Some(word) = forbidden.iter().find(|w| path.contains(*w)) {
                    offences.push(format!("{}: {word} ({path})", relative(&file)));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "I/O in the pure core or views:\n{}",
        offences.join("\n")
    );
}

#[test]
fn no_room_imports_another_or_the_whole_state() {
    let features = Path::new(ROOT).join("crates/core/src/features");
    let rooms: Vec<String> = std::fs::read_dir(&features)
        .expect("crates/core/src/features")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(rooms.len() >= 9, "the rooms are there: {rooms:?}");
    let mut offences = Vec::new();
    for room in &rooms {
        for file in rust_files(&features.join(room)) {
            for path in paths(&code(&file)) {
                let path = path.replace(' ', "");
                for other in rooms.iter().filter(|o| *o != room) {
                    let by_name = format!("features::{other}");
                    let by_super = format!("super::super::{other}");
                    if path.contains(&by_name) || path.contains(&by_super) {
                        offences.push(format!("{}: imports {other} ({path})", relative(&file)));
                    }
                }
                // The whole state holds every room: a room that takes it reaches them all.
                if path.contains("app::state::State") || path.contains("app::State") {
                    offences.push(format!(
                        "{}: takes the whole State ({path})",
                        relative(&file)
                    ));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "rooms reaching into each other:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_import_reader_sees_nested_and_split_imports() {
    let code = "use crate::features::{\n browse::Browse,\n reveal::{Reveal, Shown},\n}; fn f() { x::y(); }";
    let found = paths(&code.replace('\n', " "));
    assert!(
        found
            .iter()
            .any(|p| p.replace(' ', "").contains("features::reveal::Shown")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.replace(' ', "").contains("features::browse::Browse")),
        "{found:?}"
    );
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut long = Vec::new();
    for dir in [
        "src",
        "crates/core/src",
        "crates/aws/src",
        "tests",
        "benches",
        "devstack/src",
        "devstack/tests",
    ] {
        for file in rust_files(&Path::new(ROOT).join(dir)) {
            let lines = std::fs::read_to_string(&file)
                .expect("read")
                .lines()
                .count();
            if lines > 600 {
                long.push(format!("{}: {lines} lines", relative(&file)));
            }
        }
    }
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

/// The integration tests are built from the root manifest's `[[test]]`s alone (`autotests =
/// false`), so a file of `tests/` that is neither one of them nor a module of one would
/// never run, silently. Each is declared by its folder's `mod.rs` or `main.rs`, or, for a
/// folder's own `mod.rs`, by the folder above it.
#[test]
fn every_test_file_is_built() {
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).expect("Cargo.toml");
    let mut missing = Vec::new();
    for file in rust_files(&Path::new(ROOT).join("tests")) {
        let name = relative(&file);
        if manifest.contains(&format!("path = \"{name}\"")) {
            continue;
        }
        let (folder, module) = if file.file_name().is_some_and(|n| n == "mod.rs") {
            let folder = file.parent().expect("a folder");
            let module = folder
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (folder.parent().expect("a parent").to_path_buf(), module)
        } else {
            let stem = file
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (file.parent().expect("a folder").to_path_buf(), stem)
        };
        let declared = ["mod.rs", "main.rs"].iter().any(|parent| {
            std::fs::read_to_string(folder.join(parent)).is_ok_and(|code| {
                code.lines().map(str::trim).any(|l| {
                    [
                        format!("mod {module};"),
                        format!("pub mod {module};"),
                        format!("pub(crate) mod {module};"),
                    ]
                    .contains(&l.to_owned())
                })
            })
        });
        if !declared {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "in no test binary (declare each as a `mod` of tests/it, or a `[[test]]`):\n{}",
        missing.join("\n")
    );
}
