//! The editor's calls: the value to edit, a save, the labels its saves left, a new secret,
//! a generated password.

use smtui_core::app::Written;
use smtui_core::features::editor::{Call, LabelsLeft, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, secrets};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::FetchForEdit {
                secret,
                version,
                purpose,
            } => {
                let result =
                    secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
                Outcome::Source {
                    secret,
                    purpose,
                    result,
                }
            }
            Call::SaveValue {
                secret,
                base_version,
                token,
                value,
                leftovers,
            } => {
                let (result, left) = secrets::save_value(
                    ctx,
                    &secret.region,
                    secret.arn.as_str(),
                    (&base_version, &token),
                    &value,
                    &leftovers,
                )
                .await;
                Outcome::Saved {
                    secret,
                    token,
                    result,
                    left,
                }
            }
            Call::RemoveLabels {
                ref secret,
                ref tokens,
            } => {
                let result =
                    secrets::remove_labels(ctx, &secret.region, secret.arn.as_str(), tokens)
                        .await
                        .map(|()| Written::Updated)
                        .map_err(|left| left.error);
                Outcome::LabelsRemoved { call: self, result }
            }
            Call::Create {
                region,
                name,
                spec,
                token,
                value,
            } => {
                let result = secrets::create(ctx, &region, &name, &spec, &token, &value).await;
                Outcome::Created {
                    name,
                    token,
                    result,
                }
            }
            Call::RandomPassword { region, options } => {
                let result = secrets::random_password(ctx, &region, options).await;
                Outcome::Password { result }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::FetchForEdit {
                secret, purpose, ..
            } => Outcome::Source {
                secret,
                purpose,
                result: Err(error),
            },
            Call::SaveValue {
                secret,
                token,
                leftovers,
                ..
            } => Outcome::Saved {
                secret,
                token,
                // Nothing was sent: what earlier saves left is still there.
                left: (!leftovers.is_empty()).then(|| LabelsLeft {
                    tokens: leftovers,
                    error: error.clone(),
                }),
                result: Err(error),
            },
            call @ Call::RemoveLabels { .. } => Outcome::LabelsRemoved {
                call,
                result: Err(error),
            },
            Call::Create { name, token, .. } => Outcome::Created {
                name,
                token,
                result: Err(error),
            },
            Call::RandomPassword { .. } => Outcome::Password { result: Err(error) },
        }
    }
}
