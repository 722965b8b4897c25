//! The value checks (find-value, reused-values): their flows and drawings through the app
//! with AWS's answers given by hand; the real SDK against the local stack.

mod flows;
pub(crate) mod live;
mod posture_deep;
mod reused;
