//! The AWS calls the editor makes: the value to edit, a save, the labels its saves left, a
//! new secret, a generated password.

use crate::ids::SecretRef;
use crate::model::VersionSel;
use crate::room::{Lane, RoomCall};
use crate::secret::SecretValue;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// GetSecretValue for the editor: the value to edit (AWSCURRENT), or after a conflict
    /// the value someone else saved (by version id).
    FetchForEdit {
        secret: SecretRef,
        version: VersionSel,
        purpose: EditFetch,
    },
    /// The editor's compare-and-swap save: a new version of `value`, made AWSCURRENT only
    /// if `base_version` still holds it. `token` (the ClientRequestToken) is the editor's:
    /// minted when this text is first saved and kept until its outcome is known, so a retry
    /// of the same text makes no second version, whatever became of an earlier answer.
    SaveValue {
        secret: SecretRef,
        base_version: String,
        token: String,
        value: SecretValue,
        /// The tokens of this editor's earlier saves whose private label may still be on a
        /// version (their answer said so): removed along with this save's own.
        leftovers: Vec<String>,
    },
    /// UpdateSecretVersionStage: the private labels of these tokens' saves (see
    /// `staging_label`) off whatever version holds them, when the editor is left.
    RemoveLabels {
        secret: SecretRef,
        tokens: Vec<String>,
    },
    /// CreateSecret; `token` as for `SaveValue`. `value` is the text, or the bytes when
    /// `spec.binary`.
    Create {
        region: String,
        name: String,
        spec: NewSecret,
        token: String,
        value: SecretValue,
    },
    /// GetRandomPassword.
    RandomPassword {
        region: String,
        options: PasswordOptions,
    },
}

/// The private staging label a save with `token` writes its new version under (see
/// `aws::secrets::save_value`): AWSCURRENT moves to that version, then the label goes.
pub fn staging_label(token: &str) -> String {
    format!("smtui-save-{}", token.get(..12).unwrap_or(token))
}

/// What a new secret is created with, besides its name and value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSecret {
    pub description: String,
    /// A KMS key id, ARN or alias; `None`: the account's `aws/secretsmanager` key.
    pub kms_key: Option<String>,
    pub tags: Vec<crate::model::Tag>,
    /// Regions to replicate it to.
    pub replicas: Vec<String>,
    /// The value is binary (typed as base64, stored as SecretBinary).
    pub binary: bool,
}

/// GetRandomPassword's options.
// The API's own flags, one for one.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordOptions {
    pub length: u16,
    pub exclude_punctuation: bool,
    pub exclude_numbers: bool,
    pub exclude_uppercase: bool,
    pub exclude_lowercase: bool,
    pub include_space: bool,
}

impl Default for PasswordOptions {
    fn default() -> Self {
        Self {
            length: 32,
            exclude_punctuation: false,
            exclude_numbers: false,
            exclude_uppercase: false,
            exclude_lowercase: false,
            include_space: false,
        }
    }
}

/// Why the editor fetches a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditFetch {
    /// The value to edit.
    Open,
    /// The value that holds AWSCURRENT now, after a save found it had moved.
    Theirs,
}

impl Call {
    /// The region the call goes to: the secret's, or the one a secret is created in.
    pub(crate) fn region(&self) -> &str {
        match self {
            Call::FetchForEdit { secret, .. }
            | Call::SaveValue { secret, .. }
            | Call::RemoveLabels { secret, .. } => &secret.region,
            Call::Create { region, .. } | Call::RandomPassword { region, .. } => region,
        }
    }
}

impl RoomCall for Call {
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Whether the call changes anything: a save, the labels' removal, a creation.
    fn mutates(&self) -> bool {
        match self {
            Call::SaveValue { .. } | Call::RemoveLabels { .. } | Call::Create { .. } => true,
            Call::FetchForEdit { .. } | Call::RandomPassword { .. } => false,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::FetchForEdit { .. } => "GetSecretValue",
            Call::SaveValue { .. } => "PutSecretValue",
            Call::RemoveLabels { .. } => "UpdateSecretVersionStage",
            Call::Create { .. } => "CreateSecret",
            Call::RandomPassword { .. } => "GetRandomPassword",
        }
    }

    /// The secret the call is about (a new secret and a password are about none yet).
    fn secret(&self) -> Option<&SecretRef> {
        match self {
            Call::FetchForEdit { secret, .. }
            | Call::SaveValue { secret, .. }
            | Call::RemoveLabels { secret, .. } => Some(secret),
            Call::Create { .. } | Call::RandomPassword { .. } => None,
        }
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
