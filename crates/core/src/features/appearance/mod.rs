//! The look: which theme is drawn, and the theme picker (`T`, `:theme`) that previews each
//! theme as the highlight moves over it. Enter keeps the highlighted one, Esc goes back to
//! the one before. The themes themselves (built in, the user's own) are read at start,
//! outside the core (`crate::themes`); this room only chooses among them.

pub mod commands;
pub mod view;
pub use commands::Command;

use crate::app::command::Command as AppCommand;
use crate::app::layers::Layer;
use crate::app::room::{Intent, Out};
use crate::kit::Theme;
use crate::kit::{Cursor, Move};

#[derive(Debug, Clone, Default)]
pub struct Appearance {
    /// Every theme that can be chosen; empty when the caller draws with a theme of its
    /// own (the tests' `render(frame, state, theme)`).
    pub themes: Vec<Theme>,
    /// Index into `themes` of the theme drawn.
    pub active: usize,
    pub picker: Option<Picker>,
    /// The config file a theme is kept in, as shown (smtui never writes it).
    pub config_file: Option<String>,
}

/// The open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The highlighted theme, drawn while highlighted.
    pub highlighted: Cursor,
    /// The theme before the picker opened, for Esc.
    pub before: usize,
}

impl Appearance {
    pub fn new(themes: Vec<Theme>, active: usize) -> Self {
        let active = active.min(themes.len().saturating_sub(1));
        Self {
            themes,
            active,
            picker: None,
            config_file: None,
        }
    }

    /// The theme to draw with: the highlighted one while the picker is open.
    pub fn current(&self) -> Option<&Theme> {
        let index = self
            .picker
            .as_ref()
            .map_or(self.active, |p| p.highlighted.at());
        self.themes.get(index)
    }

    pub fn open(&mut self, out: &mut Out) {
        if self.themes.is_empty() {
            out.warn("No themes to choose from");
            return;
        }
        self.picker = Some(Picker {
            highlighted: Cursor::at_row(self.active),
            before: self.active,
        });
        out.intent(Intent::Open(Layer::Themes));
    }

    pub fn command(&mut self, command: AppCommand, out: &mut Out) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        if let Some(step) = command.as_move() {
            picker.highlighted.apply(step, self.themes.len());
            return;
        }
        match command {
            AppCommand::Select => {
                self.active = picker.highlighted.at();
                if let Some(theme) = self.themes.get(self.active) {
                    // The choice lasts this session: smtui never writes the config file.
                    let file = self.config_file.as_deref().unwrap_or("the config file");
                    out.info(format!(
                        "Theme {name} for this session; to keep it, set theme = \"{name}\" in \
                         {file}",
                        name = theme.name
                    ));
                }
                out.intent(Intent::Close(Layer::Themes));
            }
            AppCommand::Back => {
                self.active = picker.before;
                out.intent(Intent::Close(Layer::Themes));
            }
            _ => {}
        }
    }

    /// The picker is gone (closed by the router).
    pub fn closed(&mut self) {
        self.picker = None;
    }

    /// Moves the highlight by `step` (the mouse wheel, a click on a row).
    pub fn highlight(&mut self, step: Move) {
        if let Some(picker) = &mut self.picker {
            picker.highlighted.apply(step, self.themes.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::theme::BUILTIN;

    fn appearance() -> Appearance {
        let themes = BUILTIN
            .iter()
            .filter_map(|(name, _)| Theme::builtin(name))
            .collect();
        Appearance::new(themes, 0)
    }

    #[test]
    fn moving_previews_enter_keeps_and_esc_goes_back() {
        let mut looks = appearance();
        let mut out = Out::default();
        looks.open(&mut out);
        assert!(matches!(out.intents[..], [Intent::Open(Layer::Themes)]));
        looks.command(AppCommand::Down, &mut out);
        assert_eq!(looks.current().map(|t| t.name.as_str()), Some("light"));
        looks.command(AppCommand::Back, &mut out);
        looks.closed();
        assert_eq!(looks.current().map(|t| t.name.as_str()), Some("default"));

        looks.open(&mut out);
        looks.command(AppCommand::Bottom, &mut out);
        looks.command(AppCommand::Select, &mut out);
        looks.closed();
        let last = &BUILTIN[BUILTIN.len() - 1].0;
        assert_eq!(looks.current().map(|t| t.name.as_str()), Some(*last));
        assert!(
            out.intents
                .iter()
                .any(|i| matches!(i, Intent::Status(s) if s.text.contains("theme = ")))
        );
    }

    #[test]
    fn without_themes_the_picker_says_so() {
        let mut looks = Appearance::default();
        let mut out = Out::default();
        looks.open(&mut out);
        assert!(looks.picker.is_none() && looks.current().is_none());
        assert!(!out.intents.iter().any(|i| matches!(i, Intent::Open(_))));
    }
}
