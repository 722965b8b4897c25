//! What switching identity asks for by prompt: a role's ARN and its options, an MFA
//! device, and MFA codes. The codes are secret: shown as dots, never echoed, and wiped
//! when their prompt closes. The answers come back to the router's `identity::prompted`
//! (a switch crosses rooms).

use crate::ids::Arn;
use crate::room::RoomPrompt;
use crate::room::popup::Holds;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The ARN of a role to assume.
    RoleArn,
    /// The options of a role assumed by its ARN (session, duration, external ID, MFA).
    RoleOptions { arn: Arn },
    /// The MFA code for a role assumed by its ARN with an MFA device.
    RoleCode { arn: Arn, options: String },
    /// The MFA code for a role profile.
    MfaCode { profile: String },
    /// The MFA device of an MFA session (GetSessionToken).
    SessionSerial,
    /// Its code.
    SessionCode { serial: String },
}

impl RoomPrompt for Prompt {
    fn is_secret(&self) -> bool {
        matches!(
            self,
            Prompt::MfaCode { .. } | Prompt::RoleCode { .. } | Prompt::SessionCode { .. }
        )
    }

    /// On the way to another identity: it holds no identity's data.
    fn holds(&self) -> Holds {
        Holds::Nothing
    }
}
