//! The AWS calls the access pane makes, every one a read: the secret's resource policy,
//! its key and key policy, the account's IAM page by page, and IAM's policy simulator.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// GetResourcePolicy of the pane's secret.
    ResourcePolicy { secret: SecretRef },
    /// DescribeKey of the secret's key (`key_id` as DescribeSecret gave it), then, for a
    /// customer managed key, GetKeyPolicy (`default`).
    Key { secret: SecretRef, key_id: String },
    /// One page of GetAccountAuthorizationDetails (`marker`: the page after the one that
    /// gave it; `None` for the first, which also asks GetAccountSummary for the total to
    /// draw the progress against), signed as the secret's identity.
    IamPage {
        secret: SecretRef,
        marker: Option<String>,
    },
    /// One page of CloudTrail's events on the secret (LookupEvents by its ARN) over the
    /// window, for who read it.
    Reads {
        secret: SecretRef,
        start: jiff::Timestamp,
        end: jiff::Timestamp,
        token: Option<String>,
    },
    /// SimulatePrincipalPolicy: may `principal` (a user or role ARN) call
    /// `secretsmanager:GetSecretValue` on the secret, given its resource policy?
    Simulate {
        secret: SecretRef,
        principal: String,
        resource_policy: Option<String>,
    },
}

impl Call {
    /// Every call is made for the pane's secret, as the identity that listed it.
    pub fn secret(&self) -> &SecretRef {
        match self {
            Call::ResourcePolicy { secret }
            | Call::Key { secret, .. }
            | Call::IamPage { secret, .. }
            | Call::Reads { secret, .. }
            | Call::Simulate { secret, .. } => secret,
        }
    }
}

impl RoomCall for Call {
    /// What the user waits on while the pane loads; CloudTrail's own lane for the trail
    /// (2 requests per second per account and region).
    fn lane(&self) -> Lane {
        match self {
            Call::Reads { .. } => Lane::CloudTrail,
            _ => Lane::Interactive,
        }
    }

    /// Every call reads.
    fn mutates(&self) -> bool {
        false
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::ResourcePolicy { .. } => "GetResourcePolicy",
            Call::Key { .. } => "DescribeKey",
            Call::IamPage { .. } => "GetAccountAuthorizationDetails",
            Call::Reads { .. } => "LookupEvents",
            Call::Simulate { .. } => "SimulatePrincipalPolicy",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    /// The secret's region (IAM is global; its calls go to the partition's endpoint).
    fn region(&self) -> Option<&str> {
        Some(&Call::secret(self).region)
    }
}
