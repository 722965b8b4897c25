//! The access room's commands: their names and descriptions, the pane's and the statements
//! popup's default keys, and the global key that opens the pane.

use crate::features::access::{Access, Out};
use crate::room::Ctx;
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the access room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Who can read the selected secret.
    Open,
    /// Ask IAM's policy simulator about the highlighted principal.
    Verify,
}

use Command::{Open, Verify};
use Item::{Keys, Moves};

const fn access(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(access(Open), "access", "who can read this secret: resource policy, key policy and IAM"),
    Spec::new(access(Verify), "access-verify", "access: ask IAM's policy simulator about the highlighted principal").popup_only(),
];

const ACCESS: Scope = Scope::In(Layer::Access);
const STATEMENTS: Scope = Scope::In(Layer::AccessStatements);
const VI: Keyset = Keyset::Vi;

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('W')], access(Open), "access: who can read this secret", Some("access")),
    Keys(ACCESS, &[ENTER], Bind::Verb(Verb::Select), "the statements that decide the highlighted row", Some("statements")),
    Keys(ACCESS, &[k('s')], access(Verify), "ask IAM's policy simulator about the highlighted principal", Some("simulate")),
    Keys(ACCESS, &[k('r')], Bind::Verb(Verb::Refresh), "read the policies and the account's IAM again", Some("refresh")),
    Moves(ACCESS, VI, &["next principal", "previous principal", "page down", "page up", "first", "last"], None),
    Keys(ACCESS, &[ESC, k('q')], Bind::Verb(Verb::Back), "close", Some("close")),
    Moves(STATEMENTS, VI, &["scroll down", "scroll up", "page down", "page up", "top"], Some("scroll")),
    Keys(STATEMENTS, &[ESC, k('q')], Bind::Verb(Verb::Back), "back to the principals", Some("back")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Access {
    /// A command over the panes: `access` opens the pane; the pane's own keys arrive in its
    /// layer (`Access::command`).
    pub(crate) fn run(&mut self, command: Command, ctx: &Ctx, out: &mut Out) {
        match command {
            Open => self.open(ctx, out),
            Verify => out.info("Open the access pane first (access), then pick a principal"),
        }
    }
}
