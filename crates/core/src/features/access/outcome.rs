//! What AWS answers the access pane. Each answer names the secret it was asked for, so one
//! arriving after the pane moved on is dropped.

use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::model::access::{IamPage, KeyFacts, Simulation};
use crate::model::audit::AuditPage;

#[derive(Debug, Clone)]
pub enum Outcome {
    /// The resource policy (`None`: there is none).
    ResourcePolicy {
        secret: SecretRef,
        result: Result<Option<String>, AwsError>,
    },
    /// The secret's key and, for a customer managed key, its policy.
    Key {
        secret: SecretRef,
        result: Result<KeyFacts, AwsError>,
    },
    /// One page of the account's IAM; `total` (the first page only) is how many entities
    /// GetAccountSummary counts, when it answered.
    IamPage {
        secret: SecretRef,
        result: Result<IamPage, AwsError>,
        total: Option<usize>,
    },
    /// One page of the secret's CloudTrail events.
    Reads {
        secret: SecretRef,
        result: Result<AuditPage, AwsError>,
    },
    /// The simulator's answer for `principal`.
    Simulated {
        secret: SecretRef,
        principal: String,
        result: Result<Simulation, AwsError>,
    },
}

impl crate::room::update::Answer for Outcome {
    /// Every call reads.
    fn answers_write(&self) -> bool {
        false
    }
}
