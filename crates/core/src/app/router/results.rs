//! The results of AWS calls, each to the room that asked: after the one stale check
//! (`result`), the envelope's outcome is handed on (a room's own outcome whole, in one arm
//! per room), and what crosses rooms (a described secret refreshes its list row; rotation
//! events the audit pane found feed the rotation panel) happens here.

use super::ctx_of;
use super::intents::feed_rotation_events;
use crate::app::envelope::{Envelope, Outcome};
use crate::app::room::Out;
use crate::app::state::State;
use crate::features::audit;
use crate::features::editor::{EditSession, Editor};
use crate::features::lifecycle::Lifecycle;
use crate::features::rotation::{self, RotationRoom};
use crate::features::tags::{self, Tags};
use crate::features::versions::{self, Versions};
use crate::room::ctx::explain;

/// One stale check for every result: a result is used only when the identity it was asked
/// as is still held and its generation is that identity's current one (`Session::holds`).
/// Another held identity's answers are not stale: two identities' data can sit side by
/// side, each under its own key.
pub(super) fn result(state: &mut State, envelope: Envelope, out: &mut Out) {
    let wrote = envelope.outcome.answers_write();
    if wrote {
        state.session.write_answered();
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
            if let Some(overview) = state.layers.popup_mut::<rotation::overview::Overview>() {
                overview.rows_changed(state.browse.list.all(), total, &state.settings, state.wall);
            }
        }
        Outcome::RegionFailed { region, error } => {
            out.error(explain(state.session.caller_of(identity), &error));
            state.browse.region_failed(identity, &region, error);
        }
        Outcome::Described { secret, result } => {
            if let Ok(detail) = &result {
                state.browse.list.refresh_from_detail(identity, detail);
            }
            let ttl = state.settings.detail_ttl;
            state.details.loaded(&secret, result, ttl, state.now);
        }
        // Who that identity is (the current one's is who the title says we work as).
        Outcome::WhoAmI { result } => state.session.answered_who(identity, result),
        Outcome::Assumed { identity, result } => {
            super::identity::assumed(state, identity, result, out);
        }
        // Each room's own answers, to that room whole: the router knows none of its variants.
        Outcome::Audit(outcome) => {
            let ctx = ctx!(state);
            let view = state.layers.popup_mut::<audit::AuditView>();
            out.of(|out| state.audit.answered(view, outcome, &ctx, out));
            feed_rotation_events(state);
        }
        Outcome::Editor(outcome) => {
            let ctx = ctx!(state);
            let session = state.layers.popup_mut::<EditSession>();
            out.of(|out| Editor::answered(session, outcome, &ctx, out));
        }
        Outcome::Lifecycle(outcome) => {
            out.of(|out| Lifecycle::answered(outcome, &ctx!(state), out));
        }
        Outcome::Reveal(outcome) => {
            let ctx = ctx!(state);
            out.of(|out| state.reveal.answered(outcome, &ctx, out));
        }
        Outcome::Rotation(outcome) => {
            out.of(|out| RotationRoom::answered(outcome, &ctx!(state), out));
        }
        // A room whose popup carries its data is given the popup, if it is still open.
        Outcome::Tags(outcome) => {
            let ctx = ctx!(state);
            let popup = state.layers.popup_mut::<tags::Popup>();
            out.of(|out| Tags::answered(popup, outcome, &ctx, out));
        }
        Outcome::Versions(outcome) => {
            let ctx = ctx!(state);
            let comparison = state.layers.popup_mut::<versions::Comparison>();
            out.of(|out| Versions::answered(comparison, outcome, &ctx, out));
        }
    }
}
