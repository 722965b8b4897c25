//! The versions room's commands: their names and descriptions, the default keys of the
//! picker and the comparison, the global key that opens them, and when they can act.

use crate::features::versions::{Room, Versions};
use crate::model::VersionSel;
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, k};
use crate::room::keys::{Acts, Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;
use crate::room::{Ctx, Out};
use Acts::Writes;

/// What a key or the palette can ask of the versions room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The picker: reveal or copy another version.
    Pick,
    /// Compare the highlighted version with the current one (or the marked one).
    Compare,
    /// Mark the highlighted version to compare another with.
    Mark,
    /// Move AWSCURRENT to the highlighted version.
    MakeCurrent,
}

use Command::{Compare, MakeCurrent, Mark, Pick};
use Item::{Keys, Moves};

const fn versions(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(versions(Pick), "versions", "versions: pick one to reveal or copy, compare, make current"),
    Spec::new(versions(Compare), "compare", "compare the highlighted version with the current one").popup_only(),
    Spec::new(versions(Mark), "mark", "mark a version to compare another one with").popup_only(),
];

/// Registered after the app's own commands: the palette and the command list have always
/// named it last.
#[rustfmt::skip]
pub(crate) const MAKE_CURRENT: &[Spec<Bind<Command>>] = &[
    Spec::new(versions(MakeCurrent), "make-current", "make the highlighted version current (rollback)").acts(Writes),
];

const VERSIONS: Scope = Scope::In(Layer::Versions);
const COMPARE: Scope = Scope::In(Layer::Compare);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('p')], versions(Pick), "versions: reveal or copy one, compare, roll back", Some("versions")),
    Keys(VERSIONS, &[ENTER], Bind::Verb(Verb::Select), "reveal or copy this version from now on", Some("choose")),
    Keys(VERSIONS, &[ESC, k('q')], Bind::Verb(Verb::Back), "close without changing the version", Some("close")),
    Moves(VERSIONS, Keyset::Vi, &["next version", "previous version", "a page of versions down", "a page of versions up", "first version", "last version"], Some("move")),
    Keys(VERSIONS, &[k('d')], versions(Compare), "compare with the marked one, else AWSCURRENT (values masked)", Some("compare")),
    Keys(VERSIONS, &[k(' ')], versions(Mark), "mark / unmark it, to compare another one with it", Some("mark")),
    Keys(VERSIONS, &[k('m')], versions(MakeCurrent), "make it AWSCURRENT (asks first; a rollback)", Some("make current")),
    Keys(VERSIONS, &[k(':')], Bind::Verb(Verb::Palette), "command palette over the versions", None),
    Keys(COMPARE, &[ESC, k('q')], Bind::Verb(Verb::Back), "back to the versions", Some("back")),
    Keys(COMPARE, &[k('v')], Bind::Verb(Verb::Reveal), "reveal / mask the values", Some("reveal")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        match name_in(COMMANDS, Bind::Own(self)) {
            "" => name_in(MAKE_CURRENT, Bind::Own(self)),
            name => name,
        }
    }
}

/// Whether `command` can act now: the picker needs a selected secret.
pub(crate) fn available(command: Command, ctx: &Ctx) -> bool {
    match command {
        Pick => ctx.selected.is_some(),
        Compare | Mark | MakeCurrent => true,
    }
}

impl Versions {
    /// A command over the panes, `current` the version revealed and copied now. The
    /// picker's own keys arrive in its layer (`Picker::command`).
    pub(crate) fn run(command: Command, current: &VersionSel, ctx: &Ctx, out: &mut Out<Room>) {
        match command {
            Pick => {
                Self::open(current, ctx, out);
            }
            // Over the panes, `make-current` is chosen from the versions: open them.
            MakeCurrent => {
                if Self::open(current, ctx, out) {
                    out.info("Choose the version to make current, then m");
                }
            }
            Compare | Mark => {}
        }
    }
}
