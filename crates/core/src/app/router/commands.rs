//! A command, to whoever takes it: refused first when a rule says so (read-only mode, a
//! replica, a secret another service manages), then to the popup on top that takes its
//! keys alone, to the room that owns the layer on top, or to the room that owns it over
//! the panes.

use crate::app::command::Command;
use crate::app::offers::open_palette;
use crate::app::prompt;
use crate::app::room::{Intent, OnYes, Out};
use crate::app::state::{State, ctx_of};
use crate::features::session::commands::Switching;
use crate::room::keys::Verb;
use crate::room::layers::{Focus, Layer};

use super::{identity, quit, refresh, refuse_read_only, switch_tab};

pub(super) fn run_command(state: &mut State, command: Command, out: &mut Out) {
    if command.mutates() && state.settings.read_only {
        refuse_read_only(&OnYes::Command(command), out);
        return;
    }
    // A replica is a read-only copy: the service refuses every change to it (and even its
    // resource policy), so the change, or the tags popup, is refused here before any text
    // is typed into it.
    if command.refused_on_replica()
        && let Some(secret) = state.selected()
        && let Some(primary) = secret
            .primary_region
            .as_deref()
            .filter(|primary| *primary != secret.region)
    {
        out.warn(format!(
            "{} in {} is a replica of the secret in {primary}: read-only here; change it \
             there (its changes are copied here), or remove this region from its replication",
            secret.name, secret.region
        ));
        return;
    }
    // A secret another service manages (RDS and the like) is read-only here: that service
    // changes it, and a change made here would be undone or break it.
    if command.mutates() && !command.allowed_on_managed() && state.selected().is_some() {
        let detail = state.selected_detail().map(|d| &d.result);
        let Some(detail) = detail else {
            // Whether another service manages it is in the detail: known before any write.
            out.info("Still describing the secret; try again in a moment");
            out.intent(Intent::Describe);
            return;
        };
        let managed = detail.as_ref().ok().and_then(|d| {
            d.owning_service
                .clone()
                .map(|service| (d.name.clone(), service))
        });
        if let Some((name, service)) = managed {
            out.warn(format!(
                "{name} is managed by {service}: read-only here, change it through that service"
            ));
            return;
        }
    }
    if command == Command::Verb(Verb::Quit) {
        quit(state, out);
        return;
    }
    let top = state.layers.top();
    // The palette opens over the panes, the versions popup and the editor: it offers what
    // applies there, and what it runs runs there.
    if command == Command::Verb(Verb::Palette) && matches!(top, Layer::Versions | Layer::Editor) {
        open_palette(state, out);
        return;
    }
    // A popup that takes its keys alone is handed them from the stack.
    let ctx = ctx!(state);
    if let Some(popup) = state.layers.top_popup_mut().filter(|p| p.takes_keys()) {
        popup.take(command, &ctx, out);
        return;
    }
    match top {
        Layer::List | Layer::Value => pane_command(state, command, out),
        Layer::Filter => {
            if let Some(command) = command.bind() {
                out.of(|out| state.browse.filter_command(command, out));
            }
        }
        Layer::Palette => state.palette.command(command, out),
        Layer::Help => state.help.command(command, out),
        Layer::Roles => identity::switcher(state, command, out),
        Layer::Prompt => prompt_command(state, command, out),
        // A layer a registered room owns, to that room; the popups that take their keys
        // alone took them above.
        top => {
            super::registered::layer_command(state, top, command, out);
        }
    }
}

/// A command in the open prompt (the prompt room remembers an answered question, to ask
/// it again if the answer is refused).
fn prompt_command(state: &mut State, command: Command, out: &mut Out) {
    if let (Some(popup), Command::Verb(verb)) = (state.layers.popup_mut::<prompt::Popup>(), command)
    {
        out.of(|out| state.prompt.command(popup, verb, out));
    }
}

/// Commands under the panes (keys, or the palette run over them).
fn pane_command(state: &mut State, command: Command, out: &mut Out) {
    // A registered room's own command, to it; the rest is the spine's.
    let Some(command) = super::registered::run(state, command, out) else {
        return;
    };
    match command {
        Command::Verb(Verb::Help) => out.intent(Intent::Open(Layer::Help)),
        Command::Verb(Verb::Palette) => open_palette(state, out),
        Command::Verb(Verb::FocusNext) => match state.layers.focus() {
            Focus::List if state.reveal.shows_value() => state.layers.push(Layer::Value),
            _ => state.layers.remove(Layer::Value),
        },
        Command::Verb(Verb::Refresh) => refresh(state, out),
        Command::Verb(Verb::NextTab | Verb::PreviousTab) => {
            switch_tab(state, command == Command::Verb(Verb::NextTab));
        }
        Command::Session(command) => match out.of(|out| state.session.run(command, out)) {
            Some(Switching::Back) => identity::back(state, out),
            Some(Switching::Renew) => identity::renew(state, out),
            None => {}
        },
        Command::Verb(Verb::Back) => {
            // The footer's message went before (Esc answers it).
            if state.reveal.shows_value() {
                state.reveal.mask();
            } else {
                state.browse.clear_filter();
            }
        }
        _ => {
            let ctx = ctx!(state);
            // Each room takes the verbs and its own commands; the first that acts has it.
            let _handled = command
                .bind()
                .is_some_and(|command| out.of(|out| state.reveal.command(command, &ctx, out)))
                || command.bind().is_some_and(|command| {
                    out.of(|out| state.clipboard.command(command, &ctx, out))
                })
                || command
                    .bind()
                    .is_some_and(|command| out.of(|out| state.browse.command(command, out)));
        }
    }
}
