//! The real binary in tmux against the local stack (helpers in `common::tmux`). The role
//! profiles' end-to-end test is with the roles, in `roles::e2e_profiles`.

mod access;
mod demo_home;
mod find_value;
mod identity_center;
mod org;
mod paste;
mod questions;
mod signals;
mod tmux;
