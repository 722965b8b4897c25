//! The app's own commands, which every room's keys may bind beside its own: movement, the
//! keys every popup shares, quit, help, the palette, focus and tabs.

use crate::kit::Move;

/// A command the app owns and any room's layer may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
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
}

/// What a room's key table binds and what its handler receives: a shared verb, or one of
/// the room's own commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bind<C> {
    Verb(Verb),
    Own(C),
}

impl Verb {
    /// Every verb (the catalogue's tables name each once; a test checks the names agree).
    #[cfg(test)]
    pub(crate) const ALL: [Verb; 21] = [
        Verb::Quit,
        Verb::Help,
        Verb::Palette,
        Verb::Up,
        Verb::Down,
        Verb::PageUp,
        Verb::PageDown,
        Verb::Top,
        Verb::Bottom,
        Verb::FocusNext,
        Verb::Filter,
        Verb::Refresh,
        Verb::SortNext,
        Verb::Reveal,
        Verb::Select,
        Verb::Back,
        Verb::Confirm,
        Verb::Cancel,
        Verb::Complete,
        Verb::NextTab,
        Verb::PreviousTab,
    ];

    /// The stable name (palette, config file, docs), so that a room's view can name a
    /// verb without the catalogue.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Verb::Quit => "quit",
            Verb::Help => "help",
            Verb::Palette => "palette",
            Verb::Up => "up",
            Verb::Down => "down",
            Verb::PageUp => "page-up",
            Verb::PageDown => "page-down",
            Verb::Top => "top",
            Verb::Bottom => "bottom",
            Verb::FocusNext => "focus-next",
            Verb::Filter => "filter",
            Verb::Refresh => "refresh",
            Verb::SortNext => "sort-next",
            Verb::Reveal => "reveal",
            Verb::Select => "select",
            Verb::Back => "back",
            Verb::Confirm => "confirm",
            Verb::Cancel => "cancel",
            Verb::Complete => "complete",
            Verb::NextTab => "next-tab",
            Verb::PreviousTab => "previous-tab",
        }
    }

    /// Movement commands as a cursor move (a page is what the view drew).
    pub(crate) fn as_move(self) -> Option<Move> {
        Some(match self {
            Verb::Up => Move::Back(1),
            Verb::Down => Move::Forward(1),
            Verb::PageUp => Move::PageBack,
            Verb::PageDown => Move::PageForward,
            Verb::Top => Move::First,
            Verb::Bottom => Move::Last,
            _ => return None,
        })
    }
}

impl<C> Bind<C> {
    /// A movement verb as a cursor move.
    pub(crate) fn as_move(&self) -> Option<Move> {
        match self {
            Bind::Verb(verb) => verb.as_move(),
            Bind::Own(_) => None,
        }
    }
}

impl<C> From<Verb> for Bind<C> {
    fn from(verb: Verb) -> Self {
        Bind::Verb(verb)
    }
}
