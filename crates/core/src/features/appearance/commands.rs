//! The appearance room's commands: the theme picker's name and description, its default
//! keys and the global key that opens it.

use crate::features::appearance::{Appearance, Out};
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, OWN, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the appearance room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The theme picker.
    Theme,
}

use Item::{Keys, Moves};

const THEME: Bind<Command> = Bind::Own(Command::Theme);

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(THEME, "theme", "choose the colour theme (each previewed as you move)"),
];

const THEMES: Scope = Scope::In(Layer::Themes);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('T')], THEME, OWN, None),
    Keys(THEMES, &[ENTER], Bind::Verb(Verb::Select), "keep the highlighted theme", Some("keep")),
    Moves(THEMES, Keyset::Vi, &["next theme (drawn at once)", "previous theme"], Some("preview")),
    Keys(THEMES, &[ESC, k('q')], Bind::Verb(Verb::Back), "back to the theme before", Some("back")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Appearance {
    /// A command over the panes.
    pub(crate) fn run(&mut self, command: Command, out: &mut Out) {
        match command {
            Command::Theme => self.open(out),
        }
    }
}
