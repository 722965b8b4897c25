//! The editor popup and the review of changes before a save.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::features::editor::Command as EditorCommand;
use crate::features::editor::buffer::MAX_BYTES;
use crate::features::editor::call::NewSecret;
use crate::features::editor::check::{self, Change, Kind};
use crate::features::editor::view_values::{form_lines, masked_text};
use crate::features::editor::{EditSession, Phase, form};
use crate::kit::Theme;
use crate::kit::widgets::{centered, diff_line, diff_lines, dim_line, pane_block};
use crate::room::keys::{Bind, Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

/// The editor over most of the screen.
pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    session: &EditSession,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let popup = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let name = sanitize_line(&session.name);
    let Some(loaded) = &session.loaded else {
        let block = pane_block(Line::from(format!(" Edit {name} ")), true, theme);
        frame.render_widget(
            Paragraph::new(Line::styled("Fetching the current value…", theme.loading)).block(block),
            popup,
        );
        return;
    };
    let (line, column) = loaded.buffer.cursor();
    let kind = match loaded.kind {
        Kind::Json => "JSON",
        Kind::Text => "text",
    };
    let shown = session.values_shown();
    let title = format!(
        " Edit {name} ({}) · {kind} · {line}:{column} · {}/{MAX_BYTES} bytes ",
        sanitize_line(&session.region),
        loaded.buffer.byte_len()
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // Warnings wrap (the important part of "A rotation is in progress…" comes last),
    // taking at most a third of the editor so the text keeps its room. A key written twice
    // is said as it is typed: most programs read only the last of them.
    let text_now = loaded.buffer.text();
    let duplicates = text_now
        .expose_str()
        .and_then(check::duplicate_keys_note_in);
    let notes: Vec<Line> = loaded
        .warnings
        .iter()
        .chain(&duplicates)
        .map(|w| Line::styled(w.clone(), theme.warn))
        .collect();
    let note_count = u16::try_from(notes.len()).unwrap_or(0);
    let notes_paragraph = Paragraph::new(notes).wrap(Wrap { trim: true });
    let warnings = u16::try_from(notes_paragraph.line_count(inner.width))
        .unwrap_or(u16::MAX)
        .min((inner.height / 3).max(note_count));
    // A long message (the service's reason for refusing a save) wraps, up to three rows.
    let status_paragraph = Paragraph::new(status_line(session, theme)).wrap(Wrap { trim: true });
    let status_rows = u16::try_from(status_paragraph.line_count(inner.width))
        .unwrap_or(1)
        .clamp(1, 3);
    let hints_paragraph =
        Paragraph::new(Line::styled(hint(session, keymap), theme.dim)).wrap(Wrap { trim: true });
    let hint_rows = u16::try_from(hints_paragraph.line_count(inner.width))
        .unwrap_or(1)
        .clamp(1, 2);
    let [notes, text, status, hints] = Layout::vertical([
        Constraint::Length(warnings),
        Constraint::Fill(1),
        Constraint::Length(status_rows),
        Constraint::Length(hint_rows),
    ])
    .areas(inner);
    frame.render_widget(notes_paragraph, notes);
    let source = text_now.expose_str().unwrap_or_default();
    if let Phase::Form { selected, field } = &session.phase {
        let fields = form::fields(source).unwrap_or_default();
        // In clear only after `Ctrl-v`: each value a zeroizing copy for this frame.
        let values: Option<Vec<_>> = shown.then(|| {
            fields
                .iter()
                .map(|f| form::field_text(source, f).unwrap_or_default())
                .collect()
        });
        let lines = form_lines(
            &fields,
            selected.at(),
            values.as_deref(),
            (field.as_deref(), text.width),
            theme,
        );
        // More fields than rows: scrolled to keep the chosen one in view.
        let offset = selected.window(fields.len(), usize::from(text.height));
        let offset = u16::try_from(offset).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), text);
    } else if shown {
        // The textarea keeps its own (unstyled) look; the theme's comes from under it.
        frame.render_widget(ratatui::widgets::Block::new().style(theme.editor), text);
        frame.render_widget(loaded.buffer.widget(), text);
    } else {
        frame.render_widget(masked_text(&loaded.buffer, text, theme), text);
    }
    frame.render_widget(status_paragraph, status);
    frame.render_widget(hints_paragraph, hints);
}

/// The editor's keys for what it is doing now.
fn hint(session: &EditSession, keymap: &dyn Labels) -> String {
    let key = |command: Bind<EditorCommand>| keymap.of(Layer::Editor, command);
    // A new secret's value is shown as it is typed: nothing to reveal.
    let reveal = if session.creating.is_some() {
        String::new()
    } else {
        let verb = if session.revealed.is_shown() {
            "mask"
        } else {
            "reveal"
        };
        format!(" · {} {verb}", key(Bind::Verb(Verb::Reveal)))
    };
    match &session.phase {
        Phase::Form { field: Some(_), .. } => format!(
            "Enter puts the field back · {} leaves it unchanged{reveal}",
            key(Bind::Verb(Verb::Back))
        ),
        Phase::Form { .. } => format!(
            "↑↓ choose · Enter change the field · {} save · {} the whole text{reveal}",
            key(Bind::Own(EditorCommand::Save)),
            key(Bind::Own(EditorCommand::FormMode))
        ),
        _ => format!(
            "{} review and save · {} fields{reveal} · {} leave (asks if changed)",
            key(Bind::Own(EditorCommand::Save)),
            key(Bind::Own(EditorCommand::FormMode)),
            key(Bind::Verb(Verb::Back))
        ),
    }
}

/// The message if there is one, else whether the JSON is valid.
fn status_line(session: &EditSession, theme: &Theme) -> Line<'static> {
    if let Some(message) = &session.message {
        return Line::styled(sanitize_line(message).into_owned(), theme.warn);
    }
    let Some(loaded) = &session.loaded else {
        return Line::default();
    };
    if matches!(session.phase, Phase::Saving) {
        return Line::styled("Saving…", theme.loading);
    }
    if loaded.kind == Kind::Json {
        let text = loaded.buffer.text();
        return match text.expose_str().and_then(check::json_problem) {
            Some(problem) => Line::styled(
                format!(
                    "JSON error at line {}, column {}: {}",
                    problem.line,
                    problem.column,
                    sanitize_line(&problem.message)
                ),
                theme.error,
            ),
            None => Line::styled("valid JSON", theme.ok),
        };
    }
    Line::default()
}

/// The changes, values masked until revealed, over the editor.
/// What a new secret is created with besides its value: everything CreateSecret is sent.
fn creation_lines<'a>(spec: &NewSecret, theme: &Theme) -> Vec<Line<'a>> {
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("  {label:<12}"), theme.label),
            Span::styled(value, theme.text),
        ])
    };
    let or_none = |text: String| {
        if text.is_empty() {
            "none".to_owned()
        } else {
            text
        }
    };
    vec![
        row(
            "description",
            or_none(sanitize_line(&spec.description).into_owned()),
        ),
        row(
            "KMS key",
            spec.kms_key.as_deref().map_or_else(
                || "aws/secretsmanager (default)".to_owned(),
                |k| sanitize_line(k).into_owned(),
            ),
        ),
        row(
            "tags",
            or_none(
                spec.tags
                    .iter()
                    .map(|t| format!("{}={}", sanitize_line(&t.key), sanitize_line(&t.value)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
        row(
            "replicas",
            or_none(
                spec.replicas
                    .iter()
                    .map(|r| sanitize_line(r).into_owned())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
        row(
            "stored as",
            if spec.binary {
                "binary (SecretBinary)"
            } else {
                "text (SecretString)"
            }
            .to_owned(),
        ),
    ]
}

/// The review as laid out on a screen `area`: its body (every line, to scroll through), how
/// many rows that takes wrapped, how many fit, and the popup's width.
struct ReviewLayout<'a> {
    body: Paragraph<'a>,
    total: u16,
    room: u16,
    width: u16,
}

fn review_layout<'a>(
    area: Rect,
    session: &'a EditSession,
    theme: &Theme,
) -> Option<ReviewLayout<'a>> {
    let Phase::Reviewing { rows, revealed, .. } = &session.phase else {
        return None;
    };
    let changed = count_changes(rows);
    let heading = if session.creating.is_some() {
        format!(
            "A new secret {} in {}:",
            sanitize_line(&session.name),
            sanitize_line(&session.region)
        )
    } else {
        format!(
            "{changed} change{} to {} as a new AWSCURRENT version:",
            if changed == 1 { "" } else { "s" },
            sanitize_line(&session.name)
        )
    };
    let mut top = vec![Line::styled(heading, theme.header)];
    if let Some(spec) = &session.creating {
        top.extend(creation_lines(spec, theme));
    }
    if let Some(loaded) = &session.loaded {
        if loaded.overwrite.is_some() {
            top.push(Line::styled(
                "This replaces the version someone else saved since you opened it.",
                theme.error,
            ));
        }
        top.extend(
            loaded
                .warnings
                .iter()
                .map(|w| Line::styled(w.clone(), theme.warn)),
        );
        // What is about to be saved names a key twice: said before the `y`.
        let text = loaded.buffer.text();
        if let Some(note) = text.expose_str().and_then(check::duplicate_keys_note_in) {
            top.push(Line::styled(note, theme.warn));
        }
    }
    top.push(Line::raw(""));
    let width = review_width(area);
    let inner_width = width.saturating_sub(2);
    // Borders, a margin, and the keys (two rows on a narrow screen).
    let room = area.height.saturating_sub(2 + 2 + review_hint_rows(area));
    // With the blank line under the rows.
    let fits = |lines: &[Line]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(inner_width)
            < usize::from(room)
    };
    let every_row = |only_changes: bool| {
        let mut lines = top.clone();
        let shown = rows
            .iter()
            .filter(|row| !only_changes || row.change != Change::Same);
        lines.extend(shown.map(|row| diff_line(row, revealed.is_shown(), theme)));
        lines
    };
    // Too many for the screen: the unchanged keys or lines go first (said), then what is
    // left scrolls, so no change is ever saved unseen for want of room.
    let mut lines = every_row(false);
    if !fits(&lines) {
        let unchanged = rows.iter().filter(|r| r.change == Change::Same).count();
        lines = every_row(true);
        if unchanged > 0 {
            lines.push(dim_line(
                format!("({unchanged} unchanged, not shown here)"),
                theme,
            ));
        }
    }
    lines.push(Line::raw(""));
    let body = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = u16::try_from(body.line_count(inner_width)).unwrap_or(u16::MAX);
    Some(ReviewLayout {
        body,
        total,
        room,
        width,
    })
}

/// The review's width: a margin either side where there is room, the whole width where
/// there is not (its keys must fit).
fn review_width(area: Rect) -> u16 {
    if area.width < 60 {
        area.width
    } else {
        area.width.saturating_sub(10).min(100)
    }
}

/// Rows for the review's keys: two where one line cannot hold them.
fn review_hint_rows(area: Rect) -> u16 {
    if review_width(area) < 80 { 2 } else { 1 }
}

/// `account`: the account the save goes to, said while several identities are held.
pub(crate) fn render_review(
    frame: &mut Frame,
    area: Rect,
    (session, account): (&EditSession, Option<&str>),
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let (
        Some(layout),
        Phase::Reviewing {
            revealed, scroll, ..
        },
    ) = (review_layout(area, session, theme), &session.phase)
    else {
        return;
    };
    let key = |command: Bind<EditorCommand>| keymap.of(Layer::Review, command);
    // The limit is the one `draw` records, for the keys to move within: not worked out again.
    let top = scroll.draw(usize::from(layout.total), layout.room);
    let more = if scroll.limit().is_some_and(|limit| top < limit) {
        format!(
            "{}/{} more below · ",
            key(Bind::Verb(Verb::Down)),
            key(Bind::Verb(Verb::Up))
        )
    } else {
        String::new()
    };
    let hint = Line::styled(
        format!(
            "{more}{} save · {} back to editing · {} {} the values",
            key(Bind::Verb(Verb::Confirm)),
            key(Bind::Verb(Verb::Cancel)),
            key(Bind::Verb(Verb::Reveal)),
            if revealed.is_shown() {
                "mask"
            } else {
                "reveal"
            }
        ),
        theme.key_hint,
    );
    let hint_rows = review_hint_rows(area);
    let height = layout.total.min(layout.room).saturating_add(2 + hint_rows);
    let popup = centered(area, layout.width, height);
    frame.render_widget(Clear, popup);
    let title = match account {
        Some(account) => Line::from(vec![
            Span::raw(" Review changes · "),
            Span::styled(
                format!("in account {} ", sanitize_line(account)),
                theme.warn,
            ),
        ]),
        None => Line::from(" Review changes "),
    };
    let block = pane_block(title, true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body_area, hint_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(hint_rows)]).areas(inner);
    frame.render_widget(layout.body.scroll((top, 0)), body_area);
    frame.render_widget(Paragraph::new(hint).wrap(Wrap { trim: true }), hint_area);
}

/// How many changes a review holds, as a person counts them: a JSON key added, removed or
/// changed is one; in text, a line replaced shows as one removed and one added, and counts
/// once.
fn count_changes(rows: &[crate::diff::DiffRow]) -> usize {
    let of = |change: Change| rows.iter().filter(|r| r.change == change).count();
    let text = rows.iter().all(|r| r.key.is_empty());
    if text {
        of(Change::Changed) + of(Change::Added).max(of(Change::Removed))
    } else {
        rows.iter().filter(|r| r.change != Change::Same).count()
    }
}

/// Someone else saved first: which keys or lines differ between theirs and yours, and the
/// choice.
pub(crate) fn render_conflict(
    frame: &mut Frame,
    area: Rect,
    session: &EditSession,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let Some(theirs) = &session.theirs else {
        return;
    };
    let short: String = sanitize_line(&theirs.version_id).chars().take(8).collect();
    let mut lines = vec![
        Line::styled(
            format!(
                "{} changed since you opened it: version {short} is AWSCURRENT now.",
                sanitize_line(&session.name)
            ),
            theme.error,
        ),
        Line::styled("Nothing was overwritten. Theirs → yours:", theme.text),
        Line::raw(""),
    ];
    // Borders, the three lines above, the blank line and the keys: the keys always stay.
    let room = usize::from(area.height.saturating_sub(2 + 3 + 2 + 2));
    lines.extend(diff_lines(
        &theirs.rows,
        theirs.revealed.is_shown(),
        room,
        theme,
    ));
    lines.push(Line::raw(""));
    let key = |command: Bind<EditorCommand>| keymap.of(Layer::Conflict, command);
    let hint = Line::styled(
        format!(
            "{} keep editing · {} overwrite theirs · {} reload theirs · {} {} the values",
            key(Bind::Verb(Verb::Back)),
            key(Bind::Own(EditorCommand::Overwrite)),
            key(Bind::Own(EditorCommand::ReloadTheirs)),
            key(Bind::Verb(Verb::Reveal)),
            if theirs.revealed.is_shown() {
                "mask"
            } else {
                "reveal"
            }
        ),
        theme.key_hint,
    );
    // The keys on a row of their own under the rest, so a long line can never push them
    // out of view.
    let width = area.width.saturating_sub(10).min(100);
    let body = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = u16::try_from(body.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    let hint_rows = u16::try_from(
        Paragraph::new(hint.clone())
            .wrap(Wrap { trim: true })
            .line_count(width.saturating_sub(2)),
    )
    .unwrap_or(1);
    let popup = centered(area, width, rows.saturating_add(hint_rows + 2));
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Someone else saved first "), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body_area, hint_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(hint_rows)]).areas(inner);
    frame.render_widget(body, body_area);
    frame.render_widget(Paragraph::new(hint).wrap(Wrap { trim: true }), hint_area);
}
