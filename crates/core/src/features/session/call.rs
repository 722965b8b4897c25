//! The AWS calls that make an identity (AssumeRole, with or without MFA, GetSessionToken, a
//! profile's credentials): the session room asks them, the runner holds what they make.
//! The room also asks who an identity is (GetCallerIdentity), a call the app shares.

use jiff::Timestamp;

use crate::ids::SecretRef;
use crate::ids::{Arn, Identity};
use crate::room::stamp::IdentityId;
use crate::room::{Lane, RoomCall};
use crate::secret::SecretValue;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// sts:AssumeRole as the current identity; the credentials become `new_identity`.
    AssumeRole {
        role_arn: Arn,
        session_name: String,
        external_id: Option<String>,
        duration_secs: Option<i32>,
        new_identity: IdentityId,
        region: Option<String>,
        /// Run as this identity instead of the stamp's (renewing a role assumed by it).
        as_identity: Option<IdentityId>,
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
        new_identity: IdentityId,
        region: Option<String>,
    },
    /// sts:GetSessionToken with an MFA code, as the current identity: an MFA session that
    /// assumes roles without asking for a code again.
    SessionToken {
        serial: String,
        code: SecretValue,
        new_identity: IdentityId,
        region: Option<String>,
    },
    /// The credentials of a profile of the user's AWS config, as `new_identity`.
    UseProfile {
        profile: String,
        new_identity: IdentityId,
    },
    /// IAM Identity Center's GetRoleCredentials of `role_name` in `account_id`, with the
    /// token `login`'s cache holds, as `new_identity` (its clients in `region`).
    SsoRole {
        login: crate::model::sso::SsoLogin,
        account_id: String,
        role_name: String,
        new_identity: IdentityId,
        region: Option<String>,
    },
}

impl Call {
    /// The identity the call makes: the one place its kind is named, for the answer and
    /// for a failure alike.
    pub fn new_identity(&self) -> Identity {
        match self {
            Call::UseProfile {
                profile,
                new_identity,
            } => Identity::profile(*new_identity, profile.clone()),
            Call::SessionToken {
                serial,
                new_identity,
                ..
            } => Identity::mfa_session(*new_identity, serial.clone()),
            Call::AssumeRole {
                role_arn,
                new_identity,
                ..
            }
            | Call::AssumeRoleWithMfa {
                role_arn,
                new_identity,
                ..
            } => Identity::role(*new_identity, role_arn.clone()),
            Call::SsoRole {
                account_id,
                role_name,
                new_identity,
                ..
            } => Identity::sso(*new_identity, account_id.clone(), role_name.clone()),
        }
    }
}

impl RoomCall for Call {
    /// What a user is waiting on.
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Making an identity changes nothing in AWS.
    fn mutates(&self) -> bool {
        match self {
            Call::AssumeRole { .. }
            | Call::AssumeRoleWithMfa { .. }
            | Call::SessionToken { .. }
            | Call::UseProfile { .. }
            | Call::SsoRole { .. } => false,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::AssumeRole { .. } | Call::AssumeRoleWithMfa { .. } => "AssumeRole",
            Call::SessionToken { .. } => "GetSessionToken",
            Call::UseProfile { .. } => "a profile's credentials",
            Call::SsoRole { .. } => "GetRoleCredentials",
        }
    }

    /// About no secret.
    fn secret(&self) -> Option<&SecretRef> {
        None
    }

    /// The region the call goes to (`None`: the identity's home region).
    fn region(&self) -> Option<&str> {
        match self {
            Call::AssumeRole { region, .. }
            | Call::AssumeRoleWithMfa { region, .. }
            | Call::SessionToken { region, .. }
            | Call::SsoRole { region, .. } => region.as_deref(),
            Call::UseProfile { .. } => None,
        }
    }
}

/// Who an AssumeRole made us, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumed {
    /// The assumed-role ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`), when the
    /// answer says it (a profile's credentials and an MFA session's do not).
    pub arn: Option<Arn>,
    pub expires: Option<Timestamp>,
}

/// Everything the session room asks: a call that makes an identity, or who the current one
/// is. The app asks the second as its own shared call (`WhoAmI`), whose answer several rooms
/// read.
// Moved straight on into the app's call, which holds a `Call` unboxed too: boxing it here
// would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A call that makes an identity.
    Make(Call),
    /// sts:GetCallerIdentity in `region` (`None`: the identity's home region).
    WhoAmI { region: Option<String> },
    /// iam:ListAccountAliases, asked (from `region`'s partition) for an identity held
    /// beside others: the account column and bar name its account by it.
    AccountAlias { region: Option<String> },
}

impl RoomCall for Ask {
    fn lane(&self) -> Lane {
        match self {
            Ask::Make(call) => call.lane(),
            Ask::WhoAmI { .. } | Ask::AccountAlias { .. } => Lane::Interactive,
        }
    }

    fn mutates(&self) -> bool {
        match self {
            Ask::Make(call) => call.mutates(),
            Ask::WhoAmI { .. } | Ask::AccountAlias { .. } => false,
        }
    }

    fn operation(&self) -> &'static str {
        match self {
            Ask::Make(call) => call.operation(),
            Ask::WhoAmI { .. } => "GetCallerIdentity",
            Ask::AccountAlias { .. } => "ListAccountAliases",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        None
    }

    fn region(&self) -> Option<&str> {
        match self {
            Ask::Make(call) => call.region(),
            Ask::WhoAmI { region } | Ask::AccountAlias { region } => region.as_deref(),
        }
    }
}
