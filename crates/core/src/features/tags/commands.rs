//! The tags room's commands: their names and descriptions, and the default keys of the
//! tags popup and the global key that opens it.

use crate::features::tags::{Room, Tags};
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, OWN, k};
use crate::room::keys::{Acts, Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;
use crate::room::{Ctx, Out};
use Acts::{OpensChanges, Writes};

/// What a key or the palette can ask of the tags room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Tags, description and policy of the selected secret.
    Open,
    Add,
    Edit,
    Remove,
    EditDescription,
}

use Command::{Add, Edit, EditDescription, Open, Remove};
use Item::{Keys, Moves};

const fn tags(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    // A replica's tags, description and policy cannot be changed: the popup is refused there.
    Spec::new(tags(Open), "tags", "tags, description and resource policy").acts(OpensChanges),
    Spec::new(tags(Add), "add-tag", "add a tag").acts(Writes).popup_only(),
    Spec::new(tags(Edit), "edit-tag", "change the highlighted tag's value").acts(Writes).popup_only(),
    Spec::new(tags(Remove), "remove-tag", "remove the highlighted tag").acts(Writes).popup_only(),
    Spec::new(tags(EditDescription), "edit-description", "change the description").acts(Writes).popup_only(),
];

const TAGS: Scope = Scope::In(Layer::Tags);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('t')], tags(Open), OWN, Some("tags")),
    Keys(TAGS, &[k('a')], tags(Add), "add a tag (key, then value; asks first)", Some("add")),
    Keys(TAGS, &[ENTER, k('e')], tags(Edit), OWN, Some("change")),
    Keys(TAGS, &[k('x')], tags(Remove), "remove the highlighted tag (asks first)", Some("remove")),
    Keys(TAGS, &[k('d')], tags(EditDescription), "change the description (asks first)", Some("description")),
    Moves(TAGS, Keyset::Vi, &["next tag", "previous tag"], None),
    Keys(TAGS, &[ESC, k('q')], Bind::Verb(Verb::Back), "close", Some("close")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Tags {
    /// A command over the panes: the popup opens; its own keys arrive in its layer
    /// (`Tags::command`).
    pub(crate) fn run(command: Command, ctx: &Ctx, out: &mut Out<Room>) {
        match command {
            Open => Self::open(ctx, out),
            Add | Edit | Remove | EditDescription => {}
        }
    }
}
