//! `update`: the only place that changes `State`. It performs no I/O. It hands each action
//! to the room it belongs to, applies the intents rooms return, drops every result whose
//! identity is no longer held or whose generation is not that identity's current one
//! (`result`, the one stale check), and keeps the rules that cross rooms in one place
//! (`cross_room_rules`): a new stamp (a refresh, another identity) drops what was fetched
//! under the old one; a selection change masks the value and resets the version; the value
//! pane has focus only while it shows a value. Holding and releasing an identity's data is
//! `hold_identity` and `release_identity`.

use std::time::Instant;

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::room::{OnYes, Out};
use crate::app::stack::Layered;
use crate::app::state::{State, ctx_of};
use crate::app::{confirm, prompt};
use crate::features::audit;
use crate::features::detail::Details;
use crate::features::editor::{self, EditSession};
use crate::features::messages::footer::Input;
use crate::features::session::switcher::Switcher;
use crate::room::RoomCall as _;
use crate::room::TextEdit;
use crate::room::layers::{Layer, Tab};
use crate::room::popup::Holds;
use crate::room::{IdentityId, Stamp};
use crate::secret::SecretValue;

/// The effects to run at start: list every region, learn who we are.
pub fn init(state: &mut State) -> Vec<Effect> {
    let stamp = state.session.stamp();
    let listings = state.browse.list_effects(stamp).into_iter();
    let mut effects: Vec<Effect> = listings.map(crate::room::Effect::lift).collect();
    let first = state.browse.first_region();
    effects.push(state.session.who_am_i(first).lift());
    // `--org`: the organisation's accounts are asked for beside who smtui is.
    let mut out = Out::default();
    let ctx = ctx_of(
        &state.settings,
        &state.session,
        &state.browse,
        Some(&state.details),
        &state.layers,
        (state.now, state.wall, state.nonce),
    );
    out.of(|out| state.rooms.org.start_now(&ctx, out));
    apply_intents(state, &mut out);
    effects.extend(out.effects);
    effects
}

/// A context for a room other than detail, from the state's fields (a macro, so the borrow
/// checker sees which fields are lent). `ctx!(state, without details)` is the detail room's
/// own: it cannot lend its cache while being changed.
macro_rules! ctx {
    ($state:expr) => {
        ctx_of(
            &$state.settings,
            &$state.session,
            &$state.browse,
            Some(&$state.details),
            &$state.layers,
            ($state.now, $state.wall, $state.nonce),
        )
    };
    ($state:expr, without details) => {
        ctx_of(
            &$state.settings,
            &$state.session,
            &$state.browse,
            None,
            &$state.layers,
            ($state.now, $state.wall, $state.nonce),
        )
    };
}

mod commands;
use commands::run_command;
mod identity;
mod identity_center;
mod intents;
mod pins;
use intents::{apply_intents, close};
mod pointer;
mod registered;
mod results;
use results::result;

/// What the user did, in the footer's words: a bare move is told from any other command.
fn footer_input(action: &Action) -> Input {
    match action {
        Action::Command(command) if command.as_move().is_some() => Input::Move,
        Action::Command(_) => Input::Command,
        Action::Text(_) | Action::Paste(_) | Action::EditorKey(_) | Action::Pointer(_) => {
            Input::Typed
        }
        _ => Input::Nothing,
    }
}

pub fn update(state: &mut State, action: Action, now: Instant) -> Vec<Effect> {
    state.now = now;
    // What the user did may answer the footer's message (it belongs to the top layer).
    let input = footer_input(&action);
    state.status = state.status.take().filter(|s| s.outlasts(input, now));
    let before = Before {
        stamp: state.session.stamp(),
        selected: selected_row(state),
        showing_value: state.reveal.shows_value(),
    };
    let mut out = Out::default();
    match action {
        Action::Command(command) => run_command(state, command, &mut out),
        Action::Text(edit) => text(state, edit, &mut out),
        Action::EditorKey(key) => {
            if let Some(session) = state.layers.popup_mut::<EditSession>() {
                session.key(key);
            }
        }
        Action::Paste(text) => paste(state, &text, &mut out),
        Action::Result(envelope) => result(state, envelope, &mut out),
        Action::DetailDue { secret } => {
            let ctx = ctx!(state, without details);
            out.of(|out| state.details.due(&secret, &ctx, out));
        }
        Action::RemaskDue { reveal } => {
            let ctx = ctx!(state);
            out.of(|out| state.reveal.remask_due(reveal, &ctx, out));
        }
        Action::MaskDue => {
            if state.layers.mask_due(now) {
                out.info(format!(
                    "Values masked again after {} s",
                    state.settings.reveal_timeout.as_secs()
                ));
            }
        }
        Action::ClipboardClearDue { token } => {
            out.of(|out| state.clipboard.clear_due(token, out));
        }
        Action::Copied {
            token,
            label,
            clear_after,
            result,
        } => {
            let ctx = ctx!(state);
            out.of(|out| {
                state
                    .clipboard
                    .copied(token, label, clear_after, result, &ctx, out);
            });
        }
        Action::ClipboardCleared { token, result } => {
            out.of(|out| state.clipboard.cleared(token, result, out));
        }
        Action::AuditRetryDue { query } => {
            let ctx = ctx!(state);
            if let Some(view) = state.layers.popup_mut::<audit::AuditView>() {
                out.of(|out| state.rooms.audit.retry_due(view, query, &ctx, out));
            }
        }
        Action::Quit => quit(state, &mut out),
        Action::Terminate => terminate(state, &mut out),
        // Ticks renew credentials about to expire; resizes only need a redraw.
        Action::Tick => identity::renew_if_due(state, &mut out),
        Action::Resize => {}
        Action::Pointer(p) => pointer::pointer(state, p, &mut out),
    }
    apply_intents(state, &mut out);
    cross_room_rules(state, &before, &mut out);
    settle_status(state);
    out.effects
}

/// Holds `identity`'s data beside what is held already (its credentials are the runner's):
/// its regions join the list, loading, and the effects that list them are returned.
/// Today's UI holds one identity at a time (a switch releases the old one); holding more
/// is the next step of the UI, not of the core.
pub fn hold_identity(state: &mut State, identity: IdentityId) -> Vec<Effect> {
    let stamp = state.session.hold(identity);
    state.browse.hold(identity);
    state.browse.restart(identity);
    let listings = state.browse.list_effects(stamp).into_iter();
    listings.map(crate::room::Effect::lift).collect()
}

/// Stops holding `identity`'s data: its rows, details, values, audit views and rotation
/// events go, every popup holding its data closes, and its answers still on their way are
/// dropped by the stale check.
///
/// This is the one cross-room rule for a lost identity: the spine's rooms that key data by
/// identity by hand, every registered room by its `forget`; the popups are not listed: each
/// says what it holds (`Popup::holds`).
pub fn release_identity(state: &mut State, identity: IdentityId) {
    state.session.release(identity);
    // Popups first: the audit pane hands its view to its room as it closes, and the room
    // forgets it below.
    close_popups(state, |holds| holds.goes_with(identity));
    state.browse.release(identity);
    state.details.forget(identity);
    state.reveal.forget(identity);
    registered::forget(state, identity);
    state.access.retain(|row, _| row.identity != identity);
}

/// Closes every popup whose data `goes` (each as its layer closes, `close`), and the
/// palette if it was opened over one of them: it runs what it offers where it was opened.
fn close_popups(state: &mut State, goes: impl Fn(Holds) -> bool) {
    let gone: Vec<Layer> = state
        .layers
        .entries()
        .filter_map(|entry| match entry {
            Layered::Popup(popup) if goes(popup.holds()) => Some(popup.layer()),
            _ => None,
        })
        .collect();
    for layer in gone {
        close(state, layer);
    }
    if state.layers.contains(Layer::Palette) && !state.layers.contains(state.palette.origin()) {
        close(state, Layer::Palette);
    }
}

/// A message said by this action belongs to the layer now on top; an older one goes once
/// its layer has closed or another covers it.
fn settle_status(state: &mut State) {
    let Some(status) = state.status.take() else {
        return;
    };
    if status.is_new() {
        // One said before the first action (a start warning) joins the log here; any other
        // is there already (the log skips a repeat).
        state.rooms.messages.record(&status.line, state.wall);
    }
    state.status = status.settled(state.layers.top(), state.now);
}

/// A terminal paste: text for the editor or the line being typed, never keys (a pasted `q`
/// must not quit, nor a line break answer a prompt). Elsewhere it is ignored, and said.
fn paste(state: &mut State, pasted: &SecretValue, out: &mut Out) {
    if state.layers.top() == Layer::Editor {
        if let Some(session) = state.layers.popup_mut::<EditSession>() {
            session.paste(pasted);
        }
        return;
    }
    if let Some(popup) = state.layers.top_popup_mut()
        && popup.paste(pasted)
    {
        return;
    }
    if !state.takes_text() {
        out.info("Paste ignored: nothing here takes text");
        return;
    }
    let mut left_out = false;
    for c in pasted.expose_str().unwrap_or_default().chars() {
        if c.is_control() {
            left_out = true;
        } else {
            text(state, TextEdit::Insert(c), out);
        }
    }
    if left_out {
        out.warn("The paste's line breaks and control characters were left out");
    }
}

fn text(state: &mut State, edit: TextEdit, out: &mut Out) {
    match state.layers.top() {
        Layer::Filter => state.browse.filter_text(edit),
        Layer::Palette => state.palette.text(edit),
        Layer::Confirm => {
            if let Some(popup) = state.layers.popup_mut::<confirm::Popup>() {
                popup.text(edit);
            }
        }
        Layer::Prompt => {
            if let Some(popup) = state.layers.popup_mut::<prompt::Popup>() {
                out.of(|out| popup.text(edit, out));
            }
        }
        Layer::Roles => {
            if let Some(switcher) = state.layers.popup_mut::<Switcher>() {
                switcher.text(edit);
            }
        }
        // A room's popup that takes text takes it itself (`Shown::text`).
        _ => {
            if let Some(popup) = state.layers.top_popup_mut() {
                popup.text(edit);
            }
        }
    }
}

fn refuse_read_only(what: &OnYes, out: &mut Out) {
    let name = match what {
        OnYes::Command(command) => command.name(),
        OnYes::Call { call, .. } => call.operation(),
        OnYes::Copy { .. } => "copy",
    };
    out.error(format!(
        "Read-only mode: {name} is not allowed (restart without --read-only)"
    ));
}

/// What the rules compare with: the state before the action.
struct Before {
    stamp: Stamp,
    selected: Option<crate::ids::RowKey>,
    showing_value: bool,
}

/// The rules that cross rooms, applied after every action.
fn cross_room_rules(state: &mut State, before: &Before, out: &mut Out) {
    let stamp = state.session.stamp();
    if stamp != before.stamp {
        // A refresh or another identity: what was fetched or asked for under the old stamp
        // is stale (its answers will be dropped), so nothing of it stays on screen.
        state.reveal.forget(before.stamp.identity);
        state.details.forget(before.stamp.identity);
        if stamp.identity != before.stamp.identity {
            // Another identity may see other secrets: the old rows go at once, and no
            // question asked as the old identity stays open.
            state
                .browse
                .switch_rows(before.stamp.identity, stamp.identity);
            close(state, Layer::Confirm);
        }
    }
    // Moving off a secret masks its value and resets the version; the new one is described
    // once the selection rests.
    let after = selected_row(state);
    if after != before.selected {
        state.reveal.forget_for_selection_change();
        if let Some(secret) = selected_secret(state) {
            out.of(|out| Details::selection_moved(secret, out));
        }
    }
    // The value pane has focus only while it shows a value.
    if !state.reveal.shows_value() {
        state.layers.remove(Layer::Value);
    }
    // Narrow screens show what was just revealed, and the list again once it is masked.
    match (before.showing_value, state.reveal.shows_value()) {
        (false, true) => state.tab = Tab::Value,
        (true, false) if state.tab == Tab::Value => state.tab = Tab::List,
        _ => {}
    }
}

/// `]` / `[`: the next or previous pane of a narrow screen. The value pane takes focus
/// when shown with a value in it, and gives it back when left.
fn switch_tab(state: &mut State, forward: bool) {
    switch_to(state, state.shown_tab().step(forward));
}

/// Shows `next` on a narrow screen.
fn switch_to(state: &mut State, next: Tab) {
    state.tab = next;
    if next == Tab::Value && state.reveal.shows_value() {
        state.layers.push(Layer::Value);
    } else {
        state.layers.remove(Layer::Value);
    }
}

/// `r`: a new generation (the rules then drop what the old one fetched) and every region
/// listed again.
fn refresh(state: &mut State, out: &mut Out) {
    state.session.next_generation();
    state.browse.restart(state.session.identity);
    out.info("Refreshing every region");
    out.effects.extend(init(state));
    // And every pinned identity's, each at a generation of its own.
    let pinned: Vec<IdentityId> = state.session.pinned().map(|k| k.identity.id).collect();
    for identity in pinned {
        out.effects.extend(hold_identity(state, identity));
    }
    if let Some(secret) = selected_secret(state) {
        out.of(|out| Details::selection_moved(secret, out));
    }
}

fn quit(state: &mut State, out: &mut Out) {
    // Typed text is never lost to a reflex (Ctrl-c twice): it is saved or discarded first.
    if let Some(name) = state
        .layers
        .popup::<EditSession>()
        .and_then(EditSession::unsaved)
    {
        let save = state
            .keymap
            .label(Layer::Editor, editor::commands::SAVE.into());
        out.warn(format!(
            "Not quitting: your changes to {name} are not saved ({save} saves them; Esc, \
             then y, discards them)"
        ));
        return;
    }
    terminate(state, out);
}

/// Ends smtui whatever is unsaved: for the ways out no one can answer (`Action::Terminate`).
fn terminate(state: &mut State, out: &mut Out) {
    state.quit = true;
    state.reveal.mask();
    out.effect(Effect::Quit);
}

/// The selected secret's address, to describe it.
fn selected_secret(state: &State) -> Option<crate::ids::SecretRef> {
    Some(state.ctx().address(state.selected()?))
}

/// The selected row's key: moving to another identity's row of the same secret is a move.
fn selected_row(state: &State) -> Option<crate::ids::RowKey> {
    state.selected().map(crate::model::SecretSummary::key)
}
