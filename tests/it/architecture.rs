//! Guard rails that keep the shape of the code (see README "Architecture"): the core
//! crate's manifest names nothing that waits, its dependencies read no random source, its
//! code does no I/O, no room imports another, no source file grows past 600 lines, and no
//! test file is left out of the test binaries.

use std::path::{Path, PathBuf};

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
                code.lines()
                    .map(str::trim)
                    .any(|l| l == format!("mod {module};") || l == format!("pub mod {module};"))
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

/// The top-level modules of the core (its folders and its single-file modules), each with the
/// other top-level modules its files name by a `crate::` path.
fn module_imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let src = Path::new(ROOT).join("crates/core/src");
    let modules: Vec<String> = std::fs::read_dir(&src)
        .expect("crates/core/src")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .filter(|name| name != "lib")
        .collect();
    let mut graph = std::collections::BTreeMap::new();
    for module in &modules {
        let dir = src.join(module);
        let files = if dir.is_dir() {
            rust_files(&dir)
        } else {
            vec![src.join(format!("{module}.rs"))]
        };
        let mut named = std::collections::BTreeSet::new();
        for file in files {
            for path in paths(&code(&file)) {
                let path = path.replace(' ', "");
                for other in modules.iter().filter(|o| *o != module) {
                    if path.contains(&format!("crate::{other}::")) {
                        named.insert(other.clone());
                    }
                }
            }
        }
        graph.insert(module.clone(), named);
    }
    graph
}

/// The modules that reach each other through imports (a strongly connected group), each
/// group sorted; a module in no circle is a group of one.
fn circles(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Vec<Vec<String>> {
    let reaches = |from: &String| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(next) = todo.pop() {
            for to in graph.get(&next).into_iter().flatten() {
                if seen.insert(to.clone()) {
                    todo.push(to.clone());
                }
            }
        }
        seen
    };
    let reach: std::collections::BTreeMap<&String, _> =
        graph.keys().map(|m| (m, reaches(m))).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for module in graph.keys() {
        let group: Vec<String> = graph
            .keys()
            .filter(|o| *o == module || (reach[module].contains(*o) && reach[*o].contains(module)))
            .cloned()
            .collect();
        if group.len() > 1 && !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

/// No folder imports a folder that imports it back: a circle makes the two one module in
/// all but name (neither can be read, tested or moved without the other). The drawing
/// toolkit (`kit`) is what the rooms draw with and the frame composer (`render`) is what
/// draws the rooms, so the rooms sit between the two and no circle runs through them.
#[test]
fn no_folder_of_the_core_imports_one_that_imports_it_back() {
    let graph = module_imports();
    assert!(
        ["app", "features", "kit", "render", "model"]
            .iter()
            .all(|m| graph.contains_key(*m)),
        "the folders were read: {graph:?}"
    );
    // Known, and the one allowed: `app` holds the state of every room and the rooms take
    // `app`'s vocabulary (Action, Effect, Command). Issue 20 deliverable 4 (rooms owning
    // their vocabulary) removes it; this list then becomes empty.
    let known = [vec!["app".to_owned(), "features".to_owned()]];
    let unknown: Vec<Vec<String>> = circles(&graph)
        .into_iter()
        .filter(|group| !known.contains(group))
        .collect();
    assert!(
        unknown.is_empty(),
        "import circles between folders: {unknown:?}\n{graph:#?}"
    );
}

/// The toolkit stays below everything that composes the screen, so a room drawing with it
/// reaches neither the whole state, another room, nor the composer that draws the rooms.
#[test]
fn the_drawing_kit_imports_neither_app_features_nor_render() {
    let graph = module_imports();
    let named = &graph["kit"];
    let offences: Vec<&String> = named
        .iter()
        .filter(|m| ["app", "features", "render"].contains(&m.as_str()))
        .collect();
    assert!(offences.is_empty(), "the kit imports {offences:?}");
}

#[test]
fn the_circle_finder_finds_a_circle_and_only_it() {
    let graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(m, to)| (m.to_owned(), to.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
}

/// The modules of `app` (its files, and its folders taken whole), each with the others its
/// code names: by `crate::app::x`, by `super::x` from a file directly in `app`, or by a name
/// `app/mod.rs` re-exports (`crate::app::Action` is `action`'s).
fn app_module_imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let app = Path::new(ROOT).join("crates/core/src/app");
    let children: Vec<String> = std::fs::read_dir(&app)
        .expect("crates/core/src/app")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "mod.rs"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    let mut reexported = std::collections::BTreeMap::new();
    for path in paths(&code(&app.join("mod.rs"))) {
        let path = path.replace(' ', "");
        let segments: Vec<&str> = path.split("::").collect();
        if let [first, .., last] = segments[..]
            && children.iter().any(|c| c == first)
        {
            reexported.insert(last.to_owned(), first.to_owned());
        }
    }
    let resolve = |name: &str| {
        children
            .iter()
            .find(|c| *c == name)
            .or_else(|| reexported.get(name))
            .cloned()
    };
    let mut graph = std::collections::BTreeMap::new();
    for child in &children {
        let file = app.join(format!("{child}.rs"));
        let (files, direct) = if file.is_file() {
            (vec![file], true)
        } else {
            (rust_files(&app.join(child)), false)
        };
        let mut named = std::collections::BTreeSet::new();
        for file in files {
            for path in paths(&code(&file)) {
                let path = path.replace(' ', "");
                let mut prefixes = vec!["crate::app::"];
                if direct {
                    prefixes.push("super::");
                }
                for prefix in prefixes {
                    for (at, _) in path.match_indices(prefix) {
                        let before = path[..at].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                            continue;
                        }
                        let name: String = path[at + prefix.len()..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if let Some(to) = resolve(&name).filter(|to| to != child) {
                            named.insert(to);
                        }
                    }
                }
            }
        }
        graph.insert(child.clone(), named);
    }
    graph
}

/// Within `app`, no file imports one that imports it back: actions carry results and
/// timers, results name their stamp (a write's call is named in its room's own outcome,
/// outside `app`), and effects carry timers (not actions), so the three read one way.
#[test]
fn no_file_of_app_imports_one_that_imports_it_back() {
    let graph = app_module_imports();
    assert!(
        graph["action"].contains("envelope")
            && graph["action"].contains("effect")
            && graph["envelope"].contains("stamp"),
        "the imports were read: {graph:#?}"
    );
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between files of app: {found:?}\n{graph:#?}"
    );
}

/// The top-level modules of the devstack, each with the others it names by a `crate::`
/// path, in its code or in a link of its docs (rustdoc resolves those as it does imports).
fn devstack_module_imports()
-> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let src = Path::new(ROOT).join("devstack/src");
    let modules: Vec<String> = std::fs::read_dir(&src)
        .expect("devstack/src")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .filter(|name| name != "lib" && name != "main")
        .collect();
    let mut graph = std::collections::BTreeMap::new();
    for module in &modules {
        let dir = src.join(module);
        let files = if dir.is_dir() {
            rust_files(&dir)
        } else {
            vec![src.join(format!("{module}.rs"))]
        };
        let mut named = std::collections::BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read");
            for other in modules.iter().filter(|o| *o != module) {
                let path = format!("crate::{other}");
                let mentioned = text.match_indices(&path).any(|(at, _)| {
                    let after = text[at + path.len()..].chars().next();
                    !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if mentioned {
                    named.insert(other.clone());
                }
            }
        }
        graph.insert(module.clone(), named);
    }
    graph
}

/// The devstack reads one way too: the fixtures are what the seeder promises the tests, so
/// the seeder reads them and they name nothing of the seeder.
#[test]
fn no_module_of_the_devstack_names_one_that_names_it_back() {
    let graph = devstack_module_imports();
    assert!(
        graph["seed"].contains("fixtures") && graph["stack"].contains("seed"),
        "the imports were read: {graph:#?}"
    );
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between modules of the devstack: {found:?}\n{graph:#?}"
    );
}
