//! The words a key table is written in: a key, where a binding applies. A room declares
//! its default keys with them in its own folder; the app merges every room's table into
//! the keymap.

mod key;
mod scope;

pub use key::Key;
pub use scope::Scope;
