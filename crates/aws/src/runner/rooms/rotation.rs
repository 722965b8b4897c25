//! The rotation room's calls: rotate now, set the schedule, cancel, repair.

use smtui_core::app::Written;
use smtui_core::features::rotation::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, rotation};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        let result = match &self {
            Call::Rotate { secret } => rotation::rotate(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|version| Written::Rotated { version }),
            Call::SetRotation {
                secret,
                rules,
                lambda_arn,
                rotate_now,
            } => rotation::set_rotation(
                ctx,
                &secret.region,
                secret.arn.as_str(),
                rules,
                lambda_arn.as_ref().map(smtui_core::ids::Arn::as_str),
                *rotate_now,
            )
            .await
            .map(|version| match rotate_now {
                true => Written::Rotated { version },
                false => Written::Updated,
            }),
            Call::CancelRotation { secret } => {
                rotation::cancel(ctx, &secret.region, secret.arn.as_str())
                    .await
                    .map(|()| Written::Updated)
            }
            Call::RemovePending { secret, version } => {
                rotation::remove_pending(ctx, &secret.region, secret.arn.as_str(), version)
                    .await
                    .map(|()| Written::Updated)
            }
        };
        Outcome::Wrote { call: self, result }
    }

    /// Every call of the rotation room is a write, answered as one.
    fn failed(self, error: AwsError) -> Outcome {
        Outcome::Wrote {
            call: self,
            result: Err(error),
        }
    }
}
