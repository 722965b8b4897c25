//! Browsing: the list loading from every region, finding, the mouse, and the detail's
//! versions, tags, description and policy.

mod find_flows;
mod mouse_flows;
mod paging_flows;
mod tags_flows;
mod update_flows;
mod versions_flows;
