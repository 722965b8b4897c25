//! "Every account where I have role X": the role's credentials asked in each account that
//! grants it, at most `MAX_ASSUMES` on their way at once, each pinned as it answers; one
//! summary when all have.

use std::fmt::Write as _;

use super::{IdentityCenter, Out};
use crate::model::org::MAX_ASSUMES;
use crate::model::sso::{PortalAccount, SsoLogin, SsoPick};
use crate::room::Intent;

/// Where one account is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Waiting,
    Asking,
    Pinned,
    Refused(String),
}

/// One role pinned everywhere it is granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Batch {
    login: SsoLogin,
    role: String,
    /// Each account's ID and name, and where it is.
    accounts: Vec<(String, String, Step)>,
}

impl IdentityCenter {
    /// Pins `role` in each of `accounts` that grants it.
    pub(crate) fn pin_everywhere(
        &mut self,
        login: SsoLogin,
        role: &str,
        accounts: &[PortalAccount],
        out: &mut Out,
    ) {
        if let Some(running) = &self.batch {
            out.warn(format!(
                "Still pinning {} in every account that grants it: this one after it ends",
                running.role
            ));
            return;
        }
        let accounts: Vec<(String, String, Step)> = accounts
            .iter()
            .filter(|a| a.roles.iter().any(|r| r == role))
            .map(|a| (a.id.clone(), a.name.clone(), Step::Waiting))
            .collect();
        out.info(format!(
            "Pinning {role} in {} accounts ({MAX_ASSUMES} at a time)…",
            accounts.len()
        ));
        let mut batch = Batch {
            login,
            role: role.to_owned(),
            accounts,
        };
        batch.next(out);
        self.batch = Some(batch);
    }

    /// The answer for `account_id` of the batch's (`Err`: why it was refused).
    pub(crate) fn pinned(&mut self, account_id: &str, result: Result<(), String>, out: &mut Out) {
        let Some(batch) = &mut self.batch else {
            return;
        };
        if let Some((_, _, step)) = batch
            .accounts
            .iter_mut()
            .find(|(id, _, step)| id == account_id && *step == Step::Asking)
        {
            *step = match result {
                Ok(()) => Step::Pinned,
                Err(why) => Step::Refused(why),
            };
        }
        batch.next(out);
        if let Some(summary) = batch.finished() {
            out.info(summary);
            self.batch = None;
        }
    }
}

impl Batch {
    /// Asks for the waiting accounts, up to `MAX_ASSUMES` on their way.
    fn next(&mut self, out: &mut Out) {
        let mut on_way = self
            .accounts
            .iter()
            .filter(|(_, _, s)| *s == Step::Asking)
            .count();
        for (id, _, step) in &mut self.accounts {
            if on_way >= MAX_ASSUMES {
                break;
            }
            if *step == Step::Waiting {
                *step = Step::Asking;
                on_way += 1;
                out.intent(Intent::UseSsoRole {
                    login: self.login.clone(),
                    account_id: id.clone(),
                    role_name: self.role.clone(),
                    pick: SsoPick::PinOfMany,
                });
            }
        }
    }

    /// Once every account has answered: how it went.
    fn finished(&self) -> Option<String> {
        if self
            .accounts
            .iter()
            .any(|(_, _, s)| matches!(s, Step::Waiting | Step::Asking))
        {
            return None;
        }
        let refused: Vec<String> = self
            .accounts
            .iter()
            .filter_map(|(_, name, s)| match s {
                Step::Refused(why) => Some(format!("{name}: {why}")),
                _ => None,
            })
            .collect();
        let pinned = self.accounts.len() - refused.len();
        let mut text = format!("{} pinned in {pinned} accounts", self.role);
        if !refused.is_empty() {
            let _ = write!(text, "; refused in {}", refused.join("; "));
        }
        Some(text)
    }
}
