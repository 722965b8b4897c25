//! What a popup value says of itself, whatever room it is from: one trait, [`Shown`],
//! that the popup implements in its room's folder: its key context, whose data it holds
//! (`Holds`), how it draws (with what is [`Around`] it), and the keys it takes alone.
//! The app lifts any room's `Shown` onto its layer stack, so a new popup is registered
//! nowhere above its room.

use std::any::Any;
use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::kit::Theme;
use crate::model::SecretDetail;
use crate::room::ctx::Ctx;
use crate::room::keys::{Bind, Labels};
use crate::room::layers::Layer;
use crate::room::out::{Intent, Out, Room};
use crate::room::settings::Settings;
pub(crate) use crate::room::stamp::Holds;

/// What a popup draws with besides its own data.
pub struct Around<'a> {
    /// The whole screen: a popup centres itself in it.
    pub(crate) whole: Rect,
    /// Where the audit pane docks: beside the list on very wide screens.
    pub(crate) docked: Rect,
    pub(crate) keymap: &'a dyn Labels,
    pub(crate) settings: &'a Settings,
    /// The wall clock of the last action, for ages ("read 3 minutes ago").
    pub(crate) wall: jiff::Timestamp,
    /// The selected secret's detail, once described.
    pub(crate) detail: Option<&'a SecretDetail>,
    /// The rooms' state the frame lends the popups that draw from it beside their own data
    /// (the role switcher lists the session's identities, the theme picker the themes).
    pub(crate) lent: &'a [&'a dyn Any],
}

impl Around<'_> {
    /// The lent state of type `T`, if the frame lends it.
    pub(crate) fn lent<T: 'static>(&self) -> Option<&T> {
        self.lent.iter().find_map(|lent| lent.downcast_ref())
    }
}

/// A popup value of room `R`, on the layer stack while open: what the frame draws and the
/// router hands keys to. Closing it drops the value (and wipes what is secret in it).
pub trait Shown<R: Room>: Any + std::fmt::Debug {
    /// Its key context: which bindings, help and docs/keys.md section apply while it is on
    /// top.
    fn layer(&self) -> Layer;

    /// Whose data it holds, so it closes when that data goes (a switch, an identity
    /// released): its room knows what it was built from.
    fn holds(&self) -> Holds;

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme);

    /// The area it fills (nearly) whole, whose margin is blanked so no stray letters of
    /// the panes show beside it; `None` for a box in the middle.
    fn fills(&self, _around: &Around) -> Option<Rect> {
        None
    }

    /// Whether it takes its keys alone, with nothing but the context (`command`); the
    /// others take theirs with their room, which the router lends beside them.
    fn takes_keys(&self) -> bool {
        false
    }

    /// A key it takes alone (`takes_keys`): a shared verb or one of its room's own
    /// commands, answered in its room's words.
    fn command(&mut self, _command: Bind<R::Command>, _ctx: &Ctx, _out: &mut Out<R>) {}

    /// Whether it takes typed text now (printable keys, Backspace, Ctrl-U): they come to
    /// `text` instead of its keymap.
    fn takes_text(&self) -> bool {
        false
    }

    /// A keystroke of typed text, while it `takes_text`.
    fn text(&mut self, _edit: crate::room::TextEdit) {}

    /// A terminal paste, whole (line breaks and all); false when it takes none, and the
    /// paste goes the way of typed text.
    fn paste(&mut self, _pasted: &crate::secret::SecretValue) -> bool {
        false
    }

    /// Whether a secret's value may be on screen in clear in it: while any popup says so,
    /// the run loop keeps the drawn cells to forget them once none does.
    fn shows_values(&self) -> bool {
        false
    }

    /// The reveal timeout is up (`now`): it masks the values it shows in clear, and says
    /// whether it masked any.
    fn mask_due(&mut self, _now: Instant) -> bool {
        false
    }
}

/// Opening a popup: a room's popup is any value showing as one of its room's.
impl<R: Room<Popup = Box<dyn Shown<R>>>> Out<R> {
    /// Asks the router to put `popup` on the stack with its data, in place of any popup of
    /// its layer.
    pub(crate) fn open(&mut self, popup: impl Shown<R>) {
        let popup: Box<dyn Shown<R>> = Box::new(popup);
        self.intents.push(Intent::OpenPopup(popup));
    }
}

#[cfg(test)]
impl<R: Room<Popup = Box<dyn Shown<R>>>> Intent<R> {
    /// The popup of type `P` this intent opens, for rooms' unit tests.
    pub(crate) fn opened<P: 'static>(&self) -> Option<&P> {
        match self {
            Intent::OpenPopup(popup) => (&**popup as &dyn std::any::Any).downcast_ref(),
            _ => None,
        }
    }

    /// The popup of type `P` this intent opens, handed over.
    pub(crate) fn into_opened<P: 'static>(self) -> Option<P> {
        match self {
            Intent::OpenPopup(popup) => (popup as Box<dyn std::any::Any>)
                .downcast()
                .ok()
                .map(|popup| *popup),
            _ => None,
        }
    }
}
