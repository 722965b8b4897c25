//! The AWS calls the tags room makes: the resource policy its popup shows, and its writes.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// GetResourcePolicy.
    FetchPolicy { secret: SecretRef },
    /// TagResource: sets one tag.
    Tag {
        secret: SecretRef,
        key: String,
        value: String,
    },
    /// UntagResource: removes one tag.
    Untag { secret: SecretRef, key: String },
    /// UpdateSecret with only a description.
    UpdateDescription {
        secret: SecretRef,
        description: String,
    },
}

impl Call {
    /// Every call of this room is about one secret.
    pub(crate) fn secret(&self) -> &SecretRef {
        match self {
            Call::FetchPolicy { secret }
            | Call::Tag { secret, .. }
            | Call::Untag { secret, .. }
            | Call::UpdateDescription { secret, .. } => secret,
        }
    }

    /// The region the call goes to: the secret's.
    pub(crate) fn region(&self) -> &str {
        &self.secret().region
    }
}

impl RoomCall for Call {
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Every call but the policy's changes the secret.
    fn mutates(&self) -> bool {
        match self {
            Call::FetchPolicy { .. } => false,
            Call::Tag { .. } | Call::Untag { .. } | Call::UpdateDescription { .. } => true,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::FetchPolicy { .. } => "GetResourcePolicy",
            Call::Tag { .. } => "TagResource",
            Call::Untag { .. } => "UntagResource",
            Call::UpdateDescription { .. } => "UpdateSecret",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
