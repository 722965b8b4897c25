//! The AWS calls the replication pane makes: DescribeSecret and GetResourcePolicy of each
//! region's copy, the value check (GetSecretValue in each region, answered as fingerprints
//! only), and the three writes on the secret's replication.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// DescribeSecret of the copy `secret` addresses (its region, its ARN there).
    Describe { secret: SecretRef },
    /// GetResourcePolicy of that copy.
    Policy { secret: SecretRef },
    /// GetSecretValue (AWSCURRENT) of each copy, answered as each value's fingerprint only
    /// (the runner keeps the values and drops them there). `secret` is the primary.
    Fingerprints {
        secret: SecretRef,
        copies: Vec<SecretRef>,
    },
    /// ReplicateSecretToRegions on the primary: a new replica in `region`, encrypted with
    /// `kms_key` there (`None`: that region's AWS managed key).
    Replicate {
        secret: SecretRef,
        region: String,
        kms_key: Option<String>,
    },
    /// StopReplicationToReplica, sent to the replica's region on the replica's ARN: it
    /// becomes a standalone secret.
    StopReplication { secret: SecretRef },
    /// RemoveRegionsFromReplication on the primary: the replica in `region`, and its
    /// secret, go.
    RemoveReplica { secret: SecretRef, region: String },
}

impl Call {
    /// The copy the call is sent to (for a write on the primary, the primary).
    pub fn secret(&self) -> &SecretRef {
        match self {
            Call::Describe { secret }
            | Call::Policy { secret }
            | Call::Fingerprints { secret, .. }
            | Call::Replicate { secret, .. }
            | Call::StopReplication { secret }
            | Call::RemoveReplica { secret, .. } => secret,
        }
    }
}

impl RoomCall for Call {
    /// What the user waits on while the pane loads.
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    fn mutates(&self) -> bool {
        match self {
            Call::Describe { .. } | Call::Policy { .. } | Call::Fingerprints { .. } => false,
            Call::Replicate { .. } | Call::StopReplication { .. } | Call::RemoveReplica { .. } => {
                true
            }
        }
    }

    fn operation(&self) -> &'static str {
        match self {
            Call::Describe { .. } => "DescribeSecret",
            Call::Policy { .. } => "GetResourcePolicy",
            Call::Fingerprints { .. } => "GetSecretValue",
            Call::Replicate { .. } => "ReplicateSecretToRegions",
            Call::StopReplication { .. } => "StopReplicationToReplica",
            Call::RemoveReplica { .. } => "RemoveRegionsFromReplication",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    /// The copy's region: each copy is asked where it lives.
    fn region(&self) -> Option<&str> {
        Some(&Call::secret(self).region)
    }
}
