//! smtui-devstack: the local AWS stack for smtui's demo and tests.
//!
//! - [`venv`]: moto, pinned, in `.devstack/venv` (installed once, flock-guarded).
//! - [`moto`]: `moto.server` on a free loopback port, killed with us however we die.
//! - `proxy`: a recording proxy in front of moto that adds CloudTrail LookupEvents,
//!   AssumeRole attribution, JSON-shaped auth errors, per-region fault injection, and
//!   the rotation and last-read bookkeeping moto lacks (rules, dates, service events),
//!   and IAM Identity Center (the access portal and the OIDC device flow).
//! - `seed`: realistic secrets in three regions through the real AWS SDK;
//!   [`fixtures`] names the well-known ones tests can rely on.
//! - [`Stack`]: all of the above behind one handle.
//! - [`demo_config`]: the demo's AWS config file (role profiles on the stack's keys).
//! - [`bench`]: the listing benchmark (`scripts/bench-list`) and its raw HTTP client.

// Visibility says what is API: an item no other crate or test uses is `pub(crate)`.
#![warn(unreachable_pub)]

pub mod bench;
pub mod demo_config;
pub mod fixtures;
pub mod iam;
mod ids;
pub mod moto;
pub(crate) mod proxy;
mod raw;
pub(crate) mod seed;
mod stack;
pub mod venv;

pub use proxy::events::RecordedEvent;
pub use proxy::{
    Backdate, BackdateError, Failure, ProxyHandle, ProxyOptions, ReplicaDrift, RotationFailure,
    STALE_VALUE, SimulateRequest, stale_version_id,
};
pub use seed::{RegionSummary, SeedSummary};
pub use stack::{Stack, StackOptions};
