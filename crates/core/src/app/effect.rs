//! Requests for I/O that `update` returns. The runner performs them; `update` never does.

use std::time::Duration;

use crate::app::stamp::Stamp;
use crate::ids::{Arn, Identity, SecretRef};
use crate::model::VersionSel;
use crate::secret::SecretValue;

/// A copy to make: handed unchanged from `update` to whichever thread runs the clipboard.
#[derive(Debug, Clone)]
pub struct CopyRequest {
    pub token: u64,
    /// What was copied, for the status line (never the value).
    pub label: String,
    pub text: SecretValue,
    /// A secret is cleared on exit, and after `clear_after`; a name or ARN is not.
    pub secret: bool,
    pub clear_after: Option<Duration>,
}

#[derive(Debug, Clone)]
pub enum Effect {
    /// An AWS call, run as `stamp.identity`; its result comes back with the same stamp.
    Aws {
        stamp: Stamp,
        call: AwsCall,
    },
    /// Put text on the clipboard.
    Copy(CopyRequest),
    /// Clear the clipboard if it still holds what the copy with `token` put there.
    ClearClipboard {
        token: u64,
    },
    /// Remember the roles assumed recently (ARNs and dates only) in `path`.
    SaveRecentRoles {
        path: std::path::PathBuf,
        roles: Vec<crate::recent::RecentRole>,
    },
    /// Deliver `timer`'s action after `delay`.
    After {
        delay: Duration,
        timer: Timer,
    },
    Quit,
}

/// What a timer wakes: only these are ever delivered late. A timer names its own small
/// type rather than carrying any `Action` so that effects need not know actions (actions
/// carry results, whose envelope names the calls defined here: a circle). The one mapping
/// to an action is `From<Timer> for Action`, beside the actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timer {
    /// The selection may have rested on `secret` long enough to describe it.
    DetailDue { secret: SecretRef },
    /// The reveal with this id may have reached its timeout.
    RemaskDue { reveal: u64 },
    /// Values revealed in a popup may have reached their timeout.
    MaskDue,
    /// The copy with this token may have reached its timeout.
    ClipboardClearDue { token: u64 },
    /// A throttled audit lookup may be tried again.
    AuditRetryDue { query: u64 },
}

/// The AWS calls smtui makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwsCall {
    /// Every page of ListSecrets in `region`, each sent back as it arrives.
    ListSecrets { region: String },
    /// DescribeSecret and ListSecretVersionIds.
    Describe { secret: SecretRef },
    /// GetSecretValue, answered with `request`.
    GetValue {
        request: u64,
        secret: SecretRef,
        version: VersionSel,
    },
    /// sts:GetCallerIdentity.
    WhoAmI { region: Option<String> },
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
    /// Two versions' values, for a comparison (`versions` room).
    FetchPair {
        secret: SecretRef,
        versions: [String; 2],
    },
    /// UpdateSecretVersionStage: AWSCURRENT moves to `version` from `from`.
    MakeCurrent {
        secret: SecretRef,
        version: String,
        from: String,
    },
    /// TagResource: sets one tag.
    Tag {
        secret: SecretRef,
        key: String,
        value: String,
    },
    /// UntagResource: removes one tag.
    Untag { secret: SecretRef, key: String },
    /// UpdateSecret with only a description.
    UpdateDescription {
        secret: SecretRef,
        description: String,
    },
    /// CreateSecret; `token` as for `SaveValue`. `value` is the text, or the bytes when
    /// `spec.binary`.
    Create {
        region: String,
        name: String,
        spec: NewSecret,
        token: String,
        value: SecretValue,
    },
    /// GetRandomPassword.
    RandomPassword {
        region: String,
        options: PasswordOptions,
    },
    /// GetResourcePolicy.
    FetchPolicy { secret: SecretRef },
    /// GetSecretValue for the editor: the value to edit (AWSCURRENT), or after a conflict
    /// the value someone else saved (by version id).
    FetchForEdit {
        secret: SecretRef,
        version: VersionSel,
        purpose: EditFetch,
    },
    /// RotateSecret with nothing but the secret: rotate now, with the configured function
    /// and schedule.
    Rotate { secret: SecretRef },
    /// RotateSecret with rules: sets (or changes) the schedule, rotating now or not.
    /// `lambda_arn` is needed only when no function is configured and no service manages
    /// the rotation.
    SetRotation {
        secret: SecretRef,
        rules: RotationRules,
        lambda_arn: Option<String>,
        rotate_now: bool,
    },
    /// CancelRotateSecret: turns automatic rotation off (and cancels one in progress).
    CancelRotation { secret: SecretRef },
    /// UpdateSecretVersionStage removing AWSPENDING from `version`: repairs a stuck
    /// rotation so a new one can start.
    RemovePending { secret: SecretRef, version: String },
    /// CloudTrail LookupEvents: one page, answered with `query` (the audit room's own id).
    LookupEvents {
        query: u64,
        region: String,
        lookup: Lookup,
        start: jiff::Timestamp,
        end: jiff::Timestamp,
        token: Option<String>,
    },
    /// sts:AssumeRole as the current identity; the credentials become `new_identity`.
    AssumeRole {
        role_arn: Arn,
        session_name: String,
        external_id: Option<String>,
        duration_secs: Option<i32>,
        new_identity: crate::app::stamp::IdentityId,
        region: Option<String>,
        /// Run as this identity instead of the stamp's (renewing a role assumed by it).
        as_identity: Option<crate::app::stamp::IdentityId>,
    },
    /// sts:AssumeRole with an MFA code, for a role profile with `mfa_serial` (the SDK's own
    /// profile provider ignores it): as `source_profile`'s credentials, or the current
    /// identity's when it has none.
    AssumeRoleWithMfa {
        role_arn: Arn,
        source_profile: Option<String>,
        session_name: String,
        serial: String,
        /// The code typed; empty when `code_from` prints it.
        code: SecretValue,
        /// A command (`mfa_process`) whose output is the code, run by the runner.
        code_from: Option<String>,
        external_id: Option<String>,
        duration_secs: Option<i32>,
        new_identity: crate::app::stamp::IdentityId,
        region: Option<String>,
    },
    /// sts:GetSessionToken with an MFA code, as the current identity: an MFA session that
    /// assumes roles without asking for a code again.
    SessionToken {
        serial: String,
        code: SecretValue,
        new_identity: crate::app::stamp::IdentityId,
        region: Option<String>,
    },
    /// The credentials of a profile of the user's AWS config, as `new_identity`.
    UseProfile {
        profile: String,
        new_identity: crate::app::stamp::IdentityId,
    },
    /// The editor's compare-and-swap save: a new version of `value`, made AWSCURRENT only
    /// if `base_version` still holds it. `token` (the ClientRequestToken) is the editor's:
    /// minted when this text is first saved and kept until its outcome is known, so a retry
    /// of the same text makes no second version, whatever became of an earlier answer.
    SaveValue {
        secret: SecretRef,
        base_version: String,
        token: String,
        value: SecretValue,
        /// The tokens of this editor's earlier saves whose private label may still be on a
        /// version (their answer said so): removed along with this save's own.
        leftovers: Vec<String>,
    },
    /// UpdateSecretVersionStage: the private labels of these tokens' saves (see
    /// `staging_label`) off whatever version holds them, when the editor is left.
    RemoveLabels {
        secret: SecretRef,
        tokens: Vec<String>,
    },
}

/// The private staging label a save with `token` writes its new version under (see
/// `aws::secrets::save_value`): AWSCURRENT moves to that version, then the label goes.
pub fn staging_label(token: &str) -> String {
    format!("smtui-save-{}", token.get(..12).unwrap_or(token))
}

/// LookupEvents' one lookup attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// The events that name this resource (an API call's secret).
    ResourceName(String),
    /// Every Secrets Manager event of the region (service events included).
    EventSource,
}

/// RotationRules as sent: days or an expression (never both), and an optional window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RotationRules {
    pub every_days: Option<i64>,
    pub schedule: Option<String>,
    /// Duration, e.g. `3h`.
    pub window: Option<String>,
}

/// What a new secret is created with, besides its name and value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSecret {
    pub description: String,
    /// A KMS key id, ARN or alias; `None`: the account's `aws/secretsmanager` key.
    pub kms_key: Option<String>,
    pub tags: Vec<crate::model::Tag>,
    /// Regions to replicate it to.
    pub replicas: Vec<String>,
    /// The value is binary (typed as base64, stored as SecretBinary).
    pub binary: bool,
}

/// GetRandomPassword's options.
// The API's own flags, one for one.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordOptions {
    pub length: u16,
    pub exclude_punctuation: bool,
    pub exclude_numbers: bool,
    pub exclude_uppercase: bool,
    pub exclude_lowercase: bool,
    pub include_space: bool,
}

impl Default for PasswordOptions {
    fn default() -> Self {
        Self {
            length: 32,
            exclude_punctuation: false,
            exclude_numbers: false,
            exclude_uppercase: false,
            exclude_lowercase: false,
            include_space: false,
        }
    }
}

/// Why the editor fetches a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditFetch {
    /// The value to edit.
    Open,
    /// The value that holds AWSCURRENT now, after a save found it had moved.
    Theirs,
}

/// How a deletion can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Restorable for this many days (the service allows 7 to 30).
    Days(u8),
    /// Gone at once (ForceDeleteWithoutRecovery).
    Never,
}

/// Which queue of the runner a call waits in (per identity and region).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Listings: long, paged, many regions at once.
    Listing,
    /// What a user is waiting on: describe, reveal, copy, identity.
    Interactive,
    /// CloudTrail LookupEvents: 2 requests per second per account and region.
    CloudTrail,
}

impl AwsCall {
    pub fn lane(&self) -> Lane {
        match self {
            AwsCall::ListSecrets { .. } => Lane::Listing,
            AwsCall::LookupEvents { .. } => Lane::CloudTrail,
            _ => Lane::Interactive,
        }
    }

    /// Whether the call changes anything. `--read-only` refuses these in the router and,
    /// again, in the runner: no mutating call is ever sent.
    pub fn mutates(&self) -> bool {
        matches!(
            self,
            AwsCall::Delete { .. }
                | AwsCall::Restore { .. }
                | AwsCall::SaveValue { .. }
                | AwsCall::MakeCurrent { .. }
                | AwsCall::Tag { .. }
                | AwsCall::Untag { .. }
                | AwsCall::UpdateDescription { .. }
                | AwsCall::Create { .. }
                | AwsCall::RemoveReplicas { .. }
                | AwsCall::Rotate { .. }
                | AwsCall::SetRotation { .. }
                | AwsCall::CancelRotation { .. }
                | AwsCall::RemovePending { .. }
                | AwsCall::RemoveLabels { .. }
        )
    }

    /// The service's name for the call, for messages.
    pub fn operation(&self) -> &'static str {
        match self {
            AwsCall::ListSecrets { .. } => "ListSecrets",
            AwsCall::Describe { .. } => "DescribeSecret",
            AwsCall::GetValue { .. } | AwsCall::FetchForEdit { .. } | AwsCall::FetchPair { .. } => {
                "GetSecretValue"
            }
            AwsCall::WhoAmI { .. } => "GetCallerIdentity",
            AwsCall::Delete { .. } => "DeleteSecret",
            AwsCall::Restore { .. } => "RestoreSecret",
            AwsCall::RemoveReplicas { .. } => "RemoveRegionsFromReplication",
            AwsCall::SaveValue { .. } => "PutSecretValue",
            AwsCall::MakeCurrent { .. }
            | AwsCall::RemovePending { .. }
            | AwsCall::RemoveLabels { .. } => "UpdateSecretVersionStage",
            AwsCall::Rotate { .. } | AwsCall::SetRotation { .. } => "RotateSecret",
            AwsCall::CancelRotation { .. } => "CancelRotateSecret",
            AwsCall::LookupEvents { .. } => "LookupEvents",
            AwsCall::AssumeRole { .. } | AwsCall::AssumeRoleWithMfa { .. } => "AssumeRole",
            AwsCall::UseProfile { .. } => "a profile's credentials",
            AwsCall::SessionToken { .. } => "GetSessionToken",
            AwsCall::Tag { .. } => "TagResource",
            AwsCall::Untag { .. } => "UntagResource",
            AwsCall::UpdateDescription { .. } => "UpdateSecret",
            AwsCall::FetchPolicy { .. } => "GetResourcePolicy",
            AwsCall::Create { .. } => "CreateSecret",
            AwsCall::RandomPassword { .. } => "GetRandomPassword",
        }
    }

    /// The identity a call that makes one makes (`None` for every other call): the one
    /// place its kind is named, for the answer and for a failure alike.
    pub fn new_identity(&self) -> Option<Identity> {
        match self {
            AwsCall::UseProfile {
                profile,
                new_identity,
            } => Some(Identity::profile(*new_identity, profile.clone())),
            AwsCall::SessionToken {
                serial,
                new_identity,
                ..
            } => Some(Identity::mfa_session(*new_identity, serial.clone())),
            AwsCall::AssumeRole {
                role_arn,
                new_identity,
                ..
            }
            | AwsCall::AssumeRoleWithMfa {
                role_arn,
                new_identity,
                ..
            } => Some(Identity::role(*new_identity, role_arn.clone())),
            _ => None,
        }
    }

    /// The secret the call is about, when it is about one.
    pub fn secret(&self) -> Option<&SecretRef> {
        match self {
            AwsCall::Delete { secret, .. }
            | AwsCall::Restore { secret }
            | AwsCall::RemoveReplicas { secret, .. }
            | AwsCall::Describe { secret }
            | AwsCall::GetValue { secret, .. }
            | AwsCall::FetchForEdit { secret, .. }
            | AwsCall::SaveValue { secret, .. }
            | AwsCall::FetchPair { secret, .. }
            | AwsCall::MakeCurrent { secret, .. }
            | AwsCall::Tag { secret, .. }
            | AwsCall::Untag { secret, .. }
            | AwsCall::UpdateDescription { secret, .. }
            | AwsCall::FetchPolicy { secret }
            | AwsCall::Rotate { secret }
            | AwsCall::SetRotation { secret, .. }
            | AwsCall::CancelRotation { secret }
            | AwsCall::RemovePending { secret, .. }
            | AwsCall::RemoveLabels { secret, .. } => Some(secret),
            _ => None,
        }
    }

    /// The region the call goes to (`None`: the identity's home region).
    pub fn region(&self) -> Option<&str> {
        if let Some(secret) = self.secret() {
            return Some(&secret.region);
        }
        match self {
            AwsCall::ListSecrets { region }
            | AwsCall::Create { region, .. }
            | AwsCall::RandomPassword { region, .. }
            | AwsCall::LookupEvents { region, .. } => Some(region),
            AwsCall::WhoAmI { region }
            | AwsCall::AssumeRole { region, .. }
            | AwsCall::AssumeRoleWithMfa { region, .. }
            | AwsCall::SessionToken { region, .. } => region.as_deref(),
            _ => None,
        }
    }
}
