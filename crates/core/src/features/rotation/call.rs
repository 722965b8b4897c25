//! The AWS calls the rotation room makes: rotate now, set the schedule, cancel, repair.

use crate::ids::{Arn, SecretRef};
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// RotateSecret with nothing but the secret: rotate now, with the configured function
    /// and schedule.
    Rotate { secret: SecretRef },
    /// RotateSecret with rules: sets (or changes) the schedule, rotating now or not.
    /// `lambda_arn` is needed only when no function is configured and no service manages
    /// the rotation.
    SetRotation {
        secret: SecretRef,
        rules: RotationRules,
        lambda_arn: Option<Arn>,
        rotate_now: bool,
    },
    /// CancelRotateSecret: turns automatic rotation off (and cancels one in progress).
    CancelRotation { secret: SecretRef },
    /// UpdateSecretVersionStage removing AWSPENDING from `version`: repairs a stuck
    /// rotation so a new one can start.
    RemovePending { secret: SecretRef, version: String },
}

/// RotationRules as sent: days or an expression (never both), and an optional window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RotationRules {
    pub every_days: Option<i64>,
    pub schedule: Option<String>,
    /// Duration, e.g. `3h`.
    pub window: Option<String>,
}

impl Call {
    /// Every call of this room is about one secret.
    pub(crate) fn secret(&self) -> &SecretRef {
        match self {
            Call::Rotate { secret }
            | Call::SetRotation { secret, .. }
            | Call::CancelRotation { secret }
            | Call::RemovePending { secret, .. } => secret,
        }
    }

    /// The region the call goes to: the secret's.
    pub(crate) fn region(&self) -> &str {
        &self.secret().region
    }
}

impl RoomCall for Call {
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Every call of this room changes the secret.
    fn mutates(&self) -> bool {
        match self {
            Call::Rotate { .. }
            | Call::SetRotation { .. }
            | Call::CancelRotation { .. }
            | Call::RemovePending { .. } => true,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::Rotate { .. } | Call::SetRotation { .. } => "RotateSecret",
            Call::CancelRotation { .. } => "CancelRotateSecret",
            Call::RemovePending { .. } => "UpdateSecretVersionStage",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        Some(Call::secret(self))
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
