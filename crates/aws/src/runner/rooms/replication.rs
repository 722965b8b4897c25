//! The replication room's calls: each copy's DescribeSecret and GetResourcePolicy, the
//! value check (fingerprints only leave `replication::fingerprints`), and the writes on the
//! secret's replication, each sent to the region it belongs to.

use smtui_core::features::replication::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, replication, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::Describe { secret } => {
                let result =
                    replication::describe_copy(ctx, &secret.region, secret.arn.as_str()).await;
                Outcome::Described { secret, result }
            }
            Call::Policy { secret } => {
                let result = secrets::policy(ctx, &secret.region, secret.arn.as_str()).await;
                Outcome::Policy { secret, result }
            }
            Call::Fingerprints { secret, copies } => {
                let prints = replication::fingerprints(ctx, &copies).await;
                Outcome::Fingerprints { secret, prints }
            }
            Call::Replicate {
                ref secret,
                ref region,
                ref kms_key,
            } => {
                let result = replication::replicate(
                    ctx,
                    &secret.region,
                    secret.arn.as_str(),
                    region,
                    kms_key.as_deref(),
                )
                .await;
                Outcome::Wrote { call: self, result }
            }
            Call::StopReplication { ref secret } => {
                let result = replication::stop_replication(ctx, secret).await;
                Outcome::Wrote { call: self, result }
            }
            Call::RemoveReplica {
                ref secret,
                ref region,
            } => {
                let regions = [region.clone()];
                let result =
                    secrets::remove_replicas(ctx, &secret.region, secret.arn.as_str(), &regions)
                        .await;
                Outcome::Wrote { call: self, result }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::Describe { secret } => Outcome::Described {
                secret,
                result: Err(error),
            },
            Call::Policy { secret } => Outcome::Policy {
                secret,
                result: Err(error),
            },
            Call::Fingerprints { secret, copies } => Outcome::Fingerprints {
                secret,
                prints: copies
                    .into_iter()
                    .map(|copy| (copy.region, Err(error.clone())))
                    .collect(),
            },
            call @ (Call::Replicate { .. }
            | Call::StopReplication { .. }
            | Call::RemoveReplica { .. }) => Outcome::Wrote {
                call,
                result: Err(error),
            },
        }
    }
}
