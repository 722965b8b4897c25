//! Who asked for an AWS call, and when: the stamp every effect carries and every result
//! returns with (see `envelope`).

/// Which credentials a call runs as. `IdentityId::START` is the identity smtui started with;
/// switching roles adds others, and the runner keeps clients per identity and region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityId(pub u32);

impl IdentityId {
    pub const START: IdentityId = IdentityId(0);
}

/// Who asked, and when: stamped on every AWS effect and copied onto its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// Bumped by a refresh (and by a role switch): older results are stale.
    pub generation: u64,
    pub identity: IdentityId,
}
