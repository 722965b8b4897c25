//! Semantic style roles. Widgets ask for `theme.error`, never for `Color::Red`.
//! Themes are TOML files (`themes/*.toml`, embedded at build time, or a user's own file).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::model::rotation::Health;

pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../../../themes/default.toml")),
    ("light", include_str!("../../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../../themes/high-contrast.toml"),
    ),
    (
        "catppuccin-mocha",
        include_str!("../../../../themes/catppuccin-mocha.toml"),
    ),
    (
        "gruvbox-dark",
        include_str!("../../../../themes/gruvbox-dark.toml"),
    ),
    (
        "solarized-dark",
        include_str!("../../../../themes/solarized-dark.toml"),
    ),
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
            fn into_theme(self, name: String) -> Theme {
                Theme { name, $($role: self.$role.to_style(),)+ }
            }
        }

        impl Theme {
            /// Every role through `f` (for `NO_COLOR`).
            fn map_styles(&self, f: impl Fn(Style) -> Style) -> Theme {
                Theme { name: self.name.clone(), $($role: f(self.$role),)+ }
            }

            /// Every role's style, in declaration order (for tests and the docs).
            pub fn styles(&self) -> Vec<(&'static str, Style)> {
                vec![$((stringify!($role), self.$role),)+]
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
    identity: "who smtui works as, in the title line",
    identity_expiring: "credentials that expire within 5 minutes, or have expired",
    diff_added: "a diff: a line or key added",
    diff_removed: "a diff: a line or key removed",
    diff_changed: "a diff: a key whose value changed",
    audit_success: "audit: a call that succeeded",
    audit_denied: "audit: a call that was denied or failed",
    audit_root: "audit: a call made by the account's root user",
    editor: "the text being edited",
    tab: "the tab bar of narrow screens: a tab not shown",
    tab_active: "the tab bar of narrow screens: the tab shown",
}

impl Theme {
    /// The style of a rotation health.
    pub(crate) fn health(&self, health: Health) -> Style {
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

/// A colour as a theme file writes it: a name (`red`, `lightblue`, `darkgray`), `#rrggbb`,
/// or an index (`"123"`). Checked while the file is read, so an error has its line.
#[derive(Debug, Clone, Copy)]
struct Colour(Color);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Color::from_str(&text)
            .map(Colour)
            .map_err(|_| serde::de::Error::custom(format!("unknown colour {text:?}")))
    }
}

// Mirrors the TOML a user writes: one flag per modifier reads best there.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<Colour>,
    bg: Option<Colour>,
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
    fn to_style(&self) -> Style {
        let mut style = Style::default();
        if let Some(Colour(fg)) = self.fg {
            style = style.fg(fg);
        }
        if let Some(Colour(bg)) = self.bg {
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
        style
    }
}

impl Theme {
    /// Parses a theme file. An error names the line and, when it is about one, the role:
    /// `line 7 (title): unknown colour "cyna"`, `line 4: missing field `editor``.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| describe_error(text, &e))?;
        Ok(file.styles.into_theme(file.name))
    }

    pub fn builtin(name: &str) -> Option<Self> {
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, text)| Self::parse(text).ok())
    }

    /// The same theme without a colour (`NO_COLOR`): bold, italic and underline stay, and
    /// a role that was told apart by its background (the selected row, badges) is drawn
    /// reversed instead, so it still stands out.
    #[must_use]
    pub fn without_colour(&self) -> Self {
        let plain = |style: Style| {
            let mut out = Style::default()
                .add_modifier(style.add_modifier)
                .remove_modifier(style.sub_modifier);
            if style.bg.is_some_and(|bg| bg != Color::Reset) {
                out = out.add_modifier(Modifier::REVERSED);
            }
            out
        };
        self.map_styles(plain)
    }
}

/// A toml error as one line: where, which role, and what is wrong.
fn describe_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    let Some(span) = error.span() else {
        return message.to_owned();
    };
    let start = span.start.min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let line_text = text.lines().nth(line - 1).unwrap_or_default();
    let role = line_text
        .split_once('=')
        .map(|(key, _)| key.trim())
        .filter(|key| !key.is_empty() && !key.starts_with('[') && !key.starts_with('#'));
    match role {
        Some(role) => format!("line {line} ({role}): {message}"),
        None => format!("line {line}: {message}"),
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
    fn every_builtin_theme_parses_under_its_own_name_and_styles_every_role() {
        assert!(BUILTIN.len() >= 5, "at least five built-in themes");
        for (name, text) in BUILTIN {
            let theme = Theme::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(theme.name, *name);
            // Every role is in the file (a missing one fails the parse), and none is left
            // plain: each says something.
            for (role, style) in theme.styles() {
                assert_ne!(style, Style::default(), "{name}: {role} has no style");
            }
        }
    }

    #[test]
    fn the_high_contrast_theme_uses_only_the_16_ansi_colours() {
        let theme = Theme::builtin("high-contrast").expect("built in");
        for (role, style) in theme.styles() {
            for colour in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                    "high-contrast {role}: {colour:?} is not one of the 16 colours"
                );
            }
        }
    }

    #[test]
    fn no_colour_keeps_emphasis_and_reverses_what_a_background_marked() {
        for (name, _) in BUILTIN {
            let plain = Theme::builtin(name).expect("built in").without_colour();
            for (role, style) in plain.styles() {
                assert!(
                    style.fg.is_none() && style.bg.is_none(),
                    "{name} {role}: {style:?}"
                );
            }
            assert!(
                plain.selected.add_modifier.contains(Modifier::REVERSED),
                "{name}: the selected row still stands out"
            );
        }
    }

    #[test]
    fn a_bad_theme_names_the_line_and_the_role() {
        let text = BUILTIN[0]
            .1
            .replace("title = { fg = \"cyan\"", "title = { fg = \"cyna\"");
        let err = Theme::parse(&text).expect_err("bad colour");
        let line = text
            .lines()
            .position(|l| l.starts_with("title ="))
            .expect("title line")
            + 1;
        assert_eq!(err, format!("line {line} (title): unknown colour \"cyna\""));

        let text = BUILTIN[0].1.replace("dim =", "dimm =");
        let err = Theme::parse(&text).expect_err("unknown role");
        assert!(
            err.contains("(dimm)") && err.contains("unknown field"),
            "{err}"
        );

        let text = BUILTIN[0]
            .1
            .lines()
            .filter(|l| !l.starts_with("editor ="))
            .collect::<Vec<_>>()
            .join("\n");
        let err = Theme::parse(&text).expect_err("missing role");
        assert!(err.contains("missing field `editor`"), "{err}");

        let err = Theme::parse("name = \"x\"\n[styles]\ntext = { fg = \"red\", blink = true }\n")
            .expect_err("unknown modifier");
        assert!(
            err.starts_with("line 3 (text): unknown field `blink`"),
            "{err}"
        );
    }
}
