//! The binary run as a command: `smtui posture` and `smtui list` (headless), and a bad
//! config or theme stopping it at start.

pub(crate) mod headless_commands;
mod invalid_config;
mod org_commands;
