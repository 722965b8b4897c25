//! The session room's commands (which identity smtui works as): their names and
//! descriptions, the default keys of the identity switcher and the global key that opens it,
//! and when they can act.

use crate::features::session::{Out, Session};
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the session room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The identity switcher: use a profile or assume a role.
    Switch,
    /// Back to the identity before the last switch.
    Back,
    /// New credentials for the current identity (before they expire).
    Renew,
    /// Hold another identity beside those held: its secrets join the list.
    Pin,
    /// Stop holding a pinned identity: its rows, values and results go.
    Unpin,
}

use Command::{Back, Pin, Renew, Switch, Unpin};
use Item::{Keys, Moves};

const fn session(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(session(Switch), "role", "assume a role and work as it (the start identity stays for role-back)"),
    Spec::new(session(Back), "role-back", "back to the identity before this one; again, further back, to the start"),
    Spec::new(session(Renew), "role-renew", "new credentials for the current identity (MFA: a new code)"),
    Spec::new(session(Pin), "pin", "hold another identity (profile, role) beside this one: its secrets join the list"),
    Spec::new(session(Unpin), "unpin", "stop holding a pinned identity: its rows, values and results go"),
];

const ROLES: Scope = Scope::In(Layer::Roles);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('I')], session(Switch), "identity: use a profile or assume a role", None),
    Keys(GLOBAL, &[k('P')], session(Pin), "pin another identity beside this one", None),
    Keys(ROLES, &[ENTER], Bind::Verb(Verb::Select), "work as the highlighted identity", Some("switch")),
    Moves(ROLES, Keyset::Arrows, &["next", "previous"], Some("move")),
    Keys(ROLES, &[ESC], Bind::Verb(Verb::Back), "close", Some("close")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

/// A change of identity the router makes: every room's data depends on who smtui works as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Switching {
    Back,
    Renew,
}

impl Session {
    /// Whether `command` can act now: only once there is an identity to go back to, or
    /// credentials that expire.
    pub(crate) fn available(&self, command: Command) -> bool {
        match command {
            Switch | Pin => true,
            Unpin => self.pinned().next().is_some(),
            Back => self.previous().is_some(),
            Renew => self.current().is_some_and(|k| k.expires.is_some()),
        }
    }

    /// A command over the panes: the switcher opens here; going back and renewing change
    /// who every room works as, so the router makes them.
    pub(crate) fn run(&mut self, command: Command, out: &mut Out) -> Option<Switching> {
        match command {
            Switch => {
                self.open_switcher(super::switcher::Purpose::Switch, out);
                None
            }
            Pin => {
                self.open_switcher(super::switcher::Purpose::Pin, out);
                None
            }
            Unpin => {
                self.open_switcher(super::switcher::Purpose::Unpin, out);
                None
            }
            Back => Some(Switching::Back),
            Renew => Some(Switching::Renew),
        }
    }
}
