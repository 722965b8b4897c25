//! The footer's message and whose it is. A message belongs to the layer on top when it was
//! said (the panes and the filter prompt, which share the footer, count as one). It goes
//! when that layer closes or another opens over it, so it never takes the place of another
//! layer's key hints, and when the user acts there again:
//! - information at the next key, or after [`INFO_FOR`] (nothing else would take it away);
//! - a warning or an error at the next command, so it stays while the text it is about is
//!   mended; an error not at a mere move either, and never on a timer, so it is read.
//!
//! A message said by a later action replaces it. The log keeps every one.

use std::time::{Duration, Instant};

use crate::room::layers::Layer;
use crate::room::{Level, StatusLine};

/// How long information stays when no key takes it away.
pub(crate) const INFO_FOR: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footer {
    pub(crate) line: StatusLine,
    /// The layer it belongs to and when it was first shown; `None` until the action that
    /// said it has finished (that action may still open or close layers).
    shown: Option<(Layer, Instant)>,
}

/// What the user did, as far as the footer's message is concerned (the router tells it
/// from the action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// A key bound to a bare movement (a line, a page, the top or bottom).
    Move,
    /// A key bound to any other command.
    Command,
    /// Text typed or pasted, an editor key, the pointer.
    Typed,
    /// Not the user: a result, a timer, a redraw.
    Nothing,
}

impl Footer {
    pub(crate) fn new(line: StatusLine) -> Self {
        Self { line, shown: None }
    }

    pub(crate) fn level(&self) -> Level {
        self.line.level
    }

    /// Said by the action now running (not yet given to a layer).
    pub(crate) fn is_new(&self) -> bool {
        self.shown.is_none()
    }

    /// Whether it stays after `input` at `now` (its layer is on top: see [`Footer::settled`]).
    pub(crate) fn outlasts(&self, input: Input, now: Instant) -> bool {
        let Some((_, since)) = self.shown else {
            return true;
        };
        let level = self.level();
        if level == Level::Info && now.saturating_duration_since(since) >= INFO_FOR {
            return false;
        }
        match input {
            Input::Nothing => true,
            Input::Typed => level != Level::Info,
            Input::Move => level == Level::Error,
            Input::Command => false,
        }
    }

    /// After an action, with `top` on top: a new message belongs to it from `now`; an older
    /// one goes once its layer is no longer on top.
    pub(crate) fn settled(mut self, top: Layer, now: Instant) -> Option<Self> {
        // The filter prompt takes the footer's row, so a message said meanwhile (a copy's
        // clear that failed, a region's error) is not drawn: it waits, unshown and so not
        // answered by the keys typed into the prompt, and belongs once the prompt closes.
        if top == Layer::Filter && self.shown.is_none() {
            return Some(self);
        }
        let scope = scope(top);
        match self.shown {
            None => {
                self.shown = Some((scope, now));
                Some(self)
            }
            Some((owner, _)) => (owner == scope).then_some(self),
        }
    }

    /// Information waiting for its time to run out (the run loop ticks meanwhile).
    pub(crate) fn times_out(&self) -> bool {
        self.level() == Level::Info
    }
}

/// The layer a message said with `top` on top belongs to.
fn scope(top: Layer) -> Layer {
    match top {
        Layer::List | Layer::Value | Layer::Filter => Layer::List,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(level: Level, on: Layer, at: Instant) -> Footer {
        Footer::new(StatusLine {
            level,
            text: "x".to_owned(),
        })
        .settled(on, at)
        .expect("new messages stay")
    }

    #[test]
    fn a_message_said_under_the_filter_prompt_waits_to_be_shown() {
        let at = Instant::now();
        let error = Footer::new(StatusLine {
            level: Level::Error,
            text: "x".to_owned(),
        });
        let waiting = error.settled(Layer::Filter, at).expect("kept");
        assert!(waiting.is_new(), "not shown while the prompt covers it");
        assert!(waiting.outlasts(Input::Command, at));
        let shown = waiting.settled(Layer::List, at).expect("shown");
        assert!(!shown.is_new());
        assert!(!shown.outlasts(Input::Command, at));
    }

    #[test]
    fn each_level_stays_as_long_as_it_should() {
        let at = Instant::now();
        let soon = at + Duration::from_secs(1);
        let late = at + INFO_FOR;
        let info = said(Level::Info, Layer::List, at);
        assert!(info.outlasts(Input::Nothing, soon));
        assert!(
            !info.outlasts(Input::Nothing, late),
            "information times out"
        );
        assert!(!info.outlasts(Input::Typed, soon));
        let warn = said(Level::Warn, Layer::Prompt, at);
        assert!(warn.outlasts(Input::Typed, late), "read while mending");
        assert!(!warn.outlasts(Input::Move, soon));
        let error = said(Level::Error, Layer::List, at);
        assert!(error.outlasts(Input::Nothing, at + Duration::from_hours(1)));
        assert!(error.outlasts(Input::Move, soon));
        assert!(!error.outlasts(Input::Command, soon));
    }

    #[test]
    fn a_message_belongs_to_its_layer() {
        let at = Instant::now();
        let error = said(Level::Error, Layer::Prompt, at);
        assert!(error.clone().settled(Layer::Prompt, at).is_some());
        assert!(error.clone().settled(Layer::List, at).is_none(), "closed");
        assert!(error.settled(Layer::Confirm, at).is_none(), "covered");
        let panes = said(Level::Error, Layer::Value, at);
        assert!(
            panes.settled(Layer::Filter, at).is_some(),
            "the panes and the filter share the footer"
        );
    }
}
