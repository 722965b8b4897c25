//! What AWS answers the reveal room: a value fetched to reveal or copy.

use crate::features::reveal::{Reveal, Room};
use crate::model::{AwsError, FetchedValue};
use crate::room::{Ctx, Out};

#[derive(Debug, Clone)]
pub enum Outcome {
    /// GetSecretValue, for the fetch with this request id.
    Fetched {
        request: u64,
        result: Result<FetchedValue, AwsError>,
    },
}

impl Reveal {
    /// An answer to a call this room made.
    pub(crate) fn answered(&mut self, outcome: Outcome, ctx: &Ctx, out: &mut Out<Room>) {
        match outcome {
            Outcome::Fetched { request, result } => self.fetched(request, result, ctx, out),
        }
    }
}
