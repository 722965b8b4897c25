//! The value checks' calls: the target's fingerprint, and a batch of values read and
//! fingerprinted in the AWS crate (only fingerprints come back). Every call reads.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};
use crate::secret::SecretValue;

/// At most this many secrets in one BatchGetSecretValue (the service's limit for a list of
/// IDs).
pub(crate) const BATCH: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// The keyed hash of the value typed into `find-value`: the AWS crate holds the key, so
    /// the value is handed over once and dropped (zeroized) with the call.
    Fingerprint { scan: u64, target: SecretValue },
    /// BatchGetSecretValue of up to [`BATCH`] secrets of one identity and region (each read
    /// one by one with GetSecretValue when the identity may not call BatchGetSecretValue),
    /// answered with each value's fingerprints, never a value.
    Read { scan: u64, secrets: Vec<SecretRef> },
}

impl RoomCall for Call {
    /// The target's fingerprint is asked while the user waits; a scan's batches wait in the
    /// listing lanes (one at a time per identity and region, few at once overall), so a scan
    /// never crowds out a reveal.
    fn lane(&self) -> Lane {
        match self {
            Call::Fingerprint { .. } => Lane::Interactive,
            Call::Read { .. } => Lane::Listing,
        }
    }

    fn mutates(&self) -> bool {
        false
    }

    fn operation(&self) -> &'static str {
        match self {
            Call::Fingerprint { .. } => "fingerprint",
            Call::Read { .. } => "BatchGetSecretValue",
        }
    }

    /// A batch is about its secrets, all of one identity: stamped as that identity.
    fn secret(&self) -> Option<&SecretRef> {
        match self {
            Call::Fingerprint { .. } => None,
            Call::Read { secrets, .. } => secrets.first(),
        }
    }

    fn region(&self) -> Option<&str> {
        match self {
            Call::Fingerprint { .. } => None,
            Call::Read { secrets, .. } => secrets.first().map(|s| s.region.as_str()),
        }
    }
}
