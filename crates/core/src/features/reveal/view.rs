//! The value pane: masked until revealed; text, JSON key table, pretty JSON, or binary.

use std::time::Instant;

use unicode_width::UnicodeWidthStr as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::features::reveal::Command as RevealCommand;
use crate::features::reveal::{FetchPurpose, Reveal, Shown, ValuePane};
use crate::kit::Theme;
use crate::kit::widgets::{MASK, dim_line, fit_line, pane_block};
use crate::kit::wrap::{GOES_ON, secret_spans, wrap_marked};
use crate::kit::wrap::{elide_middle, hang};
use crate::room::keys::{Bind, Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;
use crate::secret::{JsonEntry, SecretValue, ValueView};
use ratatui::style::Style;

/// What the value pane needs besides the room's own state.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PaneContext<'a> {
    pub(crate) focused: bool,
    pub(crate) has_selection: bool,
    pub(crate) now: Instant,
    /// For the keys named in the pane's hints.
    pub(crate) keymap: &'a dyn Labels,
    /// The selected secret's name, for the title where nothing beside the pane names it
    /// (the tabs of a narrow screen).
    pub(crate) subject: Option<&'a str>,
}

/// The title is ` NAME · REST ` (or ` Value · REST `) between the block's two corners.
const SEPARATOR: &str = " · ";
/// Its leading and trailing space and the two corners.
const FRAME: usize = 4;
/// The fewest columns an elided name keeps, so it still says something.
const NAME_AT_LEAST: usize = 8;

/// The pane's title: what is shown (`rest`), after the secret's name where the pane must
/// say it, the name elided in its middle so `rest` (the version, the countdown) stays.
fn title(cx: &PaneContext, rest: &str, width: u16) -> String {
    let Some(name) = cx.subject else {
        return format!(" Value{SEPARATOR}{rest} ");
    };
    let name = sanitize_line(name);
    let room = usize::from(width)
        .saturating_sub(FRAME + SEPARATOR.width() + rest.width())
        .max(NAME_AT_LEAST);
    format!(" {}{SEPARATOR}{rest} ", elide_middle(&name, room))
}

/// The narrowest the title can be with `rest`: the name at its shortest.
fn narrowest_title(cx: &PaneContext, rest: &str) -> usize {
    let name = cx.subject.map_or("Value".width(), |name| {
        sanitize_line(name).width().min(NAME_AT_LEAST)
    });
    FRAME + name + SEPARATOR.width() + rest.width()
}

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    reveal: &Reveal,
    cx: PaneContext,
    theme: &Theme,
) {
    let focused = cx.focused;
    let version = sanitize_line(reveal.version.label()).into_owned();
    let Some(pane) = &reveal.value else {
        let block = pane_block(Line::from(title(&cx, &version, area.width)), focused, theme);
        frame.render_widget(
            Paragraph::new(nothing_shown(reveal, &cx, theme)).block(block),
            area,
        );
        return;
    };
    let left = pane.expires_at.saturating_duration_since(cx.now).as_secs();
    let id = short_id(&pane.value.version_id);
    // Narrow: the version's id goes before the countdown is cut.
    let mut rest = format!("{version} · {id} · masks in {left} s");
    if narrowest_title(&cx, &rest) > usize::from(area.width) {
        rest = format!("{version} · masks in {left} s");
    }
    let block = pane_block(Line::from(title(&cx, &rest, area.width)), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(entries) = pane.key_table() {
        // A key written twice is said above the table (its keys, never its values): the
        // table lists both, and most programs read only the last.
        let mut table_area = inner;
        if let Some(note) = crate::diff::duplicate_keys_note(entries) {
            let note = Paragraph::new(Line::styled(note, theme.warn)).wrap(Wrap { trim: true });
            let rows = u16::try_from(note.line_count(inner.width))
                .unwrap_or(1)
                .min(inner.height / 2);
            let [note_area, rest] =
                Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(inner);
            frame.render_widget(note, note_area);
            table_area = rest;
        }
        // The table scrolls to keep the selected key in view; a page is the keys it shows.
        pane.selected_key
            .record_page(usize::from(table_area.height));
        let mut table_state = TableState::default().with_selected(Some(pane.selected_key.at()));
        frame.render_stateful_widget(
            json_table(pane, entries, focused, table_area.width, theme),
            table_area,
            &mut table_state,
        );
    } else {
        let paragraph = text_paragraph(pane, cx.keymap, inner.width, theme);
        let scroll = pane
            .scroll
            .draw(paragraph.line_count(inner.width), inner.height);
        frame.render_widget(paragraph.scroll((scroll, 0)), inner);
    }
}

/// A text, binary or raw JSON value as the pane draws it, `width` columns wide. A line
/// too long for the pane goes on below after a mark, said once under the value, so a
/// line the pane broke is never read as a line break of the value.
fn text_paragraph<'a>(
    pane: &'a ValuePane,
    keymap: &dyn Labels,
    width: u16,
    theme: &Theme,
) -> Paragraph<'a> {
    let width = usize::from(width);
    let mut rows = Vec::new();
    let mut broken = false;
    for line in value_lines(&pane.value.view, &pane.shown, keymap, theme) {
        match line {
            Drawn::Value(line) => {
                let (marked, was_broken) = wrap_marked(vec![line], width, theme.dim);
                broken |= was_broken;
                rows.extend(marked);
            }
            Drawn::Note(line) => rows.extend(hang(line, 0, width)),
        }
    }
    if broken {
        let legend = dim_line(
            format!("{GOES_ON} a long line goes on below: no line break there"),
            theme,
        );
        rows.extend(hang(legend, 0, width));
    }
    Paragraph::new(rows)
}

fn nothing_shown(reveal: &Reveal, cx: &PaneContext, theme: &Theme) -> Vec<Line<'static>> {
    if reveal.is_fetching(FetchPurpose::Reveal) {
        vec![Line::styled("Fetching value…", theme.loading)]
    } else if cx.has_selection {
        let key = |command: Bind<RevealCommand>| cx.keymap.of(Layer::List, command);
        // The versions room's command, by its stable name: rooms never import each other.
        let versions = cx.keymap.label(Layer::List, "versions");
        vec![
            Line::styled(MASK, theme.masked),
            dim_line(
                format!(
                    "masked · {} reveal · {} copy · {} version",
                    key(Bind::Verb(Verb::Reveal)),
                    key(Bind::Own(RevealCommand::CopyValue)),
                    versions
                ),
                theme,
            ),
        ]
    } else {
        vec![]
    }
}

/// A line of the pane: the value's own text, or a note about it. A value's line too long
/// for the pane is broken at a character with a mark; a note wraps at its words.
enum Drawn<'a> {
    Value(Line<'a>),
    Note(Line<'a>),
}

/// Text, binary (as base64) and pretty JSON (masked per key until every key is revealed).
/// Revealed text is borrowed from the value, never copied into a plain `String`, except
/// where sanitising had to escape something.
fn value_lines<'a>(
    view: &'a ValueView,
    shown: &Shown,
    keymap: &dyn Labels,
    theme: &Theme,
) -> Vec<Drawn<'a>> {
    let values = |lines: Vec<Line<'a>>| lines.into_iter().map(Drawn::Value);
    let note = |text: String| Drawn::Note(dim_line(text, theme));
    match view {
        ValueView::Text(text) => {
            let mut lines: Vec<Drawn> = values(text_lines(text, theme)).collect();
            // A final line break draws as nothing: said, since a copy carries it along.
            if text.expose_str().is_some_and(|t| t.ends_with('\n')) {
                lines.pop();
                lines.push(note("⏎ (the value ends with a line break)".into()));
            }
            lines
        }
        ValueView::Binary { bytes, base64 } => {
            let mut lines = vec![note(format!("binary · {} bytes · base64:", bytes.len()))];
            lines.extend(values(text_lines(base64, theme)));
            lines
        }
        ValueView::Json { entries, pretty } => {
            let duplicates = crate::diff::duplicate_keys_note(entries)
                .map(|note| Drawn::Note(Line::styled(note, theme.warn)));
            if matches!(shown, Shown::Keys(k) if k.len() == entries.len()) {
                let mut lines: Vec<Drawn> = duplicates.into_iter().collect();
                lines.extend(values(text_lines(pretty, theme)));
                // JSON's own escapes (`\n` in a string) pass through the rule that draws
                // every backslash doubled: said, so `\\n` is not read as a backslash and n.
                if pretty.expose_str().is_some_and(|t| t.contains('\\')) {
                    lines.push(note(
                        "(every backslash is drawn doubled: \\\\n here is JSON's \\n)".into(),
                    ));
                }
                return lines;
            }
            let mut lines: Vec<Drawn> = duplicates.into_iter().collect();
            lines.push(Drawn::Note(Line::raw("{")));
            lines.extend(entries.iter().map(|e| {
                Drawn::Note(Line::from(vec![
                    Span::styled(format!("  \"{}\": ", sanitize_line(&e.key)), theme.json_key),
                    Span::styled(MASK, theme.masked),
                ]))
            }));
            lines.push(Drawn::Note(Line::raw("}")));
            let key = keymap.of(Layer::Value, Bind::Own(RevealCommand::RevealAll));
            lines.push(note(format!("{key} reveals every key")));
            lines
        }
    }
}

fn json_table<'a>(
    pane: &ValuePane,
    entries: &'a [JsonEntry],
    focused: bool,
    width: u16,
    theme: &Theme,
) -> Table<'a> {
    let key_width = entries
        .iter()
        .map(|e| sanitize_line(&e.key).width())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    let value_width = usize::from(width).saturating_sub(key_width + 2);
    let rows = entries.iter().enumerate().map(move |(i, entry)| {
        let shown = matches!(&pane.shown, Shown::Keys(k) if k.contains(&i));
        // The selected row's own style must win over the per-span colours, or it is unreadable.
        let selected = focused && i == pane.selected_key.at();
        let pick = |style| if selected { theme.selected } else { style };
        let value = if shown {
            fit_line(one_line(&entry.value, pick(theme.revealed)), value_width)
        } else {
            Line::styled(MASK, pick(theme.masked))
        };
        let key = Span::styled(sanitize_line(&entry.key).into_owned(), pick(theme.json_key));
        let row = Row::new([Cell::from(key), Cell::from(value)]);
        if selected {
            row.style(theme.selected)
        } else {
            row
        }
    });
    let widths = [
        Constraint::Length(u16::try_from(key_width).unwrap_or(28)),
        Constraint::Fill(1),
    ];
    Table::new(rows, widths).column_spacing(2)
}

fn text_lines<'a>(value: &'a SecretValue, theme: &Theme) -> Vec<Line<'a>> {
    match value.expose_str() {
        Some(text) => split_lines(text)
            .map(|line| Line::from(secret_spans(line, theme.revealed)))
            .collect(),
        None => vec![dim_line("(not valid UTF-8)", theme)],
    }
}

/// The lines of a value as `sanitize_lines` splits them (`\n`, `\r\n`).
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let ended = lines.len() - 1;
    for line in &mut lines[..ended] {
        *line = line.strip_suffix('\r').unwrap_or(line);
    }
    lines.into_iter()
}

/// One JSON field on one line. A field that is not UTF-8 can only be a string with a lone
/// surrogate (see `JsonEntry::not_text`).
fn one_line(value: &SecretValue, style: Style) -> Line<'_> {
    match value.expose_str() {
        Some(text) => Line::from(secret_spans(text, style)),
        None => Line::styled("(not text: a lone UTF-16 surrogate)", style),
    }
}

fn short_id(id: &str) -> String {
    let short: String = sanitize_line(id).chars().take(8).collect();
    if short.is_empty() {
        "—".to_owned()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    /// Drawing a revealed value borrows it: every span is the value's own bytes or a static
    /// escape, so no `String` holding part of it is left behind in freed memory.
    #[test]
    fn a_revealed_value_is_drawn_from_borrowed_spans_even_when_escaped() {
        let theme = Theme::default();
        let value = SecretValue::from_string(
            "line one\\\\\r\nhost\u{1b}[2J\u{202E}x\tend\n\u{0}".to_owned(),
        );
        let lines = text_lines(&value, &theme);
        assert_eq!(lines.len(), 3);
        for span in lines.iter().flat_map(|l| &l.spans) {
            assert!(
                matches!(span.content, Cow::Borrowed(_)),
                "an owned copy: {:?}",
                span.content
            );
        }
        let drawn: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(
            drawn,
            ["line one\\\\\\\\", "host\\e[2J\\u{202E}x\\tend", "\\u{0}"]
        );
        let field = one_line(&value, theme.revealed);
        assert!(
            field
                .spans
                .iter()
                .all(|s| matches!(s.content, Cow::Borrowed(_)))
        );
    }

    /// A JSON field too long for its column ends in "…", still borrowed, never cut silently.
    #[test]
    fn a_long_field_is_cut_visibly_and_stays_borrowed() {
        let theme = Theme::default();
        let value = SecretValue::from_string("payments-prod.cluster-f9ee969c0862.internal".into());
        let cut = fit_line(one_line(&value, theme.revealed), 20);
        assert_eq!(cut.to_string(), "payments-prod.clust…");
        assert_eq!(cut.width(), 20);
        assert!(
            cut.spans
                .iter()
                .all(|s| matches!(s.content, Cow::Borrowed(_)))
        );
        let escaped = SecretValue::from_string("ab\u{1b}cdefgh".to_owned());
        let cut = fit_line(one_line(&escaped, theme.revealed), 5);
        assert_eq!(cut.to_string(), "ab\\e…");
        let short = fit_line(one_line(&value, theme.revealed), 80);
        assert_eq!(
            short.to_string(),
            "payments-prod.cluster-f9ee969c0862.internal"
        );
    }

    /// A line the pane breaks stays borrowed row by row; a `↩` in the value itself is drawn
    /// escaped, so only the pane's own mark reads as one.
    #[test]
    fn broken_rows_stay_borrowed_and_the_value_s_own_mark_is_escaped() {
        let theme = Theme::default();
        let value = SecretValue::from_string("abc↩defghijklmnop\u{1b}qrstuvwxyz".to_owned());
        let lines = text_lines(&value, &theme);
        assert_eq!(
            lines[0].to_string(),
            "abc\\u{21A9}defghijklmnop\\eqrstuvwxyz"
        );
        let (rows, broken) = wrap_marked(lines, 10, theme.dim);
        assert!(broken);
        for span in rows.iter().flat_map(|l| &l.spans) {
            assert!(
                matches!(span.content, Cow::Borrowed(_)),
                "an owned copy: {:?}",
                span.content
            );
        }
        let marks: usize = rows
            .iter()
            .map(|r| r.to_string().matches(GOES_ON).count())
            .sum();
        assert_eq!(
            marks,
            rows.len() - 1,
            "one mark per row the pane broke, none else"
        );
    }
}
