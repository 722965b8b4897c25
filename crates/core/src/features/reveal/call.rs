//! The AWS call the reveal room makes: a value, to show or copy.

use crate::ids::SecretRef;
use crate::model::VersionSel;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// GetSecretValue, answered with `request`.
    GetValue {
        request: u64,
        secret: SecretRef,
        version: VersionSel,
    },
}

impl Call {
    /// The secret whose value is read.
    pub(crate) fn secret(&self) -> &SecretRef {
        match self {
            Call::GetValue { secret, .. } => secret,
        }
    }

    /// The region the call goes to: the secret's.
    pub(crate) fn region(&self) -> &str {
        &self.secret().region
    }
}

impl RoomCall for Call {
    /// What a user is waiting on.
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Reading a value changes nothing.
    fn mutates(&self) -> bool {
        match self {
            Call::GetValue { .. } => false,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::GetValue { .. } => "GetSecretValue",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
