//! The audit room's call: one page of CloudTrail events.

use smtui_core::features::audit::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, cloudtrail};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::LookupEvents {
                query,
                region,
                lookup,
                start,
                end,
                token,
            } => {
                let result = cloudtrail::lookup_events(
                    ctx,
                    &region,
                    &lookup,
                    (start, end),
                    token.as_deref(),
                )
                .await;
                Outcome::Page { query, result }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::LookupEvents { query, .. } => Outcome::Page {
                query,
                result: Err(error),
            },
        }
    }
}
