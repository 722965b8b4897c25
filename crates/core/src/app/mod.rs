//! The app core, with no I/O: actions, effects, the result envelope, commands and the
//! keymap, the layer stack, and the router (`update`) that hands each action to its room
//! and applies the rules that cross rooms. The rooms themselves live in `crate::features`.

pub(crate) mod action;
pub mod command;
pub mod confirm;
pub(crate) mod effect;
pub(crate) mod envelope;
pub(crate) mod help;
pub mod input;
pub mod keymap;
mod offers;
pub(crate) mod palette;
pub mod prompt;
pub(crate) mod registry;
pub(crate) mod room;
pub(crate) mod rooms;
mod router;
pub(crate) mod stack;
pub(crate) mod state;

pub use crate::room::{IdentityId, Settings, Stamp, TextEdit, Written};
pub use action::Action;
pub use command::Command;
pub use effect::{AwsCall, CopyRequest, Effect, Lane, Timer};
pub use envelope::{Assumed, Envelope, Outcome};
pub(crate) use offers::{available, hint_now};
pub use router::{hold_identity, init, release_identity, update};
pub use state::State;
