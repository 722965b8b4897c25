//! What a prompt's text is for: each room's own prompt type, nested.

use crate::features::{audit, editor, rotation, session, tags};
use crate::room::RoomPrompt as _;

/// What a prompt's text is for: the room that asked, and its own prompt type (which
/// knows the rest). The router hands the text back to that room, by one arm per room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    Tags(tags::Prompt),
    /// `create` and the password generator.
    Editor(editor::Prompt),
    Rotation(rotation::Prompt),
    Audit(audit::Prompt),
    /// Switching identity: a role, its options, an MFA device and codes.
    Session(session::Prompt),
}

impl PromptFor {
    /// Typed text that is not shown (dots instead) and is wiped when the prompt closes.
    pub fn is_secret(&self) -> bool {
        match self {
            PromptFor::Tags(prompt) => prompt.is_secret(),
            PromptFor::Editor(prompt) => prompt.is_secret(),
            PromptFor::Rotation(prompt) => prompt.is_secret(),
            PromptFor::Audit(prompt) => prompt.is_secret(),
            PromptFor::Session(prompt) => prompt.is_secret(),
        }
    }
}

/// Ties a room's prompt type to its variant, so the room writes `Prompt::X.into()`.
macro_rules! room_prompt {
    ($variant:ident, $ty:ty) => {
        impl From<$ty> for PromptFor {
            fn from(prompt: $ty) -> Self {
                PromptFor::$variant(prompt)
            }
        }
    };
}

room_prompt!(Tags, tags::Prompt);
room_prompt!(Editor, editor::Prompt);
room_prompt!(Rotation, rotation::Prompt);
room_prompt!(Audit, audit::Prompt);
room_prompt!(Session, session::Prompt);
