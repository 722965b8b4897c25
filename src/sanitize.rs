//! Neutralising untrusted text before it reaches the terminal.
//!
//! Names, descriptions, tags, CloudTrail fields and secret values come from AWS and may hold
//! anything a writer put there: ESC sequences (cursor moves, OSC 52 clipboard writes, title
//! changes), C1 controls that some terminals treat as CSI, and bidi overrides that make text
//! read differently from what it is. They are shown escaped, never interpreted.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Bidirectional formatting characters (Trojan Source, CVE-2021-42574) and friends.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Invisible characters: zero-width spaces and joiners that carry no meaning of their own,
/// line and paragraph separators, fillers that draw as blanks, and Unicode tags. Shown as
/// themselves they would let two different descriptions or tags look the same, or hide text
/// inside a value. (Secret names cannot hold them: AWS allows only ASCII there.) The
/// zero-width joiner and non-joiner and the variation selectors stay: Persian, Indic
/// scripts and emoji need them.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Characters that must never reach a terminal cell as themselves.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// One-line form: every control character, including newline and tab, becomes a visible escape.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Multi-line form: splits on `\n` (and `\r\n`), then escapes each line as [`sanitize_line`].
pub fn sanitize_lines(text: &str) -> Vec<Cow<'_, str>> {
    text.split('\n')
        .map(|line| sanitize_line(line.strip_suffix('\r').unwrap_or(line)))
        .collect()
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        c if is_unsafe_char(c) => {
            let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            sanitize_line("prod/db-password ünïcødé"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(sanitize_line("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(
            sanitize_line("\u{1b}]52;c;aGk=\u{7}"),
            "\\e]52;c;aGk=\\u{7}"
        );
        assert_eq!(sanitize_line("x\u{9b}31m"), "x\\u{9B}31m");
        assert_eq!(sanitize_line("abc\u{202E}fed"), "abc\\u{202E}fed");
        assert_eq!(sanitize_line("a\tb\nc"), "a\\tb\\nc");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let nasty: String = (0u32..0x100)
            .chain([0x202E, 0x2066, 0x200F])
            .filter_map(char::from_u32)
            .collect();
        assert!(!sanitize_line(&nasty).chars().any(is_unsafe_char));
        for line in sanitize_lines(&nasty) {
            assert!(!line.chars().any(is_unsafe_char));
        }
    }

    #[test]
    fn invisible_characters_are_shown_escaped() {
        // Two descriptions that would look the same: one has a zero-width space in it.
        assert_eq!(sanitize_line("prod/db\u{200B}"), "prod/db\\u{200B}");
        assert_eq!(
            sanitize_line("\u{FEFF}key\u{2028}"),
            "\\u{FEFF}key\\u{2028}"
        );
        assert_eq!(sanitize_line("tag\u{E0041}"), "tag\\u{E0041}");
        assert_eq!(
            sanitize_line("café ✓"),
            "café ✓",
            "ordinary text is untouched"
        );
        let scripts = "⚠\u{FE0F} می\u{200C}خواهم";
        assert_eq!(
            sanitize_line(scripts),
            scripts,
            "emoji and Persian keep their joiners"
        );
    }

    #[test]
    fn lines_split_on_newlines() {
        assert_eq!(sanitize_lines("a\r\nb\nc\u{1b}"), vec!["a", "b", "c\\e"]);
    }
}
