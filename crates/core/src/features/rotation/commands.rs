//! The rotation room's commands: their names and descriptions, and the default keys of the
//! overview and the global key that opens it.

use crate::features::rotation::{Room, RotationRoom};
use crate::model::SecretSummary;
use crate::model::posture::AccessFindings;
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, k};
use crate::room::keys::{Acts, Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;
use crate::room::{Ctx, Out};
use Acts::{Writes, WritesManaged};

/// What a key or the palette can ask of the rotation room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The fleet's rotation posture across everything listed.
    Overview,
    /// RotateSecret now.
    Rotate,
    /// Set or change the rotation schedule.
    Schedule,
    /// CancelRotateSecret: automatic rotation off.
    Cancel,
    /// Remove the AWSPENDING label a stuck rotation left behind.
    Repair,
}

use Command::{Cancel, Overview, Repair, Rotate, Schedule};
use Item::{Keys, Moves};

const fn rotation(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(rotation(Overview), "rotation", "rotation posture of every listed secret, riskiest first"),
    Spec::new(rotation(Rotate), "rotate", "rotate the secret now (RotateSecret)").acts(WritesManaged),
    Spec::new(rotation(Schedule), "rotation-schedule", "set the rotation schedule: days, rate() or cron(), window").acts(WritesManaged),
    Spec::new(rotation(Cancel), "cancel-rotation", "turn automatic rotation off (CancelRotateSecret)").acts(Writes),
    Spec::new(rotation(Repair), "repair-rotation", "repair a stuck rotation: remove its AWSPENDING label").acts(Writes),
];

const ROTATION: Scope = Scope::In(Layer::Rotation);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('o')], rotation(Overview), "rotation overview: every secret's health and posture", Some("rotation")),
    Keys(ROTATION, &[ENTER], Bind::Verb(Verb::Select), "go to the highlighted secret", Some("go to")),
    Keys(ROTATION, &[k('s')], Bind::Verb(Verb::SortNext), "sort by risk, name, region, next rotation", Some("sort")),
    Moves(ROTATION, Keyset::Vi, &["next secret", "previous secret", "page down", "page up", "first", "last"], Some("move")),
    Keys(ROTATION, &[ESC, k('q')], Bind::Verb(Verb::Back), "close", Some("close")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl RotationRoom {
    /// A command over the panes. `listed`: every row loaded so far, of `total` (the
    /// overview's subject).
    pub(crate) fn run<'a>(
        &mut self,
        command: Command,
        (listed, total): (impl IntoIterator<Item = &'a SecretSummary>, usize),
        access: &AccessFindings,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        match command {
            Overview => Self::open_overview(listed, total, (ctx.settings, access), ctx.wall, out),
            Rotate => self.rotate(ctx, out),
            Schedule => self.schedule(ctx, out),
            Cancel => Self::cancel(ctx, out),
            Repair => Self::repair(ctx, out),
        }
    }
}
