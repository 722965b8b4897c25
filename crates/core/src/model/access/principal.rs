//! Who asks: the principals the pane lists, and how a `Principal` element names them.

use super::PrincipalEntry;
use super::document::is_account_id;

/// A principal whose access is evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    User {
        account: String,
        arn: String,
    },
    Role {
        account: String,
        arn: String,
    },
    /// The account itself (`arn:…:iam::<id>:root`).
    Root {
        account: String,
    },
    /// An AWS service, e.g. `lambda.amazonaws.com`.
    Service(String),
    /// Anyone at all, signed in or not: what a public policy lets in.
    Anyone,
}

/// How a `Principal` element names a principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    /// By its ARN, by `*`, or (for the root) by its account.
    Directly,
    /// By its account: the account delegates to its own IAM, so the principal's identity
    /// policies must allow too.
    ByAccount,
    No,
}

impl Principal {
    /// A user, a role or an account root from its IAM ARN (`arn:aws:iam::<id>:user/…`,
    /// `…:role/…`, `…:root`); `None` for anything else.
    pub fn from_arn(arn: &str) -> Option<Self> {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let ["arn", _, "iam", "", account, name] = parts.as_slice() else {
            return None;
        };
        if !is_account_id(account) {
            return None;
        }
        let account = (*account).to_owned();
        if *name == "root" {
            Some(Self::Root { account })
        } else if name.starts_with("user/") {
            Some(Self::User {
                account,
                arn: arn.to_owned(),
            })
        } else if name.starts_with("role/") {
            Some(Self::Role {
                account,
                arn: arn.to_owned(),
            })
        } else {
            None
        }
    }

    /// The account the principal belongs to; services and anyone belong to none.
    pub fn account(&self) -> Option<&str> {
        match self {
            Self::User { account, .. } | Self::Role { account, .. } | Self::Root { account } => {
                Some(account)
            }
            Self::Service(_) | Self::Anyone => None,
        }
    }

    /// Whether the principal has identity policies of its own (users and roles do; a root
    /// is allowed everything its account's resources allow it).
    pub(crate) fn has_identity_policies(&self) -> bool {
        matches!(self, Self::User { .. } | Self::Role { .. })
    }

    /// How `entry` names this principal.
    pub(crate) fn named_by(&self, entry: &PrincipalEntry) -> Named {
        match (entry, self) {
            (PrincipalEntry::Anyone, _) => Named::Directly,
            (PrincipalEntry::Account(id), Self::Root { account }) if id == account => {
                Named::Directly
            }
            (
                PrincipalEntry::Account(id),
                Self::User { account, .. } | Self::Role { account, .. },
            ) if id == account => Named::ByAccount,
            (PrincipalEntry::Arn(named), Self::User { arn, .. } | Self::Role { arn, .. })
                if named == arn =>
            {
                Named::Directly
            }
            (PrincipalEntry::Service(named), Self::Service(service)) if named == service => {
                Named::Directly
            }
            _ => Named::No,
        }
    }

    /// How a list of entries names it: the closest of them.
    pub(crate) fn named_by_any(&self, entries: &[PrincipalEntry]) -> Named {
        let named: Vec<Named> = entries.iter().map(|entry| self.named_by(entry)).collect();
        if named.contains(&Named::Directly) {
            Named::Directly
        } else if named.contains(&Named::ByAccount) {
            Named::ByAccount
        } else {
            Named::No
        }
    }
}
