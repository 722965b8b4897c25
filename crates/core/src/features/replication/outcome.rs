//! What AWS answers the replication pane, and what DescribeSecret says of one region's
//! copy as the pane compares it. Each answer names the copy it was asked for, so one
//! arriving after the pane moved on is dropped.

use jiff::Timestamp;

use crate::features::replication::Call;
use crate::fingerprint::Fingerprint;
use crate::ids::{Arn, SecretRef};
use crate::model::{AwsError, Tag};

/// One region's copy of the secret, as its own DescribeSecret gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionCopy {
    pub arn: Arn,
    pub region: String,
    /// The version AWSCURRENT is on.
    pub current_version: Option<String>,
    pub last_changed: Option<Timestamp>,
    /// `None`: the AWS managed key.
    pub kms_key_id: Option<String>,
    pub tags: Vec<Tag>,
    /// Set on a replica: where its primary is.
    pub primary_region: Option<String>,
    pub owning_service: Option<String>,
    /// On a primary: its `ReplicationStatus`, one entry per replica region.
    pub replicas: Vec<ReplicaStatus>,
}

/// One entry of a primary's `ReplicationStatus`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaStatus {
    pub region: String,
    pub kms_key_id: Option<String>,
    /// `InSync`, `InProgress` or `Failed`.
    pub status: String,
    pub message: Option<String>,
    pub last_accessed: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Described {
        secret: SecretRef,
        result: Result<RegionCopy, AwsError>,
    },
    /// The resource policy (`None`: there is none), as GetResourcePolicy sent it.
    Policy {
        secret: SecretRef,
        result: Result<Option<String>, AwsError>,
    },
    /// Each copy's value as its fingerprint (or why it could not be read), by region.
    Fingerprints {
        secret: SecretRef,
        prints: Vec<(String, Result<Fingerprint, AwsError>)>,
    },
    /// A write was made (or refused): `call` says which.
    Wrote {
        call: Call,
        result: Result<(), AwsError>,
    },
}

impl crate::room::update::Answer for Outcome {
    fn answers_write(&self) -> bool {
        matches!(self, Outcome::Wrote { .. })
    }
}
