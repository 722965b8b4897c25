//! Detail: DescribeSecret and ListSecretVersionIds of the selected secret, described once
//! the selection rests, cached for a while, and the pane that shows them.

mod update;
pub mod view;

use std::collections::HashMap;
use std::time::{Duration, Instant};

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
    /// By ARN.
    pub cache: HashMap<String, CachedDetail>,
    /// The ARN being described.
    pub in_flight: Option<String>,
}

impl Details {
    pub fn get(&self, arn: &str) -> Option<&CachedDetail> {
        self.cache.get(arn)
    }
}
