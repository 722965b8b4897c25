//! Session: who smtui runs as (the identity id every effect names, and what
//! sts:GetCallerIdentity said), and the generation that makes older results stale. Role
//! switching adds identities here.

pub mod view;

use crate::app::effect::{AwsCall, Effect};
use crate::app::envelope::{IdentityId, Stamp};
use crate::model::{AwsError, CallerIdentity};

#[derive(Debug, Clone)]
pub struct Session {
    /// Bumped on refresh (and on role switches): results of older requests are dropped.
    pub generation: u64,
    /// The identity new effects run as.
    pub identity: IdentityId,
    /// Who that is, once GetCallerIdentity has answered.
    pub caller: Option<Result<CallerIdentity, AwsError>>,
    /// Where the profile or environment says we are: STS is asked there.
    pub home_region: Option<String>,
}

impl Session {
    pub fn new(home_region: Option<String>) -> Self {
        Self {
            generation: 1,
            identity: IdentityId::START,
            caller: None,
            home_region,
        }
    }

    /// The stamp effects carry now, and that results must carry to be used.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            generation: self.generation,
            identity: self.identity,
        }
    }

    /// Starts a new generation: every result asked for before is stale from now on.
    pub fn next_generation(&mut self) {
        self.generation += 1;
    }

    /// GetCallerIdentity, in the home region (or the first browsed one).
    pub fn who_am_i(&self, first_region: Option<&str>) -> Effect {
        let region = self
            .home_region
            .clone()
            .or_else(|| first_region.map(str::to_owned));
        Effect::Aws {
            stamp: self.stamp(),
            call: AwsCall::WhoAmI { region },
        }
    }
}
