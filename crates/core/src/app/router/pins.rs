//! Identities held side by side: one made to pin is held beside the others (its regions
//! listed, who it is and its account's alias asked); an organisation's accounts are pinned
//! as their assumes answer, and the org room hears how each went; `unpin` lets one go.

use crate::app::envelope::Assumed;
use crate::app::room::Out;
use crate::app::state::State;
use crate::ids::Identity;
use crate::model::AwsError;

/// An identity made to pin: held beside the others, its regions listed, and who it is and
/// its account's alias asked (the current identity's alias too, the first time: the
/// account column names every account).
pub(super) fn pinned(state: &mut State, identity: crate::ids::IdentityId, out: &mut Out) {
    out.effects.extend(super::hold_identity(state, identity));
    let first = state.browse.first_region().map(str::to_owned);
    for held in [state.session.identity, identity] {
        for effect in state.session.who_and_alias(held, first.as_deref()) {
            out.effect(effect.lift());
        }
    }
}

/// An organisation's account assumed (or refused): pinned, and the org room told.
pub(super) fn org_assumed(
    state: &mut State,
    identity: Identity,
    result: Result<Assumed, AwsError>,
    out: &mut Out,
) {
    let id = identity.id;
    let account = identity
        .role_arn()
        .map(|a| a.account().to_owned())
        .unwrap_or_default();
    let answer = match state.session.assumed(identity, result) {
        Ok(_) => {
            pinned(state, id, out);
            Ok(id)
        }
        Err(error) => {
            let mut why = error.kind.short().to_owned();
            if let Some(code) = &error.code {
                why = format!("{why} ({code})");
            }
            Err(why)
        }
    };
    out.of(|out| state.rooms.org.assumed(&account, answer, out));
}

/// `Intent::PinRole`: the role assumed as the identity worked as, to pin.
pub(super) fn pin_role(state: &mut State, role_arn: crate::ids::Arn, out: &mut Out) {
    let user = state.settings.user_name.clone();
    out.effect(state.session.pin_role(role_arn, &user).lift());
}

/// `unpin`: the identity's rows, values and results go; smtui keeps working as it was.
pub(super) fn unpin(state: &mut State, identity: crate::ids::IdentityId, out: &mut Out) {
    let named = state
        .session
        .known
        .iter()
        .find(|k| k.identity.id == identity)
        .map_or_else(String::new, |k| k.identity.to_string());
    let rows = state
        .browse
        .list
        .all()
        .filter(|s| s.identity == identity)
        .count();
    super::release_identity(state, identity);
    state.session.unpin(identity);
    // Its credentials go too, unless `role-back` may still return to it.
    if !state.session.history.contains(&identity) {
        out.effect(crate::app::effect::Effect::ForgetIdentity { identity });
    }
    out.info(format!(
        "Unpinned {named}: its {rows} row{} went",
        if rows == 1 { "" } else { "s" }
    ));
}
