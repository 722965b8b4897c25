//! Role switching: the switcher, profiles and MFA, AssumeRole, the recent-roles file, and
//! the real binary switching profiles in tmux. Shared builders are in `common::roles`.

mod e2e_profiles;
mod flows;
mod live;
#[cfg(unix)]
mod recent_file;
mod switcher_flows;
