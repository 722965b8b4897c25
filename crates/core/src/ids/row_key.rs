//! The key of a listed secret: the identity that listed it and its ARN.

use super::{Arn, IdentityId, SecretRef};

/// One row of the secret list. Two identities that can see one account (two roles in it)
/// list the same ARN; their rows are two, each found by its own key, and nothing that
/// finds a row goes by the ARN alone (a row's own: `SecretSummary::key`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RowKey {
    pub(crate) identity: IdentityId,
    pub(crate) arn: Arn,
}

impl RowKey {
    pub fn new(identity: IdentityId, arn: Arn) -> Self {
        Self { identity, arn }
    }
}

/// The row of the secret a call addressed.
impl From<&SecretRef> for RowKey {
    fn from(secret: &SecretRef) -> Self {
        Self::new(secret.identity, secret.arn.clone())
    }
}
