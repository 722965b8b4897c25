//! Secrets Manager and STS calls, returning model types and classified errors.

use aws_sdk_secretsmanager::primitives::Blob;

use super::{AwsContext, AwsError, convert};
use smtui_core::features::editor::call::{NewSecret, PasswordOptions, staging_label};
use smtui_core::features::editor::{LabelsLeft, SaveResult};
use smtui_core::features::lifecycle::call::Recovery;
pub(crate) use smtui_core::model::FetchedValue;
use smtui_core::model::{CallerIdentity, SecretDetail, SecretSummary, VersionSel};
use smtui_core::secret::{SecretValue, ValueView};

/// ListSecrets allows at most 100 per page.
pub(crate) const LIST_PAGE_SIZE: i32 = 100;

/// Lists every secret of one region, page by page (pages are sequential by API design),
/// handing each page to `on_page` as soon as it arrives. `on_page` gets `true` for the last.
pub(crate) async fn list_region(
    ctx: &AwsContext,
    region: &str,
    mut on_page: impl FnMut(Vec<SecretSummary>, bool),
) -> Result<(), AwsError> {
    let mut pages = ctx
        .secrets(region)
        .list_secrets()
        .max_results(LIST_PAGE_SIZE)
        // Always fetched; the "show scheduled for deletion" toggle filters locally.
        .include_planned_deletion(true)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let out = page.map_err(|e| crate::error::from_sdk("ListSecrets", region, &e))?;
        // An entry with a malformed ARN (its own or its rotation function's) cannot be
        // trusted: left out, and said in the log.
        let rows = out
            .secret_list()
            .iter()
            .filter_map(|e| {
                convert::summary(region, e)
                    .inspect_err(|why| tracing::warn!(%why, "a listed secret left out"))
                    .ok()
            })
            .collect();
        let last = out.next_token().is_none_or(str::is_empty);
        on_page(rows, last);
        if last {
            return Ok(());
        }
    }
    // The paginator stopped without a last page (it ends early on a repeated token): the
    // region is as loaded as it will get.
    on_page(Vec::new(), true);
    Ok(())
}

/// DescribeSecret and ListSecretVersionIds, concurrently.
pub(crate) async fn describe(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
) -> Result<SecretDetail, AwsError> {
    let client = ctx.secrets(region);
    let describe = client.describe_secret().secret_id(arn).send();
    let versions = async {
        let mut pages = client
            .list_secret_version_ids()
            .secret_id(arn)
            // Versions without a label too: rollback targets and what rotations left behind.
            .include_deprecated(true)
            .max_results(100)
            .into_paginator()
            .send();
        let mut all = Vec::new();
        while let Some(page) = pages.next().await {
            let out =
                page.map_err(|e| crate::error::from_sdk("ListSecretVersionIds", region, &e))?;
            all.extend(out.versions().iter().map(convert::version));
        }
        Ok::<_, AwsError>(all)
    };
    let (described, versions) = tokio::join!(describe, versions);
    let described = described.map_err(|e| crate::error::from_sdk("DescribeSecret", region, &e))?;
    // A policy may allow DescribeSecret but not ListSecretVersionIds: the labelled versions
    // DescribeSecret names are still worth showing, with the reason the rest are missing.
    let (versions, versions_error) = match versions {
        Ok(versions) => (versions, None),
        Err(error) => (
            convert::staged_versions(&described),
            Some(error.to_string()),
        ),
    };
    let mut detail = convert::detail(region, &described, versions)?;
    detail.versions_error = versions_error;
    Ok(detail)
}

pub(crate) async fn get_value(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    version: &VersionSel,
) -> Result<FetchedValue, AwsError> {
    let request = ctx.secrets(region).get_secret_value().secret_id(arn);
    let request = match version {
        VersionSel::Stage(stage) => request.version_stage(stage),
        VersionSel::Id(id) => request.version_id(id),
    };
    let mut out = request
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetSecretValue", region, &e))?;
    let string = out.secret_string.take().map(SecretValue::from_string);
    let binary = out
        .secret_binary
        .take()
        .map(|b: Blob| SecretValue::from_bytes(b.into_inner()));
    let raw = string
        .clone()
        .or_else(|| binary.clone())
        .unwrap_or_else(|| SecretValue::from_bytes(Vec::new()));
    Ok(FetchedValue {
        version_id: out.version_id.take().unwrap_or_default(),
        stages: out.version_stages.take().unwrap_or_default(),
        raw,
        view: ValueView::from_parts(string, binary),
    })
}

pub(crate) async fn caller_identity(
    ctx: &AwsContext,
    region: Option<&str>,
) -> Result<CallerIdentity, AwsError> {
    let out = ctx
        .sts(region)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetCallerIdentity", region.unwrap_or("global"), &e))?;
    Ok(CallerIdentity {
        account: out.account().unwrap_or_default().to_owned(),
        arn: convert::arn("GetCallerIdentity", region.unwrap_or("global"), out.arn())?,
    })
}

/// DeleteSecret: restorable for `recovery` days, or gone at once. Returns the deletion
/// date AWS reports.
pub(crate) async fn delete(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    recovery: Recovery,
) -> Result<Option<jiff::Timestamp>, AwsError> {
    let request = ctx.secrets(region).delete_secret().secret_id(arn);
    let request = match recovery {
        Recovery::Days(days) => request.recovery_window_in_days(i64::from(days)),
        Recovery::Never => request.force_delete_without_recovery(true),
    };
    let out = request
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("DeleteSecret", region, &e))?;
    Ok(convert::timestamp(out.deletion_date()))
}

/// RestoreSecret: cancels a scheduled deletion.
pub(crate) async fn restore(ctx: &AwsContext, region: &str, arn: &str) -> Result<(), AwsError> {
    ctx.secrets(region)
        .restore_secret()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("RestoreSecret", region, &e))?;
    Ok(())
}

/// The editor's compare-and-swap save. Secrets Manager has no conditional write, so:
/// 1. PutSecretValue under a private staging label (never AWSCURRENT), with the caller's
///    ClientRequestToken: a retry of the same save answers with the same version;
/// 2. UpdateSecretVersionStage moves AWSCURRENT to it *from `base_version`*: the service
///    refuses when AWSCURRENT is no longer there (someone else saved, or a rotation ran);
/// 3. the private label is removed again, whichever way step 2 went.
///
/// A put that failed may still have been applied (a timeout), and a removal can fail: the
/// label is then looked for and removed, with those `leftovers` (tokens of earlier saves
/// whose label may still be there). What stays is answered beside the outcome.
pub(crate) async fn save_value(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    (base_version, token): (&str, &str),
    value: &SecretValue,
    leftovers: &[String],
) -> (Result<SaveResult, AwsError>, Option<LabelsLeft>) {
    let mut unsure: Vec<String> = leftovers.iter().filter(|t| *t != token).cloned().collect();
    let (result, label_removed) =
        put_and_move(ctx, region, arn, (base_version, token), value).await;
    if !label_removed {
        unsure.push(token.to_owned());
    }
    let left = if unsure.is_empty() {
        None
    } else {
        remove_labels(ctx, region, arn, &unsure).await.err()
    };
    (result, left)
}

/// Steps 1 to 3 of `save_value`; `true` beside the outcome when the private label is known
/// to be gone (or never made).
async fn put_and_move(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    (base_version, token): (&str, &str),
    value: &SecretValue,
) -> (Result<SaveResult, AwsError>, bool) {
    let client = ctx.secrets(region);
    let label = staging_label(token);
    let Some(text) = value.expose_str() else {
        let error = AwsError::invalid("PutSecretValue", region, "the value is not UTF-8 text");
        return (Err(error), true);
    };
    let put = client
        .put_secret_value()
        .secret_id(arn)
        .client_request_token(token)
        // The SDK copies the string into the request; it is the one copy outside our buffer.
        .secret_string(text)
        .version_stages(&label)
        .send()
        .await;
    let put = match put {
        Ok(put) => put,
        // Perhaps applied all the same (an answer lost): the label is looked for.
        Err(e) => {
            return (
                Err(crate::error::from_sdk("PutSecretValue", region, &e)),
                false,
            );
        }
    };
    let new_version = put.version_id().unwrap_or(token).to_owned();
    let moved = client
        .update_secret_version_stage()
        .secret_id(arn)
        .version_stage("AWSCURRENT")
        .remove_from_version_id(base_version)
        .move_to_version_id(&new_version)
        .send()
        .await;
    let unlabelled = client
        .update_secret_version_stage()
        .secret_id(arn)
        .version_stage(&label)
        .remove_from_version_id(&new_version)
        .send()
        .await
        .is_ok();
    let result = match moved {
        Ok(_) => Ok(SaveResult::Saved {
            version_id: new_version,
        }),
        Err(e) => {
            let error = crate::error::from_sdk("UpdateSecretVersionStage", region, &e);
            // Refused because AWSCURRENT moved? Then it is a conflict, not a failure.
            match current_version(ctx, region, arn).await {
                // A retry whose earlier move went through (its answer was lost): saved.
                Some(current) if current == new_version => Ok(SaveResult::Saved {
                    version_id: new_version,
                }),
                Some(current) if current != base_version => Ok(SaveResult::Conflict {
                    current_version: current,
                }),
                _ => Err(error),
            }
        }
    };
    (result, unlabelled)
}

/// Takes the private labels of `tokens`' saves off whatever version holds them. `Err` names
/// the tokens whose label is still there, or could not be looked for, and why.
pub(crate) async fn remove_labels(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    tokens: &[String],
) -> Result<(), LabelsLeft> {
    let client = ctx.secrets(region);
    let described = client
        .describe_secret()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| LabelsLeft {
            tokens: tokens.to_vec(),
            error: crate::error::from_sdk("DescribeSecret", region, &e),
        })?;
    let stages = described
        .version_ids_to_stages()
        .cloned()
        .unwrap_or_default();
    let mut left = Vec::new();
    let mut last_error = None;
    for token in tokens {
        let label = staging_label(token);
        let Some(version) = stages
            .iter()
            .find(|(_, stages)| stages.contains(&label))
            .map(|(id, _)| id)
        else {
            continue;
        };
        let removed = client
            .update_secret_version_stage()
            .secret_id(arn)
            .version_stage(&label)
            .remove_from_version_id(version)
            .send()
            .await;
        if let Err(e) = removed {
            left.push(token.clone());
            last_error = Some(crate::error::from_sdk(
                "UpdateSecretVersionStage",
                region,
                &e,
            ));
        }
    }
    match last_error {
        None => Ok(()),
        Some(error) => Err(LabelsLeft {
            tokens: left,
            error,
        }),
    }
}

/// The version that holds AWSCURRENT now.
async fn current_version(ctx: &AwsContext, region: &str, arn: &str) -> Option<String> {
    let out = ctx
        .secrets(region)
        .describe_secret()
        .secret_id(arn)
        .send()
        .await
        .ok()?;
    out.version_ids_to_stages()?
        .iter()
        .find(|(_, stages)| stages.iter().any(|s| s == "AWSCURRENT"))
        .map(|(id, _)| id.clone())
}

/// Two versions' values, fetched together (for a comparison).
pub(crate) async fn get_pair(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    [left, right]: [&str; 2],
) -> Result<[FetchedValue; 2], AwsError> {
    let (left, right) = (
        VersionSel::Id(left.to_owned()),
        VersionSel::Id(right.to_owned()),
    );
    let (left, right) = tokio::join!(
        get_value(ctx, region, arn, &left),
        get_value(ctx, region, arn, &right),
    );
    Ok([left?, right?])
}

/// Moves AWSCURRENT to `version` from `from` (the service moves AWSPREVIOUS to `from`).
pub(crate) async fn make_current(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    version: &str,
    from: &str,
) -> Result<(), AwsError> {
    ctx.secrets(region)
        .update_secret_version_stage()
        .secret_id(arn)
        .version_stage("AWSCURRENT")
        .move_to_version_id(version)
        .remove_from_version_id(from)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("UpdateSecretVersionStage", region, &e))?;
    Ok(())
}

/// TagResource with one tag.
pub(crate) async fn tag(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    key: &str,
    value: &str,
) -> Result<(), AwsError> {
    let tag = aws_sdk_secretsmanager::types::Tag::builder()
        .key(key)
        .value(value)
        .build();
    ctx.secrets(region)
        .tag_resource()
        .secret_id(arn)
        .tags(tag)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("TagResource", region, &e))?;
    Ok(())
}

/// UntagResource with one key.
pub(crate) async fn untag(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    key: &str,
) -> Result<(), AwsError> {
    ctx.secrets(region)
        .untag_resource()
        .secret_id(arn)
        .tag_keys(key)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("UntagResource", region, &e))?;
    Ok(())
}

/// UpdateSecret with only the description (no value, so no new version).
pub(crate) async fn update_description(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    description: &str,
) -> Result<(), AwsError> {
    ctx.secrets(region)
        .update_secret()
        .secret_id(arn)
        .description(description)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("UpdateSecret", region, &e))?;
    Ok(())
}

/// GetResourcePolicy, pretty-printed; `None` when the secret has none.
pub async fn policy(ctx: &AwsContext, region: &str, arn: &str) -> Result<Option<String>, AwsError> {
    let out = ctx
        .secrets(region)
        .get_resource_policy()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetResourcePolicy", region, &e))?;
    Ok(out.resource_policy().map(|text| {
        serde_json::from_str::<serde_json::Value>(text)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| text.to_owned())
    }))
}

/// CreateSecret with the caller's ClientRequestToken (a retry with the same token and
/// value is answered with the same secret): a string, or bytes for a binary secret, with
/// its description, KMS key, tags and replica regions. Returns its ARN.
pub(crate) async fn create(
    ctx: &AwsContext,
    region: &str,
    name: &str,
    spec: &NewSecret,
    token: &str,
    value: &SecretValue,
) -> Result<smtui_core::ids::Arn, AwsError> {
    let mut request = ctx
        .secrets(region)
        .create_secret()
        .name(name)
        .client_request_token(token)
        .set_kms_key_id(spec.kms_key.clone());
    request = if spec.binary {
        request.secret_binary(Blob::new(value.expose().to_vec()))
    } else {
        let text = value.expose_str().ok_or_else(|| {
            AwsError::invalid("CreateSecret", region, "the value is not UTF-8 text")
        })?;
        request.secret_string(text)
    };
    if !spec.description.is_empty() {
        request = request.description(&spec.description);
    }
    for tag in &spec.tags {
        request = request.tags(
            aws_sdk_secretsmanager::types::Tag::builder()
                .key(tag.key.as_str())
                .value(tag.value.as_str())
                .build(),
        );
    }
    for replica in &spec.replicas {
        request = request.add_replica_regions(
            aws_sdk_secretsmanager::types::ReplicaRegionType::builder()
                .region(replica)
                .build(),
        );
    }
    let out = request
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("CreateSecret", region, &e))?;
    convert::arn("CreateSecret", region, out.arn())
}

/// GetRandomPassword, moved into a zeroizing value.
pub async fn random_password(
    ctx: &AwsContext,
    region: &str,
    options: PasswordOptions,
) -> Result<SecretValue, AwsError> {
    let mut out = ctx
        .secrets(region)
        .get_random_password()
        .password_length(i64::from(options.length))
        .exclude_punctuation(options.exclude_punctuation)
        .exclude_numbers(options.exclude_numbers)
        .exclude_uppercase(options.exclude_uppercase)
        .exclude_lowercase(options.exclude_lowercase)
        .include_space(options.include_space)
        // A password goes into the editor at the cursor, often inside a JSON string: a quote
        // or a backslash there would end the string or start an escape.
        .exclude_characters("\"\\")
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetRandomPassword", region, &e))?;
    Ok(SecretValue::from_string(
        out.random_password.take().unwrap_or_default(),
    ))
}

/// RemoveRegionsFromReplication: the replicas in `regions`, with their secrets, go.
pub(crate) async fn remove_replicas(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    regions: &[String],
) -> Result<(), AwsError> {
    ctx.secrets(region)
        .remove_regions_from_replication()
        .secret_id(arn)
        .set_remove_replica_regions(Some(regions.to_vec()))
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("RemoveRegionsFromReplication", region, &e))?;
    Ok(())
}
