//! What every room speaks and nothing in it names a room: the layers, who asked (stamps),
//! the settings, typed-text edits and what a write reports. Rooms sit above it and the
//! app, which registers the rooms, above them; nothing here imports either.

pub mod keys;
pub mod layers;
pub mod settings;
pub mod stamp;
pub mod text_edit;
pub mod written;

pub use layers::{Focus, Layer, Tab};
pub use settings::Settings;
pub use stamp::{IdentityId, Stamp};
pub use text_edit::TextEdit;
pub use written::Written;
