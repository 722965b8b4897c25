//! smtui: a terminal console for AWS Secrets Manager.
//!
//! Architecture (see README): terminal events and task results become [`app::Action`]s;
//! [`app::update`] is the only place that changes [`app::State`] and returns
//! [`app::Effect`]s; the [`runner`] turns effects into tokio tasks; [`ui::render`] draws
//! the state and nothing else.

pub mod app;
pub mod aws;
pub mod clipboard;
pub mod config;
pub mod crash;
pub mod diff;
pub mod features;
pub mod fuzzy;
pub mod hardening;
pub mod headless;
pub mod logging;
pub mod model;
pub mod private_file;
pub mod recent;
pub mod runner;
pub mod sanitize;
pub mod secret;
pub mod terminal_out;
pub mod themes;
pub mod tui;
pub mod ui;
