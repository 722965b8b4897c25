//! The lifecycle room's commands: their names and descriptions, the default keys of the
//! delete popup and the global keys that delete and restore, and when they can act.

use crate::features::lifecycle::{Lifecycle, Room};
use crate::room::keys::rows::{DOWN, ENTER, ESC, GLOBAL, Item, OWN, UP, k};
use crate::room::keys::{Acts, Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;
use crate::room::{Ctx, Out};
use Acts::Writes;

/// What a key or the palette can ask of the lifecycle room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Delete,
    Restore,
    /// The delete popup: delete at once instead of after a recovery window.
    WithoutRecovery,
}

use Command::{Delete, Restore, WithoutRecovery};
use Item::Keys;

const fn lifecycle(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(lifecycle(Delete), "delete", "delete the secret (recoverable for 7-30 days, or at once)").acts(Writes),
    Spec::new(lifecycle(Restore), "restore", "restore a secret scheduled for deletion").acts(Writes),
    Spec::new(lifecycle(WithoutRecovery), "without-recovery", "delete at once, without recovery").popup_only(),
];

const DELETE: Scope = Scope::In(Layer::Delete);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('D')], lifecycle(Delete), "delete the secret (asks, then wants its name typed)", None),
    Keys(GLOBAL, &[k('R')], lifecycle(Restore), OWN, None),
    Keys(DELETE, &[ENTER], Bind::Verb(Verb::Select), "go on to the typed confirmation", Some("continue")),
    Keys(DELETE, &[ESC, k('q')], Bind::Verb(Verb::Back), "keep the secret", Some("cancel")),
    Keys(DELETE, &[UP, k('k'), k('+')], Bind::Verb(Verb::Up), "one more day to restore it (at most 30)", Some("days")),
    Keys(DELETE, &[DOWN, k('j'), k('-')], Bind::Verb(Verb::Down), "one day fewer (at least 7)", None),
    Keys(DELETE, &[k('f')], lifecycle(WithoutRecovery), "delete at once, without recovery (or not)", Some("no recovery")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

/// Whether `command` can act now: a secret is deleted once, and restored only when deleted.
pub(crate) fn available(command: Command, ctx: &Ctx) -> bool {
    let deleted = ctx.selected.map(|s| s.deleted_date.is_some());
    match command {
        Delete => deleted == Some(false),
        Restore => deleted == Some(true),
        WithoutRecovery => true,
    }
}

impl Lifecycle {
    /// A command over the panes; the delete popup's own keys arrive in its layer
    /// (`Lifecycle::command`).
    pub(crate) fn run(command: Command, ctx: &Ctx, out: &mut Out<Room>) {
        match command {
            Delete => Self::delete(ctx, out),
            Restore => Self::restore(ctx, out),
            WithoutRecovery => {}
        }
    }
}
