//! The Identity Center room's commands (the palette's `sso` and `sso-login`) and the keys
//! of its popup.

use crate::room::keys::rows::{ENTER, ESC, Item, Keyset, ctrl};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What the palette can ask of the Identity Center room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The accounts and roles the portal grants, to switch to or pin.
    Accounts,
    /// Sign in with the device flow (the token is cached as the AWS CLI caches it).
    SignIn,
}

use Item::{Keys, Moves};

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(Bind::Own(Command::Accounts), "sso", "IAM Identity Center: every account and role the portal grants, to switch to or pin"),
    Spec::new(Bind::Own(Command::SignIn), "sso-login", "sign in to IAM Identity Center (device login; the AWS CLI shares the sign-in)"),
];

const PORTAL: Scope = Scope::In(Layer::Portal);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(PORTAL, &[ENTER], Bind::Verb(Verb::Select), "use the highlighted account role (or sign in)", Some("choose")),
    Moves(PORTAL, Keyset::Arrows, &["next", "previous"], Some("move")),
    Keys(PORTAL, &[ctrl('r')], Bind::Verb(Verb::Refresh), "ask the portal again (new assignments)", Some("refresh")),
    Keys(PORTAL, &[ESC], Bind::Verb(Verb::Back), "close (a sign-in under way goes on until its code expires)", Some("close")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}
