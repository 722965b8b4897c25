//! Switching who smtui works as: `role` asks for a role to assume, the runner assumes it
//! as the current identity and holds the credentials (in memory only) under a new one;
//! from then on every effect runs as it. A switch stops holding the old identity and holds
//! the new one (UI policy: the core could hold both), so everything of the old identity
//! still on its way is dropped when it arrives, and `cross_room_rules` drops
//! what was fetched (rows, details, a revealed value, a question asked as the old one);
//! `reload` closes every popup holding the old identity's data. A switch never happens
//! under an edit holding text or a save, nor under a write on its way (its answer would be
//! dropped): it is refused, saying why. `role-back` returns to the identity before.

use super::{close_popups, init};
use crate::app::envelope::Assumed;
use crate::app::room::{Intent, Out};
use crate::app::state::State;
use crate::features::browse::RegionState;
use crate::features::editor::EditSession;
use crate::features::rotation::relative;
use crate::features::session::Prompt;
use crate::features::session::role_form;
use crate::features::session::switcher::{Choice, Purpose, Switcher};
use crate::features::session::{Made, Origin, Renewal};
use crate::ids::{Arn, Identity};
use crate::model::ProfileKind;
use crate::model::{AwsError, ErrorKind};

/// The switcher's keys, and what its choice does.
pub(super) fn switcher(state: &mut State, command: crate::app::command::Command, out: &mut Out) {
    let Some(switcher) = state.layers.popup_mut::<Switcher>() else {
        return;
    };
    let Some(command) = command.bind() else {
        return;
    };
    let purpose = switcher.purpose;
    let Some(choice) = out.of(|out| switcher.command(&state.session, command, out)) else {
        return;
    };
    // Pinning drops nothing: only a switch waits for an edit or a write to end.
    state.session.pinning = purpose == Purpose::Pin;
    if purpose == Purpose::Switch
        && let Some(why) = switch_blocked(state)
    {
        out.warn(format!("Not switching: {why}"));
        return;
    }
    match choice {
        Choice::Unpin(identity) => super::pins::unpin(state, identity, out),
        Choice::Portal(login) => {
            super::identity_center::open_portal(state, login, purpose == Purpose::Pin, out);
        }
        Choice::Back => back(state, out),
        Choice::AssumeByArn => ask(out),
        Choice::MfaSession => ask_session_serial(state, out),
        Choice::Recent(arn) => typed(state, arn.as_str(), out),
        Choice::Profile(name) => {
            let mfa = state
                .session
                .profiles
                .iter()
                .any(|p| p.name == name && p.mfa_serial.is_some());
            let process = state
                .session
                .profiles
                .iter()
                .find(|p| p.name == name)
                .filter(|p| p.mfa_serial.is_some() && p.mfa_process.is_some())
                .cloned();
            // In an MFA session, a role that wants MFA is assumed from it without a code.
            let role = state
                .session
                .profiles
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| match &p.kind {
                    ProfileKind::Role { role_arn, .. } if p.mfa_serial.is_some() => {
                        Some((role_arn.clone(), p.session_name.clone(), p.duration_secs))
                    }
                    _ => None,
                });
            if let (true, Some((role_arn, session, duration))) =
                (state.session.in_mfa_session(), role)
            {
                let user = state.settings.user_name.clone();
                let mut options = role_form::defaults(&user);
                if let Some(session) = session {
                    options.session_name = crate::features::session::clean_session_name(&session);
                }
                options.duration_secs = duration;
                out.info(format!(
                    "Assuming profile {name}'s role from the MFA session…"
                ));
                out.effect(state.session.assume_with(role_arn, options, None).lift());
                return;
            }
            if let Some(info) = process {
                // The code comes from its command: nothing to type.
                let user = state.settings.user_name.clone();
                let empty = crate::secret::SecretValue::from_string(String::new());
                if let Some(effect) = state.session.assume_with_mfa(&info, empty, &user) {
                    out.info(format!(
                        "Switching to profile {name} (MFA code from its mfa_process)…"
                    ));
                    out.effect(effect.lift());
                }
                return;
            }
            if mfa {
                ask_code(
                    &format!("MFA code for profile {name}"),
                    Prompt::MfaCode { profile: name },
                    out,
                );
                return;
            }
            out.info(format!("Switching to profile {name}…"));
            out.effect(state.session.use_profile(name).lift());
        }
    }
}

/// The text typed into a prompt switching identity asked for.
pub(super) fn prompted(state: &mut State, prompt: Prompt, text: String, out: &mut Out) {
    match prompt {
        Prompt::RoleArn => typed(state, &text, out),
        Prompt::MfaCode { profile } => mfa_typed(state, &profile, text, out),
        Prompt::RoleOptions { arn } => options_typed(state, &arn, &text, out),
        Prompt::SessionSerial => session_serial_typed(&text, out),
        Prompt::SessionCode { serial } => session_code_typed(state, &serial, text, out),
        Prompt::RoleCode { arn, options } => role_code_typed(state, &arn, &options, text, out),
    }
}

/// Which role to assume, by its ARN.
fn ask(out: &mut Out) {
    out.intent(Intent::Prompt {
        label: "Assume which role? Its ARN (arn:aws:iam::ACCOUNT:role/NAME)".to_owned(),
        initial: String::new(),
        purpose: Prompt::RoleArn.into(),
    });
}

/// The role ARN typed: checked, then assumed with the session name `smtui-<user>`.
fn typed(state: &mut State, text: &str, out: &mut Out) {
    let arn = text.trim();
    // A role's name and path hold no colon: one in the resource is a mistake.
    let role = Arn::parse(arn)
        .ok()
        .filter(|a| a.has_account_id() && a.role_name().is_some() && !a.resource().contains(':'));
    let Some(role) = role else {
        out.error(format!(
            "{arn:?} is not a role ARN: arn:aws:iam::ACCOUNT:role/NAME, ACCOUNT being 12 digits"
        ));
        out.intent(Intent::Prompt {
            label: "Assume which role? Its ARN (arn:aws:iam::ACCOUNT:role/NAME)".to_owned(),
            initial: arn.to_owned(),
            purpose: Prompt::RoleArn.into(),
        });
        return;
    };
    out.intent(Intent::Prompt {
        label: format!("Assume {arn} with (session, duration, external-id, mfa):"),
        initial: role_form::initial(&state.settings.user_name),
        purpose: Prompt::RoleOptions { arn: role }.into(),
    });
}

/// The role's options typed: checked (a mistake keeps the text); an MFA device wants its
/// code next.
fn options_typed(state: &mut State, arn: &Arn, text: &str, out: &mut Out) {
    let options = match role_form::parse(text, &state.settings.user_name) {
        Ok(options) => options,
        Err(why) => {
            out.error(why);
            out.intent(Intent::Prompt {
                label: format!("Assume {arn} with (session, duration, external-id, mfa):"),
                initial: text.to_owned(),
                purpose: Prompt::RoleOptions { arn: arn.clone() }.into(),
            });
            return;
        }
    };
    if options.mfa_serial.is_some() {
        ask_code(
            &format!("MFA code for {arn}"),
            Prompt::RoleCode {
                arn: arn.clone(),
                options: text.to_owned(),
            },
            out,
        );
        return;
    }
    out.info(format!(
        "Assuming {arn} as session {}…",
        options.session_name
    ));
    out.effect(state.session.assume_with(arn.clone(), options, None).lift());
}

/// The MFA code for a role assumed by its ARN.
fn role_code_typed(state: &mut State, arn: &Arn, options: &str, text: String, out: &mut Out) {
    let Ok(options_parsed) = role_form::parse(options, &state.settings.user_name) else {
        return;
    };
    let ask_again = Prompt::RoleCode {
        arn: arn.clone(),
        options: options.to_owned(),
    };
    let Some(code) = six_digits(text, &format!("MFA code for {arn}"), ask_again, out) else {
        return;
    };
    out.info(format!("Assuming {arn} with MFA…"));
    out.effect(
        state
            .session
            .assume_with(arn.clone(), options_parsed, Some(code))
            .lift(),
    );
}

/// The MFA code typed: the role profile's role assumed with it, as its source profile.
fn mfa_typed(state: &mut State, profile: &str, text: String, out: &mut Out) {
    let ask_again = Prompt::MfaCode {
        profile: profile.to_owned(),
    };
    let label = format!("MFA code for profile {profile}");
    let Some(code) = six_digits(text, &label, ask_again, out) else {
        return;
    };
    let Some(info) = state
        .session
        .profiles
        .iter()
        .find(|p| p.name == profile)
        .cloned()
    else {
        return;
    };
    let user = state.settings.user_name.clone();
    match state.session.assume_with_mfa(&info, code, &user) {
        Some(effect) => {
            out.info(format!("Assuming profile {profile}'s role with MFA…"));
            out.effect(effect.lift());
        }
        None => out.error(format!("profile {profile} has no role to assume")),
    }
}

/// `MFA session…`: which device (the first a profile names, to start with). AWS hands an
/// MFA session only to long-term credentials: from a role it is refused here, saying so.
fn ask_session_serial(state: &State, out: &mut Out) {
    let from_role = state
        .session
        .current()
        .is_some_and(|k| matches!(k.origin, Origin::Role { .. } | Origin::MfaProfile(_)));
    if from_role {
        out.warn(
            "An MFA session starts from long-term credentials (AWS refuses GetSessionToken \
             to a role's): role-back to them first",
        );
        return;
    }
    let initial = state
        .session
        .profiles
        .iter()
        .find_map(|p| p.mfa_serial.clone())
        .unwrap_or_default();
    out.intent(Intent::Prompt {
        label: "MFA device for the session (its serial number or ARN)".to_owned(),
        initial,
        purpose: Prompt::SessionSerial.into(),
    });
}

/// The device typed: its code next.
fn session_serial_typed(text: &str, out: &mut Out) {
    let serial = text.trim();
    if serial.len() < 9 {
        out.error("An MFA device's serial number has at least 9 characters");
        out.intent(Intent::Prompt {
            label: "MFA device for the session (its serial number or ARN)".to_owned(),
            initial: serial.to_owned(),
            purpose: Prompt::SessionSerial.into(),
        });
        return;
    }
    ask_code(
        &format!("MFA code for {serial}"),
        Prompt::SessionCode {
            serial: serial.to_owned(),
        },
        out,
    );
}

/// The session's code: GetSessionToken as the current identity.
fn session_code_typed(state: &mut State, serial: &str, text: String, out: &mut Out) {
    let ask_again = Prompt::SessionCode {
        serial: serial.to_owned(),
    };
    let Some(code) = six_digits(text, &format!("MFA code for {serial}"), ask_again, out) else {
        return;
    };
    out.info("Starting an MFA session…");
    out.effect(state.session.session_token(serial.to_owned(), code).lift());
}

/// The answer to a call that makes an identity.
pub(super) fn assumed(
    state: &mut State,
    identity: Identity,
    result: Result<Assumed, AwsError>,
    out: &mut Out,
) {
    // One of many pinned at once (an Identity Center role in every account that grants it,
    // an organisation's account): pinned without a word each, and the room that asked hears
    // how it went (it says it for all of them, and starts the next).
    if state.session.pin_on_way_from_sso(identity.id) {
        super::identity_center::batch_answered(state, identity, result, out);
        return;
    }
    if state.session.pin_on_way(identity.id) {
        super::pins::org_assumed(state, identity, result, out);
        return;
    }
    // Credentials for another identity, while something of this one must end first: smtui
    // stays as it is, and says how to switch.
    let switching = result.is_ok()
        && identity.id != state.session.identity
        && !state.session.is_held(identity.id)
        && !state.session.pinning;
    if switching && let Some(why) = switch_blocked(state) {
        state.session.switch_refused();
        let wall = state.wall;
        // Only a role is remembered among the recent ones (a profile is in the config).
        if let Some(role) = identity.role_arn()
            && let Some(save) = state.session.remember(role, wall)
        {
            out.effect(save.lift());
        }
        out.warn(format!(
            "Assumed {identity}, but not switched to it: {why}; then switch again (role)"
        ));
        return;
    }
    let role = identity.role_arn().cloned();
    let named = identity.to_string();
    let made = identity.id;
    match state.session.assumed(identity, result) {
        Ok(Made::Pinned) => {
            let wall = state.wall;
            if let Some(role) = role
                && let Some(save) = state.session.remember(&role, wall)
            {
                out.effect(save.lift());
            }
            super::pins::pinned(state, made, out);
            out.info(format!(
                "Pinned {named}: its secrets join the list (unpin drops them)"
            ));
        }
        Ok(Made::Renewed) => {
            let until = state
                .session
                .known
                .iter()
                .find(|k| k.identity.id == made)
                .and_then(|k| k.expires)
                .map(|t| format!(": they expire {}", relative(t, state.wall)))
                .unwrap_or_default();
            if made == state.session.identity {
                out.info(format!("Credentials renewed{until}"));
            } else {
                out.info(format!("Credentials of {named} renewed{until}"));
                // Regions it could not list with the expired ones are listed again.
                let expired = state.browse.regions.iter().any(|r| {
                    r.identity == made
                        && matches!(&r.state, RegionState::Failed(e) if e.kind == ErrorKind::ExpiredToken)
                });
                if expired {
                    out.effects.extend(super::hold_identity(state, made));
                }
            }
        }
        Ok(Made::Switched) => {
            let wall = state.wall;
            if let Some(role) = role
                && let Some(save) = state.session.remember(&role, wall)
            {
                out.effect(save.lift());
            }
            said_switched(state, out);
        }
        Err(error) => {
            let mut text = format!("Could not assume {named}: {error}");
            if error
                .message
                .as_deref()
                .is_some_and(|m| m.contains("role chaining"))
            {
                text.push_str(" (a role assumed from another role lasts at most 1 hour)");
            }
            out.error(text);
        }
    }
}

/// `role-renew`: new credentials for the current identity, the way it got its own.
pub(super) fn renew(state: &mut State, out: &mut Out) {
    if state.session.assuming.is_some() {
        return;
    }
    match state.session.renew() {
        Ok(effect) => {
            out.info("Renewing the credentials…");
            out.effect(effect.lift());
        }
        Err(Renewal::Itself) => {
            out.info(
                "These credentials are the ones smtui started with: the SDK renews them itself",
            );
        }
        Err(Renewal::NeedsSessionCode(serial)) => ask_code(
            &format!("MFA code for {serial}, to renew the session"),
            Prompt::SessionCode { serial },
            out,
        ),
        Err(Renewal::NeedsCode(profile)) => ask_code(
            &format!("MFA code for profile {profile}, to renew"),
            Prompt::MfaCode { profile },
            out,
        ),
    }
}

/// On every tick: credentials about to expire are renewed when that needs nobody (an
/// MFA role only gets the title's warning, and `role-renew` asks for a code).
pub(super) fn renew_if_due(state: &mut State, out: &mut Out) {
    let due = state.session.expiring(state.wall)
        && state.session.assuming.is_none()
        && !state.session.renewal_refused(state.session.identity);
    let needs_code = state.session.current().is_some_and(|k| {
        matches!(
            k.origin,
            Origin::MfaProfile(_) | Origin::MfaSession(_) | Origin::Start
        )
    });
    if due && !needs_code {
        renew(state, out);
    }
    let wall = state.wall;
    for effect in state.session.renew_pinned_due(wall) {
        out.effect(effect.lift());
    }
}

/// Says who we work as now (and until when), and lists every region again as it.
fn said_switched(state: &mut State, out: &mut Out) {
    let Some(now) = state.session.current().cloned() else {
        return;
    };
    let until = now
        .expires
        .map(|t| format!(" (its credentials expire {})", relative(t, state.wall)))
        .unwrap_or_default();
    let text = format!(
        "Now working as {}{until}; role-back returns to the identity before",
        now.identity
    );
    reload(state, out);
    out.info(text);
}

/// `role-back`: the identity before the last switch (its credentials are still held).
pub(super) fn back(state: &mut State, out: &mut Out) {
    if state.session.previous().is_some()
        && let Some(why) = switch_blocked(state)
    {
        out.warn(format!("Not going back: {why}"));
        return;
    }
    if !state.session.go_back() {
        out.info("No identity to go back to: this is the one smtui started with");
        return;
    }
    let label = state
        .session
        .current()
        .map(|k| k.identity.to_string())
        .unwrap_or_default();
    reload(state, out);
    out.info(format!("Back to {label}"));
}

/// Why the identity cannot change now, if it cannot: an edit holding text or a save, or
/// another write on its way (its answer, as the old identity, would be dropped).
pub(super) fn switch_blocked(state: &State) -> Option<String> {
    let session = state.layers.popup::<EditSession>();
    if let Some(name) = session.and_then(EditSession::unfinished) {
        return Some(format!(
            "your edit of {name} is not finished (text not saved, a save on its way, or a \
             private label to remove): save or discard the edit first"
        ));
    }
    match state.session.writes_in_flight() {
        0 => None,
        1 => Some("a write is on its way: wait for its answer".to_owned()),
        n => Some(format!(
            "{n} writes are on their way: wait for their answers"
        )),
    }
}

/// Everything of the old identity goes (no popup keeps what it fetched, nor writes as the
/// new identity what was chosen as the old one: each popup says what it holds,
/// `Popup::holds`); every region is listed again as the new one.
fn reload(state: &mut State, out: &mut Out) {
    let current = state.session.identity;
    close_popups(state, |holds| !holds.stays_working_as(current));
    // After the pane closed: the view it handed its room goes with the rest.
    super::registered::identity_switched(state);
    state.access.clear();
    state.browse.hold(current);
    state.browse.restart(current);
    out.effects.extend(init(state));
}

/// An MFA code typed into a prompt, moved (not copied) into the zeroizing type; when it is
/// not six digits, says so and asks again (`label` names the device or profile).
fn six_digits(
    text: String,
    label: &str,
    ask_again: Prompt,
    out: &mut Out,
) -> Option<crate::secret::SecretValue> {
    let code = crate::secret::SecretValue::from_string(text);
    let valid = code
        .expose_str()
        .is_some_and(|c| c.len() == 6 && c.chars().all(|d| d.is_ascii_digit()));
    if valid {
        return Some(code);
    }
    out.error("An MFA code is 6 digits");
    ask_code(label, ask_again, out);
    None
}

/// Asks for an MFA code (shown as dots while typed).
fn ask_code(label: &str, purpose: Prompt, out: &mut Out) {
    out.intent(Intent::Prompt {
        label: format!("{label} (6 digits, not shown)"),
        initial: String::new(),
        purpose: purpose.into(),
    });
}
