//! The org room's command: its name and description (the palette's `org`).

use crate::room::keys::rows::Item;
use crate::room::keys::{Bind, Named, Spec, name_in};

/// What the palette can ask of the org room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// List the organisation's accounts and pin each through a role.
    Discover,
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(Bind::Own(Command::Discover), "org", "every account of the AWS Organization, each through a role, pinned side by side"),
];

/// No key of its own: the palette runs it.
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}
