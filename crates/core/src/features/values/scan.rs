//! A scan under way: the batches still to send, what was read and what could not be. One
//! batch per identity and region is on its way at a time (the listing lane would hold any
//! more in the runner, out of a cancel's reach), a few in all; cancelling sends no further
//! batch, and the few already sent are still counted when they answer (their values were
//! read).

use std::collections::VecDeque;

use crate::ids::{IdentityId, SecretRef};

use super::call::Call;

/// At most this many batches on their way at once, over every identity and region.
pub(crate) const WINDOW: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub(crate) id: u64,
    queue: VecDeque<Vec<SecretRef>>,
    /// The (identity, region) of each batch on its way.
    in_flight: Vec<(IdentityId, String)>,
    /// Secrets the scan reads.
    pub(crate) total: usize,
    /// Secrets answered so far (read or not).
    pub answered: usize,
    /// Secrets that could not be read, with why (in plain words).
    pub(crate) unreadable: Vec<(SecretRef, String)>,
    pub cancelled: bool,
}

fn lane_of(secrets: &[SecretRef]) -> Option<(IdentityId, String)> {
    secrets.first().map(|s| (s.identity, s.region.clone()))
}

impl Scan {
    pub(crate) fn new(id: u64, batches: Vec<Vec<SecretRef>>) -> Self {
        Self {
            id,
            total: batches.iter().map(Vec::len).sum(),
            queue: batches.into(),
            in_flight: Vec::new(),
            answered: 0,
            unreadable: Vec::new(),
            cancelled: false,
        }
    }

    /// The batches to send now: the first waiting of each identity and region with none on
    /// its way, up to the window.
    pub(crate) fn next_calls(&mut self) -> Vec<Call> {
        let mut calls = Vec::new();
        let mut at = 0;
        while !self.cancelled && self.in_flight.len() < WINDOW && at < self.queue.len() {
            let lane = lane_of(&self.queue[at]);
            if lane
                .as_ref()
                .is_some_and(|lane| self.in_flight.contains(lane))
            {
                at += 1;
                continue;
            }
            let Some(secrets) = self.queue.remove(at) else {
                break;
            };
            self.in_flight.extend(lane);
            calls.push(Call::Read {
                scan: self.id,
                secrets,
            });
        }
        calls
    }

    /// A batch of `secrets` answered.
    pub(crate) fn batch_answered(&mut self, secrets: &[SecretRef]) {
        if let Some(lane) = lane_of(secrets)
            && let Some(at) = self.in_flight.iter().position(|l| *l == lane)
        {
            self.in_flight.remove(at);
        }
        self.answered += secrets.len();
    }

    /// No further batch is sent.
    pub(crate) fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// Nothing is on its way and nothing more will be sent.
    pub(crate) fn finished(&self) -> bool {
        self.in_flight.is_empty() && (self.cancelled || self.queue.is_empty())
    }

    /// Secrets read (answered and readable).
    pub(crate) fn read(&self) -> usize {
        self.answered.saturating_sub(self.unreadable.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(region: &str, n: usize) -> Vec<SecretRef> {
        (0..n)
            .map(|i| {
                let arn =
                    format!("arn:aws:secretsmanager:{region}:123456789012:secret:s{i}-AbCdEf");
                SecretRef::new(IdentityId::START, region, &arn, format!("s{i}")).expect("an ARN")
            })
            .collect()
    }

    fn regions(calls: &[Call]) -> Vec<String> {
        calls
            .iter()
            .map(|c| match c {
                Call::Read { secrets, .. } => secrets[0].region.clone(),
                Call::Fingerprint { .. } => String::new(),
            })
            .collect()
    }

    #[test]
    fn one_batch_per_region_on_its_way_and_a_window_over_all() {
        let mut batches = Vec::new();
        for region in ["a", "b", "c", "d", "e"] {
            batches.push(batch(region, 2));
            batches.push(batch(region, 2));
        }
        let mut scan = Scan::new(1, batches);
        assert_eq!(scan.total, 20);
        assert_eq!(regions(&scan.next_calls()), vec!["a", "b", "c", "d"]);
        assert!(scan.next_calls().is_empty());
        scan.batch_answered(&batch("b", 2));
        // b's second batch, not e's first: the queue's order, one per region.
        assert_eq!(regions(&scan.next_calls()), vec!["b"]);
        assert!(!scan.finished());
    }

    #[test]
    fn a_cancelled_scan_sends_nothing_more_and_waits_for_what_was_sent() {
        let mut scan = Scan::new(1, (0..6).map(|_| batch("a", 1)).collect());
        assert_eq!(scan.next_calls().len(), 1, "one at a time in one region");
        scan.cancel();
        assert!(!scan.finished());
        scan.batch_answered(&batch("a", 1));
        assert!(scan.next_calls().is_empty());
        assert!(scan.finished());
        assert_eq!(scan.answered, 1);
    }
}
