//! Requests for I/O that an update returns: the runner performs them; no update does.
//! Generic over the AWS call, so a room asks for its own calls without naming the app's
//! `AwsCall` (which nests every room's: the router lifts one into the other).

use std::time::Duration;

use crate::ids::SecretRef;
use crate::room::stamp::Stamp;
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

/// What a room (or the router) asks the runner to do. `C` is the AWS call it can ask for:
/// a room's own `Call`, the app's `AwsCall` once the router has lifted it.
#[derive(Debug, Clone)]
pub enum Effect<C> {
    /// An AWS call, run as `stamp.identity`; its result comes back with the same stamp.
    Aws {
        stamp: Stamp,
        call: C,
    },
    /// Put text on the clipboard.
    Copy(CopyRequest),
    /// Clear the clipboard if it still holds what the copy with `token` put there.
    ClearClipboard {
        token: u64,
    },
    /// Remember the roles assumed recently (ARNs and dates only) in `path`.
    SaveRecentRoles {
        path: std::path::PathBuf,
        roles: Vec<crate::recent::RecentRole>,
    },
    /// Drop the credentials held for `identity` (unpinned, and not one `role-back` returns
    /// to): its keys and clients leave memory, and its listings stop.
    ForgetIdentity {
        identity: crate::ids::IdentityId,
    },
    /// Deliver `timer`'s action after `delay`.
    After {
        delay: Duration,
        timer: Timer,
    },
    Quit,
}

/// What a timer wakes: only these are ever delivered late. A timer names its own small
/// type rather than carrying any `Action` so that effects need not know actions (actions
/// carry results, whose envelope names the calls defined here: a circle). The one mapping
/// to an action is `From<Timer> for Action`, beside the actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timer {
    /// The selection may have rested on `secret` long enough to describe it.
    DetailDue { secret: SecretRef },
    /// The reveal with this id may have reached its timeout.
    RemaskDue { reveal: u64 },
    /// Values revealed in a popup may have reached their timeout.
    MaskDue,
    /// The copy with this token may have reached its timeout.
    ClipboardClearDue { token: u64 },
    /// A throttled audit lookup may be tried again.
    AuditRetryDue { query: u64 },
}

/// Which queue of the runner a call waits in (per identity and region).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Listings: long, paged, many regions at once.
    Listing,
    /// What a user is waiting on: describe, reveal, copy, identity.
    Interactive,
    /// CloudTrail LookupEvents: 2 requests per second per account and region.
    CloudTrail,
}

impl<C> Effect<C> {
    /// The same effect, its call (if any) turned into `D`'s: how the router hands a room's
    /// effects on as the app's.
    pub(crate) fn lift<D: From<C>>(self) -> Effect<D> {
        match self {
            Effect::Aws { stamp, call } => Effect::Aws {
                stamp,
                call: call.into(),
            },
            Effect::Copy(copy) => Effect::Copy(copy),
            Effect::ClearClipboard { token } => Effect::ClearClipboard { token },
            Effect::SaveRecentRoles { path, roles } => Effect::SaveRecentRoles { path, roles },
            Effect::After { delay, timer } => Effect::After { delay, timer },
            Effect::ForgetIdentity { identity } => Effect::ForgetIdentity { identity },
            Effect::Quit => Effect::Quit,
        }
    }
}

/// What the core and the runner need to know of any AWS call, whichever room asks it:
/// declared by the room beside its call type, so the app's `AwsCall` hands each question
/// to the room's call in one place.
pub trait RoomCall {
    /// Which queue of the runner it waits in.
    fn lane(&self) -> Lane;

    /// Whether it changes anything. `--read-only` refuses these in the router and, again,
    /// in the runner: no mutating call is ever sent.
    fn mutates(&self) -> bool;

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str;

    /// The secret the call is about, when it is about one: it is stamped as the identity
    /// that listed that secret (`Ctx::stamp_of`).
    fn secret(&self) -> Option<&SecretRef>;

    /// The region it goes to (`None`: the identity's home region).
    fn region(&self) -> Option<&str>;
}
