//! smtui's integration tests, as one test binary: the SDK, tokio and the local stack's
//! harness are linked once rather than once per file, and each feature's tests are in its
//! own folder. Run one folder with `cargo test --test it audit::`, one file with
//! `cargo test --test it editor::masked::`.
//!
//! Shared builders are in `common` (used as `crate::common::…`); snapshots sit in a
//! `snapshots/` folder beside the file that takes them. `tests/mfa_code_memory.rs` is a
//! binary of its own (see the root Cargo.toml): it installs a global allocator.

mod common;

mod access;
mod accounts;
mod app;
mod architecture;
mod audit;
mod browse;
mod cli;
mod clipboard;
mod e2e;
mod editor;
mod lifecycle;
mod live;
mod look;
mod properties;
mod readme;
mod replication;
mod roles;
mod rotation;
mod security;
mod values;
