//! The versions room's calls: two values to compare, and a rollback.

use smtui_core::app::Written;
use smtui_core::features::versions::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::FetchPair { secret, versions } => {
                let [left, right] = &versions;
                let result =
                    secrets::get_pair(ctx, &secret.region, secret.arn.as_str(), [left, right])
                        .await;
                Outcome::Pair { secret, result }
            }
            Call::MakeCurrent {
                ref secret,
                ref version,
                ref from,
            } => {
                let (region, arn) = (&secret.region, secret.arn.as_str());
                let result = secrets::make_current(ctx, region, arn, version, from)
                    .await
                    .map(|()| Written::MadeCurrent);
                Outcome::MadeCurrent { call: self, result }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::FetchPair { secret, .. } => Outcome::Pair {
                secret,
                result: Err(error),
            },
            call @ Call::MakeCurrent { .. } => Outcome::MadeCurrent {
                call,
                result: Err(error),
            },
        }
    }
}
