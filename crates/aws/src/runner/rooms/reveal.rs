//! The reveal room's call: a value, to show or copy.

use smtui_core::features::reveal::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::GetValue {
                request,
                secret,
                version,
            } => {
                let result =
                    secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
                Outcome::Fetched { request, result }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::GetValue { request, .. } => Outcome::Fetched {
                request,
                result: Err(error),
            },
        }
    }
}
