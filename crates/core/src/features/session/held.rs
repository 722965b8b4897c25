//! Which identities' data the session holds, each at the generation that makes its older
//! answers stale (the stale check), and what is known of each held identity: who it is,
//! its account's alias. Several are held at once when identities are pinned.

use super::{Ask, Call, Effect, KnownIdentity, Origin, RENEW_BEFORE, Session};
use crate::room::{IdentityId, Stamp};

impl Session {
    /// Every identity whose data is held (the one worked as among them).
    pub fn held_identities(&self) -> impl Iterator<Item = &KnownIdentity> {
        self.known.iter().filter(|k| self.is_held(k.identity.id))
    }

    /// The identities held beside the one worked as.
    pub fn pinned(&self) -> impl Iterator<Item = &KnownIdentity> {
        self.held_identities()
            .filter(|k| k.identity.id != self.identity)
    }

    /// ListAccountAliases answered as `identity`.
    pub(crate) fn answered_alias(&mut self, identity: IdentityId, alias: Option<String>) {
        if !self.is_held(identity) {
            return;
        }
        self.aliases.retain(|(id, _)| *id != identity);
        self.aliases.push((identity, alias));
    }

    /// Whether ListAccountAliases has answered as `identity`.
    pub(crate) fn alias_answered(&self, identity: IdentityId) -> bool {
        self.aliases.iter().any(|(id, _)| *id == identity)
    }

    /// `identity`'s account alias (`None` until ListAccountAliases has answered as it, or
    /// when its account has none).
    pub(crate) fn alias_of(&self, identity: IdentityId) -> Option<&str> {
        self.aliases
            .iter()
            .find(|(id, _)| *id == identity)
            .and_then(|(_, alias)| alias.as_deref())
    }

    /// Stops holding the pinned `identity` and forgets it: it is no longer offered to
    /// unpin, and pinning it again makes it anew.
    pub(crate) fn unpin(&mut self, identity: IdentityId) {
        self.release(identity);
        self.renewing.retain(|id| *id != identity);
        self.renew_refused.retain(|id| *id != identity);
        if !self.history.contains(&identity) {
            self.known.retain(|k| k.identity.id != identity);
        }
    }

    /// The stamp effects carry now: the current identity at its generation.
    pub fn stamp(&self) -> Stamp {
        self.stamp_for(self.identity).unwrap_or(Stamp {
            generation: 0,
            identity: self.identity,
        })
    }

    /// The stamp of a call made as `identity`, while it is held.
    pub fn stamp_for(&self, identity: IdentityId) -> Option<Stamp> {
        self.held.iter().find(|h| h.identity == identity).copied()
    }

    /// Each held identity at its current generation.
    pub(crate) fn held_stamps(&self) -> &[Stamp] {
        &self.held
    }

    /// The stale check: whether a result asked for with `stamp` is still wanted (its
    /// identity is held, and its generation is that identity's current one).
    pub fn holds(&self, stamp: Stamp) -> bool {
        self.held.contains(&stamp)
    }

    /// Whether `identity`'s data is held (at whatever generation).
    pub fn is_held(&self, identity: IdentityId) -> bool {
        self.stamp_for(identity).is_some()
    }

    /// Holds `identity`'s data from now on, at a new generation (again at a new one when
    /// it was held already).
    pub(crate) fn hold(&mut self, identity: IdentityId) -> Stamp {
        self.generations += 1;
        let stamp = Stamp {
            generation: self.generations,
            identity,
        };
        match self.held.iter_mut().find(|h| h.identity == identity) {
            Some(held) => *held = stamp,
            None => self.held.push(stamp),
        }
        stamp
    }

    /// Stops holding `identity`'s data: every answer for it still on its way is dropped,
    /// and who it is is forgotten.
    pub(crate) fn release(&mut self, identity: IdentityId) {
        self.held.retain(|h| h.identity != identity);
        self.callers.retain(|(id, _)| *id != identity);
        self.aliases.retain(|(id, _)| *id != identity);
    }

    /// Starts a new generation of the current identity: every result asked for as it
    /// before is stale from now on (another held identity's are not).
    pub(crate) fn next_generation(&mut self) {
        self.hold(self.identity);
    }

    /// GetCallerIdentity, in the home region (or the first browsed one).
    pub(crate) fn who_am_i(&self, first_region: Option<&str>) -> Effect {
        let region = self
            .home_region
            .clone()
            .or_else(|| first_region.map(str::to_owned));
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::WhoAmI { region },
        }
    }

    /// Who `identity` is and its account's alias, asked as it (GetCallerIdentity and
    /// ListAccountAliases), while it is held: the account column and bar name it so.
    pub(crate) fn who_and_alias(
        &self,
        identity: IdentityId,
        first_region: Option<&str>,
    ) -> Vec<Effect> {
        let Some(stamp) = self.stamp_for(identity) else {
            return Vec::new();
        };
        let region = self
            .home_region
            .clone()
            .or_else(|| first_region.map(str::to_owned));
        let mut effects = Vec::new();
        if self.caller_of(identity).is_none() {
            effects.push(Effect::Aws {
                stamp,
                call: Ask::WhoAmI {
                    region: region.clone(),
                },
            });
        }
        if !self.alias_answered(identity) {
            effects.push(Effect::Aws {
                stamp,
                call: Ask::AccountAlias { region },
            });
        }
        effects
    }

    /// The pinned identities whose credentials expire within `RENEW_BEFORE` and can be
    /// renewed without anyone (a role assumed by another identity still held, a profile),
    /// not already being renewed: each one's renewal, made as it was first.
    pub(crate) fn renew_pinned_due(&mut self, now: jiff::Timestamp) -> Vec<Effect> {
        let due: Vec<KnownIdentity> = self
            .pinned()
            .filter(|k| {
                k.expires
                    .is_some_and(|t| t.duration_since(now) < RENEW_BEFORE)
            })
            .filter(|k| {
                !self.renewing.contains(&k.identity.id)
                    && !self.renew_refused.contains(&k.identity.id)
            })
            .cloned()
            .collect();
        let mut effects = Vec::new();
        for known in due {
            let id = known.identity.id;
            let call = match known.origin {
                Origin::Role {
                    parent,
                    role_arn,
                    session_name,
                } if self.known.iter().any(|k| k.identity.id == parent) => Call::AssumeRole {
                    role_arn,
                    session_name,
                    external_id: None,
                    duration_secs: None,
                    new_identity: id,
                    region: self.home_region.clone(),
                    as_identity: Some(parent),
                },
                Origin::Profile(profile) => Call::UseProfile {
                    profile,
                    new_identity: id,
                },
                Origin::Sso {
                    login,
                    account_id,
                    role_name,
                } => self.sso_call(login, account_id, role_name, id),
                // A code is wanted (or the SDK renews them itself): the bar says it expired.
                _ => continue,
            };
            let Some(stamp) = self.stamp_for(id) else {
                continue;
            };
            self.renewing.push(id);
            effects.push(Effect::Aws {
                stamp,
                call: Ask::Make(call),
            });
        }
        effects
    }

    /// Whether `identity` is on its way to be pinned as one of many (an organisation's
    /// account, or an Identity Center role in each account that grants it).
    pub(crate) fn pin_on_way(&self, identity: IdentityId) -> bool {
        self.pins_on_way.iter().any(|(id, _)| *id == identity)
    }

    /// Whether `identity`, on its way to be pinned as one of many, comes from IAM Identity
    /// Center (else from an organisation).
    pub(crate) fn pin_on_way_from_sso(&self, identity: IdentityId) -> bool {
        self.pins_on_way
            .iter()
            .any(|(id, origin)| *id == identity && matches!(origin, Origin::Sso { .. }))
    }

    /// AWS said a pinned identity's credentials expired before their time (revoked, or a
    /// clock apart): renewed at the next tick as if they were due.
    pub(crate) fn expired_now(&mut self, identity: IdentityId, now: jiff::Timestamp) {
        if identity == self.identity {
            return;
        }
        if let Some(known) = self.known.iter_mut().find(|k| k.identity.id == identity) {
            known.expires = Some(now);
        }
    }

    /// Whether `identity`'s last renewal was refused: it is not renewed again by itself
    /// (`role-renew`, or signing in again for an Identity Center one, asks again).
    pub(crate) fn renewal_refused(&self, identity: IdentityId) -> bool {
        self.renew_refused.contains(&identity)
    }

    /// Whether `identity`'s credentials have expired (by what AWS said of them).
    pub fn expired(&self, identity: IdentityId, now: jiff::Timestamp) -> bool {
        self.known
            .iter()
            .find(|k| k.identity.id == identity)
            .and_then(|k| k.expires)
            .is_some_and(|t| t <= now)
    }
}
