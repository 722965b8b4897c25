//! The protocol limit: ListSecrets sent by the smallest client that can, with no SDK. One
//! keep-alive HTTP/1.1 connection pool, every region at once, each region's pages one after
//! another (a page needs the previous page's NextToken), and of each answer only what the
//! next request needs (the NextToken) and the count. The Authorization header is scoped but
//! unsigned: moto routes on the scope and verifies no signature unless IAM auth is on, and
//! the proxy reads the region from it.
//!
//! Also the bulk seeding of the benchmark's secrets, with the same client.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;
use serde::de::IgnoredAny;
use tokio::task::JoinSet;

/// What one region's listing took.
#[derive(Debug, Clone, Default)]
pub struct RegionListing {
    pub secrets: usize,
    /// Each page's round trip, in order.
    pub pages: Vec<Duration>,
}

/// An answer that was not a success: its HTTP status, and what the call and the service said.
#[derive(Debug)]
pub(crate) struct Refused {
    pub(crate) status: u16,
    said: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said)
    }
}

impl std::error::Error for Refused {}

/// A keep-alive client for Secrets Manager's JSON protocol.
#[derive(Clone)]
pub struct Raw {
    http: Client<HttpConnector, Full<Bytes>>,
    endpoint: String,
    /// The access key it signs as (moto answers as that key's account and role).
    key: String,
}

#[derive(Deserialize)]
struct Page {
    #[serde(rename = "SecretList", default)]
    secrets: Vec<IgnoredAny>,
    #[serde(rename = "NextToken")]
    next_token: Option<String>,
}

impl Raw {
    pub fn new(endpoint: &str) -> Self {
        Self {
            http: Client::builder(TokioExecutor::new()).build_http(),
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            key: "testing".to_owned(),
        }
    }

    /// The same client signing as `access_key_id` (an assumed role's, in its account).
    #[must_use]
    pub fn with_key(&self, access_key_id: &str) -> Self {
        Self {
            key: access_key_id.to_owned(),
            ..self.clone()
        }
    }

    /// One Secrets Manager call; the answer's body, or an error naming its status.
    pub(crate) async fn call(&self, region: &str, operation: &str, body: String) -> Result<Bytes> {
        let request = http::Request::builder()
            .method("POST")
            .uri(format!("{}/", self.endpoint))
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", format!("secretsmanager.{operation}"))
            .header(
                "authorization",
                format!(
                    "AWS4-HMAC-SHA256 Credential={}/20260101/{region}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0",
                    self.key
                ),
            )
            .body(Full::new(Bytes::from(body)))?;
        let response = self
            .http
            .request(request)
            .await
            .with_context(|| format!("{operation} in {region}"))?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if !status.is_success() {
            return Err(Refused {
                status: status.as_u16(),
                said: format!(
                    "{operation} in {region}: {status}: {}",
                    String::from_utf8_lossy(&body)
                ),
            }
            .into());
        }
        Ok(body)
    }

    /// Every page of one region, in sequence.
    pub(crate) async fn list_region(&self, region: &str) -> Result<RegionListing> {
        let mut listing = RegionListing::default();
        let mut token: Option<String> = None;
        loop {
            let mut body = serde_json::json!({"MaxResults": 100, "IncludePlannedDeletion": true});
            if let Some(token) = &token {
                body["NextToken"] = serde_json::Value::String(token.clone());
            }
            let sent = Instant::now();
            let answer = self.call(region, "ListSecrets", body.to_string()).await?;
            let page: Page = serde_json::from_slice(&answer).context("a ListSecrets answer")?;
            listing.pages.push(sent.elapsed());
            listing.secrets += page.secrets.len();
            match page.next_token.filter(|t| !t.is_empty()) {
                Some(next) => token = Some(next),
                None => return Ok(listing),
            }
        }
    }

    /// Every region at once (or `at_once` regions at a time); the listings in the order of
    /// `regions`.
    pub async fn list_all(
        &self,
        regions: &[String],
        at_once: Option<usize>,
    ) -> Result<Vec<RegionListing>> {
        let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(
            at_once.unwrap_or(regions.len()).max(1),
        ));
        let mut tasks = JoinSet::new();
        for (i, region) in regions.iter().enumerate() {
            let (raw, region, limit) = (self.clone(), region.clone(), limit.clone());
            tasks.spawn(async move {
                let _permit = limit.acquire_owned().await;
                (i, raw.list_region(&region).await)
            });
        }
        let mut listings = vec![RegionListing::default(); regions.len()];
        while let Some(done) = tasks.join_next().await {
            let (i, listing) = done.context("a listing task panicked")?;
            listings[i] = listing?;
        }
        Ok(listings)
    }

    /// One CreateSecret of the seed, tried again when moto answers 500: its Secrets Manager
    /// backend is not thread-safe, and two creates in one region at once can meet in its
    /// dict ("dictionary changed size during iteration", in the moto log). The SDK's
    /// retries hide that from every other seed; this raw client has none of its own, and
    /// the seed is set-up, not what is measured. A 400 (a name taken) is not retried.
    async fn create_for_seed(&self, region: &str, body: &str) -> Result<()> {
        const ATTEMPTS: u32 = 5;
        let mut attempt = 1;
        loop {
            match self.call(region, "CreateSecret", body.to_owned()).await {
                Ok(_) => return Ok(()),
                Err(e)
                    if attempt < ATTEMPTS
                        && e.downcast_ref::<Refused>().is_some_and(|r| r.status == 500) =>
                {
                    tokio::time::sleep(std::time::Duration::from_millis(50 * u64::from(attempt)))
                        .await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Creates `count` secrets named `bench/<team>/<app>-<n>/db` in `region`, `in_flight`
    /// at a time, shaped like real ones (a description, two tags, a small JSON value).
    pub async fn seed_region(&self, region: &str, count: usize, in_flight: usize) -> Result<()> {
        let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(in_flight.max(1)));
        let mut tasks = JoinSet::new();
        for n in 0..count {
            let (raw, region, limit) = (self.clone(), region.to_owned(), limit.clone());
            tasks.spawn(async move {
                let _permit = limit.acquire_owned().await?;
                let team = ["payments", "search", "identity", "billing", "data"][n % 5];
                let body = serde_json::json!({
                    "Name": format!("bench/{team}/app-{n:05}/db"),
                    "Description": format!("Database credentials of {team} app {n}"),
                    "SecretString": format!("{{\"user\":\"app{n}\",\"password\":\"p{n:08}\"}}"),
                    "Tags": [
                        {"Key": "team", "Value": team},
                        {"Key": "env", "Value": if n % 3 == 0 { "prod" } else { "staging" }},
                    ],
                });
                raw.create_for_seed(&region, &body.to_string()).await?;
                anyhow::Ok(())
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.context("a seeding task panicked")??;
        }
        Ok(())
    }
}

/// The same listing through the AWS SDK's paginator and nothing else (no smtui): between
/// the limit and `smtui list`, it says how much of the difference is the SDK's.
pub async fn list_all_with_sdk(endpoint: &str, regions: &[String]) -> Result<Vec<RegionListing>> {
    let mut tasks = JoinSet::new();
    for (i, region) in regions.iter().enumerate() {
        let client = crate::seed::client(endpoint, region);
        tasks.spawn(async move {
            let mut listing = RegionListing::default();
            let mut pages = client
                .list_secrets()
                .max_results(100)
                .include_planned_deletion(true)
                .into_paginator()
                .send();
            let mut sent = Instant::now();
            while let Some(page) = pages.next().await {
                listing.pages.push(sent.elapsed());
                listing.secrets += page?.secret_list().len();
                sent = Instant::now();
            }
            anyhow::Ok((i, listing))
        });
    }
    let mut listings = vec![RegionListing::default(); regions.len()];
    while let Some(done) = tasks.join_next().await {
        let (i, listing) = done.context("a listing task panicked")??;
        listings[i] = listing;
    }
    Ok(listings)
}
