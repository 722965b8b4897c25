//! The org room's call: the organisation's accounts.

use smtui_core::features::org::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, organizations};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::Accounts { unit } => {
                Outcome::Accounts(organizations::accounts(ctx, unit.as_deref()).await)
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::Accounts { .. } => Outcome::Accounts(Err(error)),
        }
    }
}
