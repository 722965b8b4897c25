//! The messages room's commands: the log's name and description, its default keys and the
//! global key that opens it.

use crate::features::messages::{Messages, Out};
use crate::room::keys::rows::{ESC, GLOBAL, Item, Keyset, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the messages room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The log of this session's messages.
    Open,
}

use Item::{Keys, Moves};

pub(crate) const OPEN: Bind<Command> = Bind::Own(Command::Open);

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(OPEN, "messages", "every message of this session, newest first, with its time"),
];

const MESSAGES: Scope = Scope::In(Layer::Messages);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('M')], OPEN, "every message of this session, newest first", None),
    Moves(MESSAGES, Keyset::Vi, &["older", "newer", "ten older", "ten newer", "newest", "oldest"], None),
    Keys(MESSAGES, &[ESC, k('q'), k('M')], Bind::Verb(Verb::Back), "close", Some("close")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Messages {
    /// A command over the panes.
    pub(crate) fn run(&mut self, command: Command, out: &mut Out) {
        match command {
            Command::Open => self.open(out),
        }
    }
}
