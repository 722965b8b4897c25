//! `smtui-devstack bench-list --org-accounts N`: an organisation of N member accounts,
//! each with `--secrets` secrets in every region, listed by `smtui --org` (the TUI under a
//! pseudo-terminal, until every account and region is drawn loaded) against the protocol
//! limit at the same concurrency: a keep-alive client assuming OrganizationAccountAccessRole
//! in each account (10 at a time, as smtui) and listing each (account, region) as soon as
//! its account's credentials are in (12 at a time, smtui's cap on listings in flight).

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use aws_sdk_secretsmanager::config::{BehaviorVersion, Credentials, Region};
use serde_json::json;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::raw::Raw;
use super::report::{Timings, median};
use super::{Bench, LISTING_LANES, SEED_IN_FLIGHT, check, region_args};
use crate::raw::RawClient;
use crate::seed::org::organizations;
use crate::{Stack, StackOptions};

/// smtui's AssumeRoles in flight at once (`MAX_ASSUMES` in the org room).
const ASSUMES_AT_ONCE: usize = 10;
/// The role Organizations creates in every account it creates.
const ROLE: &str = "OrganizationAccountAccessRole";

/// One account of the benchmark's organisation.
#[derive(Debug, Clone)]
struct Member {
    id: String,
}

/// Runs the organisation benchmark and prints its report (Markdown) on stdout.
pub(super) async fn run(bench: &Bench<'_>, accounts: usize) -> Result<()> {
    let options = bench.options;
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await?;
    let endpoint = stack.endpoint_url();
    let started = Instant::now();
    let members = organisation(&endpoint, accounts).await?;
    let raw = Raw::new(&endpoint);
    for member in &members {
        let key = assume(&endpoint, &member.id).await?;
        for region in &options.regions {
            raw.with_key(&key)
                .seed_region(region, options.secrets, SEED_IN_FLIGHT)
                .await?;
        }
    }
    eprintln!(
        "seeded {accounts} accounts x {} regions x {} secrets in {:.1}s",
        options.regions.len(),
        options.secrets,
        started.elapsed().as_secs_f64()
    );
    let expected = accounts * options.regions.len() * options.secrets;
    let mut args = region_args(&options.regions);
    args.push("--org".to_owned());
    let (mut limits, mut tuis, mut first_rows, mut wrappers) = (vec![], vec![], vec![], vec![]);
    for round in 0..options.rounds {
        eprintln!("org round {}/{}", round + 1, options.rounds);
        let (took, listed) = limit(&endpoint, &members, &options.regions).await?;
        check("org limit", listed, expected)?;
        limits.push(ms(took));
        let (took, timings) = bench.tui(&stack, &args)?;
        check("org tui", timings.rows, expected)?;
        tuis.push(ms(took));
        first_rows.push(mark(&timings, "first row drawn")?);
        wrappers.push(ms(bench.wrapper()?));
    }
    println!(
        "{}",
        report(accounts, options, (&limits, &tuis, &first_rows, &wrappers))
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mark(timings: &Timings, what: &str) -> Result<f64> {
    (timings.marks.iter())
        .find(|(m, _)| m == what)
        .map(|(_, at)| *at)
        .with_context(|| format!("no {what:?} in the TUI's timings"))
}

/// An organisation (the stack's own account its management account) with `accounts`
/// member accounts made by CreateAccount, each with its access role.
async fn organisation(endpoint: &str, accounts: usize) -> Result<Vec<Member>> {
    let raw = RawClient::new(endpoint);
    organizations(&raw, "CreateOrganization", &json!({ "FeatureSet": "ALL" })).await?;
    let mut members = Vec::with_capacity(accounts);
    for n in 0..accounts {
        let created = organizations(
            &raw,
            "CreateAccount",
            &json!({ "AccountName": format!("bench-{n:02}"), "Email": format!("bench-{n:02}@example.com") }),
        )
        .await?;
        let id = created["CreateAccountStatus"]["AccountId"]
            .as_str()
            .context("CreateAccount answered no account id")?;
        members.push(Member { id: id.to_owned() });
    }
    Ok(members)
}

/// AssumeRole of the access role in `account`, with the stack's keys: the access key id
/// moto answers as that role.
async fn assume(endpoint: &str, account: &str) -> Result<String> {
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new("testing", "testing", None, None, "bench"))
            .build(),
    );
    let assumed = sts
        .assume_role()
        .role_arn(format!("arn:aws:iam::{account}:role/{ROLE}"))
        .role_session_name("bench")
        .send()
        .await
        .context("AssumeRole")?;
    Ok(assumed
        .credentials()
        .context("AssumeRole: no credentials")?
        .access_key_id()
        .to_owned())
}

/// The protocol limit at smtui's concurrency: assumes 10 at a time, each account's regions
/// listed as soon as its credentials are in, 12 listings at a time; how long, and how many
/// secrets.
async fn limit(
    endpoint: &str,
    members: &[Member],
    regions: &[String],
) -> Result<(Duration, usize)> {
    let started = Instant::now();
    let assumes = Arc::new(Semaphore::new(ASSUMES_AT_ONCE));
    let listings = Arc::new(Semaphore::new(LISTING_LANES));
    let raw = Raw::new(endpoint);
    let mut tasks = JoinSet::new();
    for member in members {
        let (endpoint, account) = (endpoint.to_owned(), member.id.clone());
        let (assumes, listings, raw, regions) = (
            assumes.clone(),
            listings.clone(),
            raw.clone(),
            regions.to_vec(),
        );
        tasks.spawn(async move {
            let key = {
                let _permit = assumes.acquire_owned().await?;
                assume(&endpoint, &account).await?
            };
            let mut lists = JoinSet::new();
            for region in regions {
                let (raw, listings) = (raw.with_key(&key), listings.clone());
                lists.spawn(async move {
                    let _permit = listings.acquire_owned().await?;
                    raw.list_region(&region).await.map(|l| l.secrets)
                });
            }
            let mut secrets = 0;
            while let Some(done) = lists.join_next().await {
                secrets += done.context("a listing task panicked")??;
            }
            anyhow::Ok(secrets)
        });
    }
    let mut secrets = 0;
    while let Some(done) = tasks.join_next().await {
        secrets += done.context("an account's task panicked")??;
    }
    Ok((started.elapsed(), secrets))
}

/// The report: medians of the limit and of the TUI (less the pseudo-terminal's own start),
/// their ratio, and when the first row was drawn.
fn report(
    accounts: usize,
    options: &super::Options,
    (limits, tuis, first_rows, wrappers): (&[f64], &[f64], &[f64], &[f64]),
) -> String {
    let limit = median(limits);
    let wrapper = median(wrappers);
    let tui = median(tuis) - wrapper;
    let first = median(first_rows);
    format!(
        "### An organisation: {accounts} accounts x {} regions x {} secrets ({} rounds)\n\n\
         | run | median | ratio to the limit |\n|---|---|---|\n\
         | limit: AssumeRole 10 at a time, then each (account, region) listed, 12 at a time | {limit:.0} ms | 1.00 |\n\
         | `smtui --org`, every account and region drawn loaded (less `script`'s {wrapper:.0} ms) | {tui:.0} ms | {:.2} |\n\n\
         First row drawn: {first:.0} ms after start (median).\n",
        options.regions.len(),
        options.secrets,
        options.rounds,
        tui / limit,
    )
}
