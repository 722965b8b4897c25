//! What in a copied value could act when it is pasted: into a shell, a line break runs
//! what came before it; ESC starts a terminal sequence, and `ESC [ 201 ~` ends a
//! bracketed paste early, so the rest is typed as commands; other control characters
//! edit the line being typed. A value holding any of these is copied only after a
//! confirmation that names what is in it.

use crate::secret::SecretValue;

/// The risky things found in a value, in plain words (empty: nothing to fear).
pub(crate) fn paste_risks(value: &SecretValue) -> Vec<String> {
    let bytes = value.expose();
    let mut risks = Vec::new();
    let count = |f: &dyn Fn(u8) -> bool| bytes.iter().filter(|b| f(**b)).count();
    if bytes.windows(6).any(|w| w == b"\x1b[201~") {
        risks.push("the end of a bracketed paste (ESC [201~)".to_owned());
    }
    let escapes = count(&|b| b == 0x1b);
    if escapes > 0 {
        risks.push(format!("{escapes} ESC character(s)"));
    }
    let breaks = count(&|b| b == b'\n' || b == b'\r');
    if breaks > 0 {
        risks.push(format!("{breaks} line break(s)"));
    }
    let other = count(&|b| b.is_ascii_control() && !matches!(b, 0x1b | b'\n' | b'\r' | b'\t'));
    let c1 = value.expose_str().map_or(0, |s| {
        s.chars()
            .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
            .count()
    });
    if other + c1 > 0 {
        risks.push(format!("{} other control character(s)", other + c1));
    }
    risks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risks(text: &str) -> Vec<String> {
        paste_risks(&SecretValue::from_string(text.to_owned()))
    }

    #[test]
    fn what_could_run_when_pasted_is_named() {
        assert!(risks("plain-token_123").is_empty());
        assert!(risks("tab\tseparated").is_empty(), "a tab runs nothing");
        let found = risks("x\u{1b}[201~rm -rf ~\n");
        assert!(
            found.iter().any(|r| r.contains("bracketed paste")),
            "{found:?}"
        );
        assert!(found.iter().any(|r| r.contains("ESC")), "{found:?}");
        assert!(
            found.iter().any(|r| r.contains("1 line break")),
            "{found:?}"
        );
        assert_eq!(risks("a\u{7}b\u{9b}c"), ["2 other control character(s)"]);
        assert_eq!(
            risks("-----BEGIN KEY-----\nabc\n-----END KEY-----"),
            ["2 line break(s)"]
        );
    }
}
