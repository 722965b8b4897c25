//! What the audit pane asks for by prompt: its filter.

use crate::features::audit::AuditView;
use crate::room::RoomPrompt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// Show only events whose name, principal or outcome contains the text.
    Filter,
}

impl RoomPrompt for Prompt {}

impl AuditView {
    /// What was typed in a prompt this room asked for, over this open pane.
    pub(crate) fn prompted(&mut self, prompt: Prompt, text: &str) {
        match prompt {
            Prompt::Filter => self.filtered(text),
        }
    }
}
