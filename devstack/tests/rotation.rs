//! Rotation through the real AWS SDK against one shared seeded stack: rules and dates the
//! proxy keeps, rotation service events, the seeded fixtures in each rotation state, and
//! that no secret value reaches the proxy's stores. The access cases read back on the same
//! stack ([`access`]).

#[path = "rotation/access.rs"]
mod access;

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use aws_sdk_cloudtrail::types::{Event, LookupAttribute, LookupAttributeKey};
use aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput;
use aws_sdk_secretsmanager::types::{
    Filter, FilterNameStringType, RotationRulesType, SecretListEntry,
};
use aws_smithy_types::DateTime;
use serde_json::Value;
use smtui_devstack::fixtures as fx;
use smtui_devstack::{Stack, StackOptions};

const DAY: i64 = 86_400;
const REGION: &str = "us-east-1";

fn stack() -> &'static Stack {
    static STACK: OnceLock<Stack> = OnceLock::new();
    STACK.get_or_init(|| Stack::start_blocking(StackOptions::default()).expect("stack starts"))
}

fn run(test: impl std::future::Future<Output = Result<()>>) -> Result<()> {
    stack();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(test)
}

fn sm() -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(&stack().sdk_config(REGION))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

fn secs(t: Option<&DateTime>) -> Option<i64> {
    t.map(DateTime::secs)
}

fn midnight(t: i64) -> i64 {
    t - t.rem_euclid(DAY)
}

async fn describe(name: &str) -> Result<DescribeSecretOutput> {
    Ok(sm().describe_secret().secret_id(name).send().await?)
}

async fn listed(name: &str) -> Result<SecretListEntry> {
    let out = sm()
        .list_secrets()
        .filters(
            Filter::builder()
                .key(FilterNameStringType::Name)
                .values(name)
                .build(),
        )
        .send()
        .await?;
    out.secret_list()
        .iter()
        .find(|e| e.name() == Some(name))
        .cloned()
        .with_context(|| format!("{name} listed"))
}

/// The ListSecrets entry carries what DescribeSecret does.
async fn assert_listed_like_described(name: &str) -> Result<()> {
    let d = describe(name).await?;
    let l = listed(name).await?;
    assert_eq!(l.rotation_enabled(), d.rotation_enabled(), "{name}");
    assert_eq!(l.rotation_lambda_arn(), d.rotation_lambda_arn(), "{name}");
    assert_eq!(l.rotation_rules(), d.rotation_rules(), "{name}");
    assert_eq!(l.last_rotated_date(), d.last_rotated_date(), "{name}");
    assert_eq!(l.next_rotation_date(), d.next_rotation_date(), "{name}");
    assert_eq!(l.last_accessed_date(), d.last_accessed_date(), "{name}");
    assert_eq!(
        l.secret_versions_to_stages(),
        d.version_ids_to_stages(),
        "{name}"
    );
    Ok(())
}

/// `(pending version, current version)` from VersionIdsToStages.
fn pending_and_current(d: &DescribeSecretOutput) -> (Option<String>, Option<String>) {
    let find = |label: &str| {
        d.version_ids_to_stages().and_then(|m| {
            m.iter()
                .find(|(_, l)| l.iter().any(|x| x == label))
                .map(|(v, _)| v.clone())
        })
    };
    (find("AWSPENDING"), find("AWSCURRENT"))
}

/// Rotation service events of `arn` (EventSource lookup filtered on
/// additionalEventData.SecretId, as the app does), oldest first.
async fn rotation_events(arn: &str, from: i64, to: i64) -> Result<Vec<(String, Value, Event)>> {
    let ct = aws_sdk_cloudtrail::Client::new(&stack().sdk_config(REGION));
    let mut pages = ct
        .lookup_events()
        .lookup_attributes(
            LookupAttribute::builder()
                .attribute_key(LookupAttributeKey::EventSource)
                .attribute_value("secretsmanager.amazonaws.com")
                .build()?,
        )
        .start_time(DateTime::from_secs(from))
        .end_time(DateTime::from_secs(to))
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        for e in page?.events() {
            let ct: Value = serde_json::from_str(e.cloud_trail_event().unwrap_or("{}"))?;
            if ct["eventType"] == "AwsServiceEvent" && ct["additionalEventData"]["SecretId"] == arn
            {
                out.push((
                    e.event_name().unwrap_or_default().to_string(),
                    ct,
                    e.clone(),
                ));
            }
        }
    }
    out.reverse();
    Ok(out)
}

fn names(events: &[(String, Value, Event)]) -> Vec<&str> {
    events.iter().map(|(n, ..)| n.as_str()).collect()
}

#[test]
fn seeded_fixtures_are_in_their_rotation_states() -> Result<()> {
    run(async {
        let t = now();
        let healthy = describe(fx::ROTATING_SECRET).await?;
        assert_eq!(healthy.rotation_enabled(), Some(true));
        assert_eq!(healthy.rotation_lambda_arn(), Some(fx::ROTATION_LAMBDA_ARN));
        let last = secs(healthy.last_rotated_date()).context("rotated")?;
        let ago = i64::try_from(fx::ROTATING_SECRET_ROTATED_DAYS_AGO)? * DAY;
        assert!((t - ago - 120..=t - ago + 120).contains(&last), "{last}");
        assert!(secs(healthy.next_rotation_date()).context("next")? > t + 7 * DAY);

        let due = describe(fx::DUE_SOON_SECRET).await?;
        let next = secs(due.next_rotation_date()).context("next")?;
        assert!(next > t && next <= t + 7 * DAY, "due soon: {next}");

        let overdue = describe(fx::OVERDUE_SECRET).await?;
        assert!(secs(overdue.next_rotation_date()).context("next")? < t);
        assert!(secs(overdue.last_rotated_date()).context("rotated")? < t - 90 * DAY);

        let never = describe(fx::NEVER_ROTATED_SECRET).await?;
        assert_eq!(never.rotation_enabled(), Some(true));
        assert_eq!(never.last_rotated_date(), None);
        let configured = t - i64::try_from(fx::NEVER_ROTATED_CONFIGURED_DAYS_AGO)? * DAY;
        let next = secs(never.next_rotation_date()).context("next")?;
        assert!((next - (configured + 30 * DAY)).abs() < 120, "{next}");

        let disabled = describe(fx::JSON_SECRET).await?;
        assert_ne!(disabled.rotation_enabled(), Some(true));
        // The hand-made AWSPENDING fixture keeps its label, with rotation off.
        let pending = describe(fx::PENDING_SECRET).await?;
        let (p, c) = pending_and_current(&pending);
        assert!(p.is_some() && p != c);
        assert_ne!(pending.rotation_enabled(), Some(true));

        // Rotating: a fresh AWSPENDING version, RotationStarted, no RotationFailed.
        let rotating = describe(fx::ROTATION_IN_PROGRESS_SECRET).await?;
        let (p, c) = pending_and_current(&rotating);
        let p = p.context("AWSPENDING")?;
        assert_ne!(Some(&p), c.as_ref());
        let created = version_created(fx::ROTATION_IN_PROGRESS_SECRET, &p).await?;
        assert!(created > t - 15 * 60, "created {created}");
        let arn = rotating.arn().context("arn")?;
        let evs = rotation_events(arn, t - 3600, t + 60).await?;
        assert_eq!(names(&evs), ["RotationStarted"], "{evs:?}");

        // Stuck: AWSPENDING since days ago, RotationStarted then RotationFailed then.
        let stuck = describe(fx::STUCK_SECRET).await?;
        let (p, c) = pending_and_current(&stuck);
        let p = p.context("AWSPENDING")?;
        assert_ne!(Some(&p), c.as_ref());
        let since = t - i64::try_from(fx::STUCK_ROTATION_DAYS_AGO)? * DAY;
        let created = version_created(fx::STUCK_SECRET, &p).await?;
        assert!((created - since).abs() < 120, "created {created}");
        let arn = stuck.arn().context("arn")?;
        let evs = rotation_events(arn, since - 3600, since + 3600).await?;
        assert_eq!(
            names(&evs),
            ["RotationStarted", "RotationFailed"],
            "{evs:?}"
        );

        // Schedules read back intact, from both DescribeSecret and ListSecrets.
        let hourly = describe(fx::HOURLY_SECRET).await?;
        let rules = hourly.rotation_rules().context("rules")?;
        assert_eq!(rules.schedule_expression(), Some(fx::HOURLY_SCHEDULE));
        assert_eq!(rules.automatically_after_days(), None);
        let next = secs(hourly.next_rotation_date()).context("next")?;
        assert!(next > t && next <= t + 4 * 3600, "{next}");
        let cron = describe(fx::CRON_SECRET).await?;
        let rules = cron.rotation_rules().context("rules")?;
        assert_eq!(rules.schedule_expression(), Some(fx::CRON_SCHEDULE));
        assert_eq!(rules.duration(), Some(fx::CRON_WINDOW));
        let next = secs(cron.next_rotation_date()).context("next")?;
        let next_dt = jiff::Timestamp::from_second(next)?.to_zoned(jiff::tz::TimeZone::UTC);
        assert_eq!((next_dt.day(), next_dt.hour(), next_dt.minute()), (1, 4, 0));
        assert!(next > t && next <= t + 32 * DAY);

        // Posture: reads and Owner tags.
        let stale = describe(fx::STALE_SECRET).await?;
        let read_ago = i64::try_from(fx::STALE_SECRET_READ_DAYS_AGO)? * DAY;
        assert_eq!(
            secs(stale.last_accessed_date()),
            Some(midnight(t - read_ago))
        );
        assert_ne!(stale.rotation_enabled(), Some(true));
        for name in fx::RECENTLY_READ_SECRETS {
            let read = secs(describe(name).await?.last_accessed_date()).context(name)?;
            assert!(read >= midnight(t - 2 * DAY), "{name} read {read}");
        }
        for name in fx::OWNERLESS_SECRETS {
            let d = describe(name).await?;
            assert!(
                d.tags().iter().all(|tag| tag.key() != Some("Owner")),
                "{name}"
            );
        }
        assert!(
            describe(fx::DUE_SOON_SECRET)
                .await?
                .tags()
                .iter()
                .any(|tag| tag.key() == Some("Owner"))
        );

        for name in [
            fx::ROTATING_SECRET,
            fx::DUE_SOON_SECRET,
            fx::OVERDUE_SECRET,
            fx::NEVER_ROTATED_SECRET,
            fx::ROTATION_IN_PROGRESS_SECRET,
            fx::STUCK_SECRET,
            fx::HOURLY_SECRET,
            fx::CRON_SECRET,
            fx::STALE_SECRET,
        ] {
            assert_listed_like_described(name).await?;
        }
        Ok(())
    })
}

async fn version_created(name: &str, version: &str) -> Result<i64> {
    let versions = sm()
        .list_secret_version_ids()
        .secret_id(name)
        .send()
        .await?;
    versions
        .versions()
        .iter()
        .find(|v| v.version_id() == Some(version))
        .and_then(|v| secs(v.created_date()))
        .context("version listed with a CreatedDate")
}

fn rules(days: Option<i64>, schedule: Option<&str>, window: Option<&str>) -> RotationRulesType {
    RotationRulesType::builder()
        .set_automatically_after_days(days)
        .set_schedule_expression(schedule.map(str::to_string))
        .set_duration(window.map(str::to_string))
        .build()
}

#[test]
fn schedules_survive_and_cancel_turns_rotation_off() -> Result<()> {
    run(async {
        let c = sm();
        let name = "rotation-test/scheduled";
        c.create_secret()
            .name(name)
            .secret_string("s3cr3t-scheduled")
            .send()
            .await?;
        let t = now();
        c.rotate_secret()
            .secret_id(name)
            .rotation_lambda_arn(fx::ROTATION_LAMBDA_ARN)
            .rotation_rules(rules(None, Some("cron(0 4 1 * ? *)"), Some("3h")))
            .rotate_immediately(false)
            .send()
            .await?;
        let d = describe(name).await?;
        assert_eq!(d.rotation_enabled(), Some(true));
        let r = d.rotation_rules().context("rules")?;
        assert_eq!(r.schedule_expression(), Some("cron(0 4 1 * ? *)"));
        assert_eq!(r.duration(), Some("3h"));
        assert_eq!(d.last_rotated_date(), None, "nothing rotated yet");
        let next = secs(d.next_rotation_date()).context("next")?;
        assert!(next > t && next <= t + 32 * DAY);
        assert_eq!(
            pending_and_current(&d).0,
            None,
            "a test rotation leaves no AWSPENDING"
        );
        assert_listed_like_described(name).await?;

        // Rules replaced by a partial ARN, recomputing NextRotationDate.
        let partial = d
            .arn()
            .context("arn")?
            .rsplit_once('-')
            .context("suffix")?
            .0
            .to_string();
        c.rotate_secret()
            .secret_id(&partial)
            .rotation_rules(rules(Some(10), None, None))
            .rotate_immediately(false)
            .send()
            .await?;
        let d = describe(name).await?;
        assert_eq!(d.rotation_rules(), Some(&rules(Some(10), None, None)));
        let next = secs(d.next_rotation_date()).context("next")?;
        assert!((next - (t + 10 * DAY)).abs() < 120, "{next}");
        assert_eq!(d.rotation_lambda_arn(), Some(fx::ROTATION_LAMBDA_ARN));

        let bad = c
            .rotate_secret()
            .secret_id(name)
            .rotation_rules(rules(None, Some("rate(1 minute)"), None))
            .send()
            .await
            .expect_err("invalid schedule refused");
        assert_eq!(
            bad.as_service_error().and_then(|e| e.meta().code()),
            Some("InvalidParameterException")
        );

        c.cancel_rotate_secret().secret_id(name).send().await?;
        let d = describe(name).await?;
        assert_eq!(d.rotation_enabled(), Some(false));
        assert_eq!(d.next_rotation_date(), None);
        assert_listed_like_described(name).await?;
        Ok(())
    })
}

#[test]
fn a_rotation_sticks_fails_and_completes() -> Result<()> {
    run(async {
        let c = sm();
        let name = "rotation-test/rotate-now";
        c.create_secret()
            .name(name)
            .secret_string("s3cr3t-before")
            .send()
            .await?;
        let t = now();
        c.rotate_secret()
            .secret_id(name)
            .rotation_lambda_arn(fx::ROTATION_LAMBDA_ARN)
            .rotation_rules(rules(Some(30), None, None))
            .send()
            .await?;
        let d = describe(name).await?;
        let arn = d.arn().context("arn")?.to_string();
        let (pending, current) = pending_and_current(&d);
        let (pending, current) = (
            pending.context("AWSPENDING")?,
            current.context("AWSCURRENT")?,
        );
        assert_ne!(pending, current, "stuck on AWSPENDING");
        assert_eq!(
            d.last_rotated_date(),
            None,
            "moto's stamp is not a rotation"
        );
        // Reads that name no version still get AWSCURRENT.
        let got = c.get_secret_value().secret_id(name).send().await?;
        assert_eq!(got.secret_string(), Some("s3cr3t-before"));
        let batch = c
            .batch_get_secret_value()
            .secret_id_list(name)
            .send()
            .await?;
        assert_eq!(batch.secret_values().len(), 1);

        let evs = rotation_events(&arn, t - 60, now() + 60).await?;
        assert_eq!(names(&evs), ["RotationStarted", "RotationFailed"]);
        for (_, ct, e) in &evs {
            assert_eq!(ct["eventType"], "AwsServiceEvent");
            assert_eq!(ct["eventSource"], "secretsmanager.amazonaws.com");
            assert_eq!(
                ct["userIdentity"]["invokedBy"],
                "secretsmanager.amazonaws.com"
            );
            assert!(ct["userIdentity"].get("type").is_none());
            assert!(ct["requestParameters"].is_null());
            assert_eq!(ct["additionalEventData"]["SecretId"], arn.as_str());
            assert_eq!(e.username(), None);
        }
        // As on AWS (as far as documented), a ResourceName lookup finds the calls only.
        let ct = aws_sdk_cloudtrail::Client::new(&stack().sdk_config(REGION));
        let by_name = ct
            .lookup_events()
            .lookup_attributes(
                LookupAttribute::builder()
                    .attribute_key(LookupAttributeKey::ResourceName)
                    .attribute_value(name)
                    .build()?,
            )
            .send()
            .await?;
        assert!(
            by_name
                .events()
                .iter()
                .any(|e| e.event_name() == Some("RotateSecret"))
        );
        assert!(
            by_name
                .events()
                .iter()
                .all(|e| !e.event_name().unwrap_or("").starts_with("Rotation"))
        );

        // A second rotation is refused while this one is in progress.
        let refused = c
            .rotate_secret()
            .secret_id(name)
            .send()
            .await
            .expect_err("in progress");
        assert_eq!(
            refused.as_service_error().and_then(|e| e.meta().code()),
            Some("InvalidRequestException")
        );

        // The function's finishSecret step, done by hand: RotationSucceeded.
        c.update_secret_version_stage()
            .secret_id(name)
            .version_stage("AWSCURRENT")
            .move_to_version_id(&pending)
            .remove_from_version_id(&current)
            .send()
            .await?;
        c.update_secret_version_stage()
            .secret_id(name)
            .version_stage("AWSPENDING")
            .remove_from_version_id(&pending)
            .send()
            .await?;
        let d = describe(name).await?;
        let last = secs(d.last_rotated_date()).context("rotated")?;
        assert!(last >= t - 5, "{last}");
        let next = secs(d.next_rotation_date()).context("next")?;
        assert!((next - (last + 30 * DAY)).abs() <= 1);
        let evs = rotation_events(&arn, t - 60, now() + 60).await?;
        assert_eq!(
            names(&evs),
            ["RotationStarted", "RotationFailed", "RotationSucceeded"]
        );
        assert_listed_like_described(name).await?;

        // Rotating again needs no function ARN: the proxy remembers it.
        c.rotate_secret().secret_id(name).send().await?;
        let d = describe(name).await?;
        assert_eq!(d.rotation_lambda_arn(), Some(fx::ROTATION_LAMBDA_ARN));
        assert!(pending_and_current(&d).0.is_some());
        Ok(())
    })
}

#[test]
fn reads_set_last_accessed_to_the_day() -> Result<()> {
    run(async {
        let c = sm();
        for n in ["rotation-test/read-a", "rotation-test/read-b"] {
            c.create_secret()
                .name(n)
                .secret_string("s3cr3t-read")
                .send()
                .await?;
        }
        c.put_secret_value()
            .secret_id("rotation-test/read-a")
            .secret_string("s3cr3t-read-2")
            .send()
            .await?;
        assert_eq!(
            describe("rotation-test/read-a").await?.last_accessed_date(),
            None
        );
        let got = c
            .get_secret_value()
            .secret_id("rotation-test/read-a")
            .send()
            .await?;
        let today = midnight(now());
        let d = describe("rotation-test/read-a").await?;
        assert_eq!(secs(d.last_accessed_date()), Some(today));
        assert_listed_like_described("rotation-test/read-a").await?;
        let versions = c
            .list_secret_version_ids()
            .secret_id("rotation-test/read-a")
            .send()
            .await?;
        assert_eq!(versions.arn(), d.arn());
        for v in versions.versions() {
            let read = v.version_id() == got.version_id();
            assert_eq!(secs(v.last_accessed_date()), read.then_some(today), "{v:?}");
        }
        c.batch_get_secret_value()
            .secret_id_list("rotation-test/read-b")
            .send()
            .await?;
        let d = describe("rotation-test/read-b").await?;
        assert_eq!(secs(d.last_accessed_date()), Some(today));
        Ok(())
    })
}

#[test]
fn no_secret_value_reaches_the_proxys_stores() -> Result<()> {
    run(async {
        let c = sm();
        for name in [fx::STRING_SECRET, fx::JSON_SECRET, fx::ROTATING_SECRET] {
            c.get_secret_value()
                .secret_id(name)
                .version_stage("AWSCURRENT")
                .send()
                .await?;
        }
        c.batch_get_secret_value()
            .secret_id_list(fx::REPLICATED_SECRET)
            .send()
            .await?;
        let facts = stack().proxy().secret_facts_dump();
        let events = format!("{:?}", stack().proxy().recorded_events());
        assert!(facts.contains(fx::ROTATION_LAMBDA_ARN));
        for v in [
            fx::STRING_SECRET_VALUE,
            fx::JSON_SECRET_VALUE,
            fx::ROTATING_SECRET_VALUE,
            fx::REPLICATED_SECRET_VALUE,
            "mR4!tQ8zLw2",
            "ldap-Bind-6Vn3",
            "kafka-Ledger-8Hq2",
        ] {
            assert!(!facts.contains(v), "the rotation store kept a secret value");
            assert!(!events.contains(v), "the event store kept a secret value");
        }
        assert!(!facts.contains("SecretString") && !facts.contains("SecretBinary"));
        Ok(())
    })
}
