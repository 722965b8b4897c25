//! smtui, the binary's library: the run loop's terminal (`tui`), configuration, themes on
//! disk, logging, crash reports, process hardening and the headless commands (`list`,
//! `posture`). The screen and its rules are `smtui-core`; everything that talks to AWS,
//! the clipboard or the state files is `smtui-aws`.

// Visibility says what is API: an item no other crate or test uses is `pub(crate)`.
#![warn(unreachable_pub)]

pub mod config;
pub mod crash;
pub mod hardening;
pub mod headless;
pub mod logging;
pub(crate) mod terminal_out;
pub mod themes;
pub mod tui;
