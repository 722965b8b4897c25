//! What the tags popup asks for by prompt: a new tag's key, then its value; a tag's new
//! value; the secret's description. The answers come back to `Popup::prompted`.

use crate::room::RoomPrompt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The key of a new tag (its value is asked next).
    Key,
    /// The value of the tag `key` (new, or replacing the one it has).
    Value { key: String },
    /// The secret's description.
    Description,
}

impl RoomPrompt for Prompt {}
