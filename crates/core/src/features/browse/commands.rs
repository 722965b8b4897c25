//! The browse room's commands (the list): their names and descriptions and the default
//! keys of the list and its filter prompt. `filter`, `sort-next` and `refresh` are verbs
//! other rooms' layers take too (the audit pane filters and looks up again, the rotation
//! overview sorts), so their variants are the app's; their names and descriptions over the
//! panes are declared here.

use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, OWN, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the browse room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    SortReverse,
    /// Show or hide the secrets scheduled for deletion.
    ToggleDeleted,
    /// Only the next region's secrets (after the last, every region's again).
    NextRegion,
}

use Command::{NextRegion, SortReverse, ToggleDeleted};
use Item::Keys;

const fn browse(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(Bind::Verb(Verb::Filter), "filter", "filter by words, each in the name, region, description or tags"),
    Spec::new(Bind::Verb(Verb::SortNext), "sort-next", "sort by the next column"),
    Spec::new(browse(SortReverse), "sort-reverse", "reverse the sort order"),
    Spec::new(browse(ToggleDeleted), "toggle-deleted", "show / hide secrets scheduled for deletion"),
    Spec::new(browse(NextRegion), "next-region", "show one region's secrets, the next one each time, then all"),
    Spec::new(Bind::Verb(Verb::Refresh), "refresh", "refresh every region"),
];

const LIST: Scope = Scope::In(Layer::List);
const FILTER: Scope = Scope::In(Layer::Filter);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('r')], Bind::Verb(Verb::Refresh), OWN, Some("refresh")),
    Keys(LIST, &[k('/')], Bind::Verb(Verb::Filter), "filter by words: name, region, description, tags", Some("filter")),
    Keys(LIST, &[k('s')], Bind::Verb(Verb::SortNext), OWN, Some("sort")),
    Keys(LIST, &[k('S')], browse(SortReverse), OWN, None),
    Keys(LIST, &[k('.')], browse(ToggleDeleted), OWN, None),
    Keys(LIST, &[k('w')], browse(NextRegion), "narrow to one region; again: the next, then all", None),
    Keys(FILTER, &[ENTER], Bind::Verb(Verb::Select), "keep the filter and return to the list", Some("keep")),
    Keys(FILTER, &[ESC], Bind::Verb(Verb::Back), "clear the filter and return to the list", Some("clear")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}
