//! Detail: DescribeSecret and ListSecretVersionIds of the selected secret, described once
//! the selection rests, cached for a while, and the pane that shows them.

mod update;
pub(crate) mod view;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::ids::{Arn, IdentityId, SecretRef};
use crate::model::{AwsError, SecretDetail};
use crate::room::{Lane, Never, RoomCall};

/// The detail room's words: it asks one call, and has no commands, popups or prompts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Room {}

impl crate::room::Room for Room {
    type Command = Never;
    type Call = Call;
    type Popup = Never;
    type Prompt = Never;
}

/// What the detail room asks. Its answer (`Outcome::Described`) is the app's: the list and
/// several rooms read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    /// DescribeSecret and ListSecretVersionIds of `secret`, as the identity that listed it.
    Describe { secret: SecretRef },
}

impl RoomCall for Call {
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    fn mutates(&self) -> bool {
        false
    }

    fn operation(&self) -> &'static str {
        "DescribeSecret"
    }

    fn secret(&self) -> Option<&SecretRef> {
        match self {
            Call::Describe { secret } => Some(secret),
        }
    }

    fn region(&self) -> Option<&str> {
        match self {
            Call::Describe { secret } => Some(&secret.region),
        }
    }
}

/// How long the selection must rest on a secret before it is described: holding `j` over
/// a thousand rows must not send a thousand DescribeSecret calls.
pub(crate) const DETAIL_DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Debug, Clone)]
pub struct CachedDetail {
    pub(crate) fetched_at: Instant,
    pub result: Result<SecretDetail, AwsError>,
}

#[derive(Debug, Clone, Default)]
pub struct Details {
    /// By the identity that described it, then by ARN.
    pub(crate) cache: HashMap<IdentityId, HashMap<Arn, CachedDetail>>,
    /// The secret being described.
    pub(crate) in_flight: Option<SecretRef>,
}

impl Details {
    /// What `identity` was told of `arn`, if it is cached.
    pub fn get(&self, identity: IdentityId, arn: &Arn) -> Option<&CachedDetail> {
        self.cache.get(&identity)?.get(arn)
    }
}
