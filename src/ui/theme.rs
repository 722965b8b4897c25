//! Semantic style roles. Widgets ask for `theme.error`, never for `Color::Red`.
//! Themes are TOML files (`themes/*.toml`, embedded at build time, or a user's own file).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::model::rotation::Health;

pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
];

macro_rules! roles {
    ($($role:ident: $doc:literal,)+) => {
        /// Every style role a widget may use.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            $(#[doc = $doc] pub $role: Style,)+
        }

        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Styles {
            $($role: StyleSpec,)+
        }

        impl Styles {
            fn into_theme(self, name: String) -> Result<Theme, String> {
                Ok(Theme { name, $($role: self.$role.to_style().map_err(|e| format!("styles.{}: {e}", stringify!($role)))?,)+ })
            }
        }

        /// (role, description) for documentation.
        pub const ROLES: &[(&str, &str)] = &[$((stringify!($role), $doc),)+];
    };
}

roles! {
    text: "ordinary text",
    dim: "secondary text: hints, empty values, dates",
    title: "pane titles and the app name",
    border: "borders of unfocused panes",
    border_focus: "the border of the focused pane",
    header: "table headers",
    selected: "the selected row",
    label: "field labels in the detail pane",
    masked: "masked secret values",
    revealed: "revealed secret values",
    json_key: "keys of a JSON secret",
    ok: "success: a loaded region, rotation on",
    warn: "warnings: scheduled deletion, a region still loading slowly",
    error: "errors",
    loading: "work in progress",
    deleted: "rows scheduled for deletion",
    key_hint: "keys in the footer and help",
    filter: "the filter prompt",
    read_only: "the READ-ONLY badge",
    rotation_healthy: "rotation health: healthy",
    rotation_due: "rotation health: due soon, or on but never rotated",
    rotation_overdue: "rotation health: overdue",
    rotation_stuck: "rotation health: stuck (a rotation that cannot finish)",
    rotation_off: "rotation health: disabled",
    rotation_busy: "rotation health: a rotation under way",
}

impl Theme {
    /// The style of a rotation health.
    pub fn health(&self, health: Health) -> Style {
        match health {
            Health::Healthy => self.rotation_healthy,
            Health::DueSoon | Health::NeverRotated => self.rotation_due,
            Health::Overdue => self.rotation_overdue,
            Health::Stuck => self.rotation_stuck,
            Health::Disabled => self.rotation_off,
            Health::Rotating => self.rotation_busy,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    styles: Styles,
}

// Mirrors the TOML a user writes: one flag per modifier reads best there.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
}

impl StyleSpec {
    fn to_style(&self) -> Result<Style, String> {
        let color = |c: &Option<String>| -> Result<Option<Color>, String> {
            c.as_deref()
                .map(|c| Color::from_str(c).map_err(|_| format!("unknown colour {c:?}")))
                .transpose()
        };
        let mut style = Style::default();
        if let Some(fg) = color(&self.fg)? {
            style = style.fg(fg);
        }
        if let Some(bg) = color(&self.bg)? {
            style = style.bg(bg);
        }
        for (on, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                style = style.add_modifier(modifier);
            }
        }
        Ok(style)
    }
}

impl Theme {
    /// Parses a theme file. Errors name the line and the field.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| e.to_string())?;
        file.styles.into_theme(file.name)
    }

    pub fn builtin(name: &str) -> Option<Self> {
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, text)| Self::parse(text).ok())
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::builtin("default").expect("the embedded default theme parses (checked by a test)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse() {
        for (name, text) in BUILTIN {
            let theme = Theme::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(theme.name, *name);
        }
    }

    #[test]
    fn bad_theme_names_the_line_and_field() {
        let text = BUILTIN[0]
            .1
            .replace("title = { fg = \"cyan\"", "title = { fg = \"cyna\"");
        let err = Theme::parse(&text).expect_err("bad colour");
        assert!(
            err.contains("styles.title") && err.contains("cyna"),
            "{err}"
        );
        let text = BUILTIN[0].1.replace("dim =", "dimm =");
        let err = Theme::parse(&text).expect_err("unknown role");
        assert!(err.contains("line") && err.contains("dimm"), "{err}");
    }
}
