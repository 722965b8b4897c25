//! Every command smtui knows: the app's own (quit, help, the palette, movement, the keys
//! every popup shares) and, nested, each room's own (`Command::Audit(audit::Command)`),
//! declared with its name, description and rules in the room's folder. The catalogue is
//! their tables in one registration list (`app/rooms/`, which also answers a
//! command's name, description and rules).

mod shared;

pub(crate) use crate::room::keys::{Acts, Bind, Spec, Verb};
pub(crate) use shared::APP;

use crate::app::registry::registered;
use crate::features::{browse, clipboard, reveal, session};
use crate::kit::Move;
use crate::room::Room;

/// The app's command: the spine's rooms' (hand-written) and every registered room's (one
/// variant each, from `registered!`).
macro_rules! command {
    (
        rooms: [$($variant:ident => $room:ident),* $(,)?]
        calls: [$($_c:tt)*]
        prompts: [$($_p:tt)*]
        $($_tables:tt)*
    ) => {
        /// Everything a key or the palette can ask for: one of the app's shared verbs, or a
        /// room's own command.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            Verb(Verb),
            Browse(browse::Command),
            Clipboard(clipboard::Command),
            Session(session::Command),
            /// The reveal room's (the value pane's).
            Value(reveal::Command),
            $($variant(<crate::features::$room::Room as Room>::Command),)*
        }

        nests! {
            browse => Browse,
            clipboard => Clipboard,
            session => Session,
            reveal => Value,
            $($room => $variant,)*
        }
    };
}

impl Command {
    /// Movement commands as a cursor move (a page is what the view drew).
    pub(crate) fn as_move(self) -> Option<Move> {
        match self {
            Command::Verb(verb) => verb.as_move(),
            _ => None,
        }
    }
}

impl From<Verb> for Command {
    fn from(verb: Verb) -> Self {
        Command::Verb(verb)
    }
}

impl<C: Into<Command>> From<Bind<C>> for Command {
    fn from(bind: Bind<C>) -> Self {
        match bind {
            Bind::Verb(verb) => Command::Verb(verb),
            Bind::Own(own) => own.into(),
        }
    }
}

impl Command {
    /// What a room whose own commands are `C` receives of this one: a verb, one of its
    /// own, or nothing (another room's command does nothing there).
    pub(crate) fn bind<C: Nested>(self) -> Option<Bind<C>> {
        match self {
            Command::Verb(verb) => Some(Bind::Verb(verb)),
            other => C::unnest(other).map(Bind::Own),
        }
    }
}

/// A room's own command, which the app's command nests (and gives back).
pub(crate) trait Nested: Sized {
    fn unnest(command: Command) -> Option<Self>;
}

/// A room with no commands of its own (the prompt takes only verbs).
impl Nested for crate::room::Never {
    fn unnest(_: Command) -> Option<Self> {
        None
    }
}

/// A room whose commands are the app's (the confirmation): a verb binds as one, any other
/// command as its own.
impl Nested for Command {
    fn unnest(command: Command) -> Option<Self> {
        Some(command)
    }
}

/// A room's own command is the app's command nesting it.
macro_rules! nests {
    ($($room:ident => $variant:ident),* $(,)?) => {$(
        impl From<crate::features::$room::Command> for Command {
            fn from(command: crate::features::$room::Command) -> Self {
                Command::$variant(command)
            }
        }

        impl Nested for crate::features::$room::Command {
            fn unnest(command: Command) -> Option<Self> {
                match command {
                    Command::$variant(command) => Some(command),
                    _ => None,
                }
            }
        }
    )*};
}

registered!(command);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{audit, editor, rotation, tags};

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for command in Command::all() {
            let name = command.name();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert_eq!(Command::from_name(name), Some(command));
            assert!(!command.description().is_empty());
        }
    }

    #[test]
    fn each_command_is_declared_once() {
        let all: Vec<Command> = Command::all().collect();
        for command in &all {
            assert_eq!(
                all.iter().filter(|c| *c == command).count(),
                1,
                "{command:?}"
            );
        }
        assert_eq!(
            Command::from_name("audit"),
            Some(Command::Audit(audit::Command::Open))
        );
        assert!(Command::Tags(tags::Command::Open).refused_on_replica());
        assert!(!Command::Editor(editor::Command::Create).refused_on_replica());
        assert!(Command::Rotation(rotation::Command::Rotate).allowed_on_managed());
    }
}
