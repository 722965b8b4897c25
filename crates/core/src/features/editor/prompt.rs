//! What the editor asks for by prompt: a new secret's name, description and options
//! (`create`, one after the other), and the password generator's options. The answers come
//! back to `Editor::create_prompted`.
//!
//! The create prompts carry the new secret's region and name as plain strings, not a
//! `SecretRef`: the secret does not exist yet, so there is no ARN to address it by (the
//! name is the one typed, checked by the service's rules; the region, the selected row's).

use crate::room::RoomPrompt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// `create`: the new secret's name.
    NewName { region: String },
    /// Then its description.
    NewDescription { region: String, name: String },
    /// Then its options (KMS key, tags, replicas, binary).
    NewOptions {
        region: String,
        name: String,
        description: String,
    },
    /// The password generator's options.
    PasswordOptions,
    /// A save to an account the config marks dangerous: its label, typed first.
    Guard { label: String },
}

impl RoomPrompt for Prompt {}
