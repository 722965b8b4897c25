//! What the value checks' calls answer: fingerprints, never values. Each answer names its
//! scan, so one arriving after the scan was closed or started again is dropped.

use crate::fingerprint::{BatchPrints, Fingerprint};
use crate::ids::SecretRef;
use crate::model::AwsError;

#[derive(Debug, Clone)]
pub enum Outcome {
    /// The target's fingerprint.
    Target { scan: u64, print: Fingerprint },
    /// The target could not be fingerprinted (its call was refused before it ran).
    TargetFailed { scan: u64, error: AwsError },
    /// A batch read: each secret's fingerprints or why it could not be read; `Err` when the
    /// batch as a whole failed (every secret of it unread, for that reason).
    Read {
        scan: u64,
        secrets: Vec<SecretRef>,
        result: Result<BatchPrints, AwsError>,
    },
}

impl crate::room::update::Answer for Outcome {}
