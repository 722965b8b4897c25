//! Seeds moto (through the proxy) with realistic secrets using the real AWS SDK: exactly
//! the ones [`crate::fixtures`] declares, plus generated filler (`data`).
//!
//! Rotation needs a Lambda that moto can "invoke": moto 5.2.5's RotateSecret looks the
//! function up and invokes it (which would need Docker). So the seeder first switches
//! moto's Lambda to its Docker-free backend (`POST /moto-api/config`
//! `{"lambda":{"use_docker":false}}`), creates the IAM role moto requires for
//! CreateFunction, then one rotation Lambda per region. The proxy does the rest of what
//! moto lacks (see `proxy::rotation_calls`): a RotateSecret with `RotateImmediately=false`
//! leaves no AWSPENDING label, one with `true` leaves a rotation in progress.
//!
//! Order: the organisation first, alone (`org`: its account ids are moto's random draws);
//! then the access cases' KMS keys alongside the rotation Lambdas; then every secret is
//! created in parallel (with its resource policy, key and rotation configured, unless a
//! rotation is to be left in progress), while the access cases' IAM identities are
//! created (`access`) and the member accounts' aliases and secrets and the management
//! account's roles are (`org`); then, one by one, the rotations left in progress
//! are started (the proxy's RotationFailed knob set per secret); last, past dates go on
//! through `ProxyHandle::backdate` (last rotation, configuration, rotation in progress,
//! last read), all relative to seed time.

mod access;
pub(crate) mod data;
pub(crate) mod org;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_secretsmanager::primitives::Blob;
use aws_sdk_secretsmanager::types::{ReplicaRegionType, RotationRulesType, Tag};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::fixtures as fx;
use crate::proxy::schedule::Schedule;
use crate::proxy::{Backdate, ProxyHandle, RotationFailure};
use crate::raw::{RawCall, RawClient};
use data::{Rotated, RotationSpec, SecretSpec, Value};

/// Calls in flight at once: enough to keep moto busy, few enough for a 2-core machine.
const IN_FLIGHT: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionSummary {
    pub region: String,
    /// What a default ListSecrets returns (scheduled-for-deletion hidden, replicas shown).
    pub listed: usize,
    /// ListSecrets with IncludePlannedDeletion=true.
    pub listed_including_deleted: usize,
}

#[derive(Debug, Clone)]
pub struct SeedSummary {
    pub regions: Vec<RegionSummary>,
}

impl SeedSummary {
    pub fn region(&self, region: &str) -> Option<&RegionSummary> {
        self.regions.iter().find(|r| r.region == region)
    }
}

/// A Secrets Manager client for `region` pointed at `endpoint` with static test keys.
pub(crate) fn client(endpoint: &str, region: &str) -> Client {
    let conf = aws_sdk_secretsmanager::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new(
            "testing",
            "testing",
            None,
            None,
            "smtui-devstack",
        ))
        .build();
    Client::from_conf(conf)
}

/// Seeds every region of [`fx::REGION_PLAN`] through `endpoint`, the proxy behind
/// `proxy` (whose seeding hook puts the past dates on).
pub(crate) async fn seed(endpoint: &str, proxy: &ProxyHandle) -> Result<SeedSummary> {
    // First and alone: its ids are moto's random draws (see `org`).
    org::create_organisation(endpoint)
        .await
        .context("creating the organisation")?;
    let members = tokio::spawn(org::seed_members(endpoint.to_string()));
    let roles = tokio::spawn(org::create_management_roles(endpoint.to_string()));
    let (keys, ()) = tokio::try_join!(
        access::create_keys(endpoint),
        prepare_rotation_lambdas(endpoint)
    )?;
    let keys = Arc::new(keys);
    let identities = tokio::spawn(access::create_identities(endpoint.to_string()));

    let limit = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = JoinSet::new();
    for (idx, (region, created, ..)) in fx::REGION_PLAN.iter().enumerate() {
        let client = client(endpoint, region);
        for spec in data::plan(idx, region, *created) {
            let client = client.clone();
            let limit = limit.clone();
            let region = *region;
            let keys = keys.clone();
            tasks.spawn(async move {
                let _permit = limit.acquire_owned().await?;
                let arn = create(&client, region, &spec, &keys)
                    .await
                    .with_context(|| format!("seeding {} in {region}", spec.name))?;
                anyhow::Ok((region, spec, arn))
            });
        }
    }
    let mut seeded = Vec::new();
    while let Some(done) = tasks.join_next().await {
        seeded.push(done.context("seed task panicked")??);
    }
    identities
        .await
        .context("identity seeding panicked")?
        .context("seeding the access cases' IAM identities")?;
    members
        .await
        .context("member seeding panicked")?
        .context("seeding the member accounts")?;
    roles
        .await
        .context("role seeding panicked")?
        .context("seeding the management account's roles")?;

    let knob = proxy.options().rotation_failure;
    for (region, spec, _) in &seeded {
        let Some((rotation, failed)) = spec.rotation.as_ref().and_then(|r| Some((r, r.pending?.1)))
        else {
            continue;
        };
        proxy.set_rotation_failure(if failed {
            RotationFailure::Immediately
        } else {
            RotationFailure::Never
        });
        let rotated = configure_rotation(
            &client(endpoint, region),
            region,
            &spec.name,
            rotation,
            true,
        )
        .await
        .with_context(|| format!("starting a rotation of {} in {region}", spec.name));
        proxy.set_rotation_failure(knob);
        rotated?;
    }

    let now = SystemTime::now();
    for (region, spec, arn) in &seeded {
        proxy
            .backdate(arn, &backdate_of(spec, now))
            .with_context(|| format!("backdating {} in {region}", spec.name))?;
    }

    let mut regions = Vec::new();
    for (region, ..) in fx::REGION_PLAN {
        let c = client(endpoint, region);
        regions.push(RegionSummary {
            region: region.to_string(),
            listed: count(&c, false).await?,
            listed_including_deleted: count(&c, true).await?,
        });
    }
    Ok(SeedSummary { regions })
}

/// The past dates of `spec`, counted back from `now`.
fn backdate_of(spec: &SecretSpec, now: SystemTime) -> Backdate {
    let mut dates = Backdate {
        last_accessed: spec.last_read_ago.map(|d| now - d),
        ..Backdate::default()
    };
    if let Some(r) = &spec.rotation {
        dates.rotation_configured = Some(now - r.configured_ago);
        dates.last_rotated = match r.rotated {
            Rotated::Never => None,
            Rotated::Ago(d) => Some(now - d),
            Rotated::LastScheduledWindow => r.schedule.and_then(|s| last_window(s, now)),
        };
        dates.pending_since = r.pending.map(|(d, _)| now - d);
    }
    dates
}

/// 20 minutes into the most recent window of cron `schedule` before `now`.
fn last_window(schedule: &str, now: SystemTime) -> Option<SystemTime> {
    let Ok(Schedule::Cron(cron)) = Schedule::parse(schedule) else {
        return None;
    };
    let now_ts = jiff::Timestamp::try_from(now).ok()?;
    let mut t = now_ts
        .checked_sub(jiff::SignedDuration::from_hours(24 * 400))
        .ok()?;
    let mut last = None;
    while let Some(next) = cron.next_after(t).filter(|n| *n <= now_ts) {
        last = Some(next);
        t = next;
    }
    let window_start = SystemTime::from(last?);
    Some((window_start + Duration::from_secs(20 * 60)).min(now))
}

async fn count(client: &Client, include_deleted: bool) -> Result<usize> {
    let mut pages = client
        .list_secrets()
        .include_planned_deletion(include_deleted)
        .max_results(100)
        .into_paginator()
        .send();
    let mut n = 0;
    while let Some(page) = pages.next().await {
        n += page.context("ListSecrets")?.secret_list().len();
    }
    Ok(n)
}

fn rotation_lambda_arn(region: &str) -> String {
    fx::ROTATION_LAMBDA_ARN.replace(fx::PRIMARY_REGION, region)
}

/// Creates one secret as `spec` says (a rotation left in progress excepted); its ARN.
/// `keys`: the customer managed keys' ARNs by alias.
async fn create(
    client: &Client,
    region: &str,
    spec: &SecretSpec,
    keys: &HashMap<&'static str, String>,
) -> Result<String> {
    let mut req = client.create_secret().name(&spec.name);
    if let Some(d) = &spec.description {
        req = req.description(d);
    }
    if let Some(alias) = spec.kms_key_alias {
        req = req.kms_key_id(keys.get(alias).context("a seeded key")?);
    }
    for (k, v) in &spec.tags {
        req = req.tags(Tag::builder().key(k).value(v).build());
    }
    req = match &spec.versions[0] {
        Value::String(s) => req.secret_string(s),
        Value::Binary(b) => req.secret_binary(Blob::new(b.clone())),
    };
    let created = req.send().await.context("CreateSecret")?;
    let arn = created
        .arn()
        .context("CreateSecret answered without an ARN")?
        .to_string();
    if let Some(policy) = spec.resource_policy {
        client
            .put_resource_policy()
            .secret_id(&spec.name)
            .resource_policy(policy)
            .send()
            .await
            .context("PutResourcePolicy")?;
    }

    for v in &spec.versions[1..] {
        let put = client.put_secret_value().secret_id(&spec.name);
        match v {
            Value::String(s) => put.secret_string(s),
            Value::Binary(b) => put.secret_binary(Blob::new(b.clone())),
        }
        .send()
        .await
        .context("PutSecretValue")?;
    }
    if let Some(p) = &spec.pending {
        client
            .put_secret_value()
            .secret_id(&spec.name)
            .secret_string(p)
            .version_stages("AWSPENDING")
            .send()
            .await
            .context("PutSecretValue AWSPENDING")?;
    }
    if let Some(r) = spec.rotation.as_ref().filter(|r| r.pending.is_none()) {
        configure_rotation(client, region, &spec.name, r, false).await?;
    }
    if let Some(to) = spec.replicate_to {
        client
            .replicate_secret_to_regions()
            .secret_id(&spec.name)
            .add_replica_regions(ReplicaRegionType::builder().region(to).build())
            .send()
            .await
            .context("ReplicateSecretToRegions")?;
    }
    if let Some(days) = spec.delete_after_days {
        client
            .delete_secret()
            .secret_id(&spec.name)
            .recovery_window_in_days(days)
            .send()
            .await
            .context("DeleteSecret")?;
    }
    Ok(arn)
}

/// RotateSecret with the rules of `r`; `immediately` starts a rotation (which moto
/// cannot finish: it stays in progress).
async fn configure_rotation(
    client: &Client,
    region: &str,
    name: &str,
    r: &RotationSpec,
    immediately: bool,
) -> Result<()> {
    let mut rules = RotationRulesType::builder();
    if let Some(d) = r.after_days {
        rules = rules.automatically_after_days(d);
    }
    if let Some(s) = r.schedule {
        rules = rules.schedule_expression(s);
    }
    if let Some(w) = r.window {
        rules = rules.duration(w);
    }
    client
        .rotate_secret()
        .secret_id(name)
        .rotation_lambda_arn(rotation_lambda_arn(region))
        .rotation_rules(rules.build())
        .rotate_immediately(immediately)
        .send()
        .await
        .context("RotateSecret")?;
    Ok(())
}

/// Moto setup that the SDKs we depend on cannot do: Docker-free Lambda, the IAM role
/// CreateFunction insists on, and one rotation function per region.
async fn prepare_rotation_lambdas(endpoint: &str) -> Result<()> {
    let raw = RawClient::new(endpoint);
    let (status, body) = raw
        .call(RawCall {
            method: "POST",
            path: "/moto-api/config",
            service: "moto",
            region: "us-east-1",
            content_type: "application/json",
            target: None,
            body: r#"{"lambda":{"use_docker":false}}"#.into(),
        })
        .await?;
    if !status.is_success() {
        bail!("moto config failed: {status} {body}");
    }

    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let (status, body) = raw
        .iam(
            "CreateRole",
            &[
                ("RoleName", "smtui-demo-rotation"),
                ("AssumeRolePolicyDocument", trust),
            ],
        )
        .await?;
    // A second seed of the same moto finds the role already there: fine.
    if !status.is_success() && !body.contains("EntityAlreadyExists") {
        bail!("IAM CreateRole failed: {status} {body}");
    }

    for region in fx::REGIONS {
        let function = serde_json::json!({
            "FunctionName": fx::ROTATION_LAMBDA_NAME,
            "Runtime": "python3.12",
            "Role": "arn:aws:iam::123456789012:role/smtui-demo-rotation",
            "Handler": "lambda_function.lambda_handler",
            // Never executed (Docker-free backend); any bytes do.
            "Code": { "ZipFile": "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==" },
            "Description": "Secrets Manager rotation function (smtui demo)",
        });
        let (status, body) = raw
            .call(RawCall {
                method: "POST",
                path: "/2015-03-31/functions",
                service: "lambda",
                region,
                content_type: "application/json",
                target: None,
                body: function.to_string(),
            })
            .await?;
        if !status.is_success() && !body.contains("ResourceConflictException") {
            bail!("Lambda CreateFunction in {region} failed: {status} {body}");
        }
    }
    Ok(())
}
