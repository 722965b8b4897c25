//! Clipboard: copies (a value, a JSON key, the ARN, the name), the timed clear of a copied
//! secret, and the countdown in the footer. The copying itself runs in the runner.

pub(crate) mod commands;
pub(crate) mod paste_risk;
mod update;
pub(crate) mod view;

pub use commands::Command;

use std::time::Instant;

use crate::room::Never;

/// The clipboard room's words: its two copy commands; it asks no call (the runner copies),
/// and opens no popup or prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Never;
    type Popup = Never;
    type Prompt = Never;
}

/// The last thing smtui put on the clipboard (never the value itself).
#[derive(Debug, Clone)]
pub struct ClipboardNotice {
    pub token: u64,
    pub(crate) label: String,
    pub clears_at: Option<Instant>,
}

#[derive(Debug, Clone, Default)]
pub struct ClipboardRoom {
    pub notice: Option<ClipboardNotice>,
    next_token: u64,
}

impl ClipboardRoom {
    /// A countdown is on screen.
    pub(crate) fn has_countdown(&self) -> bool {
        self.notice.as_ref().is_some_and(|c| c.clears_at.is_some())
    }
}
