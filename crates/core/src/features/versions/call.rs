//! The AWS calls the versions room makes: two values to compare, and a rollback.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// Two versions' values, for a comparison.
    FetchPair {
        secret: SecretRef,
        versions: [String; 2],
    },
    /// UpdateSecretVersionStage: AWSCURRENT moves to `version` from `from`.
    MakeCurrent {
        secret: SecretRef,
        version: String,
        from: String,
    },
}

impl Call {
    /// Every call of this room is about one secret.
    pub(crate) fn secret(&self) -> &SecretRef {
        match self {
            Call::FetchPair { secret, .. } | Call::MakeCurrent { secret, .. } => secret,
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

    /// A rollback changes the secret; a comparison reads it.
    fn mutates(&self) -> bool {
        match self {
            Call::FetchPair { .. } => false,
            Call::MakeCurrent { .. } => true,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::FetchPair { .. } => "GetSecretValue",
            Call::MakeCurrent { .. } => "UpdateSecretVersionStage",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
