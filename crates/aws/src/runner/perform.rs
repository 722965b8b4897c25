//! Performing one AWS call in its lane, and answering it: the app's own outcome for what
//! several rooms read, the asking room's own (`Outcome::Tags(tags::Outcome)`) for the rest.
//! Every call is named in `perform`'s one match, so a new call does not compile until it is
//! given a place; each room's calls then go to that room's function here, which still
//! answers (as `failed`) a call that is not its own rather than drop it: every effect is
//! answered.

use smtui_core::app::{AwsCall, IdentityId, Outcome, Written};
use smtui_core::features::{audit, editor, lifecycle, reveal, rotation, tags, versions};

use super::lanes::Lanes;
use super::{failed, refused};
use crate::{AwsContext, cloudtrail, secrets};

/// Runs one AWS call, sending each outcome as it comes (a listing sends a page at a time).
pub(super) async fn perform(
    ctx: &AwsContext,
    lanes: &Lanes,
    identity: IdentityId,
    call: AwsCall,
    send: impl Fn(Outcome),
) {
    match call {
        AwsCall::ListSecrets { region } => {
            let result = secrets::list_region(ctx, &region, |page, last| {
                send(Outcome::SecretsPage {
                    region: region.clone(),
                    page,
                    last,
                });
            })
            .await;
            if let Err(error) = result {
                tracing::debug!(%error, "listing failed");
                send(Outcome::RegionFailed { region, error });
            }
        }
        AwsCall::Describe { secret } => {
            let result = secrets::describe(ctx, &secret.region, secret.arn.as_str()).await;
            send(Outcome::Described { secret, result });
        }
        AwsCall::WhoAmI { region } => {
            let result = secrets::caller_identity(ctx, region.as_deref()).await;
            if let Ok(me) = &result {
                lanes.learn_account(identity, me.account.clone());
            }
            send(Outcome::WhoAmI { result });
        }
        AwsCall::GetValue {
            request,
            secret,
            version,
        } => {
            let result =
                secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
            send(Outcome::Reveal(reveal::Outcome::Fetched {
                request,
                result,
            }));
        }
        AwsCall::LookupEvents {
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
            send(Outcome::Audit(audit::Outcome::Page { query, result }));
        }
        call @ (AwsCall::FetchForEdit { .. }
        | AwsCall::SaveValue { .. }
        | AwsCall::RemoveLabels { .. }
        | AwsCall::Create { .. }
        | AwsCall::RandomPassword { .. }) => {
            editor_call(ctx, call, send).await;
        }
        call @ (AwsCall::FetchPair { .. } | AwsCall::MakeCurrent { .. }) => {
            versions_call(ctx, call, send).await;
        }
        call @ (AwsCall::FetchPolicy { .. }
        | AwsCall::Tag { .. }
        | AwsCall::Untag { .. }
        | AwsCall::UpdateDescription { .. }) => {
            tags_call(ctx, call, send).await;
        }
        call @ (AwsCall::Delete { .. }
        | AwsCall::Restore { .. }
        | AwsCall::RemoveReplicas { .. }) => {
            lifecycle_write(ctx, call, send).await;
        }
        call @ (AwsCall::Rotate { .. }
        | AwsCall::SetRotation { .. }
        | AwsCall::CancelRotation { .. }
        | AwsCall::RemovePending { .. }) => {
            rotation_write(ctx, call, send).await;
        }
        // `identities::start` performs these before any lane; never here, still answered.
        call @ (AwsCall::AssumeRole { .. }
        | AwsCall::AssumeRoleWithMfa { .. }
        | AwsCall::SessionToken { .. }
        | AwsCall::UseProfile { .. }) => {
            let error = refused(&call, "an identity is made before any lane".to_owned());
            send(failed(call, error));
        }
    }
}

/// The editor's calls: the value to edit, a save, the labels its saves left, a new secret,
/// a generated password.
async fn editor_call(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    match call {
        AwsCall::FetchForEdit {
            secret,
            version,
            purpose,
        } => {
            let result =
                secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
            send(Outcome::Editor(editor::Outcome::Source {
                secret,
                purpose,
                result,
            }));
        }
        AwsCall::SaveValue {
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
            send(Outcome::Editor(editor::Outcome::Saved {
                secret,
                token,
                result,
                left,
            }));
        }
        AwsCall::RemoveLabels {
            ref secret,
            ref tokens,
        } => {
            let result = secrets::remove_labels(ctx, &secret.region, secret.arn.as_str(), tokens)
                .await
                .map(|()| Written::Updated)
                .map_err(|left| left.error);
            send(Outcome::Editor(editor::Outcome::LabelsRemoved {
                call,
                result,
            }));
        }
        AwsCall::Create {
            region,
            name,
            spec,
            token,
            value,
        } => {
            let result = secrets::create(ctx, &region, &name, &spec, &token, &value).await;
            send(Outcome::Editor(editor::Outcome::Created {
                name,
                token,
                result,
            }));
        }
        AwsCall::RandomPassword { region, options } => {
            let result = secrets::random_password(ctx, &region, options).await;
            send(Outcome::Editor(editor::Outcome::Password { result }));
        }
        // `perform` sends only the editor's calls here; any other is still answered.
        other => send(failed(
            other.clone(),
            refused(&other, "not an editor call".to_owned()),
        )),
    }
}

/// The versions room's calls: two values to compare, and a rollback.
async fn versions_call(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    match call {
        AwsCall::FetchPair { secret, versions } => {
            let [left, right] = &versions;
            let result =
                secrets::get_pair(ctx, &secret.region, secret.arn.as_str(), [left, right]).await;
            send(Outcome::Versions(versions::Outcome::Pair {
                secret,
                result,
            }));
        }
        AwsCall::MakeCurrent {
            ref secret,
            ref version,
            ref from,
        } => {
            let (region, arn) = (&secret.region, secret.arn.as_str());
            let result = secrets::make_current(ctx, region, arn, version, from)
                .await
                .map(|()| Written::MadeCurrent);
            send(Outcome::Versions(versions::Outcome::MadeCurrent {
                call,
                result,
            }));
        }
        other => send(failed(
            other.clone(),
            refused(&other, "not a versions call".to_owned()),
        )),
    }
}

/// The tags room's calls: the resource policy, a tag set or removed, the description.
async fn tags_call(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    let result = match &call {
        AwsCall::FetchPolicy { secret } => {
            let result = secrets::policy(ctx, &secret.region, secret.arn.as_str()).await;
            let secret = secret.clone();
            return send(Outcome::Tags(tags::Outcome::Policy { secret, result }));
        }
        AwsCall::Tag { secret, key, value } => {
            secrets::tag(ctx, &secret.region, secret.arn.as_str(), key, value).await
        }
        AwsCall::Untag { secret, key } => {
            secrets::untag(ctx, &secret.region, secret.arn.as_str(), key).await
        }
        AwsCall::UpdateDescription {
            secret,
            description,
        } => {
            secrets::update_description(ctx, &secret.region, secret.arn.as_str(), description).await
        }
        other => {
            let error = refused(other, "not a tags call".to_owned());
            return send(failed(call, error));
        }
    }
    .map(|()| Written::Updated);
    send(Outcome::Tags(tags::Outcome::Wrote { call, result }));
}

/// Delete, restore, replicas removed.
async fn lifecycle_write(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    let result = match &call {
        AwsCall::Delete { secret, recovery } => {
            secrets::delete(ctx, &secret.region, secret.arn.as_str(), *recovery)
                .await
                .map(|on| Written::Deleted { on })
        }
        AwsCall::Restore { secret } => secrets::restore(ctx, &secret.region, secret.arn.as_str())
            .await
            .map(|()| Written::Restored),
        AwsCall::RemoveReplicas { secret, regions } => {
            secrets::remove_replicas(ctx, &secret.region, secret.arn.as_str(), regions)
                .await
                .map(|()| Written::Updated)
        }
        other => {
            let error = refused(other, "not a lifecycle write".to_owned());
            return send(failed(call, error));
        }
    };
    send(Outcome::Lifecycle(lifecycle::Outcome::Wrote {
        call,
        result,
    }));
}

/// Rotate now, set the schedule, cancel, repair.
async fn rotation_write(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    let result = match &call {
        AwsCall::Rotate { secret } => {
            crate::rotation::rotate(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|version| Written::Rotated { version })
        }
        AwsCall::SetRotation {
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
        AwsCall::CancelRotation { secret } => {
            crate::rotation::cancel(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|()| Written::Updated)
        }
        AwsCall::RemovePending { secret, version } => {
            crate::rotation::remove_pending(ctx, &secret.region, secret.arn.as_str(), version)
                .await
                .map(|()| Written::Updated)
        }
        other => {
            let error = refused(other, "not a rotation write".to_owned());
            return send(failed(call, error));
        }
    };
    send(Outcome::Rotation(rotation::Outcome::Wrote { call, result }));
}
