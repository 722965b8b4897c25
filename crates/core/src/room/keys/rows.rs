//! The words a key table is written in: a room declares its default keys with these in its
//! own folder (`features/<room>/commands.rs`), the app its own in `defaults.rs`; the keymap
//! merges them (`KEYS` in `app/rooms/`), each lifted to the app's command.

use crossterm::event::KeyCode;

use super::{Key, Scope, Verb};

pub(crate) const fn k(c: char) -> Key {
    Key::char(c)
}
pub(crate) const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}
const fn p(code: KeyCode) -> Key {
    Key::plain(code)
}

pub(crate) const ENTER: Key = p(KeyCode::Enter);
pub(crate) const ESC: Key = p(KeyCode::Esc);
pub(crate) const DOWN: Key = p(KeyCode::Down);
pub(crate) const UP: Key = p(KeyCode::Up);
pub(crate) const PG_DN: Key = p(KeyCode::PageDown);
pub(crate) const PG_UP: Key = p(KeyCode::PageUp);
pub(crate) const HOME: Key = p(KeyCode::Home);
pub(crate) const END: Key = p(KeyCode::End);
pub(crate) const TAB: Key = p(KeyCode::Tab);

/// A line of a key table: one binding, or a layer's movement keys.
/// `C` is what the table names: a room's `Bind<Command>`, the app's `Verb`.
pub(crate) enum Item<C> {
    /// Where, which keys, which command, what it means there ([`OWN`]: what the command
    /// says of itself), its footer hint.
    Keys(Scope, &'static [Key], C, &'static str, Option<&'static str>),
    /// The movement keys of a layer that moves (declared once, in [`STEPS`]): what each
    /// step means there, in the order down, up, page down, page up, top, bottom (fewer
    /// words: the steps after them are not bound), and the footer hint for moving.
    Moves(Scope, Keyset, &'static [&'static str], Option<&'static str>),
}

/// Which movement keys a layer takes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Keyset {
    /// Arrows plus the vi-like letters (j/k, Ctrl-d/Ctrl-u, g/G).
    Vi,
    /// Arrows only: the layer takes typed text, so letters are text there.
    Arrows,
}

/// The movement steps and their keys, declared once for every layer.
pub(crate) const STEPS: [(Verb, &[Key], &[Key]); 6] = [
    (Verb::Down, &[DOWN, k('j')], &[DOWN]),
    (Verb::Up, &[UP, k('k')], &[UP]),
    (Verb::PageDown, &[PG_DN, ctrl('d')], &[PG_DN]),
    (Verb::PageUp, &[PG_UP, ctrl('u')], &[PG_UP]),
    (Verb::Top, &[HOME, k('g')], &[HOME]),
    (Verb::Bottom, &[END, k('G')], &[END]),
];

/// A binding that means what its command's own description says (the command table's,
/// the palette's words): written once, there.
pub(crate) const OWN: &str = "";

/// The panes' shared table: what a key does under the list and the value pane alike.
pub(crate) const GLOBAL: Scope = Scope::Global;

impl<C: Copy> Item<C> {
    /// The same line naming its command in a wider vocabulary (the keymap's).
    pub(crate) fn lift<D>(&self, lift: impl FnOnce(C) -> D) -> Item<D> {
        match *self {
            Item::Keys(scope, keys, command, description, hint) => {
                Item::Keys(scope, keys, lift(command), description, hint)
            }
            Item::Moves(scope, keyset, words, hint) => Item::Moves(scope, keyset, words, hint),
        }
    }
}
