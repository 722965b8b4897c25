//! One discovery: the accounts listed and chosen, and where each one's assume is (waiting
//! its turn, on its way, pinned as an identity, or refused and why). At most
//! `MAX_ASSUMES` are on their way at once.

use std::fmt::Write as _;

use crate::features::org::{OrgOptions, Out};
use crate::ids::{Arn, IdentityId};
use crate::model::org::{MAX_ASSUMES, OrgAccount, choose};
use crate::room::Intent;

/// Where one account is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountState {
    Waiting,
    Assuming,
    Pinned(IdentityId),
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgEntry {
    pub account: OrgAccount,
    pub state: AccountState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
    pub options: OrgOptions,
    /// The accounts chosen, in the order listed; `None` until ListAccounts has answered.
    pub accounts: Option<Vec<OrgEntry>>,
    /// How many the organisation listed, and how many of them were left out (not ACTIVE,
    /// not matching the name, or the account smtui already works in).
    listed: usize,
    left_out: usize,
    /// Whether the summary was said.
    said: bool,
}

impl Discovery {
    pub(crate) fn new(options: OrgOptions) -> Self {
        Self {
            options,
            accounts: None,
            listed: 0,
            left_out: 0,
            said: false,
        }
    }

    /// The organisation's answer: the ACTIVE accounts whose name matches, but `own` (held
    /// already as the identity worked as).
    pub(crate) fn listed(&mut self, accounts: Vec<OrgAccount>, own: Option<&str>) {
        self.listed = accounts.len();
        let chosen: Vec<OrgEntry> = choose(accounts, own, self.options.name.as_deref())
            .into_iter()
            .map(|account| OrgEntry {
                account,
                state: AccountState::Waiting,
            })
            .collect();
        self.left_out = self.listed - chosen.len();
        self.accounts = Some(chosen);
    }

    /// What starts now, in words: how many accounts, which role, and role chaining's cap
    /// where it applies (`chained`: smtui works as an assumed role).
    pub(crate) fn starting(&self, chained: bool) -> String {
        let count = self.accounts.as_ref().map_or(0, Vec::len);
        let mut text = format!(
            "{count} of the organisation's {} accounts: assuming {} in each ({MAX_ASSUMES} at a time)",
            self.listed, self.options.role
        );
        if chained {
            text.push_str(
                "; assumed from a role, each lasts at most 1 hour (role chaining) and is \
                 renewed before it ends",
            );
        }
        text
    }

    /// Starts the waiting accounts' assumes, up to `MAX_ASSUMES` on their way.
    pub(crate) fn next_assumes(&mut self, out: &mut Out) {
        let Some(accounts) = &mut self.accounts else {
            return;
        };
        let mut on_way = accounts
            .iter()
            .filter(|a| a.state == AccountState::Assuming)
            .count();
        for entry in accounts.iter_mut() {
            if on_way >= MAX_ASSUMES {
                break;
            }
            if entry.state != AccountState::Waiting {
                continue;
            }
            let text = format!(
                "arn:aws:iam::{}:role/{}",
                entry.account.id, self.options.role
            );
            let Ok(role_arn) = Arn::parse(&text) else {
                entry.state = AccountState::Refused("not a role ARN".to_owned());
                continue;
            };
            entry.state = AccountState::Assuming;
            on_way += 1;
            out.intent(Intent::PinRole { role_arn });
        }
    }

    /// `account`'s assume answered.
    pub(crate) fn answered(&mut self, account: &str, result: Result<IdentityId, String>) {
        let Some(accounts) = &mut self.accounts else {
            return;
        };
        if let Some(entry) = accounts
            .iter_mut()
            .find(|a| a.account.id == account && a.state == AccountState::Assuming)
        {
            entry.state = match result {
                Ok(identity) => AccountState::Pinned(identity),
                Err(why) => AccountState::Refused(why),
            };
        }
    }

    /// Once every account has answered, the summary (said once).
    pub(crate) fn finished(&mut self) -> Option<String> {
        let accounts = self.accounts.as_ref()?;
        let busy = accounts
            .iter()
            .any(|a| matches!(a.state, AccountState::Waiting | AccountState::Assuming));
        if busy || self.said {
            return None;
        }
        self.said = true;
        let pinned = accounts
            .iter()
            .filter(|a| matches!(a.state, AccountState::Pinned(_)))
            .count();
        let refused = accounts.len() - pinned;
        let mut text = format!("Organisation: {pinned} accounts pinned");
        if refused > 0 {
            let _ = write!(
                text,
                ", {refused} refused the assume (the account bar says why)"
            );
        }
        if self.left_out > 0 {
            let _ = write!(
                text,
                "; {} left out (not active, not matching, or this one)",
                self.left_out
            );
        }
        Some(text)
    }

    /// The accounts whose assume was refused: their name and why.
    pub(crate) fn refused(&self) -> Vec<(String, String)> {
        self.accounts
            .iter()
            .flatten()
            .filter_map(|a| match &a.state {
                AccountState::Refused(why) => Some((a.account.name.clone(), why.clone())),
                _ => None,
            })
            .collect()
    }
}
