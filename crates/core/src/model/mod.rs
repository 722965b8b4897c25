//! Plain data about secrets, as the app holds it. Converted from SDK types in `aws/`.
//! Strings here are untrusted (they come from AWS) and are sanitised when drawn.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod error;
pub mod org;
pub mod org_options;
pub mod posture;
pub mod replication;
pub mod rotation;
pub mod shared_values;
pub mod sso;
pub mod text;

use jiff::Timestamp;

pub use error::{AwsError, ErrorKind};
pub use text::Text;

use crate::secret::{SecretValue, ValueView};

/// One row of the secret list (from ListSecrets). The strings that repeat from row to row
/// (the region, tags, staging labels, services, keys; templated descriptions) are `Text`,
/// which the list keeps one copy of (BENCHMARKS.md, "Memory across accounts").
#[derive(Debug, Clone, PartialEq)]
pub struct SecretSummary {
    /// The identity that listed it: every call about it is made as that identity. Set by
    /// the core from the stamp of the page it came in.
    pub identity: crate::ids::IdentityId,
    pub arn: crate::ids::Arn,
    pub name: String,
    pub region: Text,
    pub description: Option<Text>,
    pub created: Option<Timestamp>,
    pub last_changed: Option<Timestamp>,
    pub last_accessed: Option<Timestamp>,
    /// ListSecrets carries the rotation fields too, so the fleet overview needs no
    /// DescribeSecret per secret. Shared: the rows of secrets that do not rotate all
    /// point at one (`Arc::make_mut` changes one row's).
    pub rotation: std::sync::Arc<Rotation>,
    /// The service that manages the secret (RDS, Redshift, …), if any.
    pub owning_service: Option<Text>,
    /// Which version holds which staging labels.
    pub stages: Vec<VersionStages>,
    /// Shared: rows with the same tags point at one list of them (one pointer a row).
    pub tags: std::sync::Arc<Vec<Tag>>,
    /// Set when the secret is scheduled for deletion.
    pub deleted_date: Option<Timestamp>,
    pub primary_region: Option<Text>,
    /// The KMS key ListSecrets names (`None`: the AWS managed key), as it was given.
    pub kms_key_id: Option<Text>,
}

impl SecretSummary {
    /// A row known only by its address (a secret just created, a test's row): every other
    /// field empty, as ListSecrets gives them for a secret with nothing more to say.
    pub fn bare(
        identity: crate::ids::IdentityId,
        arn: crate::ids::Arn,
        name: impl Into<String>,
        region: &str,
    ) -> Self {
        SecretSummary {
            identity,
            arn,
            name: name.into(),
            region: region.into(),
            description: None,
            created: None,
            last_changed: None,
            last_accessed: None,
            rotation: std::sync::Arc::default(),
            owning_service: None,
            stages: Vec::new(),
            tags: Vec::new().into(),
            deleted_date: None,
            primary_region: None,
            kms_key_id: None,
        }
    }

    /// Whether this row is the secret `secret` addresses.
    pub fn is(&self, secret: &crate::ids::SecretRef) -> bool {
        secret.identity == self.identity && secret.arn == self.arn
    }

    /// This row's key in the list: the identity that listed it and its ARN.
    pub fn key(&self) -> crate::ids::RowKey {
        crate::ids::RowKey::new(self.identity, self.arn.clone())
    }

    /// Whether this is the row `key` names.
    pub(crate) fn has_key(&self, key: &crate::ids::RowKey) -> bool {
        key.identity == self.identity && key.arn == self.arn
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tag {
    pub key: Text,
    pub value: Text,
}

/// Everything the detail pane shows (DescribeSecret + ListSecretVersionIds).
#[derive(Debug, Clone, PartialEq)]
pub struct SecretDetail {
    pub arn: crate::ids::Arn,
    pub name: String,
    pub description: Option<String>,
    pub kms_key_id: Option<String>,
    pub created: Option<Timestamp>,
    pub last_changed: Option<Timestamp>,
    pub last_accessed: Option<Timestamp>,
    pub deleted_date: Option<Timestamp>,
    pub tags: Vec<Tag>,
    pub primary_region: Option<String>,
    /// The service that manages the secret (RDS, Redshift, …): it changes the secret, not us.
    pub owning_service: Option<String>,
    pub replicas: Vec<Replica>,
    pub rotation: Rotation,
    pub versions: Vec<VersionInfo>,
    /// Set when ListSecretVersionIds failed: `versions` then holds only the labelled
    /// versions DescribeSecret names, without dates.
    pub versions_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replica {
    pub region: String,
    pub status: String,
    pub message: Option<String>,
}

/// A version id and its staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, custom ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionStages {
    /// Boxed: a listed secret holds one or two, and a `String`'s capacity is 8 bytes more.
    pub version_id: Box<str>,
    /// Shared: versions with the same labels (every `[AWSCURRENT]`) point at one list.
    pub stages: std::sync::Arc<Vec<Text>>,
}

/// The rotation configuration and dates, as DescribeSecret and ListSecrets report them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rotation {
    pub enabled: bool,
    /// The rotation function, parsed where the AWS crate builds this.
    pub lambda_arn: Option<crate::ids::Arn>,
    /// RotationRules.AutomaticallyAfterDays.
    pub every_days: Option<i64>,
    /// RotationRules.ScheduleExpression: `rate(...)` or `cron(...)`.
    pub schedule: Option<String>,
    /// RotationRules.Duration: the rotation window, e.g. `3h`.
    pub window: Option<String>,
    pub last_rotated: Option<Timestamp>,
    pub next_rotation: Option<Timestamp>,
}

/// A rotation event Secrets Manager records in CloudTrail itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RotationEvent {
    pub(crate) kind: RotationEventKind,
    pub(crate) at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RotationEventKind {
    Started,
    Succeeded,
    Failed,
    Abandoned,
}

impl RotationEventKind {
    /// From the CloudTrail event name.
    pub(crate) fn from_event_name(name: &str) -> Option<Self> {
        Some(match name {
            "RotationStarted" => Self::Started,
            "RotationSucceeded" => Self::Succeeded,
            "RotationFailed" => Self::Failed,
            "RotationAbandoned" => Self::Abandoned,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VersionInfo {
    pub id: String,
    pub stages: Vec<String>,
    pub created: Option<Timestamp>,
    pub last_accessed: Option<Timestamp>,
}

/// Which version of a secret to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VersionSel {
    Stage(String),
    Id(String),
}

impl VersionSel {
    pub fn current() -> Self {
        Self::Stage("AWSCURRENT".to_owned())
    }

    pub(crate) fn label(&self) -> &str {
        match self {
            Self::Stage(stage) | Self::Id(stage) => stage,
        }
    }
}

/// A profile of the user's AWS config, for the role switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInfo {
    pub name: String,
    pub kind: ProfileKind,
    /// The MFA device its role wants a code from.
    pub mfa_serial: Option<String>,
    pub region: Option<String>,
    /// `duration_seconds`: how long an assumed role's credentials last.
    pub duration_secs: Option<i32>,
    /// `role_session_name`.
    pub session_name: Option<String>,
    /// `mfa_process`: a command that prints the MFA code (instead of asking for it).
    pub mfa_process: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileKind {
    /// Keys, a credential process, or whatever else the SDK resolves.
    Plain,
    /// Assumes `role_arn` from `source` (a profile) or from the environment.
    Role {
        role_arn: crate::ids::Arn,
        source: Option<String>,
    },
    /// IAM Identity Center: where it signs in (`None`: its `sso_session` names no
    /// `[sso-session]` section).
    Sso {
        login: Option<crate::model::sso::SsoLogin>,
    },
}

/// Who we are, from sts:GetCallerIdentity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: crate::ids::Arn,
}

/// A fetched secret value. The SDK's own strings are moved, not copied, into `SecretValue`.
#[derive(Debug, Clone)]
pub struct FetchedValue {
    pub version_id: String,
    pub stages: Vec<String>,
    /// The value exactly as stored (string bytes, or binary bytes).
    pub raw: SecretValue,
    pub view: ValueView,
}
