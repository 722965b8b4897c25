//! What every room speaks and nothing in it names a room: what an update gets (`Ctx`) and
//! gives back (`Out`, `Intent`, `Effect`) in a room's own words (`Room`), the layers, who
//! asked (stamps), the settings, typed-text edits and what a write reports. Rooms sit above it and the
//! app, which registers the rooms, above them; nothing here imports either.

pub(crate) mod ctx;
pub(crate) mod effect;
pub mod keys;
pub mod layers;
pub(crate) mod out;
pub mod popup;
pub(crate) mod revealed;
pub(crate) mod settings;
pub(crate) mod stamp;
pub(crate) mod text_edit;
pub mod update;
pub(crate) mod written;

pub use ctx::Ctx;
pub use effect::{CopyRequest, Effect, Lane, RoomCall, Timer};
pub(crate) use out::{
    ConfirmRequest, Intent, Level, Never, OnYes, Out, Room, RoomPrompt, Sensitivity, StatusLine,
};
pub use settings::Settings;
pub use stamp::{IdentityId, Stamp};
pub use text_edit::TextEdit;
pub use written::Written;
