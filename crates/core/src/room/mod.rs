//! What every room speaks and nothing in it names a room: what an update gets (`Ctx`) and
//! gives back (`Out`, `Intent`, `Effect`) in a room's own words (`Room`), the layers, who
//! asked (stamps), the settings, typed-text edits and what a write reports. Rooms sit above it and the
//! app, which registers the rooms, above them; nothing here imports either.

pub mod ctx;
pub mod effect;
pub mod keys;
pub mod layers;
pub mod out;
pub mod popup;
pub mod revealed;
pub mod settings;
pub mod stamp;
pub mod text_edit;
pub mod update;
pub mod written;

pub use ctx::Ctx;
pub use effect::{CopyRequest, Effect, Lane, RoomCall, Timer};
pub use layers::{Focus, Layer, Tab};
pub use out::{
    ConfirmRequest, Intent, Level, Never, OnYes, Out, Room, RoomPrompt, Sensitivity, StatusLine,
};
pub use settings::Settings;
pub use stamp::{IdentityId, Stamp};
pub use text_edit::TextEdit;
pub use written::Written;
