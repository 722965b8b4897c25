//! smtui-devstack: the local AWS stack for smtui's demo and tests.
//!
//! - [`venv`]: moto, pinned, in `.devstack/venv` (installed once, flock-guarded).
//! - [`moto`]: `moto.server` on a free loopback port, killed with us however we die.
//! - [`proxy`]: a recording proxy in front of moto that adds CloudTrail LookupEvents,
//!   AssumeRole attribution, JSON-shaped auth errors, per-region fault injection, and
//!   the rotation and last-read bookkeeping moto lacks (rules, dates, service events).
//! - [`seed`]: realistic secrets in three regions through the real AWS SDK;
//!   [`fixtures`] names the well-known ones tests can rely on.
//! - [`Stack`]: all of the above behind one handle.
//! - [`bench`]: the listing benchmark (`scripts/bench-list`) and its raw HTTP client.

pub mod bench;
pub mod fixtures;
pub mod iam;
mod ids;
pub mod moto;
pub mod proxy;
mod raw;
pub mod seed;
mod stack;
pub mod venv;

pub use ids::uuid_like;
pub use proxy::events::RecordedEvent;
pub use proxy::{
    Backdate, BackdateError, Failure, Proxy, ProxyHandle, ProxyOptions, RotationFailure,
};
pub use seed::{RegionSummary, SeedSummary, seed};
pub use stack::{Stack, StackOptions};
