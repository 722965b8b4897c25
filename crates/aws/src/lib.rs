//! Everything that waits: the AWS SDK calls, the effect runner that spawns them as tokio
//! tasks (one lane per identity and region) and sends their results back as actions, the
//! identities and their credentials, the clipboard port, and the few files smtui keeps.
//! The core (`smtui-core`) never calls into here; the binary wires the two together.

pub mod client;
pub mod clipboard;
pub mod cloudtrail;
pub mod convert;
pub mod error;
pub mod private_file;
pub mod profiles;
pub mod recent;
pub mod regions;
pub mod rotation;
pub mod runner;
pub mod secrets;
pub mod signing_key;
pub mod sts;

pub use client::{AwsContext, ConnectOptions};
pub use error::{AwsError, ErrorKind};
