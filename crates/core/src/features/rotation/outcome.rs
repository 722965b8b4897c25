//! What AWS answers the rotation room: its writes (rotate now, the schedule set, rotation
//! cancelled, a stuck rotation repaired).

use crate::features::rotation::Call;
use crate::features::rotation::{Room, RotationRoom};
use crate::model::AwsError;
use crate::room::{Ctx, Out, Written};

#[derive(Debug, Clone)]
pub enum Outcome {
    /// A rotation write was made (or refused): `call` says which.
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

impl RotationRoom {
    /// An answer to a call this room made.
    pub(crate) fn answered(outcome: Outcome, ctx: &Ctx, out: &mut Out<Room>) {
        match outcome {
            Outcome::Wrote { call, result } => Self::wrote(&call, result, ctx, out),
        }
    }
}
