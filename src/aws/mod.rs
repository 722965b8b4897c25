//! Everything that talks to AWS. The UI never calls into here directly: the effect runner
//! (`runner.rs`) spawns these calls as tasks and sends their results back as actions.

pub mod client;
pub mod cloudtrail;
pub mod convert;
pub mod error;
pub mod profiles;
pub mod regions;
pub mod rotation;
pub mod secrets;
pub mod signing_key;
pub mod sts;

pub use client::{AwsContext, ConnectOptions};
pub use error::{AwsError, ErrorKind};
