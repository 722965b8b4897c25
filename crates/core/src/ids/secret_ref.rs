//! The address of one secret: who asks, where, and which.

use std::fmt;

use super::{Arn, ArnError, IdentityId};

/// One secret as a call addresses it: the identity it is asked as, the region it is asked
/// in, its ARN (what the API is sent) and its name (what messages say). These four travel
/// together; a call takes what it needs from here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretRef {
    pub identity: IdentityId,
    pub region: String,
    pub arn: Arn,
    pub name: String,
}

impl SecretRef {
    /// The secret `arn` (as the service listed or described it) in `region`, as `identity`.
    pub fn new(
        identity: IdentityId,
        region: impl Into<String>,
        arn: &str,
        name: impl Into<String>,
    ) -> Result<Self, ArnError> {
        Ok(Self {
            identity,
            region: region.into(),
            arn: Arn::parse(arn)?,
            name: name.into(),
        })
    }
}

/// A secret is named in messages by its name.
impl fmt::Display for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}
