//! The one envelope every AWS result comes back in: the generation and the identity that
//! asked. The router checks it once, for every result (is that identity still held, is this
//! its current generation?), so a late answer (from before a refresh, or for a role already
//! switched away from) is dropped in one place, and another held identity's is not.

use jiff::Timestamp;

use crate::app::effect::{AwsCall, EditFetch};
pub use crate::app::stamp::{IdentityId, Stamp};
use crate::ids::{Arn, Identity, SecretRef};
use crate::model::{AwsError, CallerIdentity, FetchedValue, SecretDetail, SecretSummary};
use crate::secret::SecretValue;

/// A result from the runner.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub stamp: Stamp,
    pub outcome: Outcome,
}

// Results pass through a channel a few at a time; boxing the big ones would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A page of ListSecrets; `last` is true for a region's final page.
    SecretsPage {
        region: String,
        page: Vec<SecretSummary>,
        last: bool,
    },
    RegionFailed {
        region: String,
        error: AwsError,
    },
    Described {
        secret: SecretRef,
        result: Result<SecretDetail, AwsError>,
    },
    ValueFetched {
        request: u64,
        result: Result<FetchedValue, AwsError>,
    },
    WhoAmI {
        result: Result<CallerIdentity, AwsError>,
    },
    /// The answer to CreateSecret (the new secret's ARN), with the token it was sent with.
    Created {
        name: String,
        token: String,
        result: Result<String, AwsError>,
    },
    /// A generated password.
    Password {
        result: Result<SecretValue, AwsError>,
    },
    /// The resource policy (`None`: there is none).
    Policy {
        secret: SecretRef,
        result: Result<Option<String>, AwsError>,
    },
    /// Two versions' values, to compare.
    Pair {
        secret: SecretRef,
        result: Result<[FetchedValue; 2], AwsError>,
    },
    /// A value for the editor (see `EditFetch`).
    EditSource {
        secret: SecretRef,
        purpose: EditFetch,
        result: Result<FetchedValue, AwsError>,
    },
    /// The answer to an editor save, with the ClientRequestToken it was sent with.
    Saved {
        secret: SecretRef,
        token: String,
        result: Result<SaveResult, AwsError>,
        /// Private labels of this save or earlier ones that could not be removed.
        left: Option<LabelsLeft>,
    },
    /// A page of CloudTrail events, for the audit query `query`.
    AuditPage {
        query: u64,
        result: Result<AuditPage, AwsError>,
    },
    /// The answer to a call that makes an identity (AssumeRole, GetSessionToken, a
    /// profile's credentials): the new identity's credentials are held by the runner.
    Assumed {
        identity: Identity,
        result: Result<Assumed, AwsError>,
    },
    /// A write was made (or refused): `call` says which.
    Wrote {
        call: AwsCall,
        result: Result<Written, AwsError>,
    },
}

/// Who an AssumeRole made us, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumed {
    /// The assumed-role ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`), when the
    /// answer says it (a profile's credentials and an MFA session's do not).
    pub arn: Option<Arn>,
    pub expires: Option<Timestamp>,
}

/// One LookupEvents page.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    pub events: Vec<crate::model::audit::AuditEvent>,
    /// More to fetch with this token (same query).
    pub next_token: Option<String>,
    /// The access key id the lookup was signed with: the key smtui's calls as this
    /// identity use now, whose reads are its own (an identifier, never the secret key).
    pub signed_with: Option<String>,
}

/// Private staging labels (by the tokens of their saves) still on a version, or that could
/// not be checked for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelsLeft {
    pub tokens: Vec<String>,
    pub error: AwsError,
}

/// How a compare-and-swap save ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveResult {
    /// The new version holds AWSCURRENT.
    Saved { version_id: String },
    /// AWSCURRENT had moved to `current_version`: nothing was overwritten.
    Conflict { current_version: String },
}

/// What a successful write reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Deleted: gone on this date (AWS's DeletionDate).
    Deleted {
        on: Option<Timestamp>,
    },
    Restored,
    /// AWSCURRENT moved (make-current).
    MadeCurrent,
    /// Tags, the description or the rotation configuration changed.
    Updated,
    /// A rotation started (RotateSecret): the version it is making, if the service said.
    Rotated {
        version: Option<String>,
    },
}
