//! Reveal, mask, version choice and copy: the parts of `update` that touch secret values.
//! A value is fetched only on reveal or copy, held only while shown, and dropped (zeroized)
//! on timeout, on selection change and on quit.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::app::action::Action;
use crate::app::effect::{CopyRequest, Effect};
use crate::app::state::{ClipboardNotice, FetchPurpose, Focus, Overlay, Shown, State, ValuePane};
use crate::app::update::{describe_if_stale, error_line, info, pending};
use crate::aws::AwsError;
use crate::aws::secrets::FetchedValue;
use crate::model::VersionSel;
use crate::secret::{SecretValue, ValueView};

const STAGES: [&str; 3] = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"];

fn pane_for_selection(state: &State) -> Option<&ValuePane> {
    let pane = state.value.as_ref()?;
    let selected = state.list.selected()?;
    (pane.arn == selected.arn && pane.version == state.version).then_some(pane)
}

/// `v` (and `V` with `all`): fetch and show, or toggle what is shown.
pub fn reveal(state: &mut State, all: bool, fx: &mut Vec<Effect>) {
    if state.settings.reveal_timeout.is_zero() {
        error_line(state, "Reveal is disabled (reveal_timeout_secs = 0)");
        return;
    }
    let in_value_pane = state.focus == Focus::Value;
    let deadline = state.now + state.settings.reveal_timeout;
    let Some(pane) = state.value.as_mut() else {
        if state.is_fetching(FetchPurpose::Reveal) {
            // A second press while the value is on its way means "never mind".
            mask(state);
            info(state, "Reveal cancelled".to_owned());
        } else {
            pending(state, FetchPurpose::Reveal, all, fx);
        }
        return;
    };
    let key_count = match &pane.value.view {
        ValueView::Json { entries, .. } => Some(entries.len()),
        _ => None,
    };
    match (&mut pane.shown, key_count) {
        (Shown::Keys(keys), Some(count)) if all => {
            *keys = if keys.len() == count {
                BTreeSet::new()
            } else {
                (0..count).collect()
            };
            pane.expires_at = deadline;
        }
        (Shown::Keys(keys), Some(_)) if in_value_pane => {
            if !keys.remove(&pane.selected_key) {
                keys.insert(pane.selected_key);
            }
            pane.expires_at = deadline;
        }
        // `v` on the list (or on a text value) hides it again.
        _ => mask(state),
    }
}

/// Drops the value on screen (its bytes are zeroized on drop).
pub fn mask(state: &mut State) {
    state.value = None;
    state.focus = Focus::List;
    state
        .pending_fetches
        .retain(|p| p.purpose != FetchPurpose::Reveal);
}

pub fn forget_for_selection_change(state: &mut State) {
    mask(state);
    state.version = VersionSel::current();
}

pub fn loaded(
    state: &mut State,
    request: u64,
    result: Result<FetchedValue, AwsError>,
    fx: &mut Vec<Effect>,
) {
    let Some(at) = state
        .pending_fetches
        .iter()
        .position(|p| p.request == request)
    else {
        return;
    };
    let fetch = state.pending_fetches.remove(at);
    let value = match result {
        Ok(value) => value,
        Err(err) => {
            let text = format!("{} (secret {})", state.explain(&err), fetch.name);
            error_line(state, &text);
            return;
        }
    };
    match fetch.purpose {
        FetchPurpose::Copy => {
            let text = value.view.whole_for_copy(&value.raw);
            copy(
                state,
                format!("value of {} ({})", fetch.name, fetch.version.label()),
                text,
                true,
                fx,
            );
        }
        FetchPurpose::Reveal => {
            // The user has moved on (another secret, another version): not shown.
            if state.list.selected().is_none_or(|s| s.arn != fetch.arn)
                || fetch.version != state.version
            {
                return;
            }
            let shown = match &value.view {
                ValueView::Json { entries, .. } if fetch.reveal_all => {
                    Shown::Keys((0..entries.len()).collect())
                }
                ValueView::Json { .. } => Shown::Keys(BTreeSet::new()),
                _ => Shown::All,
            };
            if matches!(shown, Shown::Keys(_)) {
                state.focus = Focus::Value;
            }
            let reveal_id = state.next_id();
            let delay = state.settings.reveal_timeout;
            state.value = Some(ValuePane {
                reveal_id,
                arn: fetch.arn,
                version: fetch.version,
                value,
                shown,
                selected_key: 0,
                scroll: 0,
                scroll_limit: None,
                raw_json: false,
                expires_at: state.now + delay,
            });
            fx.push(Effect::After {
                delay,
                action: Box::new(Action::RemaskDue { reveal: reveal_id }),
            });
        }
    }
}

pub fn remask_due(state: &mut State, reveal: u64, fx: &mut Vec<Effect>) {
    let Some(pane) = state.value.as_ref().filter(|p| p.reveal_id == reveal) else {
        return;
    };
    if state.now >= pane.expires_at {
        mask(state);
        info(
            state,
            format!(
                "Value masked again after {} s",
                state.settings.reveal_timeout.as_secs()
            ),
        );
    } else {
        // The user revealed more since: wait for the extended deadline.
        let delay = pane.expires_at - state.now;
        fx.push(Effect::After {
            delay,
            action: Box::new(Action::RemaskDue { reveal }),
        });
    }
}

/// In the value pane: moves between JSON keys, or scrolls a text, binary or raw JSON
/// value. False when no value is shown.
pub fn move_in_value(state: &mut State, delta: isize) -> bool {
    let Some(pane) = state.value.as_mut() else {
        return false;
    };
    if let Some(entries) = pane.key_table() {
        pane.selected_key = pane
            .selected_key
            .saturating_add_signed(delta)
            .min(entries.len().saturating_sub(1));
    } else {
        // Before the first frame has reported the real limit, the frame after clamps it.
        let most = usize::from(pane.scroll_limit.unwrap_or(u16::MAX));
        let to = usize::from(pane.scroll)
            .saturating_add_signed(delta)
            .min(most);
        pane.scroll = u16::try_from(to).unwrap_or(u16::MAX);
    }
    true
}

/// The screen says how far the shown value can scroll.
pub fn scroll_limit_reported(state: &mut State, limit: u16) {
    if let Some(pane) = state.value.as_mut() {
        pane.scroll_limit = Some(limit);
        pane.scroll = pane.scroll.min(limit);
    }
}

pub fn toggle_raw_json(state: &mut State) {
    if let Some(pane) = state
        .value
        .as_mut()
        .filter(|p| matches!(p.value.view, ValueView::Json { .. }))
    {
        pane.raw_json = !pane.raw_json;
    }
}

pub fn open_version_picker(state: &mut State, fx: &mut Vec<Effect>) {
    let detail = match state.selected_detail().map(|d| &d.result) {
        Some(Ok(detail)) => detail,
        Some(Err(error)) => {
            let text = format!("No versions to pick: {}", state.explain(error));
            error_line(state, &text);
            return;
        }
        None => {
            info(state, "Versions are still loading…".to_owned());
            describe_if_stale(state, fx);
            return;
        }
    };
    let mut choices: Vec<(VersionSel, String)> = STAGES
        .iter()
        .filter_map(|stage| {
            let version = detail
                .versions
                .iter()
                .find(|v| v.stages.iter().any(|s| s == stage))?;
            Some((
                VersionSel::Stage((*stage).to_owned()),
                format!("{stage:<12} {}", version.id),
            ))
        })
        .collect();
    choices.extend(detail.versions.iter().map(|v| {
        let labels = if v.stages.is_empty() {
            "(no label)".to_owned()
        } else {
            v.stages.join(",")
        };
        (VersionSel::Id(v.id.clone()), format!("{}  {labels}", v.id))
    }));
    let selected = choices
        .iter()
        .position(|(v, _)| *v == state.version)
        .unwrap_or(0);
    state
        .overlays
        .push(Overlay::VersionPicker { choices, selected });
}

pub fn choose_version(state: &mut State, version: VersionSel, fx: &mut Vec<Effect>) {
    let was_revealed = state.value.is_some();
    mask(state);
    info(state, format!("Version {} selected", version.label()));
    state.version = version;
    if was_revealed {
        pending(state, FetchPurpose::Reveal, false, fx);
    }
}

pub fn copy_value(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(selected) = state.list.selected() else {
        return;
    };
    let name = selected.name.clone();
    let version = state.version.label().to_owned();
    if let Some(pane) = pane_for_selection(state) {
        let key_table = pane.key_table().filter(|_| state.focus == Focus::Value);
        let (label, text) = match key_table {
            Some(entries) => match entries.get(pane.selected_key) {
                Some(entry) => (
                    format!("key '{}' of {name}", entry.key),
                    entry.value.clone(),
                ),
                None => return,
            },
            None => (
                format!("value of {name} ({version})"),
                pane.value.view.whole_for_copy(&pane.value.raw),
            ),
        };
        copy(state, label, text, true, fx);
    } else {
        pending(state, FetchPurpose::Copy, false, fx);
    }
}

pub fn copy_metadata(state: &mut State, arn: bool, fx: &mut Vec<Effect>) {
    let Some(selected) = state.list.selected() else {
        return;
    };
    let (label, text) = if arn {
        (format!("ARN of {}", selected.name), selected.arn.clone())
    } else {
        (format!("name {}", selected.name), selected.name.clone())
    };
    copy(state, label, SecretValue::from_string(text), false, fx);
}

fn copy(state: &mut State, label: String, text: SecretValue, secret: bool, fx: &mut Vec<Effect>) {
    let token = state.next_id();
    let clear_after = secret
        .then_some(state.settings.clipboard_timeout)
        .filter(|d| !d.is_zero());
    fx.push(Effect::Copy(CopyRequest {
        token,
        label,
        text,
        secret,
        clear_after,
    }));
}

pub fn copied(
    state: &mut State,
    token: u64,
    label: String,
    clear_after: Option<Duration>,
    result: Result<&'static str, String>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(backend) => {
            let when =
                clear_after.map_or(String::new(), |d| format!("; clears in {} s", d.as_secs()));
            info(
                state,
                format!("Copied {label} to the clipboard ({backend}){when}"),
            );
            let clears_at = clear_after.map(|d| state.now + d);
            state.clipboard = Some(ClipboardNotice {
                token,
                label,
                clears_at,
            });
            if let Some(delay) = clear_after {
                fx.push(Effect::After {
                    delay,
                    action: Box::new(Action::ClipboardClearDue { token }),
                });
            }
        }
        Err(why) => error_line(state, &format!("Could not copy {label}: {why}")),
    }
}

pub fn clipboard_cleared(state: &mut State, token: u64, result: Result<bool, String>) {
    // The answer for an older copy says nothing about the one now on the clipboard, whose
    // own clear is still to come.
    let Some(notice) = state.clipboard.take_if(|c| c.token == token) else {
        return;
    };
    match result {
        Ok(true) => info(
            state,
            format!("Clipboard cleared ({} was on it)", notice.label),
        ),
        Ok(false) => info(
            state,
            "Clipboard left alone: it no longer holds what smtui copied".to_owned(),
        ),
        Err(why) => error_line(
            state,
            &format!(
                "Could not clear the clipboard ({why}): it may still hold the {}. \
                 Clear it yourself; smtui tries again on exit",
                notice.label
            ),
        ),
    }
}
