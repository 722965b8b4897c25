//! Who asked for an AWS call, and when: the stamp every effect carries and every result
//! returns with (see `envelope`).

pub use crate::ids::IdentityId;

/// Who asked, and when: stamped on every AWS effect and copied onto its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// The identity's generation: a refresh (or holding it again) starts a new one, and
    /// older results of that identity are stale.
    pub generation: u64,
    pub identity: IdentityId,
}
