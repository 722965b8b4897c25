//! The tags room's calls: the resource policy, a tag set or removed, the description.

use smtui_core::app::Written;
use smtui_core::features::tags::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        let result = match &self {
            Call::FetchPolicy { secret } => {
                let result = secrets::policy(ctx, &secret.region, secret.arn.as_str()).await;
                let secret = secret.clone();
                return Outcome::Policy { secret, result };
            }
            Call::Tag { secret, key, value } => {
                secrets::tag(ctx, &secret.region, secret.arn.as_str(), key, value).await
            }
            Call::Untag { secret, key } => {
                secrets::untag(ctx, &secret.region, secret.arn.as_str(), key).await
            }
            Call::UpdateDescription {
                secret,
                description,
            } => {
                let arn = secret.arn.as_str();
                secrets::update_description(ctx, &secret.region, arn, description).await
            }
        }
        .map(|()| Written::Updated);
        Outcome::Wrote { call: self, result }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::FetchPolicy { secret } => Outcome::Policy {
                secret,
                result: Err(error),
            },
            call @ (Call::Tag { .. } | Call::Untag { .. } | Call::UpdateDescription { .. }) => {
                Outcome::Wrote {
                    call,
                    result: Err(error),
                }
            }
        }
    }
}
