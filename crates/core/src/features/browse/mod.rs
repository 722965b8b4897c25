//! Browse: every region listed at once (pages shown as they arrive, a status per region),
//! the secret list with its sort, filter and selection, and the filter prompt.

pub mod commands;
mod filter;
pub mod list;
mod names;
mod order;
pub mod region_bar;
mod row;
mod state;
mod update;
pub mod view;

pub use commands::Command;

pub use filter::matches;
pub use list::SecretList;
pub use row::{Column, Sort};
pub use state::{Browse, RegionState, RegionStatus};
