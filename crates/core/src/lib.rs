//! The core of smtui: everything a screen is made of, and nothing that waits.
//!
//! Terminal events and task results become [`app::Action`]s; [`app::update`] is the only
//! place that changes [`app::State`] and returns [`app::Effect`]s; [`render::render`] draws the
//! state and nothing else. Carrying an effect out (an AWS call, a timer, the clipboard, a
//! file) is the `smtui-aws` crate's runner: this crate's `Cargo.toml` names no tokio, no
//! AWS SDK, no clipboard crate, so none of it can be called from here.

// Visibility says what is API: an item no other crate or test uses is `pub(crate)`.
#![warn(unreachable_pub)]

pub mod app;
pub mod diff;
pub mod features;
pub mod fingerprint;
pub(crate) mod fuzzy;
pub mod ids;
pub mod kit;
pub mod model;
pub mod recent;
pub mod render;
pub mod room;
pub mod sanitize;
pub mod secret;
