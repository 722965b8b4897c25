//! The value checks' calls: the target fingerprinted, batches read and fingerprinted. Only
//! fingerprints go back to the core.

use smtui_core::features::values::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::AwsContext;
use crate::value_checks::{fingerprint, read};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            // The target is dropped (zeroized) with the call, once fingerprinted.
            Call::Fingerprint { scan, target } => Outcome::Target {
                scan,
                print: fingerprint::of(target.expose()),
            },
            Call::Read { scan, secrets } => {
                let result = read::read_prints(ctx, &secrets).await;
                Outcome::Read {
                    scan,
                    secrets,
                    result,
                }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            // Made without AWS, but in its identity's lane like every call: refused there
            // (its credentials gone), the check says so and asks for the value again.
            Call::Fingerprint { scan, .. } => Outcome::TargetFailed { scan, error },
            Call::Read { scan, secrets } => Outcome::Read {
                scan,
                secrets,
                result: Err(error),
            },
        }
    }
}
