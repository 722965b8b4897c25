//! The results of AWS calls, each to the room that asked: after the one stale check
//! (`result`), the envelope's outcome is handed on, and what crosses rooms (a described
//! secret refreshes its list row; rotation events the audit pane found feed the rotation
//! panel) happens here.

use super::ctx_of;
use super::intents::feed_rotation_events;
use crate::app::effect::{AwsCall, EditFetch};
use crate::app::envelope::{Envelope, Outcome, Written};
use crate::app::room::{Out, explain};
use crate::app::state::State;
use crate::features::editor::Editor;
use crate::features::lifecycle::Lifecycle;
use crate::features::rotation::RotationRoom;
use crate::features::tags::{self, Tags};
use crate::features::versions::{self, Versions};
use crate::model::AwsError;

/// One stale check for every result: a result is used only when the identity it was asked
/// as is still held and its generation is that identity's current one (`Session::holds`).
/// Another held identity's answers are not stale: two identities' data can sit side by
/// side, each under its own key.
pub(super) fn result(state: &mut State, envelope: Envelope, out: &mut Out) {
    let wrote = matches!(
        envelope.outcome,
        Outcome::Wrote { .. } | Outcome::Saved { .. } | Outcome::Created { .. }
    );
    if wrote {
        state.session.writes_in_flight = state.session.writes_in_flight.saturating_sub(1);
    }
    // An AssumeRole or a write answered after a refresh still counts while its identity is
    // held (a refresh does not change who asked, and what was written was written: an
    // editor waiting for its save must hear of it); any other result of an older
    // generation, or of an identity no longer held, is stale.
    let ours = matches!(envelope.outcome, Outcome::Assumed { .. }) || wrote;
    let as_held = ours && state.session.is_held(envelope.stamp.identity);
    if !state.session.holds(envelope.stamp) && !as_held {
        return;
    }
    let identity = envelope.stamp.identity;
    match envelope.outcome {
        Outcome::SecretsPage { region, page, last } => {
            state.browse.page_arrived(identity, &region, page, last);
            let total = state.browse.list.total();
            state.rotation.rows_changed(
                state.browse.list.all(),
                total,
                &state.settings,
                state.wall,
            );
        }
        Outcome::RegionFailed { region, error } => {
            out.error(explain(state.session.caller.as_ref(), &error));
            state.browse.region_failed(identity, &region, error);
        }
        Outcome::Described { secret, result } => {
            if let Ok(detail) = &result {
                state.browse.list.refresh_from_detail(detail);
            }
            let ttl = state.settings.detail_ttl;
            state.details.loaded(&secret, result, ttl, state.now);
        }
        Outcome::ValueFetched { request, result } => {
            let ctx = ctx!(state);
            state.reveal.fetched(request, result, &ctx, out);
        }
        // Who we work as: another held identity's answer says nothing of that.
        Outcome::WhoAmI { result } if identity == state.session.identity => {
            state.session.caller = Some(result);
        }
        Outcome::WhoAmI { .. } => {}
        Outcome::Created {
            name,
            token,
            result,
        } => {
            let ctx = ctx!(state);
            state.editor.created(&name, &token, result, &ctx, out);
        }
        Outcome::Password { result } => {
            let ctx = ctx!(state);
            state.editor.password_generated(result, &ctx);
        }
        Outcome::Policy { secret, result } => {
            let ctx = ctx!(state);
            if let Some(popup) = state.layers.popup_mut::<tags::Popup>() {
                popup.policy_loaded(&secret, result, &ctx);
            }
        }
        Outcome::Pair { secret, result } => {
            let ctx = ctx!(state);
            if let Some(comparison) = state.layers.popup_mut::<versions::Comparison>() {
                comparison.pair_loaded(&secret, result, &ctx, out);
            }
        }
        Outcome::EditSource {
            secret,
            purpose,
            result,
        } => {
            let ctx = ctx!(state);
            match purpose {
                EditFetch::Open => state.editor.source_loaded(&secret, result, &ctx, out),
                EditFetch::Theirs => state.editor.theirs_loaded(&secret, result, &ctx, out),
            }
        }
        Outcome::Saved {
            secret,
            token,
            result,
            left,
        } => {
            let ctx = ctx!(state);
            state
                .editor
                .saved(&secret, &token, (result, left), &ctx, out);
        }
        Outcome::Assumed { identity, result } => {
            super::identity::assumed(state, identity, result, out);
        }
        Outcome::AuditPage { query, result } => {
            let ctx = ctx!(state);
            state.audit.page_arrived(query, result, &ctx, out);
            feed_rotation_events(state);
        }
        Outcome::Wrote { call, result } => write_answered(state, &call, result, out),
    }
}

/// A write's answer, to the room that made it.
fn write_answered(state: &State, call: &AwsCall, result: Result<Written, AwsError>, out: &mut Out) {
    match call {
        AwsCall::MakeCurrent { .. } => Versions::made_current(call, result, &ctx!(state), out),
        AwsCall::Tag { .. } | AwsCall::Untag { .. } | AwsCall::UpdateDescription { .. } => {
            Tags::wrote(call, result, &ctx!(state), out);
        }
        AwsCall::Rotate { .. }
        | AwsCall::SetRotation { .. }
        | AwsCall::CancelRotation { .. }
        | AwsCall::RemovePending { .. } => {
            RotationRoom::wrote(call, result, &ctx!(state), out);
        }
        AwsCall::RemoveLabels { .. } => {
            Editor::labels_removed(call, result, &ctx!(state), out);
        }
        _ => Lifecycle::wrote(call, result, &ctx!(state), out),
    }
}
