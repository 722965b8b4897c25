//! Any bytes as a secret value: split without a panic, and never shown through `Debug`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtui_core::secret::{SecretValue, ValueView};

fuzz_target!(|bytes: &[u8]| {
    let value = SecretValue::from_bytes(bytes.to_vec());
    let view = ValueView::from_parts(None, Some(value));
    let _ = format!("{view:?}");
    if let Ok(text) = std::str::from_utf8(bytes) {
        let view = ValueView::from_parts(Some(SecretValue::from_string(text.to_owned())), None);
        let _ = format!("{view:?}");
    }
});
