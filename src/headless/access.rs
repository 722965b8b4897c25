//! `smtui posture --access`: who can read each listed secret, from its resource policy and
//! its customer managed key's policy (the access pane's evaluator, without IAM or
//! CloudTrail: the public and other-account checks, never "unused"). Reads only: one
//! GetResourcePolicy per secret and one DescribeKey and GetKeyPolicy per key, a few at a time.

use std::collections::HashMap;
use std::sync::Arc;

use smtui_aws::{AwsContext, kms, secrets};

use crate::headless::Listing;
use smtui_core::ids::RowKey;
use smtui_core::model::access::{KeyFacts, ReadLog, facts, readers_from_texts};
use smtui_core::model::posture::AccessFindings;
use smtui_core::model::{AwsError, SecretSummary};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Calls in flight at once: Secrets Manager's and KMS's read quotas are in the thousands a
/// second, but a posture run shares the account with everything else.
const IN_FLIGHT: usize = 8;

/// What was found, and what could not be read (those secrets are left unchecked).
#[derive(Debug, Default)]
pub struct Access {
    pub(crate) findings: AccessFindings,
    pub(crate) failed: Vec<AwsError>,
}

/// The access facts of every listed secret not scheduled for deletion.
pub async fn read_access(ctx: &AwsContext, listing: &Listing) -> Access {
    let listed = &listing.secrets;
    let keys = read_keys(ctx, listed).await;
    let limit = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = JoinSet::new();
    for secret in listed.iter().filter(|s| s.deleted_date.is_none()) {
        let (ctx, limit, secret) = (ctx.clone(), Arc::clone(&limit), secret.clone());
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let policy = secrets::policy(&ctx, &secret.region, secret.arn.as_str()).await;
            (secret, policy)
        });
    }
    let mut access = Access::default();
    while let Some(done) = tasks.join_next().await {
        let Ok((secret, policy)) = done else {
            continue;
        };
        let key = match &secret.kms_key_id {
            None => Ok(KeyFacts::aws_managed(&secret.region, secret.arn.account())),
            Some(id) => keys
                .get(&(secret.region.to_string(), id.to_string()))
                .cloned()
                .unwrap_or_else(|| {
                    Err(AwsError::invalid("DescribeKey", &secret.region, "not read"))
                }),
        };
        match (policy, key) {
            (Ok(policy), Ok(key)) => match facts_of(&secret, policy.as_deref(), &key) {
                Ok(found) => {
                    let row = RowKey::new(secret.identity, secret.arn.clone());
                    access.findings.insert(row, found);
                }
                Err(why) => access.failed.push(AwsError::invalid(
                    "GetResourcePolicy",
                    &secret.region,
                    &format!("{}: {why}", secret.name),
                )),
            },
            (Err(error), _) | (_, Err(error)) => access.failed.push(error),
        }
    }
    access
}

/// Each customer managed key named by a listed secret, read once per region.
async fn read_keys(
    ctx: &AwsContext,
    secrets: &[SecretSummary],
) -> HashMap<(String, String), Result<KeyFacts, AwsError>> {
    let mut wanted: Vec<(String, String)> = secrets
        .iter()
        .filter(|s| s.deleted_date.is_none())
        .filter_map(|s| Some((s.region.to_string(), s.kms_key_id.as_ref()?.to_string())))
        .collect();
    wanted.sort();
    wanted.dedup();
    let limit = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = JoinSet::new();
    for (region, key_id) in wanted {
        let (ctx, limit) = (ctx.clone(), Arc::clone(&limit));
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let facts = kms::key(&ctx, &region, &key_id).await;
            ((region, key_id), facts)
        });
    }
    let mut keys = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        if let Ok((at, facts)) = done {
            keys.insert(at, facts);
        }
    }
    keys
}

/// Public and other-account readers of one secret; an unreadable policy is an error.
fn facts_of(
    secret: &SecretSummary,
    resource_policy: Option<&str>,
    key: &KeyFacts,
) -> Result<smtui_core::model::posture::AccessFacts, String> {
    let reads = ReadLog::default();
    let at = (secret.arn.as_str(), secret.arn.account());
    let (rows, unreadable) = readers_from_texts(at, resource_policy, key, None, &reads);
    if let Some((name, why)) = unreadable.first() {
        return Err(format!("its {name} cannot be read: {why}"));
    }
    Ok(facts(&rows, &reads, false))
}
