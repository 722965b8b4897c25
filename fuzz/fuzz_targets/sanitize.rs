//! Any text through the sanitiser: nothing unsafe comes out, and no line break.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtui_core::sanitize::{is_unsafe_text, sanitize_line, sanitize_lines};

fuzz_target!(|text: &str| {
    let line = sanitize_line(text);
    assert!(!is_unsafe_text(&line));
    assert!(!line.contains('\n'));
    for line in sanitize_lines(text) {
        assert!(!is_unsafe_text(&line));
    }
});
