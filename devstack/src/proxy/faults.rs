//! Errors the proxy answers with instead of moto, for tests of faults: throttling bursts,
//! 500s, an expired token (see `ProxyOptions::fail_answers`).

use super::{Shared, lock};

/// An error the proxy answers with instead of moto (see `ProxyOptions::fail_answers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u16,
    pub code: String,
    pub message: String,
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
