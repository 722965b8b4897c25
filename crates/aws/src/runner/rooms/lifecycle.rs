//! The lifecycle room's calls: delete, restore, replicas removed.

use smtui_core::app::Written;
use smtui_core::features::lifecycle::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        let result = match &self {
            Call::Delete { secret, recovery } => {
                secrets::delete(ctx, &secret.region, secret.arn.as_str(), *recovery)
                    .await
                    .map(|on| Written::Deleted { on })
            }
            Call::Restore { secret } => secrets::restore(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|()| Written::Restored),
            Call::RemoveReplicas { secret, regions } => {
                secrets::remove_replicas(ctx, &secret.region, secret.arn.as_str(), regions)
                    .await
                    .map(|()| Written::Updated)
            }
        };
        Outcome::Wrote { call: self, result }
    }

    /// Every call of the lifecycle room is a write, answered as one.
    fn failed(self, error: AwsError) -> Outcome {
        Outcome::Wrote {
            call: self,
            result: Err(error),
        }
    }
}
