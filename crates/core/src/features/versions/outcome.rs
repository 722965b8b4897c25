//! What AWS answers the versions room: the two values a comparison shows, and a rollback
//! (AWSCURRENT moved to an older version).

use crate::features::versions::Call;
use crate::features::versions::{Comparison, Room, Versions};
use crate::ids::SecretRef;
use crate::model::{AwsError, FetchedValue};
use crate::room::{Ctx, Out, Written};

#[derive(Debug, Clone)]
pub enum Outcome {
    /// Two versions' values, to compare.
    Pair {
        secret: SecretRef,
        result: Result<[FetchedValue; 2], AwsError>,
    },
    /// AWSCURRENT moved (or did not): `call` is the make-current asked for.
    MadeCurrent {
        call: Call,
        result: Result<Written, AwsError>,
    },
}

impl crate::room::update::Answer for Outcome {
    /// Whether this answers a write.
    fn answers_write(&self) -> bool {
        matches!(self, Outcome::MadeCurrent { .. })
    }
}

impl Versions {
    /// An answer to a call this room made: the values go to the comparison that asked, if
    /// it is still open (closed, its data went with it).
    pub(crate) fn answered(
        comparison: Option<&mut Comparison>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        match outcome {
            Outcome::Pair { secret, result } => {
                if let Some(comparison) = comparison {
                    comparison.pair_loaded(&secret, result, ctx, out);
                }
            }
            Outcome::MadeCurrent { call, result } => Self::made_current(&call, result, ctx, out),
        }
    }
}
