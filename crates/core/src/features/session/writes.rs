//! The writes on their way: counted so the identity does not change under them (their
//! answers, as the old identity, would be dropped by the stale check).

use super::Session;

impl Session {
    /// A write was sent: it counts until it is answered.
    pub(crate) fn write_sent(&mut self) {
        self.writes_in_flight += 1;
    }

    /// A write was answered (whether it is then used or dropped as stale).
    pub(crate) fn write_answered(&mut self) {
        self.writes_in_flight = self.writes_in_flight.saturating_sub(1);
    }

    /// How many writes are on their way.
    pub fn writes_in_flight(&self) -> usize {
        self.writes_in_flight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_count_until_answered_and_never_below_none() {
        let mut session = Session::new(None);
        session.write_sent();
        session.write_sent();
        assert_eq!(session.writes_in_flight(), 2);
        session.write_answered();
        assert_eq!(session.writes_in_flight(), 1);
        session.write_answered();
        session.write_answered();
        assert_eq!(
            session.writes_in_flight(),
            0,
            "an answer with nothing counted (sent before a reset) does not go below none"
        );
    }
}
