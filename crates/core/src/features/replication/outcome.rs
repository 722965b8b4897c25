//! What AWS answers the replication pane. Each answer names the copy it was asked for, so
//! one arriving after the pane moved on is dropped.

use crate::features::replication::Call;
use crate::fingerprint::Fingerprint;
use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::model::replication::RegionCopy;

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
