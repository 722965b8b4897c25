//! What DescribeSecret says of one region's copy of a replicated secret, as the replication
//! pane compares it with the primary's. Strings are untrusted (AWS sent them): sanitised
//! when drawn.

use jiff::Timestamp;

use crate::ids::Arn;
use crate::model::Tag;

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
