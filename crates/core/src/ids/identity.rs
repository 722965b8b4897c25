//! Who a call runs as: an identity's stable key, what kind of credentials it holds, and the
//! caller ARN once AWS has said it.

use std::fmt;

use super::Arn;

/// The key of an identity the runner holds credentials for. `IdentityId::START` is the one
/// smtui started with; switching adds others, and the runner keeps clients per identity and
/// region. Everything fetched is asked for as one, and its answer comes back under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityId(pub u32);

impl IdentityId {
    pub const START: IdentityId = IdentityId(0);
}

/// Where an identity's credentials come from, as the user chose them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum IdentityKind {
    /// The credentials smtui started with (the SDK's chain, or `--profile`).
    Start,
    /// A profile of the user's AWS config, through the SDK's provider (keys, a process,
    /// IAM Identity Center, or a role profile the SDK assumes).
    Profile { name: String },
    /// A role assumed by its ARN (typed, recent, or a role profile's with MFA).
    Role { arn: Arn },
    /// GetSessionToken with this MFA device.
    MfaSession { serial: String },
    /// An IAM Identity Center role (a permission set) in an account, through the portal.
    Sso {
        account_id: String,
        role_name: String,
    },
}

/// An identity: its key, its kind, and the caller ARN when known (an assumed role's session
/// ARN, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    pub id: IdentityId,
    pub(crate) kind: IdentityKind,
    pub(crate) arn: Option<Arn>,
}

impl Identity {
    pub(crate) fn new(id: IdentityId, kind: IdentityKind) -> Self {
        Self {
            id,
            kind,
            arn: None,
        }
    }

    /// The credentials smtui started with.
    pub(crate) fn start() -> Self {
        Self::new(IdentityId::START, IdentityKind::Start)
    }

    pub fn profile(id: IdentityId, name: impl Into<String>) -> Self {
        Self::new(id, IdentityKind::Profile { name: name.into() })
    }

    pub fn role(id: IdentityId, arn: Arn) -> Self {
        Self::new(id, IdentityKind::Role { arn })
    }

    pub fn mfa_session(id: IdentityId, serial: impl Into<String>) -> Self {
        Self::new(
            id,
            IdentityKind::MfaSession {
                serial: serial.into(),
            },
        )
    }

    pub fn sso(
        id: IdentityId,
        account_id: impl Into<String>,
        role_name: impl Into<String>,
    ) -> Self {
        Self::new(
            id,
            IdentityKind::Sso {
                account_id: account_id.into(),
                role_name: role_name.into(),
            },
        )
    }

    /// The same identity, with the caller ARN AWS reported.
    #[must_use]
    pub(crate) fn with_arn(mut self, arn: Option<Arn>) -> Self {
        self.arn = arn;
        self
    }

    /// The role assumed, for a role identity.
    pub(crate) fn role_arn(&self) -> Option<&Arn> {
        match &self.kind {
            IdentityKind::Role { arn } => Some(arn),
            _ => None,
        }
    }

    /// A few words for where there is little room (the account bar, before AWS has said
    /// which account): a profile's name, a role's, `start`, `MFA session`.
    pub fn short_name(&self) -> String {
        match &self.kind {
            IdentityKind::Start => "start".to_owned(),
            IdentityKind::Profile { name } => name.clone(),
            IdentityKind::Role { arn } => arn.role_name().unwrap_or(arn.as_str()).to_owned(),
            IdentityKind::MfaSession { .. } => "MFA session".to_owned(),
            IdentityKind::Sso {
                account_id,
                role_name,
            } => format!("{role_name}@{account_id}"),
        }
    }

    /// The account, when an ARN (or the Identity Center assignment) says it.
    pub fn account(&self) -> Option<&str> {
        if let IdentityKind::Sso { account_id, .. } = &self.kind {
            return Some(account_id);
        }
        self.arn
            .as_ref()
            .or(self.role_arn())
            .map(Arn::account)
            .filter(|a| !a.is_empty())
    }
}

/// How messages, the switcher and the title name an identity: a role by its session ARN
/// once assumed (by the role's ARN before); the others by where they came from, which says
/// more to the user than a caller ARN they never typed.
impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            IdentityKind::Start => f.write_str("the credentials smtui started with"),
            IdentityKind::Profile { name } => write!(f, "profile {name}"),
            IdentityKind::Role { arn } => write!(f, "{}", self.arn.as_ref().unwrap_or(arn)),
            IdentityKind::MfaSession { serial } => write!(f, "MFA session ({serial})"),
            IdentityKind::Sso {
                account_id,
                role_name,
            } => write!(f, "Identity Center {role_name} in {account_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Identity, IdentityId};
    use crate::ids::Arn;

    fn arn(text: &str) -> Arn {
        Arn::parse(text).expect("an ARN")
    }

    #[test]
    fn each_kind_is_named_as_before_the_types() {
        let role = Identity::role(IdentityId(1), arn("arn:aws:iam::123456789012:role/admin"));
        assert_eq!(role.to_string(), "arn:aws:iam::123456789012:role/admin");
        let session = arn("arn:aws:sts::123456789012:assumed-role/admin/smtui-me");
        let assumed = role.with_arn(Some(session.clone()));
        assert_eq!(assumed.to_string(), session.as_str());
        assert_eq!(assumed.account(), Some("123456789012"));
        assert_eq!(
            Identity::profile(IdentityId(2), "dev").to_string(),
            "profile dev"
        );
        assert_eq!(
            Identity::mfa_session(IdentityId(3), "arn:aws:iam::1:mfa/me").to_string(),
            "MFA session (arn:aws:iam::1:mfa/me)"
        );
        assert_eq!(
            Identity::start().to_string(),
            "the credentials smtui started with"
        );
        assert_eq!(Identity::start().account(), None);
    }
}
