//! Identities made through IAM Identity Center: a role (permission set) in an account,
//! whose short-term credentials the portal gives for the signed-in user's token. Chosen in
//! the Identity Center room's popup, one to switch to or pin, or many to pin ("every
//! account where I have role X"); renewed the same way while the sign-in lasts.

use super::{Ask, Call, Effect, Origin, Session};
use crate::ids::{Identity, IdentityId};
use crate::model::sso::SsoLogin;

impl Session {
    /// GetRoleCredentials of `role_name` in `account_id` into a new identity, the one on
    /// its way (to work as, or to pin when the switcher was opened to pin).
    pub(crate) fn sso_role(
        &mut self,
        login: SsoLogin,
        account_id: String,
        role_name: String,
    ) -> Effect {
        let next = self.next_identity();
        self.sso_into(login, account_id, role_name, next)
    }

    /// GetRoleCredentials into a new identity to pin, as one of many at once.
    pub(crate) fn pin_sso_role(
        &mut self,
        login: SsoLogin,
        account_id: String,
        role_name: String,
    ) -> Effect {
        let next = self.next_identity();
        self.pins_on_way.push((
            next,
            Origin::Sso {
                login: login.clone(),
                account_id: account_id.clone(),
                role_name: role_name.clone(),
            },
        ));
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(self.sso_call(login, account_id, role_name, next)),
        }
    }

    /// GetRoleCredentials of `role_name` in `account_id` into `into`, its clients in the
    /// home region.
    pub(super) fn sso_call(
        &self,
        login: SsoLogin,
        account_id: String,
        role_name: String,
        into: IdentityId,
    ) -> Call {
        Call::SsoRole {
            login,
            account_id,
            role_name,
            new_identity: into,
            region: self.home_region.clone(),
        }
    }

    /// GetRoleCredentials into `into` (a new identity, or the same one renewed).
    pub(super) fn sso_into(
        &mut self,
        login: SsoLogin,
        account_id: String,
        role_name: String,
        into: IdentityId,
    ) -> Effect {
        self.assuming = Some(Identity::sso(into, account_id.clone(), role_name.clone()));
        self.pending_origin = Some(Origin::Sso {
            login: login.clone(),
            account_id: account_id.clone(),
            role_name: role_name.clone(),
        });
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(self.sso_call(login, account_id, role_name, into)),
        }
    }

    /// The held identity that is `role_name` in `account_id` through Identity Center, if
    /// any: choosing it again makes nothing new.
    pub(crate) fn held_sso_role(&self, account_id: &str, role_name: &str) -> Option<IdentityId> {
        self.held_identities()
            .find(|k| {
                matches!(&k.origin, Origin::Sso { account_id: a, role_name: r, .. }
                    if a == account_id && r == role_name)
            })
            .map(|k| k.identity.id)
    }

    /// The user signed in to `login` again: the pinned identities made through it whose
    /// renewal was refused (the sign-in had expired) are renewed at the next tick.
    pub(crate) fn signed_in_again(&mut self, login: &SsoLogin, now: jiff::Timestamp) {
        let refused: Vec<IdentityId> = self
            .known
            .iter()
            .filter(|k| matches!(&k.origin, Origin::Sso { login: l, .. } if l == login))
            .map(|k| k.identity.id)
            .filter(|id| self.renew_refused.contains(id))
            .collect();
        self.renew_refused.retain(|id| !refused.contains(id));
        for id in refused {
            // Due now: the next tick renews it (the one worked as too).
            if let Some(known) = self.known.iter_mut().find(|k| k.identity.id == id) {
                known.expires = Some(now);
            }
        }
    }

    /// Where the profiles sign in to IAM Identity Center (each once).
    pub fn sso_logins(&self) -> Vec<SsoLogin> {
        crate::model::sso::logins(&self.profiles)
    }
}
