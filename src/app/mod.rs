//! The app core: state, actions, effects and the pure `update` function.

pub mod action;
pub mod effect;
pub mod input;
pub mod keymap;
pub mod list;
pub mod state;
pub mod update;
mod value;

pub use action::{Action, FilterEdit};
pub use effect::{CopyRequest, Effect};
pub use keymap::Command;
pub use state::{Settings, State};
pub use update::{init, update};
