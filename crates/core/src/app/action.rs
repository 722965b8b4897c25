//! Everything that can happen to the app: commands (from keys or the palette), text typed
//! into a layer that takes text, AWS results in their envelope, timers, and what a frame
//! reports about the layout.

use std::time::Duration;

use crate::app::command::Command;
use crate::app::effect::Timer;
use crate::app::envelope::Envelope;

// Actions pass through a channel a few at a time; boxing the big results would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// Typed into the top layer (the filter, the palette, a typed confirmation).
    Text(crate::room::TextEdit),
    /// A key for the editor's buffer (any key its layer does not bind).
    EditorKey(crossterm::event::KeyEvent),
    /// Text the terminal pasted (bracketed paste): text for the top layer, never keys. It
    /// may be a secret being pasted into the editor, so it is held as one.
    Paste(crate::secret::SecretValue),
    /// An AWS result; dropped unless its identity is held at that generation.
    Result(Envelope),
    /// The selection has rested on `secret` long enough to describe it.
    DetailDue {
        secret: crate::ids::SecretRef,
    },
    /// The reveal with this id may have reached its timeout.
    RemaskDue {
        reveal: u64,
    },
    /// Values revealed in a popup (a comparison, a review, a conflict) may have reached
    /// their timeout (`app::revealed`).
    MaskDue,
    /// The copy with this token may have reached its timeout.
    ClipboardClearDue {
        token: u64,
    },
    Copied {
        token: u64,
        label: String,
        clear_after: Option<Duration>,
        result: Result<&'static str, String>,
    },
    /// The answer to clearing the copy `token`: `Ok(true)` cleared, `Ok(false)` no longer
    /// ours, `Err` could not read or clear it.
    ClipboardCleared {
        token: u64,
        result: Result<bool, String>,
    },
    /// A throttled audit lookup may be tried again.
    AuditRetryDue {
        query: u64,
    },
    /// A countdown on screen needs redrawing.
    Tick,
    Resize,
    /// What a mouse event meant, found against the drawn layout (`render::mouse`).
    Pointer(Pointer),
    Quit,
    /// The process is told to end (SIGTERM, SIGHUP, SIGINT, SIGQUIT, a panic on another
    /// thread, the terminal gone): it ends without the unsaved-edit guard `Quit` has, as no
    /// one is there to answer it. Text typed and not saved is lost (smtui keeps no swap
    /// file); a copied secret is still cleared on the way out.
    Terminate,
}

/// A click or the wheel, already hit-tested: what it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pointer {
    /// A click on the list's row at this index of the visible rows.
    Row(usize),
    /// A click on a pane: focus it (the value pane takes focus only with a value in it).
    Pane(crate::room::layers::Tab),
    /// A click on a tab of the narrow screens' tab bar.
    Tab(crate::room::layers::Tab),
    /// A click on a region in the region bar: show only its secrets (again: all of them).
    Region(String),
    /// The wheel over a pane (`None`: over a popup, which scrolls its own list).
    Wheel {
        pane: Option<crate::room::layers::Tab>,
        down: bool,
    },
}

/// The action a timer delivers when it wakes (see `Effect::After`).
impl From<Timer> for Action {
    fn from(timer: Timer) -> Self {
        match timer {
            Timer::DetailDue { secret } => Action::DetailDue { secret },
            Timer::RemaskDue { reveal } => Action::RemaskDue { reveal },
            Timer::MaskDue => Action::MaskDue,
            Timer::ClipboardClearDue { token } => Action::ClipboardClearDue { token },
            Timer::AuditRetryDue { query } => Action::AuditRetryDue { query },
        }
    }
}
