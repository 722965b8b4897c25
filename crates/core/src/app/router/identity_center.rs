//! IAM Identity Center's identities: the switcher's "Identity Center …" entry opens the
//! room's popup; a role chosen there is made by the session (to work as, or to pin), and
//! for "every account where I have role X" the room hears how each account went.

use crate::app::envelope::Assumed;
use crate::app::room::Out;
use crate::app::state::{State, ctx_of};
use crate::ids::Identity;
use crate::model::AwsError;
use crate::model::sso::{SsoLogin, SsoPick};

/// The Identity Center popup for `login`, opened from the switcher.
pub(super) fn open_portal(state: &mut State, login: SsoLogin, pin: bool, out: &mut Out) {
    let ctx = ctx!(state);
    out.of(|out| state.rooms.sso.open(login, pin, &ctx, out));
}

/// A role chosen in the popup (or one of a "role X everywhere"): its credentials asked,
/// unless it is held already.
pub(super) fn use_role(
    state: &mut State,
    login: SsoLogin,
    account_id: String,
    role_name: String,
    pick: SsoPick,
    out: &mut Out,
) {
    let held = state.session.held_sso_role(&account_id, &role_name);
    match (pick, held) {
        (SsoPick::PinOfMany, Some(_)) => {
            out.of(|out| state.rooms.sso.pinned(&account_id, Ok(()), out));
        }
        // Made already (worked as, or pinned): not made twice.
        (SsoPick::Pin | SsoPick::Switch, Some(_)) => {
            out.info(format!(
                "{role_name} in {account_id} is held already: its secrets are in the list"
            ));
        }
        (SsoPick::PinOfMany, None) => {
            let effect = state.session.pin_sso_role(login, account_id, role_name);
            out.effect(effect.lift());
        }
        (SsoPick::Switch | SsoPick::Pin, _) => {
            if let Some(on_way) = &state.session.assuming {
                out.info(format!("Still switching to {on_way}"));
                return;
            }
            if pick == SsoPick::Switch
                && let Some(why) = super::identity::switch_blocked(state)
            {
                out.warn(format!("Not switching: {why}"));
                return;
            }
            state.session.pinning = pick == SsoPick::Pin;
            out.info(format!(
                "{} {role_name} in {account_id} (IAM Identity Center)…",
                if pick == SsoPick::Pin {
                    "Pinning"
                } else {
                    "Switching to"
                }
            ));
            let effect = state.session.sso_role(login, account_id, role_name);
            out.effect(effect.lift());
        }
    }
}

/// The answer for one account of a "role X everywhere": pinned, and the room told.
pub(super) fn batch_answered(
    state: &mut State,
    identity: Identity,
    result: Result<Assumed, AwsError>,
    out: &mut Out,
) {
    let id = identity.id;
    let account = identity.account().unwrap_or_default().to_owned();
    let answer = match state.session.assumed(identity, result) {
        Ok(_) => {
            super::pins::pinned(state, id, out);
            Ok(())
        }
        Err(error) => Err(error
            .code
            .clone()
            .unwrap_or_else(|| error.kind.short().to_owned())),
    };
    out.of(|out| state.rooms.sso.pinned(&account, answer, out));
}
