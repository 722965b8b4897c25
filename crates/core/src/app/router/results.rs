//! The results of AWS calls, each to the room that asked: after the one stale check
//! (`result`), the envelope's outcome is handed on (a registered room's own outcome whole,
//! by `registered::answered`), and what crosses rooms (a described secret refreshes its list row; rotation
//! events the audit pane found feed the rotation panel) happens here.

use super::ctx_of;
use super::intents::feed_rotation_events;
use super::registered::registered_outcome;
use crate::app::envelope::{Envelope, Outcome};
use crate::app::room::Out;
use crate::app::state::State;
use crate::features::rotation;
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
    let timeless = envelope.outcome.about_no_identity();
    if !state.session.holds(envelope.stamp) && !as_held && !timeless {
        return;
    }
    let identity = envelope.stamp.identity;
    let from_audit = matches!(envelope.outcome, Outcome::Audit(_));
    // A registered room's answer goes to it whole: the router knows none of its variants.
    let Some(outcome) = super::registered::answered(state, envelope.outcome, out) else {
        // Rotation events the audit pane found feed the rotation panel.
        if from_audit {
            feed_rotation_events(state);
        }
        return;
    };
    match outcome {
        Outcome::SecretsPage { region, page, last } => {
            state.browse.page_arrived(identity, &region, page, last);
            let total = state.browse.list.total();
            if let Some(overview) = state.layers.popup_mut::<rotation::overview::Overview>() {
                let (settings, access) = (&state.settings, &state.access);
                overview.rows_changed(state.browse.list.all(), total, settings, state.wall, access);
            }
        }
        Outcome::RegionFailed { region, error } => {
            if error.kind == crate::model::ErrorKind::ExpiredToken {
                let wall = state.wall;
                state.session.expired_now(identity, wall);
            }
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
        Outcome::WhoAmI { result } => {
            state.session.answered_who(identity, result);
            name_account(state, identity);
            // `--org`: the organisation is discovered once who smtui is is known.
            if identity == state.session.identity {
                let ctx = ctx!(state);
                out.of(|out| state.rooms.org.start_due(&ctx, out));
            }
        }
        // An account without an alias, or one whose alias may not be read: named by its ID.
        Outcome::AccountAlias { result } => {
            state
                .session
                .answered_alias(identity, result.ok().flatten());
            name_account(state, identity);
        }
        Outcome::Assumed { identity, result } => {
            super::identity::assumed(state, identity, result, out);
        }
        Outcome::Reveal(outcome) => {
            let ctx = ctx!(state);
            out.of(|out| state.reveal.answered(outcome, &ctx, out));
        }
        // Handed to its room above, never back.
        registered_outcome!() => {}
    }
}

/// Once both who `identity` is and its account's alias are known, the list names the
/// account by its alias (the column, the bar, and the filter find it by it).
fn name_account(state: &mut State, identity: crate::ids::IdentityId) {
    let Some(Ok(caller)) = state.session.caller_of(identity) else {
        return;
    };
    if !state.session.alias_answered(identity) {
        return;
    }
    let alias = state.session.alias_of(identity).map(str::to_owned);
    let account = caller.account.clone();
    state.browse.list.name_account(&account, alias.as_deref());
}
