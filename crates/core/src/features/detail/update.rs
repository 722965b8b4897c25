//! The detail room's update.

use std::time::Instant;

use crate::features::detail::{CachedDetail, Call, DETAIL_DEBOUNCE, Details, Room};
use crate::ids::{IdentityId, SecretRef};
use crate::model::{AwsError, SecretDetail};
use crate::room::{Ctx, Effect, Out, Timer};

impl Details {
    pub(crate) fn loaded(
        &mut self,
        secret: &SecretRef,
        result: Result<SecretDetail, AwsError>,
        ttl: std::time::Duration,
        now: Instant,
    ) {
        if self.in_flight.as_ref() == Some(secret) {
            self.in_flight = None;
        }
        let keep_for = ttl * 10;
        for cached in self.cache.values_mut() {
            cached.retain(|_, d| now.duration_since(d.fetched_at) < keep_for);
        }
        self.cache.entry(secret.identity).or_default().insert(
            secret.arn.clone(),
            CachedDetail {
                fetched_at: now,
                result,
            },
        );
    }

    /// The selection moved to `secret`: describe it once it has rested there.
    pub(crate) fn selection_moved(secret: SecretRef, out: &mut Out<Room>) {
        out.effect(Effect::After {
            delay: DETAIL_DEBOUNCE,
            timer: Timer::DetailDue { secret },
        });
    }

    /// The selection rested on `secret`.
    pub(crate) fn due(&mut self, secret: &SecretRef, ctx: &Ctx, out: &mut Out<Room>) {
        if ctx.selected.is_some_and(|s| s.is(secret)) {
            self.describe_if_stale(ctx, out);
        }
    }

    /// Describes the selected secret unless a fresh answer is cached or one is on its way.
    pub(crate) fn describe_if_stale(&mut self, ctx: &Ctx, out: &mut Out<Room>) {
        let Some(selected) = ctx.selected else {
            return;
        };
        let fresh = self
            .get(selected.identity, &selected.arn)
            .is_some_and(|d| ctx.now.duration_since(d.fetched_at) < ctx.settings.detail_ttl);
        if fresh || self.in_flight.as_ref().is_some_and(|s| selected.is(s)) {
            return;
        }
        let secret = ctx.address(selected);
        self.in_flight = Some(secret.clone());
        out.effect(Effect::Aws {
            stamp: ctx.stamp_for(&secret),
            call: Call::Describe { secret },
        });
    }

    /// A write changed `secret`: its cached detail is stale.
    pub(crate) fn forget_one(&mut self, secret: &SecretRef) {
        if let Some(cached) = self.cache.get_mut(&secret.identity) {
            cached.remove(&secret.arn);
        }
    }

    /// Everything cached of `identity` belongs to its old generation (or it is no longer
    /// held); another identity's stays.
    pub(crate) fn forget(&mut self, identity: IdentityId) {
        self.cache.remove(&identity);
        if self
            .in_flight
            .as_ref()
            .is_some_and(|s| s.identity == identity)
        {
            self.in_flight = None;
        }
    }
}
