//! One folder per feature (a room): its state, its update for its own actions, its view,
//! and its tests. Rooms never import each other; the router (`app::router`) passes them a
//! read-only context and applies the intents they return.

pub mod access;
pub mod appearance;
pub mod audit;
pub mod browse;
pub mod clipboard;
pub(crate) mod detail;
pub mod editor;
pub mod lifecycle;
pub(crate) mod messages;
pub mod org;
pub mod replication;
pub mod reveal;
pub mod rotation;
pub mod session;
pub mod sso;
pub mod tags;
pub mod values;
pub mod versions;
