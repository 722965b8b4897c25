//! What rooms ask of each other (`Intent`s), applied in order; the text a prompt was
//! answered with, to the room that asked; and opening and closing layers, with what each
//! room forgets when its layer closes.

use crate::app::confirm;
use crate::app::effect::Effect;
use crate::app::prompt::PromptRoom;
use crate::app::room::{ConfirmRequest, Intent, OnYes, Out, PromptFor};
use crate::app::state::{State, ctx_of};
use crate::features::audit;
use crate::features::browse::list::Unhidden;
use crate::features::clipboard::paste_risk::paste_risks;
use crate::features::messages::footer::Footer;
use crate::ids::SecretRef;
use crate::room::RoomCall as _;
use crate::room::Sensitivity;
use crate::room::layers::Layer;

use super::registered::registered_prompt;
use super::{identity, refuse_read_only, run_command};

/// Applies what rooms asked of others, in order (an intent may lead to more).
pub(super) fn apply_intents(state: &mut State, out: &mut Out) {
    while !out.intents.is_empty() {
        // Moved out, never cloned: a typed MFA code travels as a plain `String` until its
        // room wraps it in the zeroizing type, and a clone would be freed unzeroized.
        let intent = out.intents.remove(0);
        match intent {
            Intent::Status(line) => {
                state.rooms.messages.record(&line, state.wall);
                state.status = Some(Footer::new(line));
            }
            Intent::Copy {
                label,
                text,
                sensitivity,
            } => {
                // A paste must never run a command: a secret that could is copied only
                // after a confirmation that names what is in it.
                let risks = paste_risks(&text);
                if sensitivity == Sensitivity::Secret && !risks.is_empty() {
                    let request = ConfirmRequest {
                        question: format!(
                            "The {label} holds {}: pasted into a shell or terminal it \
                                 could run commands. Copy it anyway?",
                            risks.join(", ")
                        ),
                        on_yes: OnYes::Copy { label, text },
                        typed: None,
                    };
                    out.of(|out| confirm::Popup::ask(request.lift(), (None, None), out));
                } else {
                    let ctx = ctx!(state);
                    out.of(|out| state.clipboard.copy(label, text, sensitivity, &ctx, out));
                }
            }
            Intent::CopyConfirmed { label, text } => {
                let ctx = ctx!(state);
                out.of(|out| {
                    state
                        .clipboard
                        .copy(label, text, Sensitivity::Secret, &ctx, out);
                });
            }
            Intent::Confirm(request) => {
                if request.on_yes.mutates() && state.settings.read_only {
                    refuse_read_only(&request.on_yes, out);
                } else {
                    let identity = write_identity(state, &request.on_yes);
                    let account = identity.and_then(|id| state.write_account(id));
                    let guard = identity.and_then(|id| state.write_guard(id));
                    out.of(|out| confirm::Popup::ask(request.lift(), (account, guard), out));
                }
            }
            Intent::Call { stamp, call } => {
                if call.mutates() && state.settings.read_only {
                    refuse_read_only(&OnYes::Call { stamp, call }, out);
                } else {
                    if call.mutates() {
                        state.session.write_sent();
                    }
                    out.effect(Effect::Aws { stamp, call });
                }
            }
            Intent::Prompt {
                label,
                initial,
                purpose,
            } => out.of(|out| PromptRoom::ask(label, initial, purpose, out)),
            Intent::Prompted { purpose, text } => prompted(state, purpose, text, out),
            Intent::PromptAgain { text } => out.of(|out| state.prompt.again(text, out)),
            Intent::AddRow(summary) => state.browse.add_row(*summary),
            intent @ (Intent::PinRole { .. }
            | Intent::UseSsoRole { .. }
            | Intent::SignedIn { .. }) => {
                identity_intent(state, intent, out);
            }
            Intent::AccessFacts { row, facts } => access_facts(state, row, facts),
            Intent::SelectSecret { row } => match state.browse.list.unhide_and_select(&row) {
                None => out.warn("That secret is no longer listed"),
                Some(unhidden) => say_unhidden(&unhidden, out),
            },
            Intent::SecretChanged { secret } => secret_changed(state, &secret, out),
            Intent::DeletionChanged { secret, on } => deletion_changed(state, &secret, on, out),
            Intent::UseVersion(version) => {
                let ctx = ctx!(state);
                out.of(|out| state.reveal.use_version(version, &ctx, out));
            }
            Intent::Describe => {
                let ctx = ctx!(state, without details);
                out.of(|out| state.details.describe_if_stale(&ctx, out));
            }
            Intent::Open(layer) => open(state, layer),
            Intent::OpenPopup(popup) => state.layers.open(popup),
            Intent::Close(layer) => close(state, layer),
            Intent::Run(command) => run_command(state, command, out),
        }
    }
}

/// The user's list view was changed to show the secret they went to: said, so a filter
/// that vanished is not a surprise.
fn say_unhidden(unhidden: &Unhidden, out: &mut Out) {
    let mut changes = Vec::new();
    if let Some(filter) = &unhidden.filter {
        changes.push(format!("filter {filter:?} cleared"));
    }
    if let Some(region) = &unhidden.region {
        changes.push(format!("every region shown, not only {region}"));
    }
    if unhidden.deleted {
        changes.push("secrets scheduled for deletion shown".to_owned());
    }
    if !changes.is_empty() {
        out.info(format!("It was hidden: {}", changes.join(", ")));
    }
}

/// The text typed into a prompt, to the room that asked for it.
fn prompted(state: &mut State, purpose: PromptFor, text: String, out: &mut Out) {
    match super::registered::prompted(state, purpose, text, out) {
        Some((PromptFor::Session(prompt), text)) => identity::prompted(state, prompt, text, out),
        // Handed to its room, never back.
        Some((registered_prompt!(), _)) | None => {}
    }
}

/// Rotation events the audit pane found feed the rotation panel's state.
pub(super) fn feed_rotation_events(state: &mut State) {
    let view = state.layers.popup::<audit::AuditView>();
    if let Some((secret, events)) = view.and_then(audit::AuditView::rotation_events) {
        state.rooms.rotation.found_events(&secret, events);
    }
}

/// A write changed `secret`: what is cached or shown of it is stale.
fn secret_changed(state: &mut State, secret: &SecretRef, out: &mut Out) {
    state.details.forget_one(secret);
    state.reveal.forget_one(secret);
    // On screen: described again now, not when the selection next moves.
    if state.selected().is_some_and(|s| s.is(secret)) {
        let ctx = ctx!(state, without details);
        out.of(|out| state.details.describe_if_stale(&ctx, out));
    }
}

fn open(state: &mut State, layer: Layer) {
    if layer == Layer::Help {
        state.help.opened();
    }
    state.layers.push(layer);
}

/// Takes `layer` off the stack and forgets what its room held for it.
pub(super) fn close(state: &mut State, layer: Layer) {
    // A room may keep its popup a while for the next opening (the audit pane).
    super::registered::closing(state, layer);
    state.layers.remove(layer);
    // A popup's data goes with its value (the editor's buffers zeroized, a secret prompt's
    // text wiped as it drops), so a new popup adds nothing here: only the palette, a bare
    // layer with typed text of its own, forgets it.
    if layer == Layer::Palette {
        state.palette.closed();
    }
}

/// Who can read a secret, as the access pane found it: kept for the fleet overview's access
/// checks, and an open overview built again with it.
fn access_facts(
    state: &mut State,
    row: crate::ids::RowKey,
    facts: crate::model::posture::AccessFacts,
) {
    if state.access.get(&row) == Some(&facts) {
        return;
    }
    state.access.insert(row, facts);
    let total = state.browse.list.total();
    if let Some(overview) = state
        .layers
        .popup_mut::<crate::features::rotation::overview::Overview>()
    {
        overview.rebuild(
            state.browse.list.all(),
            total,
            &state.settings,
            state.wall,
            &state.access,
        );
    }
}

/// The identity a confirmed write is made as: the one its call was stamped for, else the
/// selected row's (`None`: not a write).
fn write_identity(state: &State, on_yes: &OnYes) -> Option<crate::ids::IdentityId> {
    if !on_yes.mutates() {
        return None;
    }
    Some(match on_yes {
        OnYes::Call { stamp, .. } => stamp.identity,
        _ => state
            .selected()
            .map_or(state.session.identity, |s| s.identity),
    })
}

/// What a room asks of the session's identities: a role to pin (an organisation's
/// account), an IAM Identity Center role to work as or pin, or those made through a
/// sign-in renewed again. Only those intents come here.
fn identity_intent(state: &mut State, intent: Intent, out: &mut Out) {
    match intent {
        Intent::PinRole { role_arn } => super::pins::pin_role(state, role_arn, out),
        Intent::UseSsoRole {
            login,
            account_id,
            role_name,
            pick,
        } => super::identity_center::use_role(state, login, account_id, role_name, pick, out),
        Intent::SignedIn { login } => {
            let wall = state.wall;
            state.session.signed_in_again(&login, wall);
        }
        _ => {}
    }
}

/// A write changed whether `secret` is scheduled for deletion: its row says so, and its
/// detail (the deletion date) is described again, now if it is on screen, as the writer and
/// as each other identity that lists it.
fn deletion_changed(
    state: &mut State,
    secret: &SecretRef,
    on: Option<jiff::Timestamp>,
    out: &mut Out,
) {
    let listers = state.browse.list.set_deleted(secret.arn.as_str(), on);
    secret_changed(state, secret, out);
    for identity in listers.into_iter().filter(|i| *i != secret.identity) {
        let as_lister = SecretRef {
            identity,
            ..secret.clone()
        };
        secret_changed(state, &as_lister, out);
    }
}
