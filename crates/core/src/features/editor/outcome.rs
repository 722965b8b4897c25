//! What AWS answers the editor: the value to edit (or the one saved meanwhile), a save, a
//! new secret, a generated password, the private labels its saves left removed.

use crate::features::editor::call::{Call, EditFetch};
use crate::features::editor::{EditSession, Editor, Room};
use crate::ids::SecretRef;
use crate::model::{AwsError, FetchedValue};
use crate::room::{Ctx, Out, Written};
use crate::secret::SecretValue;

// Results pass through a channel a few at a time; boxing the big ones would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A value for the editor (see `EditFetch`).
    Source {
        secret: SecretRef,
        purpose: EditFetch,
        result: Result<FetchedValue, AwsError>,
    },
    /// The answer to a save, with the ClientRequestToken it was sent with.
    Saved {
        secret: SecretRef,
        token: String,
        result: Result<SaveResult, AwsError>,
        /// Private labels of this save or earlier ones that could not be removed.
        left: Option<LabelsLeft>,
    },
    /// The answer to CreateSecret (the new secret's ARN), with the token it was sent with.
    Created {
        name: String,
        token: String,
        result: Result<crate::ids::Arn, AwsError>,
    },
    /// A generated password.
    Password {
        result: Result<SecretValue, AwsError>,
    },
    /// The private labels of earlier saves removed (or not): `call` is the removal.
    LabelsRemoved {
        call: Call,
        result: Result<Written, AwsError>,
    },
}

/// How a compare-and-swap save ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveResult {
    /// The new version holds AWSCURRENT.
    Saved { version_id: String },
    /// AWSCURRENT had moved to `current_version`: nothing was overwritten.
    Conflict { current_version: String },
}

/// Private staging labels (by the tokens of their saves) still on a version, or that could
/// not be checked for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelsLeft {
    pub tokens: Vec<String>,
    pub error: AwsError,
}

impl crate::room::update::Answer for Outcome {
    /// Whether this answers a write (a save, a creation, a removal of labels).
    fn answers_write(&self) -> bool {
        matches!(
            self,
            Outcome::Saved { .. } | Outcome::Created { .. } | Outcome::LabelsRemoved { .. }
        )
    }
}

impl Editor {
    /// An answer to a call this room made, with the open editor if there is one: an answer
    /// for an editor closed since is dropped (the labels' removal, made as it closed, is
    /// said whatever is open).
    pub(crate) fn answered(
        session: Option<&mut EditSession>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        if let Outcome::LabelsRemoved { call, result } = outcome {
            Self::labels_removed(&call, result, ctx, out);
            return;
        }
        let Some(session) = session else {
            return;
        };
        match outcome {
            Outcome::Source {
                secret,
                purpose: EditFetch::Open,
                result,
            } => session.source_loaded(&secret, result, ctx, out),
            Outcome::Source {
                secret,
                purpose: EditFetch::Theirs,
                result,
            } => session.theirs_loaded(&secret, result, ctx, out),
            Outcome::Saved {
                secret,
                token,
                result,
                left,
            } => session.saved(&secret, &token, (result, left), ctx, out),
            Outcome::Created {
                name,
                token,
                result,
            } => session.created(&name, &token, result, ctx, out),
            Outcome::Password { result } => session.password_generated(result, ctx),
            Outcome::LabelsRemoved { .. } => {}
        }
    }
}
