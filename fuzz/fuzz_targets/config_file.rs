//! Any text as the config file: a value or an error message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = smtui::config::FileConfig::parse(text);
});
