//! What a popup value says of itself, whatever room it is from: how it draws (`Drawn`,
//! with what is `Around` it), the keys it takes alone (`Keyed`), whose data it holds
//! (`Holds`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ids::IdentityId;
use crate::kit::Theme;
use crate::model::SecretDetail;
use crate::room::ctx::Ctx;
use crate::room::keys::{Bind, Labels};
use crate::room::out::{Out, Room};
use crate::room::settings::Settings;

/// What a popup draws with besides its own data.
pub struct Around<'a> {
    /// The whole screen: a popup centres itself in it.
    pub whole: Rect,
    /// Where the audit pane docks: beside the list on very wide screens.
    pub docked: Rect,
    pub keymap: &'a dyn Labels,
    pub settings: &'a Settings,
    /// The selected secret's detail, once described.
    pub detail: Option<&'a SecretDetail>,
}

/// A popup's drawing, declared by its room beside its view: the frame draws the popup on
/// the stack through it.
pub trait Drawn {
    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme);

    /// The area it fills (nearly) whole, whose margin is blanked so no stray letters of
    /// the panes show beside it; `None` for a box in the middle.
    fn fills(&self, _around: &Around) -> Option<Rect> {
        None
    }
}

/// A popup that takes its keys with nothing but the context, declared by its room: it
/// receives the shared verbs and its room's own commands, never the app's command, and
/// answers in its room's words.
pub trait Keyed {
    /// The room's own commands.
    type Own;
    /// The words it answers in: its room's (the app's, for a room not yet speaking its own).
    type Room: Room;

    fn command(&mut self, command: Bind<Self::Own>, ctx: &Ctx, out: &mut Out<Self::Room>);
}

/// Whose data a popup holds (`Popup::holds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Nothing fetched or chosen as an identity: it stays whoever smtui works as.
    Nothing,
    /// What was fetched as this identity, or a call to make as it.
    Identity(IdentityId),
    /// What was chosen over the panes as they stood (the rows of every identity held, a
    /// region, the selected secret): it goes whenever an identity's data goes.
    Panes,
}

impl Holds {
    /// Whether it goes when `identity` is no longer held (`release_identity`).
    pub fn goes_with(self, identity: IdentityId) -> bool {
        match self {
            Holds::Nothing => false,
            Holds::Identity(held) => held == identity,
            Holds::Panes => true,
        }
    }

    /// Whether it stays when the panes work as `current` alone (a switch: nothing of the
    /// identity before may be written or shown as the new one).
    pub fn stays_working_as(self, current: IdentityId) -> bool {
        match self {
            Holds::Nothing => true,
            Holds::Identity(held) => held == current,
            Holds::Panes => false,
        }
    }
}
