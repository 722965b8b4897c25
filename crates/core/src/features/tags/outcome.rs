//! What AWS answers the tags room: the resource policy its popup shows, and its writes (a
//! tag set or removed, the description changed).

use crate::features::tags::Call;
use crate::features::tags::{Popup, Room, Tags};
use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::room::{Ctx, Out, Written};

#[derive(Debug, Clone)]
pub enum Outcome {
    /// The resource policy (`None`: there is none).
    Policy {
        secret: SecretRef,
        result: Result<Option<String>, AwsError>,
    },
    /// A tag set or removed, or the description changed (or refused): `call` says which.
    Wrote {
        call: Call,
        result: Result<Written, AwsError>,
    },
}

impl crate::room::update::Answer for Outcome {
    /// Whether this answers a write.
    fn answers_write(&self) -> bool {
        matches!(self, Outcome::Wrote { .. })
    }
}

impl Tags {
    /// An answer to a call this room made: the policy goes to the popup that asked, if it
    /// is still open (closed, its data went with it).
    pub(crate) fn answered(
        popup: Option<&mut Popup>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        match outcome {
            Outcome::Policy { secret, result } => {
                if let Some(popup) = popup {
                    popup.policy_loaded(&secret, result, ctx);
                }
            }
            Outcome::Wrote { call, result } => Self::wrote(&call, result, ctx, out),
        }
    }
}
