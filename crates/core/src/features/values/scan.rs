//! A scan under way: the batches still to send, a few on their way at once, what was read
//! and what could not be. Cancelling sends no further batch; the few already sent are
//! still counted when they answer (their values were read).

use std::collections::VecDeque;

use crate::ids::SecretRef;

use super::call::Call;

/// At most this many batches on their way at once: the lanes bound the load; this bounds
/// what a cancel cannot take back.
pub(crate) const WINDOW: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub(crate) id: u64,
    queue: VecDeque<Vec<SecretRef>>,
    in_flight: usize,
    /// Secrets the scan reads.
    pub(crate) total: usize,
    /// Secrets answered so far (read or not).
    pub(crate) answered: usize,
    /// Secrets that could not be read, with why (in plain words).
    pub(crate) unreadable: Vec<(SecretRef, String)>,
    pub cancelled: bool,
}

impl Scan {
    pub(crate) fn new(id: u64, batches: Vec<Vec<SecretRef>>) -> Self {
        Self {
            id,
            total: batches.iter().map(Vec::len).sum(),
            queue: batches.into(),
            in_flight: 0,
            answered: 0,
            unreadable: Vec::new(),
            cancelled: false,
        }
    }

    /// The batches to send now, filling the window.
    pub(crate) fn next_calls(&mut self) -> Vec<Call> {
        let mut calls = Vec::new();
        while !self.cancelled && self.in_flight < WINDOW {
            let Some(secrets) = self.queue.pop_front() else {
                break;
            };
            self.in_flight += 1;
            calls.push(Call::Read {
                scan: self.id,
                secrets,
            });
        }
        calls
    }

    /// A batch of `secrets` answered.
    pub(crate) fn batch_answered(&mut self, secrets: usize) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.answered += secrets;
    }

    /// No further batch is sent.
    pub(crate) fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// Nothing is on its way and nothing more will be sent.
    pub(crate) fn finished(&self) -> bool {
        self.in_flight == 0 && (self.cancelled || self.queue.is_empty())
    }

    /// Secrets read (answered and readable).
    pub(crate) fn read(&self) -> usize {
        self.answered.saturating_sub(self.unreadable.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::IdentityId;

    fn batch(n: usize) -> Vec<SecretRef> {
        (0..n)
            .map(|i| {
                let arn = format!("arn:aws:secretsmanager:r:123456789012:secret:s{i}-AbCdEf");
                SecretRef::new(IdentityId::START, "r", &arn, format!("s{i}")).expect("an ARN")
            })
            .collect()
    }

    #[test]
    fn a_window_of_batches_then_one_per_answer() {
        let mut scan = Scan::new(1, (0..6).map(|_| batch(2)).collect());
        assert_eq!(scan.total, 12);
        assert_eq!(scan.next_calls().len(), WINDOW);
        assert!(scan.next_calls().is_empty());
        scan.batch_answered(2);
        assert_eq!(scan.next_calls().len(), 1);
        assert!(!scan.finished());
    }

    #[test]
    fn a_cancelled_scan_sends_nothing_more_and_waits_for_what_was_sent() {
        let mut scan = Scan::new(1, (0..6).map(|_| batch(1)).collect());
        let sent = scan.next_calls().len();
        scan.cancel();
        for _ in 0..sent - 1 {
            scan.batch_answered(1);
            assert!(scan.next_calls().is_empty());
            assert!(!scan.finished());
        }
        scan.batch_answered(1);
        assert!(scan.finished());
        assert_eq!(scan.answered, sent);
    }
}
