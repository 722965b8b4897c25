//! Which themes there are and which one to start with: the built-in ones, the user's own
//! (`<config dir>/smtui/themes/*.toml`), and a theme file named by path. Reads files, so it
//! lives outside the pure core; the theme picker (`features::appearance`) chooses among
//! what this found.
//!
//! A theme asked for by `--theme` that cannot be used stops smtui with the file, the line
//! and the role. The config file's `theme` is a default: when it cannot be used, smtui
//! starts with the built-in default and says why in the footer.

use std::path::{Path, PathBuf};

use smtui_core::kit::Theme;
use smtui_core::kit::theme::BUILTIN;

/// The themes to choose from, the one to start with, and what went wrong on the way.
#[derive(Debug)]
pub struct Themes {
    pub available: Vec<Theme>,
    /// Index into `available`.
    pub active: usize,
    /// Said in the footer at start (a configured theme that could not be used, a theme
    /// file of the user's with an error).
    pub warning: Option<String>,
}

impl Themes {
    pub fn active(&self) -> &Theme {
        &self.available[self.active]
    }
}

/// Where the user's own themes go.
pub fn user_dir() -> Option<PathBuf> {
    crate::config::config_dir().map(|dir| dir.join("themes"))
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
pub fn no_colour_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Finds the themes and picks the one to start with: `cli` (from `--theme`) over
/// `configured` (the config file's `theme`) over "default".
pub fn load(
    cli: Option<&str>,
    configured: Option<&str>,
    user_dir: Option<&Path>,
    no_colour: bool,
) -> Result<Themes, String> {
    let mut available: Vec<Theme> = BUILTIN
        .iter()
        .filter_map(|(name, _)| Theme::builtin(name))
        .collect();
    let mut warnings = Vec::new();
    // Files of the themes folder that could not be read: a theme asked for by such a
    // file's name is refused with the file's own reason, not as unknown.
    let mut broken: Vec<(String, String)> = Vec::new();
    if let Some(dir) = user_dir {
        for (path, parsed) in read_dir_themes(dir) {
            match parsed {
                Ok(theme) => {
                    add(&mut available, theme);
                }
                Err(e) => {
                    let why = format!("{}: {e}", path.display());
                    warnings.push(format!("{why} (left out)"));
                    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                        broken.push((stem.to_owned(), why));
                    }
                }
            }
        }
    }
    let find = |available: &mut Vec<Theme>, asked: &str| {
        find_or_read(available, asked).map_err(|e| {
            broken
                .iter()
                .find(|(stem, _)| stem == asked)
                .map_or(e, |(_, why)| format!("theme {asked:?}: {why}"))
        })
    };
    let active = match (cli, configured) {
        (Some(asked), _) => find(&mut available, asked)?,
        (None, Some(asked)) => find(&mut available, asked).unwrap_or_else(|e| {
            warnings.push(format!("{e}; using the default theme"));
            0
        }),
        (None, None) => 0,
    };
    if no_colour {
        available = available.iter().map(Theme::without_colour).collect();
    }
    Ok(Themes {
        available,
        active,
        warning: (!warnings.is_empty()).then(|| warnings.join(" · ")),
    })
}

/// A theme by name, or else by path (read and added to the list); its index.
fn find_or_read(available: &mut Vec<Theme>, asked: &str) -> Result<usize, String> {
    if let Some(i) = available.iter().position(|t| t.name == asked) {
        return Ok(i);
    }
    let path = Path::new(asked);
    let looks_like_a_path = asked.contains(std::path::MAIN_SEPARATOR)
        || asked.contains('/')
        || path.extension().is_some_and(|e| e == "toml");
    if !looks_like_a_path {
        let names: Vec<&str> = available.iter().map(|t| t.name.as_str()).collect();
        return Err(format!(
            "theme {asked:?}: no such theme (there are {}; or give a path to a theme file)",
            names.join(", ")
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let theme = Theme::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(add(available, theme))
}

/// Adds `theme`, replacing one of the same name; its index.
fn add(available: &mut Vec<Theme>, theme: Theme) -> usize {
    if let Some(i) = available.iter().position(|t| t.name == theme.name) {
        available[i] = theme;
        i
    } else {
        available.push(theme);
        available.len() - 1
    }
}

/// Every `*.toml` in `dir`, by file name, parsed. A missing directory has none.
fn read_dir_themes(dir: &Path) -> Vec<(PathBuf, Result<Theme, String>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| Theme::parse(&text));
            (path, parsed)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) -> PathBuf {
        let path = dir.join(file);
        std::fs::write(&path, text).expect("write");
        path
    }

    fn renamed(name: &str) -> String {
        BUILTIN[0]
            .1
            .replace("name = \"default\"", &format!("name = \"{name}\""))
    }

    #[test]
    fn the_default_is_the_default_and_names_pick_builtins() {
        let themes = load(None, None, None, false).expect("loads");
        assert_eq!(themes.active().name, "default");
        assert!(themes.available.len() >= 5);
        let themes = load(Some("gruvbox-dark"), Some("light"), None, false).expect("loads");
        assert_eq!(themes.active().name, "gruvbox-dark", "--theme wins");
        let themes = load(None, Some("light"), None, false).expect("loads");
        assert_eq!(themes.active().name, "light");
    }

    #[test]
    fn the_users_own_themes_join_the_list_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "mine.toml", &renamed("mine"));
        write(
            dir.path(),
            "broken.toml",
            "name = \"broken\"\n[styles]\ntext = 3\n",
        );
        let themes = load(None, Some("mine"), Some(dir.path()), false).expect("loads");
        assert_eq!(themes.active().name, "mine");
        let warning = themes.warning.expect("the broken file is said");
        assert!(
            warning.contains("broken.toml: line 3 (text)") && warning.contains("left out"),
            "{warning}"
        );
    }

    #[test]
    fn a_theme_asked_for_on_the_command_line_must_work() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = write(
            dir.path(),
            "bad.toml",
            &BUILTIN[0].1.replace("fg = \"cyan\"", "fg = \"cyna\""),
        );
        let err = load(Some(bad.to_str().expect("utf-8")), None, None, false)
            .expect_err("a bad file stops smtui");
        assert!(
            err.contains("bad.toml: line") && err.contains("unknown colour \"cyna\""),
            "{err}"
        );
        // By name, a broken file of the themes folder says why, not "no such theme".
        let err = load(Some("bad"), None, Some(dir.path()), false).expect_err("broken");
        assert!(
            err.contains("theme \"bad\": ") && err.contains("bad.toml: line"),
            "{err}"
        );
        let err = load(Some("no-such-theme"), None, None, false).expect_err("unknown name");
        assert!(
            err.contains("no such theme") && err.contains("solarized-dark"),
            "{err}"
        );
    }

    #[test]
    fn a_configured_theme_that_fails_falls_back_with_a_warning() {
        let themes = load(None, Some("no-such-theme"), None, false).expect("falls back");
        assert_eq!(themes.active().name, "default");
        let warning = themes.warning.expect("said");
        assert!(warning.contains("no-such-theme") && warning.contains("using the default"));
    }

    #[test]
    fn a_theme_file_by_path_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "x.toml", &renamed("by-path"));
        let themes = load(Some(path.to_str().expect("utf-8")), None, None, false).expect("reads");
        assert_eq!(themes.active().name, "by-path");
    }

    #[test]
    fn no_color_takes_the_colour_out_of_every_theme() {
        let themes = load(Some("catppuccin-mocha"), None, None, true).expect("loads");
        for theme in &themes.available {
            for (role, style) in theme.styles() {
                assert!(
                    style.fg.is_none() && style.bg.is_none(),
                    "{}: {role}",
                    theme.name
                );
            }
        }
    }
}
