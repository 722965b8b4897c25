//! Help: every layer's keys and what they do there, generated from the keymap in use, and
//! the commands without a key, by name, from the command catalogue.

pub mod view;

use crate::app::command::Command;
use crate::app::layers::Layer;
use crate::app::room::{Intent, Out};

/// Lines to a page for PgUp/PgDn.
const PAGE: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct Help {
    pub scroll: u16,
    /// How far the help can scroll on the current screen (from the last frame).
    pub scroll_limit: Option<u16>,
}

impl Help {
    pub fn command(&mut self, command: Command, out: &mut Out) {
        if let Some(step) = command.as_move(PAGE) {
            // The screen's limit, once a frame has reported it (the next frame clamps).
            let last = self.scroll_limit.unwrap_or(u16::MAX);
            self.scroll = step.apply_u16(self.scroll, last);
        } else if command == Command::Back {
            out.intent(Intent::Close(Layer::Help));
        }
    }

    pub fn limit_reported(&mut self, limit: u16) {
        self.scroll_limit = Some(limit);
        self.scroll = self.scroll.min(limit);
    }
}
