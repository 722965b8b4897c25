//! Every command smtui knows: the app's own (quit, help, the palette, movement, the keys
//! every popup shares) and, nested, each room's own (`Command::Audit(audit::Command)`),
//! declared with its name, description and rules in the room's folder. The catalogue is
//! their tables in one registration list (`app/rooms/`, which also answers a
//! command's name, description and rules).

mod shared;
mod spec;

pub(crate) use shared::APP;
pub use spec::{Acts, Spec};

use crate::features::{
    appearance, audit, browse, clipboard, editor, lifecycle, messages, reveal, rotation, session,
    tags, versions,
};
use crate::kit::Move;

/// Everything a key or the palette can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Palette,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    FocusNext,
    /// Verbs several rooms' layers take (no room imports another): `filter`, `refresh` and
    /// `sort-next` are named and described by the browse room, `reveal` by the reveal room.
    Filter,
    Refresh,
    SortNext,
    Reveal,
    /// Enter in a popup: take the highlighted entry.
    Select,
    /// Esc: close, mask or clear, whichever the layer means by it.
    Back,
    /// The confirm layer's yes and no.
    Confirm,
    Cancel,
    /// The palette: complete the input to the highlighted name.
    Complete,
    /// Narrow screens: the next pane under the tab bar.
    NextTab,
    PreviousTab,
    Appearance(appearance::Command),
    Audit(audit::Command),
    Browse(browse::Command),
    Clipboard(clipboard::Command),
    Editor(editor::Command),
    Lifecycle(lifecycle::Command),
    Messages(messages::Command),
    Rotation(rotation::Command),
    Session(session::Command),
    Tags(tags::Command),
    /// The reveal room's (the value pane's).
    Value(reveal::Command),
    Versions(versions::Command),
}

impl Command {
    /// Movement commands as a cursor move (a page is what the view drew).
    pub fn as_move(self) -> Option<Move> {
        Some(match self {
            Command::Up => Move::Back(1),
            Command::Down => Move::Forward(1),
            Command::PageUp => Move::PageBack,
            Command::PageDown => Move::PageForward,
            Command::Top => Move::First,
            Command::Bottom => Move::Last,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
