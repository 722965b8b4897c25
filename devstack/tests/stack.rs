//! End to end through the real AWS SDK: a seeded stack, paging, values, LookupEvents,
//! fault injection and AssumeRole attribution.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use aws_sdk_secretsmanager::config::{Credentials, retry::RetryConfig};
use smtui_devstack::fixtures as fx;
use smtui_devstack::{Stack, StackOptions};

fn sm(stack: &Stack, region: &str) -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(&stack.sdk_config(region))
}

fn cloudtrail(stack: &Stack, region: &str) -> aws_sdk_cloudtrail::Client {
    aws_sdk_cloudtrail::Client::new(&stack.sdk_config(region))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_stack_end_to_end() -> Result<()> {
    let started = Instant::now();
    let stack = Stack::start(StackOptions::default()).await?;
    eprintln!(
        "stack up in {:?} ({:?})",
        started.elapsed(),
        stack.timings()
    );

    // Seed summary agrees with the published fixture counts.
    let summary = stack.seed_summary().context("seeded")?;
    for region in fx::REGIONS {
        let r = summary.region(region).context("region summarised")?;
        assert_eq!(Some(r.listed), fx::listed_count(region), "{region}");
    }

    // ListSecrets in us-east-1 needs more than one page of 100.
    let us = sm(&stack, "us-east-1");
    let mut pages = us.list_secrets().max_results(100).into_paginator().send();
    let (mut n_pages, mut n_secrets) = (0, 0);
    while let Some(page) = pages.next().await {
        n_pages += 1;
        n_secrets += page?.secret_list().len();
    }
    assert!(n_pages >= 2, "{n_pages} pages");
    assert!(n_secrets > 100);
    assert_eq!(Some(n_secrets), fx::listed_count("us-east-1"));

    // Fixture values read back as declared.
    let got = us
        .get_secret_value()
        .secret_id(fx::STRING_SECRET)
        .send()
        .await?;
    assert_eq!(got.secret_string(), Some(fx::STRING_SECRET_VALUE));
    let got = us
        .get_secret_value()
        .secret_id(fx::JSON_SECRET)
        .send()
        .await?;
    assert_eq!(got.secret_string(), Some(fx::JSON_SECRET_VALUE));
    let got = us
        .get_secret_value()
        .secret_id(fx::BINARY_SECRET)
        .send()
        .await?;
    assert_eq!(
        got.secret_binary().map(|b| b.as_ref().to_vec()),
        Some(fx::BINARY_SECRET_BYTES.to_vec())
    );
    let got = us
        .get_secret_value()
        .secret_id(fx::VERSIONED_SECRET)
        .version_stage("AWSPREVIOUS")
        .send()
        .await?;
    assert_eq!(got.secret_string(), Some(fx::VERSIONED_SECRET_PREVIOUS));
    let rotating = us
        .describe_secret()
        .secret_id(fx::ROTATING_SECRET)
        .send()
        .await?;
    assert_eq!(rotating.rotation_enabled(), Some(true));
    assert_eq!(
        rotating.rotation_lambda_arn(),
        Some(fx::ROTATION_LAMBDA_ARN)
    );
    let replica = sm(&stack, fx::REPLICA_REGION)
        .get_secret_value()
        .secret_id(fx::REPLICATED_SECRET)
        .send()
        .await?;
    assert_eq!(replica.secret_string(), Some(fx::REPLICATED_SECRET_VALUE));

    // LookupEvents finds that GetSecretValue, filtered by resource name.
    let ct = cloudtrail(&stack, "us-east-1");
    let events = ct
        .lookup_events()
        .lookup_attributes(
            LookupAttribute::builder()
                .attribute_key(LookupAttributeKey::ResourceName)
                .attribute_value(fx::STRING_SECRET)
                .build()?,
        )
        .send()
        .await?;
    let get = events
        .events()
        .iter()
        .find(|e| e.event_name() == Some("GetSecretValue"))
        .context("GetSecretValue event recorded")?;
    assert_eq!(get.username(), Some("moto"));
    assert_eq!(get.read_only(), Some("true"));
    assert!(get.event_time().is_some());
    let raw = get.cloud_trail_event().context("CloudTrailEvent")?;
    assert!(raw.contains(fx::STRING_SECRET));
    assert!(!raw.contains(fx::STRING_SECRET_VALUE));
    // Other regions' events are not visible from us-east-1, and vice versa.
    let eu_events = cloudtrail(&stack, "eu-west-1")
        .lookup_events()
        .lookup_attributes(
            LookupAttribute::builder()
                .attribute_key(LookupAttributeKey::ResourceName)
                .attribute_value(fx::STRING_SECRET)
                .build()?,
        )
        .send()
        .await?;
    assert!(eu_events.events().is_empty());
    // No value of any fixture ever reached the recorder.
    let recorded = format!("{:?}", stack.proxy().recorded_events());
    for v in [
        fx::STRING_SECRET_VALUE,
        fx::VERSIONED_SECRET_PREVIOUS,
        fx::REPLICATED_SECRET_VALUE,
        "Vx7#pQ2m",
    ] {
        assert!(!recorded.contains(v), "recorded a secret value");
    }

    // An unreachable region fails fast-ish while another keeps working.
    stack.proxy().set_unreachable("ap-southeast-2", true);
    let t = Instant::now();
    let ap = sm(&stack, "ap-southeast-2").list_secrets().send().await;
    eprintln!("unreachable region failed after {:?}: {ap:?}", t.elapsed());
    assert!(ap.is_err(), "unreachable region must fail");
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    let eu = sm(&stack, "eu-west-1").list_secrets().send().await?;
    assert!(!eu.secret_list().is_empty());
    stack.proxy().set_unreachable("ap-southeast-2", false);
    sm(&stack, "ap-southeast-2").list_secrets().send().await?;

    // A delayed region is slow but answers.
    stack
        .proxy()
        .set_delay("eu-west-1", Some(Duration::from_millis(400)));
    let t = Instant::now();
    sm(&stack, "eu-west-1")
        .describe_secret()
        .secret_id(fx::EU_SECRET)
        .send()
        .await?;
    assert!(t.elapsed() >= Duration::from_millis(400));
    stack.proxy().set_delay("eu-west-1", None);

    // LookupEvents throttling (2/s per region) when switched on.
    stack.proxy().set_throttle_lookup_events(true);
    let no_retry = aws_sdk_cloudtrail::config::Builder::from(&stack.sdk_config("us-east-1"))
        .retry_config(RetryConfig::disabled())
        .build();
    let ct_once = aws_sdk_cloudtrail::Client::from_conf(no_retry);
    let mut throttled = 0;
    for _ in 0..5 {
        if let Err(e) = ct_once.lookup_events().max_results(1).send().await {
            let code = e
                .as_service_error()
                .and_then(|s| s.meta().code().map(str::to_string));
            assert_eq!(code.as_deref(), Some("ThrottlingException"), "{e:?}");
            throttled += 1;
        }
    }
    assert!(throttled >= 2, "{throttled} of 5 throttled");
    stack.proxy().set_throttle_lookup_events(false);

    // AssumeRole through the proxy; calls with those keys carry the role identity.
    let sts = aws_sdk_sts::Client::new(&stack.sdk_config("us-east-1"));
    let assumed = sts
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/security-auditor")
        .role_session_name("alice-audit")
        .send()
        .await?;
    let creds = assumed.credentials().context("credentials")?;
    let role_conf = aws_sdk_secretsmanager::config::Builder::from(&stack.sdk_config("us-east-1"))
        .credentials_provider(Credentials::new(
            creds.access_key_id(),
            creds.secret_access_key(),
            Some(creds.session_token().to_string()),
            None,
            "assumed",
        ))
        .build();
    aws_sdk_secretsmanager::Client::from_conf(role_conf)
        .describe_secret()
        .secret_id(fx::JSON_SECRET)
        .send()
        .await?;
    let events = stack.proxy().recorded_events();
    let by_role = events
        .iter()
        .rev()
        .find(|e| e.access_key_id == creds.access_key_id())
        .context("call with assumed keys recorded")?;
    assert_eq!(by_role.event_name, "DescribeSecret");
    assert!(
        by_role
            .identity_arn
            .ends_with(":assumed-role/security-auditor/alice-audit"),
        "{}",
        by_role.identity_arn
    );
    let looked_up = ct
        .lookup_events()
        .lookup_attributes(
            LookupAttribute::builder()
                .attribute_key(LookupAttributeKey::Username)
                .attribute_value("alice-audit")
                .build()?,
        )
        .send()
        .await?;
    assert_eq!(looked_up.events().len(), 1);
    assert!(
        looked_up.events()[0]
            .cloud_trail_event()
            .is_some_and(|c| c.contains("\"AssumedRole\""))
    );
    Ok(())
}

#[tokio::test]
async fn dropping_the_stack_kills_moto() -> Result<()> {
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await?;
    let moto = stack.moto_url();
    let addr = moto.trim_start_matches("http://").to_string();
    assert!(std::net::TcpStream::connect(&addr).is_ok());
    drop(stack);
    assert!(
        std::net::TcpStream::connect(&addr).is_err(),
        "moto still listening on {addr} after drop"
    );
    Ok(())
}
