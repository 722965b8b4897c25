//! `update`: the only place that changes `State`. It performs no I/O; it returns effects.

use std::time::{Duration, Instant};

use crate::app::action::{Action, FilterEdit};
use crate::app::effect::Effect;
use crate::app::keymap::{Command, Context};
use crate::app::state::{
    CachedDetail, FetchPurpose, Focus, Level, Overlay, PendingFetch, RegionState, State, StatusLine,
};
use crate::app::value;
use crate::model::SecretSummary;
use crate::sanitize::sanitize_line;

/// How long the selection must rest on a secret before it is described: holding `j` over
/// a thousand rows must not send a thousand DescribeSecret calls.
pub const DETAIL_DEBOUNCE: Duration = Duration::from_millis(150);
const PAGE: isize = 10;

/// The effects to run at start: list every region, learn who we are.
pub fn init(state: &mut State) -> Vec<Effect> {
    list_all(state)
}

pub fn update(state: &mut State, action: Action, now: Instant) -> Vec<Effect> {
    state.now = now;
    let mut fx = Vec::new();
    match action {
        Action::Command(command) => command_effects(state, command, &mut fx),
        Action::FilterInput(edit) => filter_input(state, edit, &mut fx),
        Action::SecretsPage {
            generation,
            region,
            page,
            last,
        } if generation == state.generation => {
            page_arrived(state, &region, page, last, &mut fx);
        }
        Action::RegionFailed {
            generation,
            region,
            error,
        } if generation == state.generation => {
            // The region bar has room for the kind; the footer gets the whole story.
            let text = state.explain(&error);
            error_line(state, &text);
            if let Some(status) = state.regions.iter_mut().find(|r| r.name == region) {
                status.awaiting_first_page = false;
                status.state = RegionState::Failed(error);
            }
        }
        Action::DetailLoaded {
            generation,
            arn,
            result,
        } if generation == state.generation => {
            if state.detail_in_flight.as_deref() == Some(arn.as_str()) {
                state.detail_in_flight = None;
            }
            let keep_for = state.settings.detail_ttl * 10;
            state
                .details
                .retain(|_, d| now.duration_since(d.fetched_at) < keep_for);
            state.details.insert(
                arn,
                CachedDetail {
                    fetched_at: now,
                    result,
                },
            );
        }
        Action::DetailDue { arn } => {
            if selected_arn(state).as_deref() == Some(arn.as_str()) {
                describe_if_stale(state, &mut fx);
            }
        }
        Action::ValueLoaded {
            generation,
            request,
            result,
        } if generation == state.generation => {
            value::loaded(state, request, result, &mut fx);
        }
        Action::Identity { generation, result } if generation == state.generation => {
            state.identity = Some(result);
        }
        Action::RemaskDue { reveal } => value::remask_due(state, reveal, &mut fx),
        Action::Copied {
            token,
            label,
            clear_after,
            result,
        } => {
            value::copied(state, token, label, clear_after, result, &mut fx);
        }
        Action::ClipboardClearDue { token } => {
            if state.clipboard.as_ref().is_some_and(|c| c.token == token) {
                fx.push(Effect::ClearClipboard { token });
            }
        }
        Action::ClipboardCleared { token, result } => {
            value::clipboard_cleared(state, token, result);
        }
        Action::Quit => quit(state, &mut fx),
        Action::HelpScrollLimit(limit) => help_limit_reported(state, limit),
        Action::ValueScrollLimit(limit) => value::scroll_limit_reported(state, limit),
        // Stale results (older generation), ticks and resizes only need a redraw.
        Action::SecretsPage { .. }
        | Action::RegionFailed { .. }
        | Action::DetailLoaded { .. }
        | Action::ValueLoaded { .. }
        | Action::Identity { .. }
        | Action::Tick
        | Action::Resize => {}
    }
    fx
}

fn page_arrived(
    state: &mut State,
    region: &str,
    page: Vec<SecretSummary>,
    last: bool,
    fx: &mut Vec<Effect>,
) {
    let before = selected_arn(state);
    if let Some(status) = state.regions.iter_mut().find(|r| r.name == region) {
        if std::mem::take(&mut status.awaiting_first_page) {
            state.list.clear_region(region);
        }
        let so_far = match status.state {
            RegionState::Loading { so_far } => so_far,
            _ => 0,
        } + page.len();
        status.state = if last {
            RegionState::Loaded { count: so_far }
        } else {
            RegionState::Loading { so_far }
        };
        state.list.extend(page);
    }
    selection_changed(state, before.as_deref(), fx);
}

fn command_effects(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    if state.context() == Context::Popup {
        popup_command(state, command, fx);
        return;
    }
    let before = selected_arn(state);
    // Information is read by the next key press; errors stay until Esc.
    if state
        .status
        .as_ref()
        .is_some_and(|s| s.level == Level::Info)
    {
        state.status = None;
    }
    match command {
        Command::Quit => quit(state, fx),
        Command::Help => state.overlays.push(Overlay::Help { scroll: 0 }),
        Command::Up => move_selection(state, -1),
        Command::Down => move_selection(state, 1),
        Command::PageUp => move_selection(state, -PAGE),
        Command::PageDown => move_selection(state, PAGE),
        Command::Top => move_selection(state, isize::MIN / 2),
        Command::Bottom => move_selection(state, isize::MAX / 2),
        Command::FocusNext => {
            state.focus = match state.focus {
                Focus::List if state.value.is_some() => Focus::Value,
                _ => Focus::List,
            };
        }
        Command::Filter => state.filter_editing = true,
        Command::Refresh => fx.extend(refresh(state)),
        Command::ToggleDeleted => state.list.toggle_deleted(),
        Command::SortNext => state.list.cycle_sort(),
        Command::SortReverse => state.list.reverse_sort(),
        Command::Reveal => value::reveal(state, false, fx),
        Command::RevealAll => value::reveal(state, true, fx),
        Command::ToggleRawJson => value::toggle_raw_json(state),
        Command::PickVersion => value::open_version_picker(state, fx),
        Command::CopyValue => value::copy_value(state, fx),
        Command::CopyArn | Command::CopyName => {
            value::copy_metadata(state, command == Command::CopyArn, fx);
        }
        Command::Back => {
            if state.value.is_some() {
                value::mask(state);
            } else if !state.list.filter().is_empty() {
                state.list.set_filter(String::new());
            } else {
                state.status = None;
            }
        }
        Command::Select => {}
    }
    selection_changed(state, before.as_deref(), fx);
}

fn help_limit_reported(state: &mut State, limit: u16) {
    state.help_scroll_limit = Some(limit);
    for overlay in &mut state.overlays {
        if let Overlay::Help { scroll } = overlay {
            *scroll = (*scroll).min(limit);
        }
    }
}

/// How far PgUp/PgDn scroll the help, and move in the version picker.
const HELP_PAGE: u16 = 10;
const PICKER_PAGE: usize = 10;

fn popup_command(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    let Some(top) = state.overlays.last_mut() else {
        return;
    };
    match (top, command) {
        (_, Command::Back) => {
            state.overlays.pop();
        }
        (_, Command::Quit) => quit(state, fx),
        (Overlay::Help { scroll }, command) => {
            *scroll = match command {
                Command::Down => scroll.saturating_add(1),
                Command::Up => scroll.saturating_sub(1),
                Command::PageDown => scroll.saturating_add(HELP_PAGE),
                Command::PageUp => scroll.saturating_sub(HELP_PAGE),
                Command::Top => 0,
                Command::Bottom => u16::MAX,
                _ => *scroll,
            };
            // The screen's limit, once a frame has reported it (the next frame clamps).
            *scroll = (*scroll).min(state.help_scroll_limit.unwrap_or(u16::MAX));
        }
        (Overlay::VersionPicker { choices, selected }, command)
            if matches!(
                command,
                Command::Up
                    | Command::Down
                    | Command::PageUp
                    | Command::PageDown
                    | Command::Top
                    | Command::Bottom
            ) =>
        {
            let last = choices.len().saturating_sub(1);
            *selected = match command {
                Command::Down => (*selected + 1).min(last),
                Command::Up => selected.saturating_sub(1),
                Command::PageDown => (*selected + PICKER_PAGE).min(last),
                Command::PageUp => selected.saturating_sub(PICKER_PAGE),
                Command::Bottom => last,
                _ => 0,
            };
        }
        (Overlay::VersionPicker { choices, selected }, Command::Select) => {
            let chosen = choices.get(*selected).map(|(v, _)| v.clone());
            state.overlays.pop();
            if let Some(version) = chosen {
                value::choose_version(state, version, fx);
            }
        }
        _ => {}
    }
}

fn filter_input(state: &mut State, edit: FilterEdit, fx: &mut Vec<Effect>) {
    let before = selected_arn(state);
    let mut filter = state.list.filter().to_owned();
    match edit {
        FilterEdit::Insert(c) => filter.push(c),
        FilterEdit::Backspace => {
            filter.pop();
        }
        FilterEdit::Accept => state.filter_editing = false,
        FilterEdit::Cancel => {
            filter.clear();
            state.filter_editing = false;
        }
    }
    if filter != state.list.filter() {
        state.list.set_filter(filter);
    }
    selection_changed(state, before.as_deref(), fx);
}

fn move_selection(state: &mut State, delta: isize) {
    if state.focus == Focus::Value && value::move_in_value(state, delta) {
        return;
    }
    if delta == isize::MAX / 2 {
        state.list.select_last();
    } else {
        state.list.move_by(delta);
    }
}

fn selected_arn(state: &State) -> Option<String> {
    state.list.selected().map(|s| s.arn.clone())
}

/// Moving off a secret masks its value and resets the version; the new one is described
/// once the selection rests.
fn selection_changed(state: &mut State, before: Option<&str>, fx: &mut Vec<Effect>) {
    let after = selected_arn(state);
    if after.as_deref() == before {
        return;
    }
    value::forget_for_selection_change(state);
    if let Some(arn) = after {
        fx.push(Effect::After {
            delay: DETAIL_DEBOUNCE,
            action: Box::new(Action::DetailDue { arn }),
        });
    }
}

pub(crate) fn describe_if_stale(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(selected) = state.list.selected() else {
        return;
    };
    let fresh = state
        .details
        .get(&selected.arn)
        .is_some_and(|d| state.now.duration_since(d.fetched_at) < state.settings.detail_ttl);
    if fresh || state.detail_in_flight.as_deref() == Some(selected.arn.as_str()) {
        return;
    }
    let (arn, region) = (selected.arn.clone(), selected.region.clone());
    state.detail_in_flight = Some(arn.clone());
    fx.push(Effect::Describe {
        generation: state.generation,
        region,
        arn,
    });
}

fn list_all(state: &State) -> Vec<Effect> {
    let generation = state.generation;
    let mut fx: Vec<Effect> = state
        .regions
        .iter()
        .map(|r| Effect::ListRegion {
            generation,
            region: r.name.clone(),
        })
        .collect();
    let region = state
        .settings
        .home_region
        .clone()
        .or_else(|| state.regions.first().map(|r| r.name.clone()));
    fx.push(Effect::WhoAmI { generation, region });
    fx
}

fn refresh(state: &mut State) -> Vec<Effect> {
    state.generation += 1;
    state.list.remember_selection();
    value::mask(state);
    state.details.clear();
    state.detail_in_flight = None;
    state.pending_fetches.clear();
    for region in &mut state.regions {
        region.state = RegionState::Loading { so_far: 0 };
        region.awaiting_first_page = true;
    }
    info(state, "Refreshing every region".to_owned());
    let mut fx = list_all(state);
    if let Some(arn) = selected_arn(state) {
        fx.push(Effect::After {
            delay: DETAIL_DEBOUNCE,
            action: Box::new(Action::DetailDue { arn }),
        });
    }
    fx
}

fn quit(state: &mut State, fx: &mut Vec<Effect>) {
    state.quit = true;
    value::mask(state);
    fx.push(Effect::Quit);
}

pub(crate) fn info(state: &mut State, text: String) {
    state.status = Some(StatusLine {
        level: Level::Info,
        text,
    });
}

/// Error text may quote AWS (untrusted); it is sanitised when drawn, and here already
/// flattened to one line.
pub(crate) fn error_line(state: &mut State, text: &str) {
    state.status = Some(StatusLine {
        level: Level::Error,
        text: sanitize_line(text).into_owned(),
    });
}

pub(crate) fn pending(
    state: &mut State,
    purpose: FetchPurpose,
    reveal_all: bool,
    fx: &mut Vec<Effect>,
) {
    let Some(selected) = state.list.selected().cloned() else {
        return;
    };
    let request = state.next_id();
    state.pending_fetches.retain(|p| p.purpose != purpose);
    state.pending_fetches.push(PendingFetch {
        request,
        arn: selected.arn.clone(),
        name: selected.name.clone(),
        purpose,
        version: state.version.clone(),
        reveal_all,
    });
    fx.push(Effect::FetchValue {
        generation: state.generation,
        request,
        region: selected.region,
        arn: selected.arn,
        version: state.version.clone(),
    });
}
