//! Help: every layer's keys and what they do there, generated from the keymap in use, and
//! the commands without a key, by name, from the command catalogue.

pub(crate) mod view;

use crate::app::command::Command;
use crate::app::room::{Intent, Out};
use crate::kit::Scroll;
use crate::room::keys::Verb;
use crate::room::layers::Layer;

#[derive(Debug, Clone, Default)]
pub struct Help {
    scroll: Scroll,
}

impl Help {
    /// How far it is scrolled.
    pub fn scroll(&self) -> &Scroll {
        &self.scroll
    }

    /// Its layer opened: it starts at the top again.
    pub(crate) fn opened(&mut self) {
        self.scroll = Scroll::default();
    }

    pub(crate) fn command(&mut self, command: Command, out: &mut Out) {
        if let Some(step) = command.as_move() {
            self.scroll.apply(step);
        } else if command == Command::Verb(Verb::Back) {
            out.intent(Intent::Close(Layer::Help));
        }
    }
}
