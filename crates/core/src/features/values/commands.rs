//! The value checks' commands (palette only: both read many values, so no single key
//! starts one) and the popup's default keys.

use crate::room::keys::rows::{ENTER, ESC, Item, Keyset};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What the palette can ask of the value checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Where a value is stored.
    FindValue,
    /// Which secrets share a value.
    ReusedValues,
}

use Command::{FindValue, ReusedValues};
use Item::{Keys, Moves};

const fn values(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(values(FindValue), "find-value", "where a value is stored: compared by keyed hash with every value in a scope, none shown"),
    Spec::new(values(ReusedValues), "reused-values", "secrets and fields that share a value, by keyed hash, largest groups first, none shown"),
];

const VALUES: Scope = Scope::In(Layer::Values);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(VALUES, &[ENTER], Bind::Verb(Verb::Select), "next step: the scope, start reading, go to the secret", Some("go")),
    Moves(VALUES, Keyset::Vi, &["next", "previous", "page down", "page up", "first", "last"], None),
    Keys(VALUES, &[ESC], Bind::Verb(Verb::Back), "cancel the scan under way (what it found stays), else close", Some("back")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}
