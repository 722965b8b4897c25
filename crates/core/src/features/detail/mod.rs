//! Detail: DescribeSecret and ListSecretVersionIds of the selected secret, described once
//! the selection rests, cached for a while, and the pane that shows them.

mod update;
pub mod view;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::ids::{Arn, IdentityId, SecretRef};
use crate::model::{AwsError, SecretDetail};

/// How long the selection must rest on a secret before it is described: holding `j` over
/// a thousand rows must not send a thousand DescribeSecret calls.
pub const DETAIL_DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Debug, Clone)]
pub struct CachedDetail {
    pub fetched_at: Instant,
    pub result: Result<SecretDetail, AwsError>,
}

#[derive(Debug, Clone, Default)]
pub struct Details {
    /// By the identity that described it, then by ARN.
    pub cache: HashMap<IdentityId, HashMap<Arn, CachedDetail>>,
    /// The secret being described.
    pub in_flight: Option<SecretRef>,
}

impl Details {
    /// What `identity` was told of `arn`, if it is cached.
    pub fn get(&self, identity: IdentityId, arn: &Arn) -> Option<&CachedDetail> {
        self.cache.get(&identity)?.get(arn)
    }
}
