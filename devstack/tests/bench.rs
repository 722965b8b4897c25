//! The benchmark's own pieces against a real stack: the raw client lists what it seeded,
//! page by page; the proxy counts how many ListSecrets calls it holds at once (what proves
//! a client's concurrency); and a delay on every answer holds every call.

use std::time::{Duration, Instant};

use anyhow::Result;
use smtui_devstack::bench::raw::{Raw, list_all_with_sdk};
use smtui_devstack::{Stack, StackOptions};

const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_listing_concurrency_and_delays() -> Result<()> {
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await?;
    let endpoint = stack.endpoint_url();
    let raw = Raw::new(&endpoint);
    let regions: Vec<String> = REGIONS.iter().map(|r| (*r).to_owned()).collect();
    raw.seed_region(REGIONS[0], 150, 8).await?;
    for region in &REGIONS[1..] {
        raw.seed_region(region, 3, 2).await?;
    }

    // Every secret, in pages of 100; the SDK's paginator agrees.
    let proxy = stack.proxy();
    proxy.reset_max_in_flight();
    let listed = raw.list_all(&regions, None).await?;
    let counts: Vec<(usize, usize)> = listed.iter().map(|l| (l.secrets, l.pages.len())).collect();
    assert_eq!(counts, [(150, 2), (3, 1), (3, 1)]);
    let by_sdk = list_all_with_sdk(&endpoint, &regions).await?;
    assert_eq!(by_sdk.iter().map(|l| l.secrets).sum::<usize>(), 156);

    // With every answer held back, the three regions are seen in the proxy together; one at
    // a time, never more than one.
    proxy.set_delay_all(Some(Duration::from_millis(300)));
    proxy.reset_max_in_flight();
    let started = Instant::now();
    raw.list_all(&regions, None).await?;
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "two pages, each held 300 ms"
    );
    assert_eq!(proxy.max_in_flight("ListSecrets"), 3);
    proxy.reset_max_in_flight();
    raw.list_all(&regions, Some(1)).await?;
    assert_eq!(proxy.max_in_flight("ListSecrets"), 1);
    proxy.set_delay_all(None);
    Ok(())
}
