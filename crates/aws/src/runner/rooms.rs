//! Each room's calls, performed and answered with that room's own outcome; and, for a call
//! that was never sent (refused, or its identity's credentials gone), the outcome that
//! tells the room it failed. Every match here names each of the room's calls: none falls
//! through to a catch-all.

use smtui_core::app::Written;
use smtui_core::features::editor::LabelsLeft;
use smtui_core::features::{audit, editor, lifecycle, reveal, rotation, tags, versions};
use smtui_core::model::AwsError;

use crate::{AwsContext, cloudtrail, secrets};

/// One page of CloudTrail events.
pub(super) async fn audit(ctx: &AwsContext, call: audit::Call) -> audit::Outcome {
    match call {
        audit::Call::LookupEvents {
            query,
            region,
            lookup,
            start,
            end,
            token,
        } => {
            let result =
                cloudtrail::lookup_events(ctx, &region, &lookup, (start, end), token.as_deref())
                    .await;
            audit::Outcome::Page { query, result }
        }
    }
}

pub(super) fn audit_failed(call: &audit::Call, error: AwsError) -> audit::Outcome {
    match call {
        audit::Call::LookupEvents { query, .. } => audit::Outcome::Page {
            query: *query,
            result: Err(error),
        },
    }
}

/// The editor's calls: the value to edit, a save, the labels its saves left, a new secret,
/// a generated password.
pub(super) async fn editor(ctx: &AwsContext, call: editor::Call) -> editor::Outcome {
    match call {
        editor::Call::FetchForEdit {
            secret,
            version,
            purpose,
        } => {
            let result =
                secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
            editor::Outcome::Source {
                secret,
                purpose,
                result,
            }
        }
        editor::Call::SaveValue {
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
            editor::Outcome::Saved {
                secret,
                token,
                result,
                left,
            }
        }
        editor::Call::RemoveLabels {
            ref secret,
            ref tokens,
        } => {
            let result = secrets::remove_labels(ctx, &secret.region, secret.arn.as_str(), tokens)
                .await
                .map(|()| Written::Updated)
                .map_err(|left| left.error);
            editor::Outcome::LabelsRemoved { call, result }
        }
        editor::Call::Create {
            region,
            name,
            spec,
            token,
            value,
        } => {
            let result = secrets::create(ctx, &region, &name, &spec, &token, &value).await;
            editor::Outcome::Created {
                name,
                token,
                result,
            }
        }
        editor::Call::RandomPassword { region, options } => {
            let result = secrets::random_password(ctx, &region, options).await;
            editor::Outcome::Password { result }
        }
    }
}

pub(super) fn editor_failed(call: editor::Call, error: AwsError) -> editor::Outcome {
    match call {
        editor::Call::FetchForEdit {
            secret, purpose, ..
        } => editor::Outcome::Source {
            secret,
            purpose,
            result: Err(error),
        },
        editor::Call::SaveValue {
            secret,
            token,
            leftovers,
            ..
        } => editor::Outcome::Saved {
            secret,
            token,
            // Nothing was sent: what earlier saves left is still there.
            left: (!leftovers.is_empty()).then(|| LabelsLeft {
                tokens: leftovers,
                error: error.clone(),
            }),
            result: Err(error),
        },
        call @ editor::Call::RemoveLabels { .. } => editor::Outcome::LabelsRemoved {
            call,
            result: Err(error),
        },
        editor::Call::Create { name, token, .. } => editor::Outcome::Created {
            name,
            token,
            result: Err(error),
        },
        editor::Call::RandomPassword { .. } => editor::Outcome::Password { result: Err(error) },
    }
}

/// Delete, restore, replicas removed.
pub(super) async fn lifecycle(ctx: &AwsContext, call: lifecycle::Call) -> lifecycle::Outcome {
    let result = match &call {
        lifecycle::Call::Delete { secret, recovery } => {
            secrets::delete(ctx, &secret.region, secret.arn.as_str(), *recovery)
                .await
                .map(|on| Written::Deleted { on })
        }
        lifecycle::Call::Restore { secret } => {
            secrets::restore(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|()| Written::Restored)
        }
        lifecycle::Call::RemoveReplicas { secret, regions } => {
            secrets::remove_replicas(ctx, &secret.region, secret.arn.as_str(), regions)
                .await
                .map(|()| Written::Updated)
        }
    };
    lifecycle::Outcome::Wrote { call, result }
}

/// Every call of the lifecycle room is a write, answered as one.
pub(super) fn lifecycle_failed(call: lifecycle::Call, error: AwsError) -> lifecycle::Outcome {
    lifecycle::Outcome::Wrote {
        call,
        result: Err(error),
    }
}

/// A value, to show or copy.
pub(super) async fn reveal(ctx: &AwsContext, call: reveal::Call) -> reveal::Outcome {
    match call {
        reveal::Call::GetValue {
            request,
            secret,
            version,
        } => {
            let result =
                secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
            reveal::Outcome::Fetched { request, result }
        }
    }
}

pub(super) fn reveal_failed(call: &reveal::Call, error: AwsError) -> reveal::Outcome {
    match call {
        reveal::Call::GetValue { request, .. } => reveal::Outcome::Fetched {
            request: *request,
            result: Err(error),
        },
    }
}

/// Rotate now, set the schedule, cancel, repair.
pub(super) async fn rotation(ctx: &AwsContext, call: rotation::Call) -> rotation::Outcome {
    let result = match &call {
        rotation::Call::Rotate { secret } => {
            crate::rotation::rotate(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|version| Written::Rotated { version })
        }
        rotation::Call::SetRotation {
            secret,
            rules,
            lambda_arn,
            rotate_now,
        } => crate::rotation::set_rotation(
            ctx,
            &secret.region,
            secret.arn.as_str(),
            rules,
            lambda_arn.as_deref(),
            *rotate_now,
        )
        .await
        .map(|version| match rotate_now {
            true => Written::Rotated { version },
            false => Written::Updated,
        }),
        rotation::Call::CancelRotation { secret } => {
            crate::rotation::cancel(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|()| Written::Updated)
        }
        rotation::Call::RemovePending { secret, version } => {
            crate::rotation::remove_pending(ctx, &secret.region, secret.arn.as_str(), version)
                .await
                .map(|()| Written::Updated)
        }
    };
    rotation::Outcome::Wrote { call, result }
}

/// Every call of the rotation room is a write, answered as one.
pub(super) fn rotation_failed(call: rotation::Call, error: AwsError) -> rotation::Outcome {
    rotation::Outcome::Wrote {
        call,
        result: Err(error),
    }
}

/// The tags room's calls: the resource policy, a tag set or removed, the description.
pub(super) async fn tags(ctx: &AwsContext, call: tags::Call) -> tags::Outcome {
    let result = match &call {
        tags::Call::FetchPolicy { secret } => {
            let result = secrets::policy(ctx, &secret.region, secret.arn.as_str()).await;
            let secret = secret.clone();
            return tags::Outcome::Policy { secret, result };
        }
        tags::Call::Tag { secret, key, value } => {
            secrets::tag(ctx, &secret.region, secret.arn.as_str(), key, value).await
        }
        tags::Call::Untag { secret, key } => {
            secrets::untag(ctx, &secret.region, secret.arn.as_str(), key).await
        }
        tags::Call::UpdateDescription {
            secret,
            description,
        } => {
            secrets::update_description(ctx, &secret.region, secret.arn.as_str(), description).await
        }
    }
    .map(|()| Written::Updated);
    tags::Outcome::Wrote { call, result }
}

pub(super) fn tags_failed(call: tags::Call, error: AwsError) -> tags::Outcome {
    match call {
        tags::Call::FetchPolicy { secret } => tags::Outcome::Policy {
            secret,
            result: Err(error),
        },
        call @ (tags::Call::Tag { .. }
        | tags::Call::Untag { .. }
        | tags::Call::UpdateDescription { .. }) => tags::Outcome::Wrote {
            call,
            result: Err(error),
        },
    }
}

/// The versions room's calls: two values to compare, and a rollback.
pub(super) async fn versions(ctx: &AwsContext, call: versions::Call) -> versions::Outcome {
    match call {
        versions::Call::FetchPair { secret, versions } => {
            let [left, right] = &versions;
            let result =
                secrets::get_pair(ctx, &secret.region, secret.arn.as_str(), [left, right]).await;
            versions::Outcome::Pair { secret, result }
        }
        versions::Call::MakeCurrent {
            ref secret,
            ref version,
            ref from,
        } => {
            let (region, arn) = (&secret.region, secret.arn.as_str());
            let result = secrets::make_current(ctx, region, arn, version, from)
                .await
                .map(|()| Written::MadeCurrent);
            versions::Outcome::MadeCurrent { call, result }
        }
    }
}

pub(super) fn versions_failed(call: versions::Call, error: AwsError) -> versions::Outcome {
    match call {
        versions::Call::FetchPair { secret, .. } => versions::Outcome::Pair {
            secret,
            result: Err(error),
        },
        call @ versions::Call::MakeCurrent { .. } => versions::Outcome::MadeCurrent {
            call,
            result: Err(error),
        },
    }
}
