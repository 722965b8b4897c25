//! Rendering: a pure function of `State` and `Theme`. Nothing here changes state or does I/O;
//! the one thing a frame leaves behind is what it measured (how far a text can scroll, a
//! page of a list, whether the panes are tabs), which each view records where it draws
//! (`kit::Drawn`, which says why). Each room draws its own pane or popup
//! (`features/<room>/view.rs`); this module lays the screen out (one layout function, used
//! for drawing and for the mouse alike), draws the title and footer, and stacks the popups
//! in layer order.

mod layout;
pub mod mouse;
mod popups;
mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use crate::app::State;
use crate::app::command::Command;
use crate::features::{browse, detail, reveal, rotation};
use crate::kit::Theme;
use crate::room::keys::Verb;
use crate::room::layers::{Focus, Layer, Tab};
use crate::sanitize::is_unsafe_text;

pub use layout::layout;
pub(crate) use layout::{MIN_HEIGHT, MIN_WIDTH, Screen};

/// Styles do not change how many rows a text takes: any theme measures alike.
static MEASURING_THEME: std::sync::LazyLock<Theme> = std::sync::LazyLock::new(Theme::default);

/// Where everything goes on a screen of `area` for this state (drawing and the mouse use
/// the same answer).
pub(crate) fn screen_layout(area: Rect, state: &State) -> Option<Screen> {
    let footer = status::footer_rows(state, area.width);
    let first = layout(area, state.shown_tab(), footer)?;
    if first.shown.is_some() {
        return Some(first);
    }
    // The detail and rotation panes share a column: measured at its width, they get the
    // rows their content needs where the shape allows.
    let ctx = state.ctx();
    let width = first.detail.width;
    let theme = &*MEASURING_THEME;
    let wants = layout::Wants {
        footer,
        detail: Some(detail::view::rows_needed(width, &ctx, false, theme)),
        rotation: Some(rotation::view::rows_needed(
            width,
            &ctx,
            &state.rooms.rotation,
            theme,
        )),
    };
    layout::layout_for(area, state.shown_tab(), wants)
}

/// Draws the whole screen in the theme the user chose (or `theme` when the state has no
/// themes to choose from).
pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let picker = state.layers.popup::<crate::features::appearance::Picker>();
    let theme = state.rooms.appearance.current(picker).unwrap_or(theme);
    let area = frame.area();
    match screen_layout(area, state) {
        None => {
            let text = format!(
                "smtui needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
                area.width, area.height
            );
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme.warn)
                    .wrap(Wrap { trim: true }),
                area,
            );
        }
        Some(screen) => {
            state.tabs_shown.record(screen.shown.is_some());
            render_screen(frame, &screen, state, theme);
        }
    }
    neutralise(frame.buffer_mut());
}

fn render_screen(frame: &mut Frame, screen: &Screen, state: &State, theme: &Theme) {
    let covered = state.layers.has_popup();
    let focus = state.layers.focus();
    status::render_title(frame, screen.title, state, theme);
    let (held, refused) = (state.held_accounts(), state.refused_accounts());
    let accounts = browse::region_bar::Accounts {
        held: &held,
        refused: &refused,
    };
    browse::region_bar::render(
        frame,
        screen.regions,
        &state.browse.regions,
        accounts,
        theme,
    );
    if let Some(shown) = screen.shown {
        render_tabs(frame, screen.tabs, shown, state, theme);
    }
    let list_focused = focus == Focus::List && !covered;
    let list_hint = state.keymap.label(Layer::List, Command::Verb(Verb::Back));
    let clock = browse::view::RotationClock {
        now: state.wall,
        thresholds: state.settings.rotation,
    };
    browse::view::render(
        frame,
        screen.list,
        (&state.browse, &state.settings.accounts),
        (list_focused, &list_hint),
        clock,
        theme,
    );
    let ctx = state.ctx();
    let rotation_shown = !screen.rotation.is_empty();
    detail::view::render(frame, screen.detail, &ctx, !rotation_shown, theme);
    if rotation_shown {
        let named = screen.shown.is_some();
        rotation::view::render(
            frame,
            screen.rotation,
            (&ctx, named),
            &state.rooms.rotation,
            theme,
        );
    }
    let value_context = reveal::view::PaneContext {
        focused: focus == Focus::Value && !covered,
        has_selection: state.selected().is_some(),
        now: state.now,
        keymap: &state.keymap,
        subject: state
            .selected()
            .filter(|_| screen.shown.is_some())
            .map(|s| s.name.as_str()),
    };
    reveal::view::render(frame, screen.value, &state.reveal, value_context, theme);
    status::render_footer(frame, screen.footer, state, theme);
    for entry in state.layers.entries() {
        popups::render_layer(frame, screen, state, entry, theme);
    }
}

/// The tab bar of narrow screens: every pane, the shown one marked, and the keys.
fn render_tabs(frame: &mut Frame, area: Rect, shown: Tab, state: &State, theme: &Theme) {
    let mut spans = Vec::new();
    for tab in Tab::ALL {
        // Brackets as well as the style: the shown tab is clear without colour too.
        let (text, style) = if tab == shown {
            (format!("[{}]", tab.title()), theme.tab_active)
        } else {
            (format!(" {} ", tab.title()), theme.tab)
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    let keys = format!(
        " {} / {} switch",
        state
            .keymap
            .label(Layer::List, Command::Verb(Verb::PreviousTab)),
        state
            .keymap
            .label(Layer::List, Command::Verb(Verb::NextTab))
    );
    // The keys only where they fit whole: cut, they would read as a stray bracket.
    let tabs_width: usize = spans.iter().map(Span::width).sum();
    if tabs_width + keys.width() <= usize::from(area.width) {
        spans.push(Span::styled(keys, theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Last line of defence: untrusted text is escaped where it is drawn, and whatever slipped
/// through would still never reach the terminal as a control character.
fn neutralise(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if is_unsafe_text(cell.symbol()) {
            cell.set_symbol("?");
        }
    }
}
