//! The secret table. Only the rows on screen are built, so it draws as fast at 50,000
//! secrets as at 50.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::features::browse::row::Column;
use crate::features::browse::state::{Browse, RegionState};
use crate::kit::Theme;
use crate::kit::columns::{self, Spacing, Spec};
use crate::kit::widgets::{date, fit, pane_block};
use crate::model::SecretSummary;
use crate::model::accounts::{AccountRules, AccountStyle};
use crate::model::rotation::{Facts, StageMap, Thresholds, derive};
use crate::sanitize::sanitize_line;
use jiff::Timestamp;
use unicode_width::UnicodeWidthStr as _;

const COLUMN_SPACING: u16 = 1;
const DELETING: &str = " (deleting)";
/// The widest deletion marker: `DELETING` with a date.
const DELETING_ON: &str = " (deleting 2026-12-16)";

/// What the rotation column needs to judge each row's health.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RotationClock {
    pub(crate) now: Timestamp,
    pub(crate) thresholds: Thresholds,
}

/// `clear_key` names the key that clears the filter, for the "nothing matches" line.
pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    (browse, marked): (&Browse, &AccountRules),
    (focused, clear_key): (bool, &str),
    clock: RotationClock,
    theme: &Theme,
) {
    let list = &browse.list;
    let sort = list.sort();
    let mut title = format!(" Secrets ({}) ", list.len());
    if !list.filter().is_empty() || list.region_filter().is_some() {
        let region = list
            .region_filter()
            .map(|r| format!("in {} ", sanitize_line(r)))
            .unwrap_or_default();
        let filter = if list.filter().is_empty() {
            String::new()
        } else {
            format!("/{} ", sanitize_line(list.filter()))
        };
        title = format!(
            " Secrets ({} of {}) {region}{filter}",
            list.len(),
            list.total(),
        );
    }
    // Sorted by a column this width does not show: the title says by what.
    let columns = columns_for(
        area.width.saturating_sub(2),
        browse.regions.len() == 1,
        name_wanted(list),
    );
    let columns = with_account(columns, list.accounts_shown());
    if !columns.iter().any(|(col, _)| *col == sort.column) {
        let arrow = if sort.descending { "▼" } else { "▲" };
        title = format!("{title}· by {}{arrow} ", sort.column.title());
    }
    let block = pane_block(Line::from(title), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if list.is_empty() {
        let narrowed = !list.filter().is_empty() || list.region_filter().is_some();
        // Narrowed to one region: only that one loading is worth waiting for.
        let loading = list.region_filter().map_or_else(
            || browse.any_loading(),
            |shown| {
                (browse.regions.iter())
                    .any(|r| r.name == shown && matches!(r.state, RegionState::Loading { .. }))
            },
        );
        let text = match (loading, narrowed) {
            (true, _) => "Loading secrets…".to_owned(),
            (false, false) => "No secrets in these regions.".to_owned(),
            (false, true) => format!("No secret matches the filter ({clear_key} clears it)."),
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim), inner);
        return;
    }

    let header = Row::new(columns.iter().map(|(col, _)| {
        let mark = if *col == sort.column {
            if sort.descending { "▼" } else { "▲" }
        } else {
            ""
        };
        Cell::from(format!("{}{mark}", col.title()))
    }))
    .style(theme.header);

    // The widths the table draws each column in, so long text can end in "…" instead of
    // being cut off silently.
    let widths = columns.iter().map(|&(_, w)| Constraint::Length(w));
    let cell_widths: Vec<u16> = columns.iter().map(|&(_, w)| w).collect();

    let height = usize::from(inner.height.saturating_sub(1));
    let offset = list.window(height);
    let shown: Vec<&SecretSummary> = list.visible(offset..offset + height).collect();
    let names = name_cells(&shown, usize::from(cell_widths[0]));
    let rows = shown
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (secret, name))| {
            let account = secret.arn.account();
            let rule = (!marked.is_empty())
                .then(|| marked.find(account, list.alias_of(account)))
                .flatten();
            let selected = offset + i == list.selected_index();
            let style = row_style(secret, selected, rule, theme);
            let cells = columns
                .iter()
                .zip(&cell_widths)
                .map(|((col, _), width)| match col {
                    Column::Name => Cell::from(name.clone()),
                    Column::Rotation => {
                        rotation_cell(secret, clock, offset + i == list.selected_index(), theme)
                    }
                    Column::Account => Cell::from(fit(
                        &account_text(list.account_label(account), rule.map(|r| r.label.as_str())),
                        usize::from(*width),
                    )),
                    _ => cell(secret, *col, usize::from(*width)),
                });
            Row::new(cells).style(style)
        });
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(COLUMN_SPACING),
        inner,
    );
}

/// A row's style: the selection's, a deleted secret's, else its account's when marked.
fn row_style(
    secret: &SecretSummary,
    selected: bool,
    rule: Option<&crate::model::accounts::AccountRule>,
    theme: &Theme,
) -> ratatui::style::Style {
    if selected {
        theme.selected
    } else if secret.deleted_date.is_some() {
        theme.deleted
    } else {
        match rule.map(|r| r.style) {
            Some(AccountStyle::Danger) => theme.error,
            Some(AccountStyle::Warn) => theme.warn,
            None => theme.text,
        }
    }
}

/// The account as the column shows it: a marked account's label first (`prod·acme-pay`).
fn account_text(name: &str, label: Option<&str>) -> String {
    match label {
        Some(label) => format!("{}·{}", sanitize_line(label), sanitize_line(name)),
        None => sanitize_line(name).into_owned(),
    }
}

/// The widest the account column is drawn (a longer alias ends in "…").
const ACCOUNT_WIDTH: u16 = 20;

/// While several identities are held, the account comes right after the name, in room
/// taken from the name (down to `NAME_MIN`), then from the columns least useful.
fn with_account(mut columns: Vec<(Column, u16)>, shown: bool) -> Vec<(Column, u16)> {
    if !shown {
        return columns;
    }
    let mut wanted = ACCOUNT_WIDTH + COLUMN_SPACING;
    let spare = columns[0].1.saturating_sub(NAME_MIN).min(wanted);
    columns[0].1 -= spare;
    wanted -= spare;
    // Then whole columns, the least useful first, until there is room.
    for least_useful in [
        Column::Description,
        Column::LastAccessed,
        Column::Tags,
        Column::LastChanged,
    ] {
        if wanted == 0 {
            break;
        }
        if let Some(at) = columns.iter().position(|(c, _)| *c == least_useful) {
            let (_, width) = columns.remove(at);
            let freed = width + COLUMN_SPACING;
            columns[0].1 += freed.saturating_sub(wanted);
            wanted = wanted.saturating_sub(freed);
        }
    }
    let width = ACCOUNT_WIDTH.saturating_sub(wanted);
    if width >= 8 {
        columns.insert(1, (Column::Account, width));
    } else {
        columns[0].1 += ACCOUNT_WIDTH + COLUMN_SPACING - wanted;
    }
    columns
}

/// The columns the name asks for: its widest, with the deletion marker where rows
/// scheduled for deletion show.
fn name_wanted(list: &crate::features::browse::SecretList) -> u16 {
    let (live, deleted) = list.widest_name();
    let wanted = deleted.map_or(live, |d| live.max(d + DELETING_ON.len()));
    u16::try_from(wanted).unwrap_or(u16::MAX)
}

/// The least a name elided beside its deletion date keeps; with less, the date goes.
const NAME_BESIDE_DATE: usize = 12;
/// The least the description is drawn in; with less, the name takes it.
const DESCRIPTION_MIN: usize = 12;
/// The least the name gets beside a description.
const NAME_MIN: u16 = 24;

/// The name is what is scanned: it gets the room it asks for (`name` columns) first, and
/// the description only what is left, when that is worth drawing. Narrow lists drop the
/// least useful columns first, so the name keeps two fifths of the width or more: the
/// description, the day last read and the tag count go first, then the day last changed;
/// the region goes too when only one region is listed (the region bar names it).
fn columns_for(width: u16, one_region: bool, name: u16) -> Vec<(Column, u16)> {
    let name = usize::from(name.max(NAME_MIN));
    let region = Spec::fixed(Column::Region, 14);
    let specs = [
        // Everything the other columns leave, or all it asks beside a description.
        Spec::new(Column::Name, 0, name, name).grows(1),
        if one_region {
            region.shown_from(64)
        } else {
            region
        },
        Spec::fixed(Column::Description, DESCRIPTION_MIN)
            .shown_from(90)
            .optional(0)
            .grows(2),
        Spec::fixed(Column::LastChanged, 10).shown_from(56),
        Spec::fixed(Column::LastAccessed, 10).shown_from(80),
        Spec::fixed(Column::Rotation, 5),
        Spec::fixed(Column::Tags, 5).shown_from(64),
    ];
    columns::plan(usize::from(width), &specs, Spacing::TIGHT)
        .into_iter()
        .map(|(c, w)| (c, u16::try_from(w).unwrap_or(u16::MAX)))
        .collect()
}

/// The name cells of the rows on screen, in `width` columns: names too long lose their
/// middle, never so that two rows read the same (`names.rs`); a secret scheduled for
/// deletion keeps its marker however long its name is.
fn name_cells(shown: &[&SecretSummary], width: usize) -> Vec<String> {
    let names: Vec<_> = shown.iter().map(|s| sanitize_line(&s.name)).collect();
    let markers: Vec<String> = shown
        .iter()
        .zip(&names)
        .map(|(secret, name)| {
            let marker = deletion_marker(secret);
            // Too narrow for the name and the date: the date goes, the name stays.
            let room = width.saturating_sub(marker.len());
            if marker.len() > DELETING.len() && room < NAME_BESIDE_DATE && name.width() > room {
                DELETING.to_owned()
            } else {
                marker
            }
        })
        .collect();
    let rooms: Vec<(&str, usize)> = names
        .iter()
        .zip(&markers)
        .map(|(name, marker)| (name.as_ref(), width.saturating_sub(marker.len())))
        .collect();
    crate::features::browse::names::elide_apart(&rooms)
        .into_iter()
        .zip(markers)
        .map(|(name, marker)| name + &marker)
        .collect()
}

/// What follows the name of a secret scheduled for deletion: the day it goes for good (the
/// end of its recovery window); a deletion just made here without recovery has no date
/// (the epoch stands in for it). Nothing for the others.
fn deletion_marker(secret: &SecretSummary) -> String {
    match secret.deleted_date {
        None => String::new(),
        Some(on) if on == Timestamp::UNIX_EPOCH => DELETING.to_owned(),
        Some(on) => format!(" (deleting {})", date(Some(on))),
    }
}

/// The filter prompt, drawn in the footer while the filter layer is open.
pub(crate) fn filter_prompt(browse: &Browse, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled("/", theme.filter),
        Span::styled(
            sanitize_line(browse.list.filter()).into_owned(),
            theme.filter,
        ),
        Span::styled("▏", theme.filter),
    ])
}

fn cell(secret: &SecretSummary, column: Column, width: usize) -> Cell<'static> {
    let text = match column {
        Column::Region => secret.region.to_string(),
        Column::Description => secret
            .description
            .as_deref()
            .map(|d| fit(&sanitize_line(d), width))
            .unwrap_or_default(),
        Column::LastChanged => date(secret.last_changed),
        Column::LastAccessed => date(secret.last_accessed),
        // Drawn apart: `name_cells`, `rotation_cell`.
        Column::Name | Column::Rotation | Column::Account => String::new(),
        Column::Tags => secret.tags.len().to_string(),
    };
    Cell::from(text)
}

/// The row's rotation health in a word, in its colour.
/// The health in a word, in its colour; on the selected row in the row's own style, so the
/// selection stays readable in every theme.
fn rotation_cell(
    secret: &SecretSummary,
    clock: RotationClock,
    selected: bool,
    theme: &Theme,
) -> Cell<'static> {
    let health = derive(
        Facts {
            rotation: &secret.rotation,
            stages: &StageMap::of_summary(secret),
            events: &[],
        },
        clock.now,
        clock.thresholds,
    );
    if selected {
        Cell::from(health.short())
    } else {
        Cell::from(Span::styled(health.short(), theme.health(health)))
    }
}

#[cfg(test)]
mod tests {
    use crate::kit::widgets::{fit, scroll_offset};

    #[test]
    fn long_text_ends_in_an_ellipsis_within_its_width() {
        assert_eq!(fit("prod/orders/postgres", 30), "prod/orders/postgres");
        assert_eq!(fit("prod/orders/postgres", 10), "prod/orde…");
        assert_eq!(fit("日本語の名前", 7), "日本語…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn narrow_lists_keep_two_fifths_of_the_width_for_the_name() {
        use super::{Column, columns_for};
        // From the narrowest list (a 40-column screen) up, whatever the names ask for.
        for (width, name) in (38..=200).flat_map(|w| [0, 30, 60, 300].map(|n| (w, n))) {
            for one_region in [false, true] {
                let columns = columns_for(width, one_region, name);
                let total = columns.iter().map(|&(_, w)| w).sum::<u16>();
                let gaps = u16::try_from(columns.len() - 1).unwrap_or(u16::MAX);
                assert_eq!(total + gaps, width, "the list spans its pane: {columns:?}");
                assert_eq!(columns[0].0, Column::Name);
                let got = columns[0].1;
                assert!(
                    if width < 80 {
                        got * 5 >= width * 2
                    } else {
                        got >= 24
                    },
                    "{width} columns ({one_region}): the name gets {got}"
                );
                let has_region = columns.iter().any(|(c, _)| *c == Column::Region);
                assert_eq!(has_region, width >= 64 || !one_region, "{width}");
                // The description never takes room the name asks for.
                if columns.iter().any(|(c, _)| *c == Column::Description) {
                    assert!(got >= name.max(24), "{width}: {got} for {name}");
                }
            }
        }
    }

    #[test]
    fn the_name_gets_its_room_before_the_description() {
        use super::{Column, columns_for};
        // The list of a 160-column screen.
        let widths = |name| columns_for(94, false, name);
        let short = widths(30);
        assert_eq!(short[0], (Column::Name, 30));
        assert_eq!(short[2], (Column::Description, 14));
        let long = widths(43);
        assert_eq!(long[0], (Column::Name, 45), "{long:?}");
        assert!(long.iter().all(|(c, _)| *c != Column::Description));
    }

    #[test]
    fn scrolling_keeps_the_selection_in_view() {
        assert_eq!(scroll_offset(0, 5, 10), 0);
        assert_eq!(scroll_offset(3, 100, 10), 0);
        assert_eq!(scroll_offset(50, 100, 10), 45);
        assert_eq!(scroll_offset(99, 100, 10), 90);
        for selected in 0..100 {
            let offset = scroll_offset(selected, 100, 10);
            assert!((offset..offset + 10).contains(&selected));
        }
    }
}
