//! What a room's update may read but not change: the settings, the clock, the selection,
//! who we are. Built by the router from the whole state for each action.

use std::time::Instant;

use crate::ids::{IdentityId, SecretRef};
use crate::model::{AwsError, CallerIdentity, ErrorKind, SecretDetail, SecretSummary};
use crate::room::effect::RoomCall;
use crate::room::layers::Focus;
use crate::room::settings::Settings;
use crate::room::stamp::Stamp;

/// Facts a room may read but not change.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) now: Instant,
    /// The wall clock, for dates.
    pub(crate) wall: jiff::Timestamp,
    /// The run loop's random bytes for this action (`State::nonce`).
    pub(crate) nonce: [u8; 16],
    /// The stamp of a call made as the current identity (see `stamp_for` for one about a
    /// secret).
    pub(crate) stamp: Stamp,
    /// Each held identity at its current generation (the current one among them).
    pub(crate) held: &'a [Stamp],
    pub(crate) selected: Option<&'a SecretSummary>,
    /// The selected secret's detail, once described (or why not).
    pub detail: Option<&'a Result<SecretDetail, AwsError>>,
    /// Who the identity worked as is, once known.
    pub identity: Option<&'a Result<CallerIdentity, AwsError>>,
    /// Who each held identity that has answered is (the current one among them).
    pub(crate) callers: &'a [(IdentityId, Result<CallerIdentity, AwsError>)],
    pub(crate) focus: Focus,
    /// Accounts' aliases (account ID, alias), for the accounts the config marks by alias.
    pub(crate) aliases: &'a [(String, String)],
}

impl Ctx<'_> {
    /// The label to type before a write to `account`, when the config marks it dangerous.
    pub(crate) fn write_guard(&self, account: &str) -> Option<&str> {
        let alias = self
            .aliases
            .iter()
            .find(|(id, _)| id == account)
            .map(|(_, alias)| alias.as_str());
        self.settings.accounts.guard(account, alias)
    }

    /// The account the identity worked as is in, once GetCallerIdentity has answered.
    pub(crate) fn own_account(&self) -> Option<&str> {
        self.identity
            .and_then(|c| c.as_ref().ok())
            .map(|c| c.account.as_str())
    }

    /// An AWS error in plain words. When access was refused and we know who we are, it says
    /// as whom (AWS's own message often does; then it is not repeated).
    pub fn explain(&self, err: &AwsError) -> String {
        explain(self.identity, err)
    }

    /// `explain` for an error of a call made as `identity` (a row's describe or reveal):
    /// it says as whom that identity asked, which need not be the identity worked as.
    pub fn explain_as(&self, identity: IdentityId, err: &AwsError) -> String {
        let caller = self.callers.iter().find(|(id, _)| *id == identity);
        explain(caller.map(|(_, caller)| caller), err)
    }

    /// `explain` for the selected row's describe error (`detail`): said as the identity
    /// that listed the row, which described it.
    pub(crate) fn explain_detail(&self, err: &AwsError) -> String {
        match self.selected {
            Some(secret) => self.explain_as(secret.identity, err),
            None => self.explain(err),
        }
    }

    /// The address of `secret` (a listed row) as the identity that listed it. Its ARN was
    /// parsed when the AWS crate built the row, so every row has one.
    pub fn address(&self, secret: &SecretSummary) -> SecretRef {
        SecretRef {
            identity: secret.identity,
            region: secret.region.to_string(),
            arn: secret.arn.clone(),
            name: secret.name.clone(),
        }
    }

    /// The stamp of a call made as `identity`: its held generation (generation 0, whose
    /// answers are stale, when it is no longer held: the call still runs as that identity,
    /// never as another).
    pub(crate) fn stamp_as(&self, identity: IdentityId) -> Stamp {
        self.held
            .iter()
            .find(|held| held.identity == identity)
            .copied()
            .unwrap_or(Stamp {
                generation: 0,
                identity,
            })
    }

    /// The stamp of a call about `secret`: it runs as the identity that listed it, which
    /// need not be the one worked as.
    pub(crate) fn stamp_for(&self, secret: &SecretRef) -> Stamp {
        self.stamp_as(secret.identity)
    }

    /// The stamp of `call`: as the identity of the secret it is about, as the current
    /// identity when it is about none (a listing, a new secret).
    pub(crate) fn stamp_of(&self, call: &impl RoomCall) -> Stamp {
        call.secret()
            .map_or(self.stamp, |secret| self.stamp_for(secret))
    }

    /// Who `identity` is, by GetCallerIdentity's ARN (`None` until it has answered).
    pub(crate) fn caller_arn_of(&self, identity: IdentityId) -> Option<String> {
        self.callers
            .iter()
            .find(|(id, _)| *id == identity)
            .and_then(|(_, caller)| caller.as_ref().ok())
            .map(|me| me.arn.to_string())
    }
}

#[cfg(test)]
impl<'a> Ctx<'a> {
    /// A context with nothing selected and no identity yet, for rooms' unit tests.
    pub(crate) fn bare(settings: &'a crate::room::settings::Settings, now: Instant) -> Self {
        Ctx {
            settings,
            now,
            wall: jiff::Timestamp::UNIX_EPOCH,
            nonce: [0; 16],
            stamp: crate::room::stamp::Stamp {
                generation: 0,
                identity: crate::room::stamp::IdentityId::START,
            },
            held: &[],
            selected: None,
            detail: None,
            identity: None,
            callers: &[],
            focus: crate::room::layers::Focus::List,
            aliases: &[],
        }
    }
}

pub(crate) fn explain(
    identity: Option<&Result<CallerIdentity, AwsError>>,
    err: &AwsError,
) -> String {
    let text = err.to_string();
    match (identity, err.kind) {
        (Some(Ok(me)), ErrorKind::AccessDenied | ErrorKind::ExpiredToken)
            if !text.contains(me.arn.as_str()) =>
        {
            format!("{text} (as {})", me.arn)
        }
        _ => text,
    }
}
