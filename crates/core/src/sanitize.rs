//! Neutralising untrusted text before it reaches the terminal.
//!
//! Names, descriptions, tags, CloudTrail fields and secret values come from AWS and may hold
//! anything a writer put there: ESC sequences (cursor moves, OSC 52 clipboard writes, title
//! changes), C1 controls that some terminals treat as CSI, bidi overrides that make text
//! read differently from what it is, and invisible characters that make two different
//! strings look the same. They are shown escaped, never interpreted.
//!
//! What is drawn as itself is an allow-list by Unicode general category, so a character
//! nobody thought of (a new format character, a private-use glyph) is escaped by default:
//!
//! - drawn: letters (L), marks (M), numbers (N), punctuation (P), symbols (S) and the ASCII
//!   space;
//! - escaped: controls (Cc), format characters (Cf: bidi controls, U+206A, the zero-width
//!   space, the BOM, Unicode tags), private use (Co), unassigned (Cn), line and paragraph
//!   separators (Zl, Zp), and every space other than U+0020 (Zs: U+00A0, U+3000, ...), which
//!   would otherwise pass for an ordinary space; also the characters that have a visible
//!   category but draw as nothing (default-ignorable code points such as the Hangul fillers
//!   and U+034F, and the blank symbols U+2800 and U+1D159);
//! - drawn only where they join something: the zero-width joiner and non-joiner, between an
//!   emoji or non-ASCII letter (marks after it allowed) and another, and variation
//!   selectors right after an emoji or a non-ASCII letter. Persian, Indic scripts and emoji
//!   sequences keep them; `pay\u{200D}ments` shows its joiner.
//!
//! Escapes are `\\` for a backslash, `\t` `\n` `\r` `\e`, and `\u{HEX}` for anything else.
//! Because the backslash is escaped too, every backslash on screen starts an escape: the
//! text `\u{202E}` typed literally shows as `\\u{202E}`, never like an escaped U+202E. The
//! escaping is therefore reversible (`tests/it/properties.rs` decodes it back), and not
//! idempotent: each pass doubles the backslashes.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::iter::Peekable;
use std::str::CharIndices;

use icu_properties::props::{
    DefaultIgnorableCodePoint, EmojiModifier, ExtendedPictographic, GeneralCategory,
    GeneralCategoryGroup,
};
use icu_properties::{CodePointMapData, CodePointSetData};

/// The categories drawn as themselves.
const DRAWN: GeneralCategoryGroup = GeneralCategoryGroup::Letter
    .union(GeneralCategoryGroup::Mark)
    .union(GeneralCategoryGroup::Number)
    .union(GeneralCategoryGroup::Punctuation)
    .union(GeneralCategoryGroup::Symbol);

/// What the rule says about one character before its neighbours are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Drawn,
    /// ZWJ, ZWNJ: drawn only between two characters that join.
    Joiner,
    /// Variation selectors: drawn only right after a character that joins.
    Selector,
    Escaped,
}

fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return if c == ' ' || c.is_ascii_graphic() {
            Kind::Drawn
        } else {
            Kind::Escaped
        };
    }
    match c {
        '\u{200C}' | '\u{200D}' => return Kind::Joiner,
        // Mongolian free variation selectors, VS1-16, VS17-256.
        '\u{180B}'..='\u{180D}'
        | '\u{180F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}' => {
            return Kind::Selector;
        }
        // Symbols that draw as a blank cell: braille pattern blank, musical null notehead.
        '\u{2800}' | '\u{1D159}' => return Kind::Escaped,
        _ => {}
    }
    // Letters and marks that render as nothing (Hangul fillers, U+034F, U+17B4).
    if CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c) {
        return Kind::Escaped;
    }
    if DRAWN.contains(CodePointMapData::<GeneralCategory>::new().get(c)) {
        Kind::Drawn
    } else {
        Kind::Escaped
    }
}

/// A character a joiner or selector may attach to: an emoji (with its skin-tone modifiers)
/// or a letter outside ASCII. ASCII never needs them, and is where a hidden one would make
/// a lookalike (`pay\u{200D}ments`).
fn joins(c: char) -> bool {
    !c.is_ascii()
        && kind(c) == Kind::Drawn
        && (GeneralCategoryGroup::Letter
            .contains(CodePointMapData::<GeneralCategory>::new().get(c))
            || CodePointSetData::new::<ExtendedPictographic>().contains(c)
            || CodePointSetData::new::<EmojiModifier>().contains(c))
}

fn is_mark(c: char) -> bool {
    GeneralCategoryGroup::Mark.contains(CodePointMapData::<GeneralCategory>::new().get(c))
}

/// Where the text ends, for a joiner that is its last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// A whole field: nothing follows, so a trailing joiner joins nothing.
    Closed,
    /// One terminal cell: it holds a grapheme cluster, and a joiner ends the cluster of the
    /// letter before it; what it joins is in the next cell.
    Open,
}

/// What has been drawn so far, as far as the next joiner or selector cares.
#[derive(Debug, Default)]
struct Left {
    /// The last character drawn as itself joins (false after an escape).
    last_joins: bool,
    /// Same, looking back past marks and selectors to the base they sit on.
    base_joins: bool,
}

impl Left {
    /// Whether `c` is drawn as itself, followed by `next`; remembers the outcome.
    fn draws(&mut self, c: char, next: Option<char>, end: End) -> bool {
        let kind = kind(c);
        let drawn = match kind {
            Kind::Drawn => true,
            Kind::Escaped => false,
            Kind::Selector => self.last_joins,
            Kind::Joiner => {
                self.base_joins
                    && match next {
                        Some(next) => joins(next),
                        None => end == End::Open,
                    }
            }
        };
        match kind {
            _ if !drawn => *self = Self::default(),
            Kind::Selector => self.last_joins = false,
            Kind::Joiner => *self = Self::default(),
            _ if is_mark(c) => self.last_joins = false,
            _ => {
                self.last_joins = joins(c);
                self.base_joins = self.last_joins;
            }
        }
        drawn
    }
}

/// Each character of a text with the rule's verdict: `(byte offset, char, drawn as itself)`.
struct Verdicts<'a> {
    chars: Peekable<CharIndices<'a>>,
    left: Left,
    end: End,
}

impl<'a> Verdicts<'a> {
    fn new(text: &'a str, end: End) -> Self {
        Self {
            chars: text.char_indices().peekable(),
            left: Left::default(),
            end,
        }
    }
}

impl Iterator for Verdicts<'_> {
    type Item = (usize, char, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let (at, c) = self.chars.next()?;
        let next = self.chars.peek().map(|&(_, n)| n);
        Some((at, c, self.left.draws(c, next, self.end)))
    }
}

/// A character that is never drawn as itself, whatever its neighbours. The joiners and
/// variation selectors are not among them: whether they are drawn depends on what they sit
/// between, which [`is_unsafe_text`] looks at.
pub fn is_unsafe_char(c: char) -> bool {
    kind(c) == Kind::Escaped
}

/// Whether `text`, one terminal cell's symbol, holds a character the rule does not draw as
/// itself. A joiner at its end is judged by its left side only: the letter it joins is in
/// the next cell. Used by the last pass over every drawn cell.
pub fn is_unsafe_text(text: &str) -> bool {
    Verdicts::new(text, End::Open).any(|(_, _, drawn)| !drawn)
}

/// One-line form: every character the rule does not draw, newline and tab included,
/// becomes a visible escape, and so does the backslash.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    // Most names and descriptions are plain ASCII: no lookups, no allocation.
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'\\')
    {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    for (at, c, drawn) in Verdicts::new(text, End::Closed) {
        if drawn && c != '\\' {
            if let Some(out) = out.as_mut() {
                out.push(c);
            }
            continue;
        }
        let out = out.get_or_insert_with(|| {
            let mut out = String::with_capacity(text.len() + 16);
            out.push_str(&text[..at]);
            out
        });
        if drawn {
            out.push_str("\\\\");
        } else {
            push_escaped(out, c);
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Multi-line form: splits on `\n` (and `\r\n`), then escapes each line as [`sanitize_line`].
/// A `\r` that ends no line (the text's last character) is shown, not dropped.
pub fn sanitize_lines(text: &str) -> Vec<Cow<'_, str>> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let ended = lines.len() - 1;
    for line in &mut lines[..ended] {
        *line = line.strip_suffix('\r').unwrap_or(line);
    }
    lines.into_iter().map(sanitize_line).collect()
}

/// A piece of a sanitised line: a run of text drawn as itself (borrowed from the input),
/// or one character drawn as its escape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Escaped(char),
}

/// The pieces of one line, in order: the same verdicts as [`sanitize_line`], without
/// writing anything. For secret values, drawn from borrowed runs and static escape pieces
/// ([`escape_pieces`]) so no copy of the value is made to draw it.
pub(crate) fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut run_start = 0;
    for (at, c, drawn) in Verdicts::new(line, End::Closed) {
        if drawn && c != '\\' {
            continue;
        }
        if run_start < at {
            out.push(Piece::Text(&line[run_start..at]));
        }
        out.push(Piece::Escaped(c));
        run_start = at + c.len_utf8();
    }
    if run_start < line.len() {
        out.push(Piece::Text(&line[run_start..]));
    }
    out
}

/// The escape of `c` as static pieces (`\u{` `1` `B` `}`): the same text as
/// [`sanitize_line`] writes, made without allocating.
pub(crate) fn escape_pieces(c: char) -> Vec<&'static str> {
    const HEX: [&str; 16] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F",
    ];
    match c {
        '\\' => vec!["\\\\"],
        '\t' => vec!["\\t"],
        '\n' => vec!["\\n"],
        '\r' => vec!["\\r"],
        '\u{1b}' => vec!["\\e"],
        c => {
            let code = u32::from(c);
            let digits = (0..8)
                .rev()
                .map(|shift| (code >> (shift * 4)) & 0xF)
                .skip_while(|&d| d == 0)
                .map(|d| HEX[d as usize]);
            let mut out = vec!["\\u{"];
            out.extend(digits);
            if code == 0 {
                out.push("0");
            }
            out.push("}");
            out
        }
    }
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        c => {
            let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_and_static_escapes_give_the_same_text_as_sanitize_line() {
        for text in [
            "plain",
            "a\u{1b}[2Jb\\c",
            "\u{0}x\u{202E}y\u{10FFFF}",
            "tab\there",
            "pay\u{200D}ments",
            "",
        ] {
            let drawn: String = pieces(text)
                .into_iter()
                .flat_map(|p| match p {
                    Piece::Text(t) => vec![t],
                    Piece::Escaped(c) => escape_pieces(c),
                })
                .collect();
            assert_eq!(drawn, sanitize_line(text), "{text:?}");
        }
        assert!(matches!(pieces("abc")[..], [Piece::Text("abc")]));
    }

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
    fn an_escape_never_looks_like_typed_text() {
        // Typed literally, the text of an escape keeps its backslash doubled.
        assert_eq!(sanitize_line("\\u{202E}"), "\\\\u{202E}");
        assert_eq!(sanitize_line("\u{202E}"), "\\u{202E}");
        assert_ne!(sanitize_line("\\u{202E}"), sanitize_line("\u{202E}"));
        assert_eq!(sanitize_line("C:\\temp"), "C:\\\\temp");
        assert_eq!(sanitize_line("\\e"), "\\\\e");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let nasty: String = (0u32..0x100)
            .chain([
                0x202E, 0x2066, 0x200F, 0x206A, 0xE000, 0x2800, 0x3164, 0x200D,
            ])
            .filter_map(char::from_u32)
            .collect();
        assert!(!is_unsafe_text(&sanitize_line(&nasty)));
        for line in sanitize_lines(&nasty) {
            assert!(!is_unsafe_text(&line));
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
    fn the_allow_list_escapes_what_the_deny_list_missed() {
        // Format character (Cf), private use (Co), unassigned (Cn), blank symbols.
        assert_eq!(sanitize_line("a\u{206A}b"), "a\\u{206A}b");
        assert_eq!(sanitize_line("a\u{E000}b"), "a\\u{E000}b");
        assert_eq!(sanitize_line("a\u{10FFFD}b"), "a\\u{10FFFD}b");
        assert_eq!(sanitize_line("a\u{0378}b"), "a\\u{378}b");
        assert_eq!(sanitize_line("a\u{2800}b"), "a\\u{2800}b");
        assert_eq!(
            sanitize_line("\u{3164}\u{FFA0}\u{115F}"),
            "\\u{3164}\\u{FFA0}\\u{115F}"
        );
        // Spaces other than U+0020 pass for a space: escaped.
        assert_eq!(sanitize_line("a\u{A0}b\u{3000}c"), "a\\u{A0}b\\u{3000}c");
        assert_eq!(sanitize_line("a b"), "a b");
    }

    #[test]
    fn joiners_stay_only_where_they_join() {
        // Between ASCII letters a joiner only hides itself.
        assert_eq!(sanitize_line("pay\u{200D}ments"), "pay\\u{200D}ments");
        assert_eq!(sanitize_line("pay\u{200C}ments"), "pay\\u{200C}ments");
        assert_eq!(
            sanitize_line("é\u{200D}"),
            "é\\u{200D}",
            "nothing to join after it"
        );
        assert_eq!(
            sanitize_line("\u{200D}é"),
            "\\u{200D}é",
            "nothing to join before it"
        );
        assert_eq!(sanitize_line("é\u{200D}\u{200D}é"), "é\\u{200D}\\u{200D}é");
        // A selector on ASCII changes nothing visible.
        assert_eq!(sanitize_line("a\u{FE0F}b"), "a\\u{FE0F}b");
        for kept in [
            "👩\u{200D}💻",        // emoji ZWJ sequence
            "👨🏽\u{200D}💻",        // with a skin tone
            "❤\u{FE0F}\u{200D}🔥", // with a selector before the joiner
            "क\u{94D}\u{200D}ष",   // Devanagari: a mark (virama) before the joiner
            "葛\u{E0100}",         // an ideographic variation sequence
        ] {
            assert_eq!(sanitize_line(kept), kept);
        }
    }

    #[test]
    fn a_cell_may_end_with_the_joiner_of_its_letter() {
        // Persian: the ZWNJ belongs to the cell of the letter before it.
        assert!(!is_unsafe_text("ی\u{200C}"));
        assert!(is_unsafe_text("y\u{200C}"));
        assert!(is_unsafe_text("\u{200D}"));
        assert!(
            !is_unsafe_text("\\"),
            "a backslash is drawn (it is escaped only to be unambiguous)"
        );
        assert!(is_unsafe_char('\u{206A}'));
        assert!(!is_unsafe_char('\u{200D}'), "judged by its neighbours");
    }

    #[test]
    fn lines_split_on_newlines() {
        assert_eq!(sanitize_lines("a\r\nb\nc\u{1b}"), vec!["a", "b", "c\\e"]);
        assert_eq!(
            sanitize_lines("pw\r"),
            vec!["pw\\r"],
            "a last CR ends no line"
        );
    }
}
