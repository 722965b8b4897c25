//! No circles: between the core's folders, between the files of `app`, between the
//! devstack's modules; and the finder that says so, tested on a graph of its own.

use super::{ROOT, code, paths, relative, rust_files};
use std::path::Path;

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
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between folders: {found:?}\n{graph:#?}"
    );
}

/// No room names anything of `app`: a room speaks its own words (`Room`: its commands,
/// calls, popups and prompts) and the words every room shares (`room`), and the app,
/// which registers the rooms, lifts a room's answer into its own (`Out::absorb`). So the
/// folders `app` and `features` form no circle (the test above), and a room can be read,
/// tested and moved without the app.
#[test]
fn no_room_names_anything_of_the_app() {
    let features = Path::new(ROOT).join("crates/core/src/features");
    let mut rooms = 0;
    let mut offences = Vec::new();
    for room in std::fs::read_dir(&features)
        .expect("crates/core/src/features")
        .flatten()
        .filter(|entry| entry.path().is_dir())
    {
        rooms += 1;
        for file in rust_files(&room.path()) {
            let code = code(&file).replace(' ', "");
            let names_app = code.match_indices("crate::app").any(|(at, found)| {
                !code[at + found.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if names_app {
                offences.push(relative(&file));
            }
        }
    }
    assert!(rooms >= 13, "the rooms were read: {rooms}");
    assert!(
        offences.is_empty(),
        "rooms naming the app:\n{}",
        offences.join("\n")
    );
}

/// The toolkit stays below everything that composes the screen, so a room drawing with it
/// reaches neither the whole state, another room, nor the composer that draws the rooms.
#[test]
fn the_drawing_kit_imports_neither_app_features_nor_render() {
    assert_imports_nothing_above("kit");
}

/// The words every room speaks (`room`: layers, stamps, settings, what a write reports)
/// name no room and not the app that registers the rooms, so a room that needs only them
/// reaches nothing above itself.
#[test]
fn the_rooms_shared_words_import_neither_app_features_nor_render() {
    assert_imports_nothing_above("room");
}

/// `module` (a folder below the rooms) names none of the app, the rooms or the frame
/// composer.
fn assert_imports_nothing_above(module: &str) {
    let graph = module_imports();
    let offences: Vec<&String> = graph[module]
        .iter()
        .filter(|m| ["app", "features", "render"].contains(&m.as_str()))
        .collect();
    assert!(offences.is_empty(), "{module} imports {offences:?}");
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
/// Which files (or sub-folders) of the core's folder `folder` import which others of it.
fn file_imports(
    folder: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let app = Path::new(ROOT).join("crates/core/src").join(folder);
    let own_prefix = format!("crate::{folder}::");
    let children: Vec<String> = std::fs::read_dir(&app)
        .expect("a folder of the core")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "mod.rs"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    let mut reexported = std::collections::BTreeMap::new();
    for path in paths(&code(&app.join("mod.rs"))) {
        let path = path.replace(' ', "");
        let segments: Vec<&str> = path.split("::").collect();
        // A trailing comma in a `use` list leaves an empty last segment: not a name.
        if let [first, .., last] = segments[..]
            && !last.is_empty()
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
                let mut prefixes = vec![own_prefix.as_str()];
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
    let graph = file_imports("app");
    assert!(
        graph["action"].contains("envelope")
            && graph["action"].contains("effect")
            && graph["input"].contains("state"),
        "the imports were read: {graph:#?}"
    );
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between files of app: {found:?}\n{graph:#?}"
    );
}

/// Within `room`, the words every room speaks, no file imports one that imports it back:
/// a popup opens through `Out` (so `popup` reads `out`, never the other way).
#[test]
fn no_file_of_the_rooms_words_imports_one_that_imports_it_back() {
    let graph = file_imports("room");
    assert!(
        graph["popup"].contains("out") && graph["out"].contains("ctx"),
        "the imports were read: {graph:#?}"
    );
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between files of room: {found:?}\n{graph:#?}"
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
