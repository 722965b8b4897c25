//! Lanes: where an AWS call waits before it runs. Each (identity, region) has a listing
//! lane, a lane for the calls a user is waiting on, and a CloudTrail lane (for the audit
//! pane's LookupEvents, spaced to the service's 2 per second per account); on top, caps
//! across all regions keep `--all-regions` from opening hundreds of connections. A reveal
//! never queues behind listings, and one region's slow listing never holds another's.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use smtui_core::app::{IdentityId, Lane};

/// At most this many (identity, region) listings paginating at once, over every identity
/// held (matters with `--all-regions` and with an organisation's accounts); the config's
/// `listings_in_flight` changes it.
pub const MAX_LISTING: usize = 12;
/// At most this many calls the user is waiting on, in all regions.
const MAX_INTERACTIVE: usize = 8;
/// ... and at most this many in one region.
const MAX_INTERACTIVE_PER_REGION: usize = 4;
/// CloudTrail LookupEvents allows 2 requests per second per account and region.
pub(crate) const CLOUDTRAIL_INTERVAL: Duration = Duration::from_millis(500);

/// Spaces calls `interval` apart: the first goes at once, each next one waits its slot.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    pub(crate) fn new(interval: Duration) -> Self {
        Self {
            interval,
            next: Mutex::new(None),
        }
    }

    /// Waits for this call's slot.
    pub(crate) async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    /// Goes on from `earlier`'s calls too: no slot before the one `earlier` would give next.
    fn go_on_from(&self, earlier: &RateLimiter) {
        let theirs = *earlier.next.lock().unwrap_or_else(PoisonError::into_inner);
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        *next = (*next).max(theirs);
    }
}

/// Who a CloudTrail limit is counted against: the account once known (two roles of one
/// account share its limit), else the identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Payer {
    Account(String),
    Identity(IdentityId),
}

/// What a task holds while it runs.
pub(crate) struct Permits {
    _lane: OwnedSemaphorePermit,
    _total: Option<OwnedSemaphorePermit>,
}

#[derive(Debug)]
pub(crate) struct Lanes {
    listing_total: Arc<Semaphore>,
    interactive_total: Arc<Semaphore>,
    queues: Mutex<HashMap<(IdentityId, String, Lane), Arc<Semaphore>>>,
    cloudtrail: Mutex<HashMap<(Payer, String), Arc<RateLimiter>>>,
    accounts: Mutex<HashMap<IdentityId, String>>,
}

impl Default for Lanes {
    fn default() -> Self {
        Self {
            listing_total: Arc::new(Semaphore::new(MAX_LISTING)),
            interactive_total: Arc::new(Semaphore::new(MAX_INTERACTIVE)),
            queues: Mutex::default(),
            cloudtrail: Mutex::default(),
            accounts: Mutex::default(),
        }
    }
}

impl Lanes {
    /// Lanes with at most `listings` listings in flight over every identity and region.
    pub(crate) fn with_listings(listings: usize) -> Self {
        Self {
            listing_total: Arc::new(Semaphore::new(listings.max(1))),
            ..Self::default()
        }
    }

    /// The account `identity` belongs to (learnt from GetCallerIdentity). Lookups made
    /// before it was known were spaced by the identity's own limiters: the account's go on
    /// from them, so an account learnt in the middle of a burst of lookups (the answer is
    /// slow on a busy machine) does not start the count afresh.
    pub(crate) fn learn_account(&self, identity: IdentityId, account: String) {
        // Locked first, as in `cloudtrail_limiter`: no limiter is handed out between the
        // account being known and the identity's limiters passing to it.
        let mut limiters = self
            .cloudtrail
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let own = Payer::Identity(identity);
        let regions: Vec<String> = limiters
            .keys()
            .filter(|(payer, _)| *payer == own)
            .map(|(_, region)| region.clone())
            .collect();
        for region in regions {
            let Some(earlier) = limiters.remove(&(own.clone(), region.clone())) else {
                continue;
            };
            match limiters.entry((Payer::Account(account.clone()), region)) {
                Entry::Vacant(entry) => {
                    entry.insert(earlier);
                }
                Entry::Occupied(entry) => entry.get().go_on_from(&earlier),
            }
        }
        self.accounts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(identity, account);
    }

    /// Waits until a call in `lane` for (`identity`, `region`) may run.
    pub(crate) async fn enter(
        self: &Arc<Self>,
        identity: IdentityId,
        region: &str,
        lane: Lane,
    ) -> Option<Permits> {
        let own = self.lane(identity, region, lane);
        let total = match lane {
            Lane::Listing => Some(self.listing_total.clone()),
            Lane::Interactive => Some(self.interactive_total.clone()),
            Lane::CloudTrail => None,
        };
        let lane_permit = own.acquire_owned().await.ok()?;
        let total_permit = match total {
            Some(total) => Some(total.acquire_owned().await.ok()?),
            None => None,
        };
        if lane == Lane::CloudTrail {
            self.cloudtrail_limiter(identity, region).wait().await;
        }
        Some(Permits {
            _lane: lane_permit,
            _total: total_permit,
        })
    }

    fn lane(&self, identity: IdentityId, region: &str, lane: Lane) -> Arc<Semaphore> {
        let width = match lane {
            // Pages of one region are sequential by API design.
            Lane::Listing => 1,
            Lane::Interactive => MAX_INTERACTIVE_PER_REGION,
            // The limiter spaces them; two may be in flight while the next waits its slot.
            Lane::CloudTrail => 2,
        };
        self.queues
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry((identity, region.to_owned(), lane))
            .or_insert_with(|| Arc::new(Semaphore::new(width)))
            .clone()
    }

    fn cloudtrail_limiter(&self, identity: IdentityId, region: &str) -> Arc<RateLimiter> {
        let mut limiters = self
            .cloudtrail
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let payer = self
            .accounts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&identity)
            .map_or(Payer::Identity(identity), |a| Payer::Account(a.clone()));
        limiters
            .entry((payer, region.to_owned()))
            .or_insert_with(|| Arc::new(RateLimiter::new(CLOUDTRAIL_INTERVAL)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn cloudtrail_calls_of_one_account_and_region_go_at_most_two_a_second() {
        let lanes = Arc::new(Lanes::default());
        lanes.learn_account(IdentityId(1), "111122223333".into());
        lanes.learn_account(IdentityId(2), "111122223333".into());
        let start = Instant::now();
        let mut times = Vec::new();
        for i in 0..6 {
            // Two roles of the same account share one limit.
            let identity = IdentityId(1 + i % 2);
            let _permits = lanes.enter(identity, "us-east-1", Lane::CloudTrail).await;
            times.push(start.elapsed());
        }
        assert_eq!(times[0], Duration::ZERO, "the first call goes at once");
        for pair in times.windows(2) {
            assert!(
                pair[1].saturating_sub(pair[0]) >= CLOUDTRAIL_INTERVAL,
                "{times:?}"
            );
        }
        // Another region (or account) has its own budget.
        let before = Instant::now();
        let _p = lanes
            .enter(IdentityId(1), "eu-west-1", Lane::CloudTrail)
            .await;
        assert_eq!(before.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn an_account_learnt_in_the_middle_of_a_burst_goes_on_from_its_spacing() {
        let lanes = Arc::new(Lanes::default());
        let start = Instant::now();
        let mut times = Vec::new();
        for i in 0..4 {
            if i == 2 {
                // GetCallerIdentity answers between two lookups.
                lanes.learn_account(IdentityId(1), "111122223333".into());
            }
            let _permits = lanes
                .enter(IdentityId(1), "us-east-1", Lane::CloudTrail)
                .await;
            times.push(start.elapsed());
        }
        for pair in times.windows(2) {
            assert!(
                pair[1].saturating_sub(pair[0]) >= CLOUDTRAIL_INTERVAL,
                "{times:?}"
            );
        }
        // Another identity of the account, which made a lookup before its account was
        // known, shares the account's spacing from then on, its own slot included.
        let other = IdentityId(2);
        let _p = lanes.enter(other, "us-east-1", Lane::CloudTrail).await;
        let before = start.elapsed();
        lanes.learn_account(other, "111122223333".into());
        let _p = lanes.enter(other, "us-east-1", Lane::CloudTrail).await;
        assert!(start.elapsed() >= before + CLOUDTRAIL_INTERVAL);
        let _p = lanes
            .enter(IdentityId(1), "us-east-1", Lane::CloudTrail)
            .await;
        assert!(start.elapsed() >= before + CLOUDTRAIL_INTERVAL * 2);
    }

    #[tokio::test(start_paused = true)]
    async fn at_most_twelve_regions_list_at_once_and_the_next_goes_when_one_ends() {
        let lanes = Arc::new(Lanes::default());
        let regions: Vec<String> = (0..20).map(|i| format!("region-{i}")).collect();
        let mut held = Vec::new();
        for region in &regions {
            let entered = tokio::time::timeout(
                Duration::from_secs(1),
                lanes.enter(IdentityId::START, region, Lane::Listing),
            )
            .await;
            match entered {
                Ok(permits) => held.push(permits),
                Err(_) => break,
            }
        }
        assert_eq!(
            held.len(),
            MAX_LISTING,
            "--all-regions stays within the cap"
        );
        held.pop();
        let next = tokio::time::timeout(
            Duration::from_secs(1),
            lanes.enter(IdentityId::START, &regions[MAX_LISTING], Lane::Listing),
        )
        .await;
        assert!(next.is_ok(), "a region that ends lets the next one in");
    }

    #[tokio::test(start_paused = true)]
    async fn the_cap_counts_every_identity_s_listings_and_can_be_set() {
        // Five accounts of an organisation, three regions each: at most the cap at once.
        let lanes = Arc::new(Lanes::with_listings(4));
        let mut held = Vec::new();
        'all: for account in 1..=5 {
            for region in ["us-east-1", "eu-west-1", "ap-southeast-2"] {
                let entered = tokio::time::timeout(
                    Duration::from_secs(1),
                    lanes.enter(IdentityId(account), region, Lane::Listing),
                )
                .await;
                match entered {
                    Ok(permits) => held.push(permits),
                    Err(_) => break 'all,
                }
            }
        }
        assert_eq!(
            held.len(),
            4,
            "the cap is over every identity, not per identity"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn one_region_lists_one_page_sequence_at_a_time_and_others_go_on() {
        let lanes = Arc::new(Lanes::default());
        let held = lanes
            .enter(IdentityId::START, "us-east-1", Lane::Listing)
            .await;
        assert!(held.is_some());
        let blocked = tokio::time::timeout(
            Duration::from_secs(1),
            lanes.enter(IdentityId::START, "us-east-1", Lane::Listing),
        )
        .await;
        assert!(blocked.is_err(), "a second listing of the region waits");
        let other = lanes
            .enter(IdentityId::START, "eu-west-1", Lane::Listing)
            .await;
        assert!(other.is_some(), "another region does not");
        let interactive = lanes
            .enter(IdentityId::START, "us-east-1", Lane::Interactive)
            .await;
        assert!(interactive.is_some(), "a reveal never waits for a listing");
    }
}
