//! The organisation (`:org`, `smtui --org`): from the management account or a delegated
//! administrator, list the organisation's ACTIVE accounts (all, or one organisational
//! unit's, narrowed by a name pattern), assume the named role in each (at most
//! `MAX_ASSUMES` at a time, as the identity worked as: an MFA session's credentials need no
//! code per role) and pin each as its assume answers, so accounts appear as they come. An
//! account whose assume is refused is kept with the reason, for the account bar.

pub(crate) mod call;
pub(crate) mod commands;
mod discovery;
#[cfg(test)]
mod tests;

pub use crate::model::org::{DEFAULT_ROLE, MAX_ASSUMES, OrgOptions};
pub use call::{Call, Outcome};
pub use commands::Command;
pub use discovery::{AccountState, Discovery, OrgEntry};

use crate::room::update::Here;
use crate::room::{Ctx, Intent, Never, RoomPrompt};

/// The org room's words: its command, its one call (the accounts), and the prompt that
/// takes the options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Never;
    type Prompt = Prompt;
}

/// An answer in the org room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// What the org room asks for by prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The role to assume in each account, and how to narrow the accounts.
    Options,
}

impl RoomPrompt for Prompt {}

/// The room: the options given at start (`--org`), and the discovery under way or done.
#[derive(Debug, Clone, Default)]
pub struct Org {
    /// `smtui --org`: discovered once who smtui is is known (the own account is skipped).
    pub(crate) at_start: Option<OrgOptions>,
    pub discovery: Option<Discovery>,
    /// The accounts, when they answered before who smtui is (its own account is left out,
    /// so they wait for it).
    stashed: Option<Vec<crate::model::org::OrgAccount>>,
}

impl Org {
    /// `--org` at start: discovery begins with the first action after who smtui is is
    /// known.
    pub fn start_with(&mut self, options: OrgOptions) {
        self.at_start = Some(options);
    }

    /// Whether a discovery is still to start or under way (its accounts not all answered):
    /// `--exit-after-load` waits for it.
    pub fn busy(&self) -> bool {
        self.at_start.is_some()
            || self.discovery.as_ref().is_some_and(|d| {
                d.accounts.as_ref().is_none_or(|accounts| {
                    accounts
                        .iter()
                        .any(|a| matches!(a.state, AccountState::Waiting | AccountState::Assuming))
                })
            })
    }

    /// The accounts whose assume was refused, with why, for the account bar.
    pub fn refused(&self) -> Vec<(String, String)> {
        self.discovery
            .as_ref()
            .map(Discovery::refused)
            .unwrap_or_default()
    }

    /// `--org` at start: the accounts are asked for at once, beside who smtui is (they
    /// are chosen once that has answered).
    pub(crate) fn start_now(&mut self, ctx: &Ctx, out: &mut Out) {
        if let Some(options) = self.at_start.take() {
            self.discover(options, ctx, out);
        }
    }

    /// Who smtui is has answered: accounts that came first are chosen now (and `--org`
    /// given before the start's effects, asked for now).
    pub(crate) fn start_due(&mut self, ctx: &Ctx, out: &mut Out) {
        if ctx.identity.is_none() {
            return;
        }
        if let Some(options) = self.at_start.take() {
            self.discover(options, ctx, out);
        }
        if let Some(accounts) = self.stashed.take() {
            self.choose(accounts, ctx, out);
        }
    }

    /// The organisation's accounts, with who smtui is known: the chosen ones' assumes start.
    fn choose(&mut self, accounts: Vec<crate::model::org::OrgAccount>, ctx: &Ctx, out: &mut Out) {
        let Some(discovery) = &mut self.discovery else {
            return;
        };
        let me = ctx.identity.and_then(|c| c.as_ref().ok());
        let own = me.map(|c| c.account.clone());
        let chained = me.is_some_and(|c| c.arn.resource().starts_with("assumed-role/"));
        discovery.listed(accounts, own.as_deref());
        out.info(discovery.starting(chained));
        discovery.next_assumes(out);
        if let Some(summary) = discovery.finished() {
            out.info(summary);
        }
    }

    fn discover(&mut self, options: OrgOptions, ctx: &Ctx, out: &mut Out) {
        out.info(format!(
            "Listing the organisation's accounts{}…",
            options
                .unit
                .as_deref()
                .map(|u| format!(" in {u}"))
                .unwrap_or_default()
        ));
        out.call(
            ctx,
            Call::Accounts {
                unit: options.unit.clone(),
            },
        );
        self.discovery = Some(Discovery::new(options));
    }

    /// The answer to an AssumeRole of this discovery's, into `account`: the identity it
    /// made, or why not. More assumes start as these end.
    pub(crate) fn assumed(
        &mut self,
        account: &str,
        result: Result<crate::ids::IdentityId, String>,
        out: &mut Out,
    ) {
        let Some(discovery) = &mut self.discovery else {
            return;
        };
        discovery.answered(account, result);
        discovery.next_assumes(out);
        if let Some(summary) = discovery.finished() {
            out.info(summary);
        }
    }
}

/// The app runs the org room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Org;
    type Outcome = Outcome;
    type Open = Never;

    fn run(_: &mut Org, command: Command, _: &Here, _: &Ctx, out: &mut Out) {
        match command {
            Command::Discover => out.intent(Intent::Prompt {
                label: "Organisation: the role to assume in each account, and optionally \
                        unit=OU (name or ID) and name=PATTERN"
                    .to_owned(),
                initial: OrgOptions::default().to_string(),
                purpose: Prompt::Options,
            }),
        }
    }

    fn prompted(
        org: &mut Org,
        _: Option<&mut Never>,
        prompt: Prompt,
        text: String,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        match prompt {
            Prompt::Options => match text.parse::<OrgOptions>() {
                Ok(options) => org.discover(options, ctx, out),
                Err(why) => {
                    out.error(why);
                    out.intent(Intent::PromptAgain { text });
                }
            },
        }
    }

    fn answered(org: &mut Org, _: Option<&mut Never>, outcome: Outcome, ctx: &Ctx, out: &mut Out) {
        if org.discovery.is_none() {
            return;
        }
        match outcome {
            Outcome::Accounts(Err(error)) => {
                out.error(format!(
                    "Could not list the organisation's accounts: {} (it takes the management \
                     account or a delegated administrator)",
                    ctx.explain(&error)
                ));
                org.discovery = None;
            }
            // Before who smtui is: kept until it answers (`start_due`).
            Outcome::Accounts(Ok(accounts)) if ctx.identity.is_none() => {
                org.stashed = Some(accounts);
            }
            Outcome::Accounts(Ok(accounts)) => org.choose(accounts, ctx, out),
        }
    }

    /// A discovery's pins are the session's: they go with it.
    fn identity_switched(org: &mut Org) {
        org.discovery = None;
    }
}
