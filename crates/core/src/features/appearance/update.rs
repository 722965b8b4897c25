//! The theme picker's update: opening it as a popup that carries its highlight, and its
//! keys.

use crate::features::appearance::Command as AppearanceCommand;
use crate::features::appearance::{Appearance, Out, Picker};
use crate::kit::Cursor;
use crate::room::Intent;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;

impl Appearance {
    pub(crate) fn open(&mut self, out: &mut Out) {
        if self.themes.is_empty() {
            out.warn("No themes to choose from");
            return;
        }
        out.open(Picker {
            highlighted: Cursor::at_row(self.active),
            before: self.active,
        });
    }

    /// A command in the open `picker`.
    pub(crate) fn command(
        &mut self,
        picker: &mut Picker,
        command: Bind<AppearanceCommand>,
        out: &mut Out,
    ) {
        if let Some(step) = command.as_move() {
            picker.highlighted.apply(step, self.themes.len());
            return;
        }
        match command {
            Bind::Verb(Verb::Select) => {
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
            Bind::Verb(Verb::Back) => {
                self.active = picker.before;
                out.intent(Intent::Close(Layer::Themes));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::Theme;
    use crate::kit::theme::BUILTIN;

    fn appearance() -> Appearance {
        let themes = BUILTIN
            .iter()
            .filter_map(|(name, _)| Theme::builtin(name))
            .collect();
        Appearance::new(themes, 0)
    }

    /// Opens the picker: the popup it put on the stack.
    fn opened(looks: &mut Appearance, out: &mut Out) -> Picker {
        looks.open(out);
        match out.intents.pop().and_then(Intent::into_opened) {
            Some(picker) => picker,
            None => panic!("the picker opens with its data"),
        }
    }

    #[test]
    fn moving_previews_enter_keeps_and_esc_goes_back() {
        let mut looks = appearance();
        let mut out = Out::default();
        let mut picker = opened(&mut looks, &mut out);
        looks.command(&mut picker, Bind::Verb(Verb::Down), &mut out);
        let name = |t: &Theme| t.name.clone();
        assert_eq!(
            looks.current(Some(&picker)).map(name).as_deref(),
            Some("light")
        );
        looks.command(&mut picker, Bind::Verb(Verb::Back), &mut out);
        // Closed: the picker is dropped, the theme before is drawn.
        assert_eq!(looks.current(None).map(name).as_deref(), Some("default"));

        {
            let mut picker = opened(&mut looks, &mut out);
            looks.command(&mut picker, Bind::Verb(Verb::Down), &mut out);
        }
        assert_eq!(
            looks.current(None).map(name).as_deref(),
            Some("default"),
            "a picker closed any other way leaves the preview"
        );

        let mut picker = opened(&mut looks, &mut out);
        looks.command(&mut picker, Bind::Verb(Verb::Bottom), &mut out);
        looks.command(&mut picker, Bind::Verb(Verb::Select), &mut out);
        let last = &BUILTIN[BUILTIN.len() - 1].0;
        assert_eq!(looks.current(None).map(name).as_deref(), Some(*last));
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
        assert!(looks.current(None).is_none());
        assert!(
            !out.intents
                .iter()
                .any(|i| matches!(i, Intent::Open(_) | Intent::OpenPopup(_)))
        );
    }
}
