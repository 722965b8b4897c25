//! The clipboard room's commands: copying the selected secret's ARN or name (neither is
//! secret), their names, descriptions and default keys, and when they can act.

use crate::room::Ctx;
use crate::room::keys::rows::{GLOBAL, Item, OWN, k};
use crate::room::keys::{Bind, Named, Spec, name_in};

/// What a key or the palette can ask of the clipboard room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    CopyArn,
    CopyName,
}

use Command::{CopyArn, CopyName};
use Item::Keys;

const fn clipboard(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(clipboard(CopyArn), "copy-arn", "copy the ARN"),
    Spec::new(clipboard(CopyName), "copy-name", "copy the name"),
];

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('a')], clipboard(CopyArn), OWN, None),
    Keys(GLOBAL, &[k('n')], clipboard(CopyName), OWN, None),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

/// Whether `command` can act now: there is a selected secret to copy from.
pub(crate) fn available(command: Command, ctx: &Ctx) -> bool {
    match command {
        CopyArn | CopyName => ctx.selected.is_some(),
    }
}
