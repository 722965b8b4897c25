//! Errors the proxy answers with instead of moto, for tests of faults: throttling bursts,
//! 500s, an expired token (see `ProxyOptions::fail_answers`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{Shared, lock};

/// An error the proxy answers with instead of moto (see `ProxyOptions::fail_answers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub(crate) status: u16,
    pub(crate) code: String,
    pub(crate) message: String,
}

impl Failure {
    pub fn new(status: u16, code: &str, message: &str) -> Self {
        Self {
            status,
            code: code.to_string(),
            message: message.to_string(),
        }
    }
}

pub(super) fn take_failure(shared: &Shared, operation: &str) -> Option<Failure> {
    let mut options = lock(&shared.options);
    match options.fail_answers.get_mut(operation) {
        Some((left, failure)) if *left > 0 => {
            *left -= 1;
            Some(failure.clone())
        }
        _ => None,
    }
}

/// How many calls of each Secrets Manager operation are in the proxy at once, and the most
/// there have been since the last reset: a benchmark proves a client's concurrency here.
#[derive(Debug, Default)]
pub(super) struct InFlight(Mutex<HashMap<String, (usize, usize)>>);

/// Held while a call is in the proxy; counts it out when dropped.
pub(super) struct InFlightGuard {
    shared: Arc<Shared>,
    operation: String,
}

pub(super) fn enter(shared: &Arc<Shared>, operation: &str) -> InFlightGuard {
    let mut counts = lock(&shared.in_flight.0);
    let (now, max) = counts.entry(operation.to_owned()).or_default();
    *now += 1;
    *max = (*max).max(*now);
    InFlightGuard {
        shared: shared.clone(),
        operation: operation.to_owned(),
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if let Some((now, _)) = lock(&self.shared.in_flight.0).get_mut(&self.operation) {
            *now = now.saturating_sub(1);
        }
    }
}

pub(super) fn max_in_flight(shared: &Shared, operation: &str) -> usize {
    lock(&shared.in_flight.0)
        .get(operation)
        .map_or(0, |(_, max)| *max)
}

pub(super) fn reset_max_in_flight(shared: &Shared) {
    for (now, max) in lock(&shared.in_flight.0).values_mut() {
        *max = *now;
    }
}
