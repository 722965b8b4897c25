//! Everything that waits: the AWS SDK calls, the effect runner that spawns them as tokio
//! tasks (one lane per identity and region) and sends their results back as actions, the
//! identities and their credentials, the clipboard port, and the few files smtui keeps.
//! The core (`smtui-core`) never calls into here; the binary wires the two together.

// Visibility says what is API: an item no other crate or test uses is `pub(crate)`.
#![warn(unreachable_pub)]

pub(crate) mod client;
pub mod clipboard;
pub(crate) mod cloudtrail;
pub(crate) mod convert;
pub(crate) mod error;
pub mod iam;
pub mod kms;
pub mod organizations;
pub mod private_file;
pub mod profiles;
pub mod recent;
pub mod regions;
pub mod replication;
pub(crate) mod rotation;
pub mod runner;
pub mod secrets;
pub(crate) mod signing_key;
pub mod sso;
pub(crate) mod sts;
pub mod value_checks;

pub use client::{AwsContext, ConnectOptions};
pub use error::{AwsError, ErrorKind};
