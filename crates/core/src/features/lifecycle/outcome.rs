//! What AWS answers the lifecycle room: a deletion, a restore, replicas removed.

use crate::features::lifecycle::Call;
use crate::features::lifecycle::{Lifecycle, Room};
use crate::model::AwsError;
use crate::room::{Ctx, Out, Written};

#[derive(Debug, Clone)]
pub enum Outcome {
    /// A delete, restore or replica removal was made (or refused): `call` says which.
    Wrote {
        call: Call,
        result: Result<Written, AwsError>,
    },
}

impl crate::room::update::Answer for Outcome {
    /// Whether this answers a write: every answer of this room does.
    fn answers_write(&self) -> bool {
        match self {
            Outcome::Wrote { .. } => true,
        }
    }
}

impl Lifecycle {
    /// An answer to a call this room made.
    pub(crate) fn answered(outcome: Outcome, ctx: &Ctx, out: &mut Out<Room>) {
        match outcome {
            Outcome::Wrote { call, result } => Self::wrote(&call, result, ctx, out),
        }
    }
}
