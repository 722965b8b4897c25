//! The access room's calls, every one a read: the secret's resource policy, its key and key
//! policy, a page of the account's IAM, a page of the secret's CloudTrail events, and IAM's
//! policy simulator.

use smtui_core::features::access::{Call, Outcome};
use smtui_core::model::AwsError;
use smtui_core::model::audit::Lookup;

use super::Performs;
use crate::{AwsContext, cloudtrail, iam, kms, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::ResourcePolicy { secret } => {
                let result = secrets::policy(ctx, &secret.region, secret.arn.as_str()).await;
                Outcome::ResourcePolicy { secret, result }
            }
            Call::Key { secret, key_id } => {
                let result = kms::key(ctx, &secret.region, &key_id).await;
                Outcome::Key { secret, result }
            }
            Call::IamPage { secret, marker } => {
                let (result, total) =
                    iam::authorization_page(ctx, &secret.region, marker.as_deref()).await;
                Outcome::IamPage {
                    secret,
                    result,
                    total,
                }
            }
            Call::Reads {
                secret,
                start,
                end,
                token,
            } => {
                // The events that name the secret, as the audit pane looks them up.
                let lookup = Lookup::ResourceName(secret.arn.to_string());
                let window = (start, end);
                let result =
                    cloudtrail::lookup_events(ctx, &secret.region, &lookup, window, token.as_deref())
                        .await;
                Outcome::Reads { secret, result }
            }
            Call::Simulate {
                secret,
                principal,
                resource_policy,
            } => {
                let result = iam::simulate(
                    ctx,
                    &secret.region,
                    &principal,
                    secret.arn.as_str(),
                    resource_policy.as_deref(),
                )
                .await;
                Outcome::Simulated {
                    secret,
                    principal,
                    result,
                }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::ResourcePolicy { secret } => Outcome::ResourcePolicy {
                secret,
                result: Err(error),
            },
            Call::Key { secret, .. } => Outcome::Key {
                secret,
                result: Err(error),
            },
            Call::IamPage { secret, .. } => Outcome::IamPage {
                secret,
                result: Err(error),
                total: None,
            },
            Call::Reads { secret, .. } => Outcome::Reads {
                secret,
                result: Err(error),
            },
            Call::Simulate {
                secret, principal, ..
            } => Outcome::Simulated {
                secret,
                principal,
                result: Err(error),
            },
        }
    }
}
