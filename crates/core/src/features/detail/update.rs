//! The detail room's update.

use std::time::Instant;

use crate::app::effect::{AwsCall, Effect, Timer};
use crate::app::room::{Ctx, Out};
use crate::features::detail::{CachedDetail, DETAIL_DEBOUNCE, Details};
use crate::ids::SecretRef;
use crate::model::{AwsError, SecretDetail};

impl Details {
    pub fn loaded(
        &mut self,
        secret: &SecretRef,
        result: Result<SecretDetail, AwsError>,
        ttl: std::time::Duration,
        now: Instant,
    ) {
        if self.in_flight.as_deref() == Some(secret.arn.as_str()) {
            self.in_flight = None;
        }
        let keep_for = ttl * 10;
        self.cache
            .retain(|_, d| now.duration_since(d.fetched_at) < keep_for);
        self.cache.insert(
            secret.arn.to_string(),
            CachedDetail {
                fetched_at: now,
                result,
            },
        );
    }

    /// The selection moved to `secret`: describe it once it has rested there.
    pub fn selection_moved(secret: SecretRef, out: &mut Out) {
        out.effect(Effect::After {
            delay: DETAIL_DEBOUNCE,
            timer: Timer::DetailDue { secret },
        });
    }

    /// The selection rested on `secret`.
    pub fn due(&mut self, secret: &SecretRef, ctx: &Ctx, out: &mut Out) {
        if ctx.selected.is_some_and(|s| s.is(secret)) {
            self.describe_if_stale(ctx, out);
        }
    }

    /// Describes the selected secret unless a fresh answer is cached or one is on its way.
    pub fn describe_if_stale(&mut self, ctx: &Ctx, out: &mut Out) {
        let Some(selected) = ctx.selected else {
            return;
        };
        let fresh = self
            .cache
            .get(&selected.arn)
            .is_some_and(|d| ctx.now.duration_since(d.fetched_at) < ctx.settings.detail_ttl);
        if fresh || self.in_flight.as_deref() == Some(selected.arn.as_str()) {
            return;
        }
        let Some(secret) = ctx.secret_ref(selected, out) else {
            return;
        };
        self.in_flight = Some(selected.arn.clone());
        out.effect(Effect::Aws {
            stamp: ctx.stamp,
            call: AwsCall::Describe { secret },
        });
    }

    /// A write changed `secret`: its cached detail is stale.
    pub fn forget_one(&mut self, secret: &SecretRef) {
        self.cache.remove(secret.arn.as_str());
    }

    /// Everything cached belongs to the old generation.
    pub fn forget(&mut self) {
        self.cache.clear();
        self.in_flight = None;
    }
}
