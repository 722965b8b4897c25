//! Replicas through the real AWS SDK against one shared seeded stack: what moto answers
//! for the seeded replicated secret on its own (replica and primary agree), each drift the
//! proxy makes on request in every call that shows it, and healing.
//!
//! The tests drift the same replica, so each holds [`serial`] for its whole run.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock};

use anyhow::{Context, Result};
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput;
use aws_sdk_secretsmanager::types::{
    Filter, FilterNameStringType, ReplicaRegionType, ReplicationStatusType, SecretListEntry,
    StatusType,
};
use smtui_devstack::fixtures as fx;
use smtui_devstack::{ReplicaDrift, STALE_VALUE, Stack, StackOptions, stale_version_id};

const PRIMARY: &str = "us-east-1";
const REPLICA: &str = fx::REPLICA_REGION;
const NAME: &str = fx::REPLICATED_SECRET;
const DEFAULT_KEY: &str = "alias/aws/secretsmanager";
const OTHER_KEY: &str =
    "arn:aws:kms:eu-west-1:123456789012:key/7d2b4f8e-1c3a-4e5b-9f60-2a1b3c4d5e6f";
const FAILURE: &str = "Replication failed: access to the KMS key is denied.";

fn stack() -> &'static Stack {
    static STACK: OnceLock<Stack> = OnceLock::new();
    STACK.get_or_init(|| Stack::start_blocking(StackOptions::default()).expect("stack starts"))
}

fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn run(test: impl std::future::Future<Output = Result<()>>) -> Result<()> {
    stack();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(test)
}

fn sm(region: &str) -> Client {
    Client::new(&stack().sdk_config(region))
}

/// Everything one region says of the secret.
#[derive(Debug)]
struct Seen {
    described: DescribeSecretOutput,
    listed: SecretListEntry,
    value: String,
    value_version: String,
    batch_by_id: (String, String),
    batch_by_filter: (String, String),
    version_ids: HashMap<String, Vec<String>>,
}

fn current(stages: Option<&HashMap<String, Vec<String>>>) -> Option<String> {
    stages?
        .iter()
        .find(|(_, l)| l.iter().any(|x| x == "AWSCURRENT"))
        .map(|(v, _)| v.clone())
}

async fn seen(region: &str) -> Result<Seen> {
    let c = sm(region);
    let described = c.describe_secret().secret_id(NAME).send().await?;
    let name_filter = || {
        Filter::builder()
            .key(FilterNameStringType::Name)
            .values(NAME)
            .build()
    };
    let listed = c
        .list_secrets()
        .filters(name_filter())
        .send()
        .await?
        .secret_list()
        .iter()
        .find(|e| e.name() == Some(NAME))
        .cloned()
        .context("listed")?;
    let got = c.get_secret_value().secret_id(NAME).send().await?;
    let pair = |v: &aws_sdk_secretsmanager::types::SecretValueEntry| {
        (
            v.version_id().unwrap_or_default().to_string(),
            v.secret_string().unwrap_or_default().to_string(),
        )
    };
    let by_id = c
        .batch_get_secret_value()
        .secret_id_list(NAME)
        .send()
        .await?;
    let by_filter = c
        .batch_get_secret_value()
        .filters(name_filter())
        .send()
        .await?;
    let one = |out: &[aws_sdk_secretsmanager::types::SecretValueEntry]| {
        out.iter()
            .find(|v| v.name() == Some(NAME))
            .map(pair)
            .context("in the batch")
    };
    let versions = c.list_secret_version_ids().secret_id(NAME).send().await?;
    Ok(Seen {
        value: got.secret_string().unwrap_or_default().to_string(),
        value_version: got.version_id().unwrap_or_default().to_string(),
        batch_by_id: one(by_id.secret_values())?,
        batch_by_filter: one(by_filter.secret_values())?,
        version_ids: versions
            .versions()
            .iter()
            .map(|v| {
                (
                    v.version_id().unwrap_or_default().to_string(),
                    v.version_stages().to_vec(),
                )
            })
            .collect(),
        described,
        listed,
    })
}

fn status(d: &DescribeSecretOutput) -> Result<ReplicationStatusType> {
    d.replication_status()
        .iter()
        .find(|s| s.region() == Some(REPLICA))
        .cloned()
        .context("a ReplicationStatus entry for the replica region")
}

/// Replica and primary agree, as moto has them.
async fn assert_in_sync() -> Result<()> {
    let p = seen(PRIMARY).await?;
    let r = seen(REPLICA).await?;
    let cur = current(p.described.version_ids_to_stages()).context("primary's AWSCURRENT")?;
    assert_eq!(
        current(r.described.version_ids_to_stages()).as_ref(),
        Some(&cur)
    );
    assert_eq!(
        current(r.listed.secret_versions_to_stages()).as_ref(),
        Some(&cur)
    );
    assert_eq!(current(Some(&r.version_ids)).as_ref(), Some(&cur));
    assert_eq!(r.value_version, cur);
    assert_eq!(r.value, fx::REPLICATED_SECRET_VALUE);
    let expected = (cur.clone(), fx::REPLICATED_SECRET_VALUE.to_string());
    assert_eq!(r.batch_by_id, expected);
    assert_eq!(r.batch_by_filter, expected);
    assert_eq!(p.value, r.value);
    assert_eq!(
        r.described.last_changed_date(),
        p.described.last_changed_date()
    );
    assert_eq!(r.described.kms_key_id(), p.described.kms_key_id());
    assert_eq!(r.listed.kms_key_id(), p.listed.kms_key_id());
    assert_eq!(r.described.tags(), p.described.tags());
    let s = status(&p.described)?;
    assert_eq!(s.status(), Some(&StatusType::InSync));
    assert_eq!(s.kms_key_id(), Some(DEFAULT_KEY));
    assert_eq!(s.status_message(), Some("Replication succeeded"));
    Ok(())
}

#[test]
fn moto_alone_keeps_the_replica_a_view_of_its_primary() -> Result<()> {
    let _serial = serial();
    run(async {
        let p = seen(PRIMARY).await?;
        let r = seen(REPLICA).await?;
        // Who is who.
        assert_eq!(p.described.primary_region(), None);
        assert_eq!(r.described.primary_region(), Some(PRIMARY));
        assert_eq!(r.listed.primary_region(), Some(PRIMARY));
        let arn = r.described.arn().context("replica ARN")?;
        assert!(arn.contains(&format!(":{REPLICA}:")), "{arn}");
        // moto's gaps: no LastAccessedDate in the status entry, no KmsKeyId on a secret on
        // the default key, and the replica's DescribeSecret repeats the primary's
        // ReplicationStatus.
        assert_eq!(status(&p.described)?.last_accessed_date(), None);
        assert_eq!(p.described.kms_key_id(), None);
        assert_eq!(
            r.described.replication_status(),
            p.described.replication_status()
        );
        // moto refuses the replica's resource policy (AWS answers it).
        let err = sm(REPLICA)
            .get_resource_policy()
            .secret_id(NAME)
            .send()
            .await
            .expect_err("moto refuses it on a replica");
        assert_eq!(
            err.into_service_error().meta().code(),
            Some("InvalidParameterException")
        );
        assert_in_sync().await
    })
}

#[test]
fn a_stale_replica_holds_another_version_and_value_until_healed() -> Result<()> {
    let _serial = serial();
    run(async {
        let proxy = stack().proxy();
        proxy.drift_replica(NAME, REPLICA, ReplicaDrift::StaleVersion);
        let p = seen(PRIMARY).await?;
        let r = seen(REPLICA).await?;
        let stale = stale_version_id(NAME, REPLICA);
        let cur = current(p.described.version_ids_to_stages()).context("primary's AWSCURRENT")?;
        assert_ne!(stale, cur);
        assert_eq!(
            current(r.described.version_ids_to_stages()),
            Some(stale.clone())
        );
        assert_eq!(
            current(r.listed.secret_versions_to_stages()),
            Some(stale.clone())
        );
        assert_eq!(current(Some(&r.version_ids)), Some(stale.clone()));
        assert!(!r.version_ids.contains_key(&cur));
        assert_eq!(
            (r.value_version.as_str(), r.value.as_str()),
            (stale.as_str(), STALE_VALUE)
        );
        let expected = (stale.clone(), STALE_VALUE.to_string());
        assert_eq!(r.batch_by_id, expected);
        assert_eq!(r.batch_by_filter, expected);
        // The primary is untouched.
        assert_eq!(p.value, fx::REPLICATED_SECRET_VALUE);
        assert_eq!(p.value_version, cur);
        let (pd, rd) = (
            p.described.last_changed_date().context("primary date")?,
            r.described.last_changed_date().context("replica date")?,
        );
        assert_eq!(pd.secs() - rd.secs(), 86_400);
        assert_eq!(r.listed.last_changed_date(), Some(rd));
        let s = status(&p.described)?;
        assert_eq!(s.status(), Some(&StatusType::InProgress));
        assert_eq!(s.status_message(), None);
        // By version id: the stale one reads; the primary's current is not in the replica.
        let reads_logged = || {
            proxy
                .recorded_events()
                .iter()
                .filter(|e| {
                    e.event_name == "GetSecretValue" && e.secret_name.as_deref() == Some(NAME)
                })
                .count()
        };
        let reads_before = reads_logged();
        let c = sm(REPLICA);
        let by_id = c
            .get_secret_value()
            .secret_id(NAME)
            .version_id(&stale)
            .send()
            .await?;
        assert_eq!(by_id.secret_string(), Some(STALE_VALUE));
        let err = c
            .get_secret_value()
            .secret_id(NAME)
            .version_id(&cur)
            .send()
            .await
            .expect_err("the replica lacks the primary's version");
        assert_eq!(
            err.into_service_error().meta().code(),
            Some("ResourceNotFoundException")
        );
        // Both calls by id are in the proxy's log, the refused one too.
        assert_eq!(reads_logged() - reads_before, 2);

        assert!(proxy.heal_replica(NAME, REPLICA));
        assert!(!proxy.heal_replica(NAME, REPLICA));
        assert_in_sync().await
    })
}

#[test]
fn a_replica_on_another_key_says_so_in_both_regions() -> Result<()> {
    let _serial = serial();
    run(async {
        let proxy = stack().proxy();
        proxy.drift_replica(NAME, REPLICA, ReplicaDrift::KmsKey(OTHER_KEY.into()));
        let p = seen(PRIMARY).await?;
        let r = seen(REPLICA).await?;
        assert_eq!(r.described.kms_key_id(), Some(OTHER_KEY));
        assert_eq!(r.listed.kms_key_id(), Some(OTHER_KEY));
        assert_eq!(status(&p.described)?.kms_key_id(), Some(OTHER_KEY));
        assert_eq!(status(&r.described)?.kms_key_id(), Some(OTHER_KEY));
        assert_eq!(p.described.kms_key_id(), None);
        // Nothing else moves.
        assert_eq!(status(&p.described)?.status(), Some(&StatusType::InSync));
        assert_eq!(r.value, fx::REPLICATED_SECRET_VALUE);
        assert_eq!(
            current(r.described.version_ids_to_stages()),
            current(p.described.version_ids_to_stages())
        );
        assert!(proxy.heal_replica(NAME, REPLICA));
        assert_in_sync().await
    })
}

#[test]
fn a_failed_replication_shows_its_message_and_drifts_add_up() -> Result<()> {
    let _serial = serial();
    run(async {
        let proxy = stack().proxy();
        proxy.drift_replica(NAME, REPLICA, ReplicaDrift::Failed(FAILURE.into()));
        let p = seen(PRIMARY).await?;
        let s = status(&p.described)?;
        assert_eq!(s.status(), Some(&StatusType::Failed));
        assert_eq!(s.status_message(), Some(FAILURE));
        assert_eq!(s.kms_key_id(), Some(DEFAULT_KEY));
        let r = seen(REPLICA).await?;
        assert_eq!(r.value, fx::REPLICATED_SECRET_VALUE);
        // A failed replication that left a stale version: Failed wins over InProgress.
        proxy.drift_replica(NAME, REPLICA, ReplicaDrift::StaleVersion);
        let p = seen(PRIMARY).await?;
        assert_eq!(status(&p.described)?.status(), Some(&StatusType::Failed));
        assert_eq!(seen(REPLICA).await?.value, STALE_VALUE);
        assert!(proxy.heal_replica(NAME, REPLICA));
        assert_in_sync().await
    })
}

/// `GET /smtui-devstack/drift?…`, as the demo's `curl` would: `(status, body)`.
async fn control(query: &str) -> Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url = stack().endpoint_url();
    let addr = url.strip_prefix("http://").context("an http endpoint")?;
    let mut conn = tokio::net::TcpStream::connect(addr).await?;
    let request = format!("GET /smtui-devstack/drift?{query} HTTP/1.0\r\nHost: {addr}\r\n\r\n");
    conn.write_all(request.as_bytes()).await?;
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await?;
    let code = answer
        .split_whitespace()
        .nth(1)
        .context("a status line")?
        .parse()?;
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    Ok((code, body.to_string()))
}

#[test]
fn the_control_page_drifts_and_heals() -> Result<()> {
    let _serial = serial();
    run(async {
        let name = NAME.replace('/', "%2F");
        let (code, _) = control(&format!(
            "secret={name}&region={REPLICA}&kind=failed&value=Access%20denied"
        ))
        .await?;
        assert_eq!(code, 200);
        let p = seen(PRIMARY).await?;
        assert_eq!(
            status(&p.described)?.status_message(),
            Some("Access denied")
        );
        let (code, _) = control(&format!("secret={name}&region={REPLICA}&kind=kms")).await?;
        assert_eq!(code, 400, "kms needs a value");
        let (code, text) = control(&format!("secret={name}&region={REPLICA}&kind=heal")).await?;
        assert_eq!(code, 200);
        assert!(text.contains("agrees with its primary again"), "{text}");
        assert_in_sync().await
    })
}

/// moto lacks StopReplicationToReplica; the proxy answers it: the replica is a standalone
/// secret from then on, in every call of both regions.
#[test]
fn stopping_a_replica_s_replication_makes_it_standalone() -> Result<()> {
    const STOPPED: &str = "replication/devstack/stopped";
    let _serial = serial();
    run(async {
        sm(PRIMARY)
            .create_secret()
            .name(STOPPED)
            .secret_string("a value")
            .add_replica_regions(ReplicaRegionType::builder().region(REPLICA).build())
            .send()
            .await?;
        let replica_arn = sm(REPLICA)
            .describe_secret()
            .secret_id(STOPPED)
            .send()
            .await?
            .arn()
            .context("the replica's ARN")?
            .to_owned();
        let out = sm(REPLICA)
            .stop_replication_to_replica()
            .secret_id(&replica_arn)
            .send()
            .await?;
        assert_eq!(out.arn(), Some(replica_arn.as_str()));
        let primary = sm(PRIMARY)
            .describe_secret()
            .secret_id(STOPPED)
            .send()
            .await?;
        assert!(primary.replication_status().is_empty(), "{primary:?}");
        let former = sm(REPLICA)
            .describe_secret()
            .secret_id(STOPPED)
            .send()
            .await?;
        assert_eq!(former.primary_region(), None);
        assert!(former.replication_status().is_empty());
        let listed = sm(REPLICA)
            .list_secrets()
            .filters(
                Filter::builder()
                    .key(FilterNameStringType::Name)
                    .values(STOPPED)
                    .build(),
            )
            .send()
            .await?;
        let entry = listed.secret_list().first().context("listed")?;
        assert_eq!(entry.primary_region(), None);
        // Its value is still there, as on AWS.
        let value = sm(REPLICA)
            .get_secret_value()
            .secret_id(STOPPED)
            .send()
            .await?;
        assert_eq!(value.secret_string(), Some("a value"));
        Ok(())
    })
}
