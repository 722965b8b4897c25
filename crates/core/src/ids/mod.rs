//! Typed addresses, part of the protocol between the core and the runner (with `Action`,
//! `Effect` and `Command`): an ARN is parsed once into its parts ([`Arn`]); who a call
//! runs as is an [`Identity`] with its kind, never a label standing where an ARN belongs;
//! a secret is addressed by one [`SecretRef`] (identity, region, ARN, name), not by loose
//! strings travelling together.

mod arn;
mod identity;
mod row_key;
mod secret_ref;

pub use arn::{Arn, ArnError};
pub use identity::{Identity, IdentityId};
pub use row_key::RowKey;
pub use secret_ref::SecretRef;
