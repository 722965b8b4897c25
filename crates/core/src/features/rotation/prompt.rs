//! What `rotation-schedule` asks for by prompt: the schedule, then (on a secret with no
//! rotation function yet) which Lambda runs it. The answers come back to
//! `RotationRoom::prompted`.

use crate::ids::SecretRef;
use crate::room::RoomPrompt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The schedule for this secret.
    Schedule { secret: SecretRef },
    /// The ARN of the Lambda that rotates it; `schedule` is the schedule already typed.
    Function { secret: SecretRef, schedule: String },
}

impl RoomPrompt for Prompt {}
