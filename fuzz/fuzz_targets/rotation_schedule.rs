//! Any text typed as a rotation schedule: accepted only in a form that parses back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtui_core::model::rotation::schedule::parse;

fuzz_target!(|text: &str| {
    if let Ok(change) = parse(text) {
        assert_eq!(parse(&change.to_input()), Ok(change));
    }
});
