//! The replication pane's Secrets Manager calls: one region's copy as DescribeSecret gives
//! it, the value check (each region's AWSCURRENT value turned into its fingerprint here, and
//! dropped), and the writes on a secret's replication.

use aws_sdk_secretsmanager::types::ReplicaRegionType;
use smtui_core::fingerprint::Fingerprint;
use smtui_core::ids::SecretRef;
use smtui_core::model::AwsError;
use smtui_core::model::replication::{RegionCopy, ReplicaStatus};
use smtui_core::secret::SecretValue;

use crate::{AwsContext, convert, value_checks};

/// DescribeSecret of the copy in `region` (its ARN there).
pub async fn describe_copy(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
) -> Result<RegionCopy, AwsError> {
    let out = ctx
        .secrets(region)
        .describe_secret()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("DescribeSecret", region, &e))?;
    let detail = convert::detail(region, &out, Vec::new())?;
    let current_version = out
        .version_ids_to_stages()
        .into_iter()
        .flatten()
        .find(|(_, stages)| stages.iter().any(|s| s == "AWSCURRENT"))
        .map(|(id, _)| id.clone());
    let replicas = out
        .replication_status()
        .iter()
        .map(|r| ReplicaStatus {
            region: r.region().unwrap_or_default().to_owned(),
            kms_key_id: r.kms_key_id().map(str::to_owned),
            status: r
                .status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            message: r.status_message().map(str::to_owned),
            last_accessed: convert::timestamp(r.last_accessed_date()),
        })
        .collect();
    Ok(RegionCopy {
        arn: detail.arn,
        region: region.to_owned(),
        current_version,
        last_changed: detail.last_changed,
        kms_key_id: detail.kms_key_id,
        tags: detail.tags,
        primary_region: detail.primary_region,
        owning_service: detail.owning_service,
        replicas,
    })
}

/// The fingerprint of the copy's AWSCURRENT value (its `SecretString`, else its
/// `SecretBinary`'s bytes). The value is taken out of the SDK's answer without a copy, held
/// in smtui's zeroizing type, hashed, and dropped here: only the fingerprint leaves.
pub async fn fingerprint(ctx: &AwsContext, copy: &SecretRef) -> Result<Fingerprint, AwsError> {
    let region = copy.region.as_str();
    let mut out = ctx
        .secrets(region)
        .get_secret_value()
        .secret_id(copy.arn.as_str())
        .version_stage("AWSCURRENT")
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetSecretValue", region, &e))?;
    let value = match out.secret_string.take() {
        Some(text) => SecretValue::from_string(text),
        None => SecretValue::from_bytes(
            out.secret_binary
                .take()
                .map(aws_smithy_types::Blob::into_inner)
                .unwrap_or_default(),
        ),
    };
    Ok(value_checks::fingerprint::of(value.expose()))
}

/// Each copy's fingerprint, all asked at once (a handful of regions: one after another
/// would make the user wait for each), by region in the order given.
pub async fn fingerprints(
    ctx: &AwsContext,
    copies: &[SecretRef],
) -> Vec<(String, Result<Fingerprint, AwsError>)> {
    let mut asked = tokio::task::JoinSet::new();
    for (at, copy) in copies.iter().enumerate() {
        let (ctx, copy) = (ctx.clone(), copy.clone());
        asked.spawn(async move { (at, fingerprint(&ctx, &copy).await) });
    }
    let mut answers: Vec<Option<Result<Fingerprint, AwsError>>> = vec![None; copies.len()];
    while let Some(joined) = asked.join_next().await {
        if let Ok((at, answer)) = joined {
            answers[at] = Some(answer);
        }
    }
    copies
        .iter()
        .zip(answers)
        .map(|(copy, answer)| {
            let answer = answer.unwrap_or_else(|| {
                Err(AwsError {
                    kind: smtui_core::model::ErrorKind::Invalid,
                    operation: "GetSecretValue",
                    region: copy.region.clone(),
                    code: None,
                    message: Some("the read stopped before it answered".to_owned()),
                })
            });
            (copy.region.clone(), answer)
        })
        .collect()
}

/// ReplicateSecretToRegions: a replica of the primary `arn` in `to`, encrypted with
/// `kms_key` there (`None`: the AWS managed key).
pub async fn replicate(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    to: &str,
    kms_key: Option<&str>,
) -> Result<(), AwsError> {
    let replica = ReplicaRegionType::builder()
        .region(to)
        .set_kms_key_id(kms_key.map(str::to_owned))
        .build();
    ctx.secrets(region)
        .replicate_secret_to_regions()
        .secret_id(arn)
        .add_replica_regions(replica)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("ReplicateSecretToRegions", region, &e))?;
    Ok(())
}

/// StopReplicationToReplica, sent to the replica's own region on its ARN.
pub async fn stop_replication(ctx: &AwsContext, replica: &SecretRef) -> Result<(), AwsError> {
    let region = replica.region.as_str();
    ctx.secrets(region)
        .stop_replication_to_replica()
        .secret_id(replica.arn.as_str())
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("StopReplicationToReplica", region, &e))?;
    Ok(())
}
