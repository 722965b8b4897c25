//! Requests for I/O that `update` returns. The runner performs them; `update` never does.

use std::time::Duration;

use crate::app::action::Action;
use crate::model::VersionSel;
use crate::secret::SecretValue;

/// A copy to make: handed unchanged from `update` to whichever thread runs the clipboard.
#[derive(Debug, Clone)]
pub struct CopyRequest {
    pub token: u64,
    /// What was copied, for the status line (never the value).
    pub label: String,
    pub text: SecretValue,
    /// A secret is cleared on exit, and after `clear_after`; a name or ARN is not.
    pub secret: bool,
    pub clear_after: Option<Duration>,
}

#[derive(Debug, Clone)]
pub enum Effect {
    ListRegion {
        generation: u64,
        region: String,
    },
    Describe {
        generation: u64,
        region: String,
        arn: String,
    },
    FetchValue {
        generation: u64,
        request: u64,
        region: String,
        arn: String,
        version: VersionSel,
    },
    WhoAmI {
        generation: u64,
        region: Option<String>,
    },
    /// Put text on the clipboard.
    Copy(CopyRequest),
    /// Clear the clipboard if it still holds what the copy with `token` put there.
    ClearClipboard {
        token: u64,
    },
    /// Deliver `action` after `delay`.
    After {
        delay: Duration,
        action: Box<Action>,
    },
    Quit,
}
