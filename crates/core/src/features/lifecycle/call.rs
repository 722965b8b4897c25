//! The AWS calls the lifecycle room makes: a deletion, a restore, replicas removed.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// DeleteSecret: scheduled after a recovery window, or at once.
    Delete {
        secret: SecretRef,
        recovery: Recovery,
    },
    /// RemoveRegionsFromReplication: the replicas (and their secrets) go.
    RemoveReplicas {
        secret: SecretRef,
        regions: Vec<String>,
    },
    /// RestoreSecret: cancels a scheduled deletion.
    Restore { secret: SecretRef },
}

/// How a deletion can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Restorable for this many days (the service allows 7 to 30).
    Days(u8),
    /// Gone at once (ForceDeleteWithoutRecovery).
    Never,
}

impl Call {
    /// Every call of this room is about one secret.
    pub fn secret(&self) -> &SecretRef {
        match self {
            Call::Delete { secret, .. }
            | Call::RemoveReplicas { secret, .. }
            | Call::Restore { secret } => secret,
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

    /// Every call of this room changes the secret.
    fn mutates(&self) -> bool {
        match self {
            Call::Delete { .. } | Call::RemoveReplicas { .. } | Call::Restore { .. } => true,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::Delete { .. } => "DeleteSecret",
            Call::RemoveReplicas { .. } => "RemoveRegionsFromReplication",
            Call::Restore { .. } => "RestoreSecret",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
