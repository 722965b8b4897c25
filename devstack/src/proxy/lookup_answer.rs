//! LookupEvents as the proxy answers it: each call's arrival time kept for tests,
//! CloudTrail's per-region rate (when switched on), and the caller's account's events
//! from the store ([`super::lookup`]).

use std::time::Instant;

use bytes::Bytes;
use http::{Response, StatusCode, header};
use http_body_util::Full;

use super::{Shared, lock, lookup, wire};

/// CloudTrail's LookupEvents quota: 2 requests/s per region.
const LOOKUP_RATE_PER_SEC: f64 = 2.0;
/// How many LookupEvents arrival times the proxy keeps.
const MAX_LOOKUP_TIMES: usize = 10_000;

/// One region's LookupEvents allowance (a token bucket refilled at the quota).
pub(super) struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn take(&mut self, now: Instant) -> bool {
        let refill = now.duration_since(self.last).as_secs_f64() * LOOKUP_RATE_PER_SEC;
        self.tokens = (self.tokens + refill).min(LOOKUP_RATE_PER_SEC);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

pub(super) fn answer(
    shared: &Shared,
    region: &str,
    account: &str,
    throttle: bool,
    body: &[u8],
) -> Response<Full<Bytes>> {
    {
        let mut times = lock(&shared.lookup_times);
        if times.len() == MAX_LOOKUP_TIMES {
            times.pop_front();
        }
        times.push_back((Instant::now(), region.to_owned()));
    }
    if throttle {
        let now = Instant::now();
        let mut buckets = lock(&shared.buckets);
        let bucket = buckets.entry(region.to_string()).or_insert(Bucket {
            tokens: LOOKUP_RATE_PER_SEC,
            last: now,
        });
        if !bucket.take(now) {
            return wire::json_error(
                StatusCode::BAD_REQUEST,
                "ThrottlingException",
                "Rate exceeded",
            );
        }
    }
    let result = lookup::lookup_events(&lock(&shared.store), region, account, body);
    match result {
        Ok(v) => {
            let mut resp = Response::new(Full::new(Bytes::from(v.to_string())));
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                http::HeaderValue::from_static(wire::JSON_CONTENT_TYPE),
            );
            if let Ok(id) = http::HeaderValue::from_str(&crate::ids::uuid_like()) {
                resp.headers_mut().insert("x-amzn-requestid", id);
            }
            resp
        }
        Err((code, msg)) => wire::json_error(StatusCode::BAD_REQUEST, code, &msg),
    }
}
