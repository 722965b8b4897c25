//! Browse: every region listed at once (pages shown as they arrive, a status per region),
//! the secret list with its sort, filter and selection, and the filter prompt.

mod filter;
pub mod list;
mod order;
pub mod region_bar;
mod state;
mod update;
pub mod view;

pub use list::{Column, SecretList, Sort};
pub use state::{Browse, RegionState, RegionStatus};
