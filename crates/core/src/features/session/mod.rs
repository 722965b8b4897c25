//! Session: who smtui runs as (the identity id every effect names, and what
//! sts:GetCallerIdentity said), the identities whose data is held, each at the generation
//! that makes its older results stale. Role switching adds identities here.

pub(crate) mod call;
pub(crate) mod commands;
mod held;
mod identity_center;
mod prompt;
pub(crate) mod role_form;
pub mod switcher;
pub(crate) mod view;
mod writes;
pub use call::Assumed;
pub use call::{Ask, Call};
pub use commands::Command;
pub(crate) use prompt::Prompt;

use jiff::Timestamp;

use crate::ids::{Arn, Identity};
use crate::model::{AwsError, CallerIdentity};
use crate::room::{IdentityId, Stamp};

/// The session room's words: its commands, what it asks (`Ask`), the role switcher and the
/// prompts of a switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Ask;
    type Popup = Box<dyn crate::room::popup::Shown<Self>>;
    type Prompt = Prompt;
}

/// An answer in the session room's words; an effect asking its calls.
pub(crate) type Out = crate::room::Out<Room>;
pub type Effect = crate::room::Effect<Ask>;

/// What GetCallerIdentity said as one identity.
pub(crate) type Caller = Result<CallerIdentity, AwsError>;

/// Why the current identity's credentials cannot be renewed right away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Renewal {
    /// The start credentials: the SDK's chain refreshes them itself.
    Itself,
    /// A role assumed with MFA: a new code, through this profile.
    NeedsCode(String),
    /// An MFA session: a new code for this device.
    NeedsSessionCode(String),
}

/// An identity the runner holds credentials for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownIdentity {
    /// Who it is (its key, kind, and caller ARN when known); its `Display` names it.
    pub identity: Identity,
    /// When its credentials expire, when known (an assumed role's are).
    pub expires: Option<Timestamp>,
    /// Where its credentials came from, to renew them.
    pub(crate) origin: Origin,
}

/// Where an identity's credentials came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The start: the SDK's own chain refreshes them.
    Start,
    /// AssumeRole as `parent`.
    Role {
        parent: IdentityId,
        role_arn: Arn,
        session_name: String,
    },
    /// A profile of the AWS config, through the SDK's provider.
    Profile(String),
    /// A role profile assumed with an MFA code (renewing wants a new code).
    MfaProfile(String),
    /// GetSessionToken with this MFA device: roles are assumed from it without a code.
    MfaSession(String),
    /// An IAM Identity Center role in an account, through the portal with `login`'s token
    /// (renewed the same way while the sign-in lasts).
    Sso {
        login: crate::model::sso::SsoLogin,
        account_id: String,
        role_name: String,
    },
}

/// What an answered AssumeRole (or profile, or MFA session) made of its identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Made {
    /// New credentials for an identity already held.
    Renewed,
    /// The identity worked as from now on.
    Switched,
    /// An identity to hold beside the others.
    Pinned,
}

/// How long before its credentials expire an identity is renewed (or, when that needs an
/// MFA code, the title warns).
pub(crate) const RENEW_BEFORE: jiff::SignedDuration = jiff::SignedDuration::from_mins(5);

#[derive(Debug, Clone)]
pub struct Session {
    /// The identities whose data is held (listed, described, revealed), each with its
    /// current generation: a result is used only when its identity is held and its
    /// generation is that identity's current one (`holds`). Today one identity is held,
    /// the current one; holding more is a matter of the UI.
    held: Vec<Stamp>,
    /// The last generation given out: each refresh or hold takes a new one, so an answer
    /// asked for before never matches again (not even when an identity is held again).
    generations: u64,
    /// The highest identity number given out.
    issued: u32,
    /// The identity new effects run as.
    pub identity: IdentityId,
    /// Who each held identity is, once GetCallerIdentity has answered as it (`caller`
    /// is the current one's): an error about one identity's rows says as whom.
    callers: Vec<(IdentityId, Caller)>,
    /// Where the profile or environment says we are: STS is asked there.
    pub(crate) home_region: Option<String>,
    /// Every identity held, the start one first.
    pub(crate) known: Vec<KnownIdentity>,
    /// The identities worked as before the current one, the latest last: `role-back` walks
    /// back through them to the start identity.
    pub(crate) history: Vec<IdentityId>,
    /// The identity on its way (as the user chose it), so it is asked for once.
    pub(crate) assuming: Option<Identity>,
    /// Writes sent and not answered yet: the identity does not change under them (their
    /// answers, as the old identity, would be dropped).
    writes_in_flight: usize,
    /// Where the identity on its way comes from.
    pending_origin: Option<Origin>,
    /// Pinned identities whose credentials are being renewed (each on its own, beside
    /// whatever the user has on its way).
    renewing: Vec<IdentityId>,
    /// Pinned identities whose renewal was refused: not asked again by itself (the bar
    /// says they expired; pinning again makes them anew).
    renew_refused: Vec<IdentityId>,
    /// Roles on their way to be pinned side by side (an organisation's accounts), each
    /// with where it comes from: many at once, beside whatever the user has on its way.
    pins_on_way: Vec<(IdentityId, Origin)>,
    /// Whether the identity on its way is to be pinned (held beside the others) rather
    /// than worked as: set as the switcher opens, for what it is opened for.
    pub(crate) pinning: bool,
    /// Each held identity's account alias, once ListAccountAliases has answered as it
    /// (`None`: the account has none).
    aliases: Vec<(IdentityId, Option<String>)>,
    /// The profiles of the user's AWS config (read at start).
    pub profiles: Vec<crate::model::ProfileInfo>,
    /// The profile smtui started with (`--profile` or the config file), if any.
    pub start_profile: Option<String>,
    /// Roles assumed recently (ARNs and dates only), and where they are kept.
    pub(crate) recent: Vec<crate::recent::RecentRole>,
    pub recent_path: Option<std::path::PathBuf>,
}

impl Session {
    pub(crate) fn new(home_region: Option<String>) -> Self {
        Self {
            held: vec![Stamp {
                generation: 1,
                identity: IdentityId::START,
            }],
            generations: 1,
            issued: 0,
            identity: IdentityId::START,
            callers: Vec::new(),
            home_region,
            known: vec![KnownIdentity {
                identity: Identity::start(),
                expires: None,
                origin: Origin::Start,
            }],
            history: Vec::new(),
            assuming: None,
            writes_in_flight: 0,
            pending_origin: None,
            pinning: false,
            renewing: Vec::new(),
            renew_refused: Vec::new(),
            pins_on_way: Vec::new(),
            aliases: Vec::new(),
            profiles: Vec::new(),
            start_profile: None,
            recent: Vec::new(),
            recent_path: None,
        }
    }

    /// Who the identity worked as is, once GetCallerIdentity has answered.
    pub fn caller(&self) -> Option<&Caller> {
        self.caller_of(self.identity)
    }

    /// Who `identity` is, once GetCallerIdentity has answered as it.
    pub fn caller_of(&self, identity: IdentityId) -> Option<&Caller> {
        self.callers
            .iter()
            .find(|(id, _)| *id == identity)
            .map(|(_, caller)| caller)
    }

    /// Who each identity that has answered is.
    pub(crate) fn callers(&self) -> &[(IdentityId, Caller)] {
        &self.callers
    }

    /// GetCallerIdentity answered as `identity`: kept under it while it is held.
    pub(crate) fn answered_who(&mut self, identity: IdentityId, caller: Caller) {
        if !self.is_held(identity) {
            return;
        }
        self.callers.retain(|(id, _)| *id != identity);
        self.callers.push((identity, caller));
    }

    /// The identity effects run as now.
    pub fn current(&self) -> Option<&KnownIdentity> {
        self.known.iter().find(|k| k.identity.id == self.identity)
    }

    /// An identity number never given before (not even to one unpinned since: the runner
    /// keeps a dropped identity's number dropped).
    fn next_identity(&mut self) -> IdentityId {
        let known = self.known.iter().map(|k| k.identity.id.0);
        let on_way = self.pins_on_way.iter().map(|(id, _)| id.0);
        let assuming = self.assuming.iter().map(|i| i.id.0);
        let highest = known.chain(on_way).chain(assuming).max().unwrap_or(0);
        self.issued = self.issued.max(highest) + 1;
        IdentityId(self.issued)
    }

    /// AssumeRole of `role_arn` as the identity worked as, to pin (one of many at once:
    /// an organisation's accounts), with the session name `smtui-<user>`.
    pub(crate) fn pin_role(&mut self, role_arn: Arn, user: &str) -> Effect {
        let next = self.next_identity();
        let session_name = clean_session_name(&format!("smtui-{user}"));
        self.pins_on_way.push((
            next,
            Origin::Role {
                parent: self.identity,
                role_arn: role_arn.clone(),
                session_name: session_name.clone(),
            },
        ));
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(Call::AssumeRole {
                role_arn,
                session_name,
                external_id: None,
                duration_secs: None,
                new_identity: next,
                region: self.home_region.clone(),
                as_identity: None,
            }),
        }
    }

    /// The credentials of `profile`, into a new identity.
    pub(crate) fn use_profile(&mut self, profile: String) -> Effect {
        let next = self.next_identity();
        self.assuming = Some(Identity::profile(next, profile.clone()));
        self.pending_origin = Some(Origin::Profile(profile.clone()));
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(Call::UseProfile {
                profile,
                new_identity: next,
            }),
        }
    }

    /// AssumeRole of a role profile's role with an MFA code, as its source profile (`None`
    /// when the profile has no role, or its `role_arn` is not an ARN).
    pub(crate) fn assume_with_mfa(
        &mut self,
        profile: &crate::model::ProfileInfo,
        code: crate::secret::SecretValue,
        user: &str,
    ) -> Option<Effect> {
        let crate::model::ProfileKind::Role { role_arn, source } = &profile.kind else {
            return None;
        };
        let role_arn = role_arn.clone();
        let serial = profile.mfa_serial.clone()?;
        let next = self.next_identity();
        // Chosen as the profile, so named as it while on its way.
        self.assuming = Some(Identity::profile(next, profile.name.clone()));
        self.pending_origin = Some(Origin::MfaProfile(profile.name.clone()));
        Some(Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(Call::AssumeRoleWithMfa {
                role_arn,
                source_profile: source.clone(),
                session_name: clean_session_name(
                    profile
                        .session_name
                        .as_deref()
                        .unwrap_or(&format!("smtui-{user}")),
                ),
                serial,
                code,
                code_from: profile.mfa_process.clone(),
                external_id: None,
                duration_secs: profile.duration_secs,
                new_identity: next,
                region: profile.region.clone().or_else(|| self.home_region.clone()),
            }),
        })
    }

    /// AssumeRole of `role_arn` with its options (and, for an MFA device, `code`), as the
    /// current identity, into a new identity.
    pub(crate) fn assume_with(
        &mut self,
        role_arn: Arn,
        options: role_form::RoleOptions,
        code: Option<crate::secret::SecretValue>,
    ) -> Effect {
        let next = self.next_identity();
        let effect = self.assume_as(self.identity, role_arn, options.session_name, next);
        let Effect::Aws { stamp, call } = effect else {
            return effect;
        };
        let Ask::Make(Call::AssumeRole {
            role_arn,
            session_name,
            new_identity,
            region,
            as_identity,
            ..
        }) = call
        else {
            return Effect::Aws { stamp, call };
        };
        let call = match (options.mfa_serial, code) {
            (Some(serial), Some(code)) => Ask::Make(Call::AssumeRoleWithMfa {
                role_arn,
                source_profile: None,
                session_name,
                serial,
                code,
                code_from: None,
                external_id: options.external_id,
                duration_secs: options.duration_secs,
                new_identity,
                region,
            }),
            _ => Ask::Make(Call::AssumeRole {
                role_arn,
                session_name,
                external_id: options.external_id,
                duration_secs: options.duration_secs,
                new_identity,
                region,
                as_identity,
            }),
        };
        Effect::Aws { stamp, call }
    }

    /// AssumeRole as `parent`, into `into` (a new identity, or the same one renewed).
    fn assume_as(
        &mut self,
        parent: IdentityId,
        role_arn: Arn,
        session_name: String,
        into: IdentityId,
    ) -> Effect {
        self.assuming = Some(Identity::role(into, role_arn.clone()));
        self.pending_origin = Some(Origin::Role {
            parent,
            role_arn: role_arn.clone(),
            session_name: session_name.clone(),
        });
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(Call::AssumeRole {
                role_arn,
                session_name,
                external_id: None,
                duration_secs: None,
                new_identity: into,
                region: self.home_region.clone(),
                as_identity: Some(parent),
            }),
        }
    }

    /// New credentials for the current identity, the way it got its own: `Err` says why
    /// not (the start's renew themselves; an MFA role wants a new code: its profile).
    pub(crate) fn renew(&mut self) -> Result<Effect, Renewal> {
        let current = self.current().cloned().ok_or(Renewal::Itself)?;
        match current.origin {
            Origin::Start => Err(Renewal::Itself),
            Origin::MfaProfile(profile) => Err(Renewal::NeedsCode(profile)),
            Origin::MfaSession(serial) => Err(Renewal::NeedsSessionCode(serial)),
            Origin::Role {
                parent,
                role_arn,
                session_name,
            } => Ok(self.assume_as(parent, role_arn, session_name, current.identity.id)),
            Origin::Sso {
                login,
                account_id,
                role_name,
            } => Ok(self.sso_into(login, account_id, role_name, current.identity.id)),
            Origin::Profile(profile) => {
                self.assuming = Some(Identity::profile(current.identity.id, profile.clone()));
                self.pending_origin = Some(Origin::Profile(profile.clone()));
                Ok(Effect::Aws {
                    stamp: self.stamp(),
                    call: Ask::Make(Call::UseProfile {
                        profile,
                        new_identity: current.identity.id,
                    }),
                })
            }
        }
    }

    /// GetSessionToken with `code` as the current identity, into a new identity.
    pub(crate) fn session_token(
        &mut self,
        serial: String,
        code: crate::secret::SecretValue,
    ) -> Effect {
        let next = self.next_identity();
        self.assuming = Some(Identity::mfa_session(next, serial.clone()));
        self.pending_origin = Some(Origin::MfaSession(serial.clone()));
        Effect::Aws {
            stamp: self.stamp(),
            call: Ask::Make(Call::SessionToken {
                serial,
                code,
                new_identity: next,
                region: self.home_region.clone(),
            }),
        }
    }

    /// Whether the current identity is an MFA session (roles then need no code).
    pub fn in_mfa_session(&self) -> bool {
        self.current()
            .is_some_and(|k| matches!(k.origin, Origin::MfaSession(_)))
    }

    /// Whether the current identity's credentials expire within `RENEW_BEFORE`.
    pub(crate) fn expiring(&self, now: Timestamp) -> bool {
        self.current()
            .and_then(|k| k.expires)
            .is_some_and(|t| t.duration_since(now) < RENEW_BEFORE)
    }

    /// The answer to an AssumeRole: on success, an identity already held has new
    /// credentials (`Made::Renewed`); a new one becomes the current one (a new generation:
    /// everything of the old one is stale), or, when it was asked for to pin, is known and
    /// left for the router to hold beside the others (`Made::Pinned`).
    pub(crate) fn assumed(
        &mut self,
        identity: Identity,
        result: Result<Assumed, AwsError>,
    ) -> Result<Made, AwsError> {
        if let Some(at) = self.renewing.iter().position(|id| *id == identity.id) {
            // A pinned identity renewed on its own: nothing the user has on its way changes.
            self.renewing.remove(at);
            let assumed = result.inspect_err(|_| self.renew_refused.push(identity.id))?;
            if let Some(known) = self.known.iter_mut().find(|k| k.identity.id == identity.id) {
                known.expires = assumed.expires;
                if assumed.arn.is_some() {
                    known.identity.arn = assumed.arn;
                }
            }
            return Ok(Made::Renewed);
        }
        if let Some(at) = self
            .pins_on_way
            .iter()
            .position(|(id, _)| *id == identity.id)
        {
            let (_, origin) = self.pins_on_way.remove(at);
            let assumed = result?;
            self.known.push(KnownIdentity {
                identity: identity.with_arn(assumed.arn),
                expires: assumed.expires,
                origin,
            });
            return Ok(Made::Pinned);
        }
        self.assuming = None;
        let pinning = std::mem::take(&mut self.pinning);
        let origin = self.pending_origin.take().unwrap_or(Origin::Start);
        let id = identity.id;
        // The current identity's renewal, refused (an Identity Center sign-in expired, a
        // parent's credentials gone): not asked again by itself, every tick.
        let renewal = id == self.identity;
        let assumed = result.inspect_err(|_| {
            if renewal && !self.renew_refused.contains(&id) {
                self.renew_refused.push(id);
            }
        })?;
        self.renew_refused.retain(|refused| *refused != id);
        self.known.retain(|k| k.identity.id != id);
        self.known.push(KnownIdentity {
            identity: identity.with_arn(assumed.arn),
            expires: assumed.expires,
            origin,
        });
        if id == self.identity || self.is_held(id) {
            return Ok(Made::Renewed);
        }
        if pinning {
            return Ok(Made::Pinned);
        }
        self.switch_to(id);
        Ok(Made::Switched)
    }

    /// An AssumeRole answered while the identity could not change: nothing is on its way
    /// any more, and smtui goes on as the current identity.
    pub(crate) fn switch_refused(&mut self) {
        self.assuming = None;
        self.pending_origin = None;
        self.pinning = false;
    }

    /// `role_arn` was assumed: remembered (ARN and date, never credentials).
    pub(crate) fn remember(&mut self, role_arn: &Arn, now: Timestamp) -> Option<Effect> {
        crate::recent::used(&mut self.recent, role_arn, now);
        Some(Effect::SaveRecentRoles {
            path: self.recent_path.clone()?,
            roles: self.recent.clone(),
        })
    }

    /// Works as `identity` from now on; the one before is remembered for `role-back`.
    pub(crate) fn switch_to(&mut self, identity: IdentityId) {
        if identity == self.identity {
            return;
        }
        self.history.push(self.identity);
        self.work_as(identity);
    }

    /// A switch, as the UI has it: the identity worked as before is no longer held (its
    /// answers still on their way are dropped, who it is is forgotten), and `identity` is
    /// held and worked as (who it is comes with its GetCallerIdentity).
    fn work_as(&mut self, identity: IdentityId) {
        self.release(self.identity);
        self.identity = identity;
        self.hold(identity);
    }

    /// The identity `role-back` returns to.
    pub(crate) fn previous(&self) -> Option<IdentityId> {
        self.history.last().copied()
    }

    /// `role-back`: works as the identity before the current one again; false when the
    /// current one is the start identity (nothing before it).
    pub(crate) fn go_back(&mut self) -> bool {
        let Some(previous) = self.history.pop() else {
            return false;
        };
        self.work_as(previous);
        true
    }
}

/// A session name AWS accepts (`[\w+=,.@-]{2,64}`), from `name`.
pub(crate) fn clean_session_name(name: &str) -> String {
    let mut clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_+=,.@-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    while clean.len() < 2 {
        clean.push('-');
    }
    clean
}

#[cfg(test)]
mod tests;
