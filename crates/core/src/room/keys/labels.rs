//! How a room's view names the key of one of its commands in a footer or a hint line
//! without naming the app's command or keymap: by the command's stable name, which the
//! room reads from its own command table.

use super::{Bind, Key, Verb};
use crate::room::layers::Layer;

/// The keymap, as a room's view sees it.
pub(crate) trait Labels: std::fmt::Debug {
    /// How to ask for the command named `name` in `layer`, for a line of text on screen:
    /// its first key there, or `:name` (the palette) when no key is bound to it.
    fn label(&self, layer: Layer, name: &str) -> String;

    /// The keys that run the command named `name` in `layer`.
    fn keys_for(&self, layer: Layer, name: &str) -> Vec<Key>;
}

/// A command with a stable name: a verb, or a room's own command (named in its table).
pub(crate) trait Named: Copy {
    fn name(self) -> &'static str;
}

impl Named for Verb {
    fn name(self) -> &'static str {
        Verb::name(self)
    }
}

impl<C: Named> Named for Bind<C> {
    fn name(self) -> &'static str {
        match self {
            Bind::Verb(verb) => verb.name(),
            Bind::Own(own) => own.name(),
        }
    }
}

impl dyn Labels + '_ {
    /// The label of `command` in `layer`.
    pub(crate) fn of(&self, layer: Layer, command: impl Named) -> String {
        self.label(layer, command.name())
    }

    /// The keys that run `command` in `layer`.
    pub(crate) fn keys_of(&self, layer: Layer, command: impl Named) -> Vec<Key> {
        self.keys_for(layer, command.name())
    }
}
