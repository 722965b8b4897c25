//! Every command smtui knows: the app's own (quit, help, the palette, movement, the keys
//! every popup shares) and, nested, each room's own (`Command::Audit(audit::Command)`),
//! declared with its name, description and rules in the room's folder. The catalogue is
//! their tables in one registration list (`crate::app::rooms`, which also answers a
//! command's name, description and rules).

mod shared;
mod spec;

pub(crate) use shared::APP;
pub use spec::{Acts, Spec};

use crate::features::{
    appearance, audit, browse, clipboard, editor, lifecycle, messages, reveal, rotation, session,
    tags, versions,
};

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
    /// Movement commands as a cursor move, `page` rows to a page.
    pub fn as_move(self, page: usize) -> Option<Move> {
        Some(match self {
            Command::Up => Move::Back(1),
            Command::Down => Move::Forward(1),
            Command::PageUp => Move::Back(page),
            Command::PageDown => Move::Forward(page),
            Command::Top => Move::First,
            Command::Bottom => Move::Last,
            _ => return None,
        })
    }
}

/// A cursor move within a list of known length, or within a scroll range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Back(usize),
    Forward(usize),
    First,
    Last,
}

impl Move {
    /// Where a cursor at `at` ends up when the last valid position is `last`: clamped, so
    /// moving past either end stops there.
    pub fn apply(self, at: usize, last: usize) -> usize {
        match self {
            Move::Back(n) => at.saturating_sub(n).min(last),
            Move::Forward(n) => at.saturating_add(n).min(last),
            Move::First => 0,
            Move::Last => last,
        }
    }

    /// The same for a `u16` scroll offset.
    pub fn apply_u16(self, at: u16, last: u16) -> u16 {
        let to = self.apply(usize::from(at), usize::from(last));
        u16::try_from(to).unwrap_or(last)
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

    #[test]
    fn moves_clamp_at_both_ends() {
        assert_eq!(Move::Back(3).apply(1, 9), 0);
        assert_eq!(Move::Forward(3).apply(8, 9), 9);
        assert_eq!(Move::Forward(1).apply(0, 0), 0);
        assert_eq!(Move::Last.apply(2, 9), 9);
        assert_eq!(Move::First.apply(5, 9), 0);
        assert_eq!(Move::Forward(10).apply_u16(60_000, u16::MAX), 60_010);
    }
}
