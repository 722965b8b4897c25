//! The words a key table and a command table are written in: a key, where a binding
//! applies, the app's shared verbs and what a room binds (a verb or its own command), a
//! table row. A room declares its commands and default keys with them in its own folder;
//! the app lifts every room's tables to its own command and merges them.

mod key;
mod labels;
pub(crate) mod rows;
mod scope;
mod spec;
mod verb;

pub use key::Key;
pub(crate) use labels::{Labels, Named};
pub(crate) use scope::Scope;
pub(crate) use spec::{Acts, Spec, name_in};
pub use verb::{Bind, Verb};
