//! SDK types -> `model` types.

use aws_sdk_secretsmanager::types as sm;
use aws_smithy_types::DateTime;
use jiff::Timestamp;

use smtui_core::ids::Arn;
use smtui_core::model::{
    AwsError, Replica, Rotation, SecretDetail, SecretSummary, Tag, VersionInfo, VersionStages,
};

/// The ARN a service answered with, parsed here once for the whole app; one that is
/// missing or malformed is an error of the call (`operation` in `region`), never a panic.
pub(crate) fn arn(
    operation: &'static str,
    region: &str,
    text: Option<&str>,
) -> Result<Arn, AwsError> {
    let text = text.unwrap_or_default();
    Arn::parse(text).map_err(|why| {
        AwsError::invalid(
            operation,
            region,
            &format!("the service answered with a malformed ARN {text:?}: {why}"),
        )
    })
}

pub(crate) fn timestamp(value: Option<&DateTime>) -> Option<Timestamp> {
    let value = value?;
    Timestamp::new(value.secs(), i32::try_from(value.subsec_nanos()).ok()?).ok()
}

fn tags(tags: &[sm::Tag]) -> Vec<Tag> {
    tags.iter()
        .map(|t| Tag {
            key: t.key().unwrap_or_default().into(),
            value: t.value().unwrap_or_default().into(),
        })
        .collect()
}

/// A listed secret; an error for an entry whose ARN is missing or malformed (nothing can
/// be asked about it). A malformed rotation function's ARN loses the secret nothing: it is
/// listed without that function (and the reason logged); its description says the error.
pub(crate) fn summary(
    region: &str,
    entry: &sm::SecretListEntry,
) -> Result<SecretSummary, AwsError> {
    let function = rotation_function(("ListSecrets", region), entry.rotation_lambda_arn())
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "a listed secret's rotation function is not an ARN");
            None
        });
    Ok(SecretSummary {
        // Who listed it is the core's to say (the stamp of the page it comes in).
        identity: smtui_core::ids::IdentityId::START,
        arn: arn("ListSecrets", region, entry.arn())?,
        name: entry.name().unwrap_or_default().to_owned(),
        region: region.into(),
        description: entry
            .description()
            .filter(|d| !d.is_empty())
            .map(Into::into),
        created: timestamp(entry.created_date()),
        last_changed: timestamp(entry.last_changed_date()),
        last_accessed: timestamp(entry.last_accessed_date()),
        rotation: rotation(
            entry.rotation_enabled(),
            function,
            entry.rotation_rules(),
            entry.last_rotated_date(),
            entry.next_rotation_date(),
        )
        .into(),
        owning_service: entry.owning_service().map(Into::into),
        stages: stage_map(entry.secret_versions_to_stages()),
        tags: tags(entry.tags()).into(),
        deleted_date: timestamp(entry.deleted_date()),
        primary_region: entry.primary_region().map(Into::into),
        kms_key_id: entry.kms_key_id().map(Into::into),
    })
}

/// A described secret; an error when its ARN is missing or malformed, or its rotation
/// function's ARN is malformed.
pub(crate) fn detail(
    region: &str,
    out: &aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput,
    mut versions: Vec<VersionInfo>,
) -> Result<SecretDetail, AwsError> {
    // Newest first; the labelled versions first of all, since those are what users pick.
    versions.sort_by_key(|v| (v.stages.is_empty(), std::cmp::Reverse(v.created)));
    Ok(SecretDetail {
        arn: arn("DescribeSecret", region, out.arn())?,
        name: out.name().unwrap_or_default().to_owned(),
        description: out
            .description()
            .map(str::to_owned)
            .filter(|d| !d.is_empty()),
        kms_key_id: out.kms_key_id().map(str::to_owned),
        created: timestamp(out.created_date()),
        last_changed: timestamp(out.last_changed_date()),
        last_accessed: timestamp(out.last_accessed_date()),
        deleted_date: timestamp(out.deleted_date()),
        tags: tags(out.tags()),
        primary_region: out.primary_region().map(str::to_owned),
        owning_service: out.owning_service().map(str::to_owned),
        replicas: out
            .replication_status()
            .iter()
            .map(|r| Replica {
                region: r.region().unwrap_or_default().to_owned(),
                status: r
                    .status()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
                message: r.status_message().map(str::to_owned),
            })
            .collect(),
        rotation: rotation(
            out.rotation_enabled(),
            rotation_function(("DescribeSecret", region), out.rotation_lambda_arn())?,
            out.rotation_rules(),
            out.last_rotated_date(),
            out.next_rotation_date(),
        ),
        versions,
        versions_error: None,
    })
}

/// The rotation function's ARN; an error of the call (operation, region) when it is
/// malformed (an empty one is none).
fn rotation_function(
    (operation, region): (&'static str, &str),
    text: Option<&str>,
) -> Result<Option<Arn>, AwsError> {
    text.filter(|s| !s.is_empty())
        .map(|s| arn(operation, region, Some(s)))
        .transpose()
}

/// The rotation configuration.
fn rotation(
    enabled: Option<bool>,
    lambda_arn: Option<Arn>,
    rules: Option<&sm::RotationRulesType>,
    last_rotated: Option<&DateTime>,
    next_rotation: Option<&DateTime>,
) -> Rotation {
    let text = |s: Option<&str>| s.map(str::to_owned).filter(|s| !s.is_empty());
    Rotation {
        enabled: enabled.unwrap_or(false),
        lambda_arn,
        every_days: rules.and_then(sm::RotationRulesType::automatically_after_days),
        schedule: text(rules.and_then(sm::RotationRulesType::schedule_expression)),
        window: text(rules.and_then(sm::RotationRulesType::duration)),
        last_rotated: timestamp(last_rotated),
        next_rotation: timestamp(next_rotation),
    }
}

fn stage_map(map: Option<&std::collections::HashMap<String, Vec<String>>>) -> Vec<VersionStages> {
    let mut out: Vec<VersionStages> = map
        .into_iter()
        .flatten()
        .map(|(id, stages)| VersionStages {
            version_id: id.as_str().into(),
            stages: std::sync::Arc::new(stages.iter().map(Into::into).collect()),
        })
        .collect();
    // HashMap order is random; a stable order keeps snapshots and comparisons stable.
    out.sort_by(|a, b| a.version_id.cmp(&b.version_id));
    out
}

/// The versions DescribeSecret names (those with staging labels), for when
/// ListSecretVersionIds is not allowed.
pub(crate) fn staged_versions(
    out: &aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput,
) -> Vec<VersionInfo> {
    out.version_ids_to_stages()
        .into_iter()
        .flatten()
        .map(|(id, stages)| VersionInfo {
            id: id.clone(),
            stages: stages.clone(),
            created: None,
            last_accessed: None,
        })
        .collect()
}

pub(crate) fn version(entry: &sm::SecretVersionsListEntry) -> VersionInfo {
    VersionInfo {
        id: entry.version_id().unwrap_or_default().to_owned(),
        stages: entry.version_stages().to_vec(),
        created: timestamp(entry.created_date()),
        last_accessed: timestamp(entry.last_accessed_date()),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput;

    use super::*;

    #[test]
    fn labelled_versions_come_from_describe_when_listing_them_is_refused() {
        let out = DescribeSecretOutput::builder()
            .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")
            .version_ids_to_stages("v2", vec!["AWSCURRENT".to_owned()])
            .version_ids_to_stages("v1", vec!["AWSPREVIOUS".to_owned()])
            .build();
        let detail = detail("us-east-1", &out, staged_versions(&out)).expect("a good ARN");
        let labels: Vec<(&str, &str)> = detail
            .versions
            .iter()
            .map(|v| (v.id.as_str(), v.stages[0].as_str()))
            .collect();
        assert_eq!(labels.len(), 2);
        assert!(labels.contains(&("v2", "AWSCURRENT")) && labels.contains(&("v1", "AWSPREVIOUS")));
    }

    #[test]
    fn a_malformed_arn_from_the_service_is_an_error_of_the_call_not_a_panic() {
        let entry = sm::SecretListEntry::builder()
            .arn("not an arn")
            .name("db")
            .build();
        let why = summary("us-east-1", &entry).expect_err("malformed");
        assert_eq!(why.operation, "ListSecrets");
        assert!(why.to_string().contains("\"not an arn\""), "{why}");
        let missing = DescribeSecretOutput::builder().name("db").build();
        let why = detail("eu-west-1", &missing, Vec::new()).expect_err("missing");
        assert_eq!(
            (why.operation, why.region.as_str()),
            ("DescribeSecret", "eu-west-1")
        );
        let good = sm::SecretListEntry::builder()
            .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")
            .build();
        let row = summary("us-east-1", &good).expect("parsed once");
        assert_eq!(row.arn.account(), "123456789012");
    }

    /// The rotation function's ARN is parsed once too: a malformed one is an error of the
    /// call that reported it, an empty one is no function.
    /// A malformed rotation function's ARN hides no secret from the list (it is listed
    /// without the function); describing it says the error.
    #[test]
    fn a_malformed_rotation_function_arn_loses_no_row_and_fails_the_describe() {
        let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        let function = "arn:aws:lambda:us-east-1:123456789012:function:rotate:live";
        let entry = |lambda: &str| {
            sm::SecretListEntry::builder()
                .arn(secret)
                .rotation_lambda_arn(lambda)
                .build()
        };
        let row = summary("us-east-1", &entry(function)).expect("a good ARN");
        assert_eq!(
            row.rotation.lambda_arn.as_ref().map(Arn::service),
            Some("lambda")
        );
        let none = summary("us-east-1", &entry("")).expect("no function");
        assert_eq!(none.rotation.lambda_arn, None);
        let listed = summary("us-east-1", &entry("rotate")).expect("still listed");
        assert_eq!(listed.rotation.lambda_arn, None);
        assert_eq!(listed.arn.as_str(), secret);
        let out = DescribeSecretOutput::builder()
            .arn(secret)
            .rotation_lambda_arn("not an arn")
            .build();
        let why = detail("eu-west-1", &out, Vec::new()).expect_err("malformed");
        assert_eq!(
            (why.operation, why.region.as_str()),
            ("DescribeSecret", "eu-west-1")
        );
    }
}
