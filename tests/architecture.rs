//! Guard rails that keep the shape of the code (see README "Architecture"): the pure core
//! and the views import neither tokio nor an AWS SDK crate, no room imports another, and
//! no source file grows past 600 lines.

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

/// Code lines only: comments may name anything.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_owned()))
        .collect()
}

#[test]
fn the_core_and_the_views_do_no_io() {
    let forbidden = [
        "tokio",
        "aws_sdk_",
        "aws_config",
        "aws_smithy",
        "aws_types",
        "crate::aws",
        "crate::runner",
    ];
    let mut offences = Vec::new();
    for dir in ["src/app", "src/features", "src/ui", "src/model"] {
        for file in rust_files(&Path::new(ROOT).join(dir)) {
            for (n, line) in code_lines(&file) {
                if let Some(word) = forbidden.iter().find(|w| line.contains(*w)) {
                    offences.push(format!("{}:{n}: {word}", relative(&file)));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "I/O crates in the pure core or views:\n{}",
        offences.join("\n")
    );
}

#[test]
fn no_room_imports_another() {
    let features = Path::new(ROOT).join("src/features");
    let rooms: Vec<String> = std::fs::read_dir(&features)
        .expect("src/features")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(rooms.len() >= 9, "the rooms are there: {rooms:?}");
    let mut offences = Vec::new();
    for room in &rooms {
        for file in rust_files(&features.join(room)) {
            for (n, line) in code_lines(&file) {
                for other in rooms.iter().filter(|o| *o != room) {
                    let by_path = format!("features::{other}");
                    let by_super = format!("super::super::{other}");
                    let in_braces = line.contains("features::{") && line.contains(other.as_str());
                    if line.contains(&by_path) || line.contains(&by_super) || in_braces {
                        offences.push(format!("{}:{n}: imports {other}", relative(&file)));
                    }
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "rooms importing each other:\n{}",
        offences.join("\n")
    );
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut long = Vec::new();
    for dir in ["src", "tests", "benches", "devstack/src", "devstack/tests"] {
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
