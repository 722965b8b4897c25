//! The reveal room's commands (the value pane's): their names and descriptions, the
//! default keys of the value pane, the list's keys that reveal and copy, and when they can
//! act. `reveal` itself is a verb several rooms' layers take (the versions' comparison, the
//! editor), so its variant is the app's (`Command::Reveal`); its name and description over
//! the panes are declared here.

use crate::features::reveal::{Reveal, ValuePane};
use crate::room::Ctx;
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, OWN, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the reveal room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Reveal or hide every JSON key.
    RevealAll,
    /// JSON: the key table or the pretty raw text.
    RawJson,
    /// Copy the value (or the selected JSON key), cleared after a timeout.
    CopyValue,
}

use Command::{CopyValue, RawJson, RevealAll};
use Item::{Keys, Moves};

const fn value(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(Bind::Verb(Verb::Reveal), "reveal", "reveal / mask the value (GetSecretValue)"),
    Spec::new(value(RevealAll), "reveal-all", "reveal / hide every JSON key"),
    Spec::new(value(RawJson), "raw-json", "JSON: key table / pretty raw JSON"),
    Spec::new(value(CopyValue), "copy-value", "copy the value (cleared after a timeout)"),
];

const LIST: Scope = Scope::In(Layer::List);
const VALUE: Scope = Scope::In(Layer::Value);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(LIST, &[k('v'), ENTER], Bind::Verb(Verb::Reveal), OWN, Some("reveal")),
    Keys(LIST, &[k('c')], value(CopyValue), "copy the whole value (cleared after a timeout)", Some("copy")),
    Keys(LIST, &[ESC], Bind::Verb(Verb::Back), "mask the value / clear the filter", None),
    Keys(VALUE, &[k('v')], Bind::Verb(Verb::Reveal), "reveal / hide the selected JSON key", Some("reveal key")),
    Keys(VALUE, &[k('c')], value(CopyValue), "copy the selected JSON key (or the whole value)", Some("copy")),
    Keys(VALUE, &[ESC], Bind::Verb(Verb::Back), "mask the value and return to the list", Some("mask")),
    Moves(VALUE, Keyset::Vi, &["next JSON key / scroll down", "previous JSON key / scroll up"], Some("scroll")),
    Keys(GLOBAL, &[k('V')], value(RevealAll), OWN, Some("all keys")),
    Keys(GLOBAL, &[k('J')], value(RawJson), OWN, Some("raw")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Reveal {
    /// Whether `command` can act now: a copy needs a selected secret, the JSON views a
    /// JSON value shown.
    pub(crate) fn available(&self, command: Command, ctx: &Ctx) -> bool {
        match command {
            CopyValue => ctx.selected.is_some(),
            RevealAll | RawJson => self.value.as_ref().is_some_and(ValuePane::is_json),
        }
    }
}
