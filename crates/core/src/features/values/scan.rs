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

/// One identity and region: where the listing lane lets one batch run at a time.
type LaneKey = (IdentityId, String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub(crate) id: u64,
    /// The batches still to send, by lane, the lanes in the order their first batch came.
    queues: Vec<(LaneKey, VecDeque<Vec<SecretRef>>)>,
    /// The lane of each batch on its way.
    in_flight: Vec<LaneKey>,
    /// Secrets the scan reads.
    pub(crate) total: usize,
    /// Secrets answered so far (read or not).
    pub answered: usize,
    /// Secrets that could not be read, with why (in plain words).
    pub(crate) unreadable: Vec<(SecretRef, String)>,
    pub cancelled: bool,
}

fn lane_of(secrets: &[SecretRef]) -> Option<LaneKey> {
    secrets.first().map(|s| (s.identity, s.region.clone()))
}

impl Scan {
    pub(crate) fn new(id: u64, batches: Vec<Vec<SecretRef>>) -> Self {
        let total = batches.iter().map(Vec::len).sum();
        let mut queues: Vec<(LaneKey, VecDeque<Vec<SecretRef>>)> = Vec::new();
        for batch in batches {
            let Some(lane) = lane_of(&batch) else {
                continue;
            };
            match queues.iter_mut().find(|(l, _)| *l == lane) {
                Some((_, queue)) => queue.push_back(batch),
                None => queues.push((lane, VecDeque::from([batch]))),
            }
        }
        Self {
            id,
            total,
            queues,
            in_flight: Vec::new(),
            answered: 0,
            unreadable: Vec::new(),
            cancelled: false,
        }
    }

    /// The batches to send now: the next of each lane with none on its way, the lanes in
    /// turn, up to the window.
    pub(crate) fn next_calls(&mut self) -> Vec<Call> {
        let mut calls = Vec::new();
        if self.cancelled {
            return calls;
        }
        let mut sent = Vec::new();
        for (at, (lane, queue)) in self.queues.iter_mut().enumerate() {
            if self.in_flight.len() >= WINDOW {
                break;
            }
            if self.in_flight.contains(lane) {
                continue;
            }
            let Some(secrets) = queue.pop_front() else {
                continue;
            };
            self.in_flight.push(lane.clone());
            sent.push(at);
            calls.push(Call::Read {
                scan: self.id,
                secrets,
            });
        }
        // The lanes just served go to the back: every lane takes its turn.
        let mut served = Vec::with_capacity(sent.len());
        for at in sent.into_iter().rev() {
            served.push(self.queues.remove(at));
        }
        self.queues.extend(served.into_iter().rev());
        self.queues.retain(|(_, queue)| !queue.is_empty());
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
        self.in_flight.is_empty() && (self.cancelled || self.queues.is_empty())
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
        // e's first, not b's second: the lanes take turns.
        assert_eq!(regions(&scan.next_calls()), vec!["e"]);
        scan.batch_answered(&batch("a", 2));
        assert_eq!(regions(&scan.next_calls()), vec!["a"]);
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
