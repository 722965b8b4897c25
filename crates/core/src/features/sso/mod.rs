//! IAM Identity Center (`sso`, `sso-login`, and the switcher's "Identity Center …"
//! entries): the accounts and roles the signed-in user's portal grants, to switch to or
//! pin, one at a time or "every account where I have role X" (at most `MAX_ASSUMES` on
//! their way at once); and, when the sign-in is missing or expired, the OIDC device sign-in
//! from inside smtui, whose token is cached where the AWS CLI caches it. The token never
//! reaches this room: the runner reads and writes it.

mod answers;
mod batch;
pub(crate) mod call;
pub(crate) mod commands;
mod portal;
#[cfg(test)]
mod tests;
pub(crate) mod view;

pub use call::{Call, Outcome};
pub use commands::Command;
pub use portal::{PortalView, Stage};

use crate::model::sso::{PortalAccount, SsoLogin};
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::update::Here;
use crate::room::{Ctx, Never};

/// The Identity Center room's words: its commands, its calls, its popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn crate::room::popup::Shown<Self>>;
    type Prompt = Never;
}

/// An answer in the Identity Center room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// The room: where the profiles sign in, each sign-in's accounts once the portal has
/// listed them (kept for the session), and a "role X everywhere" pinning under way.
#[derive(Debug, Clone, Default)]
pub struct IdentityCenter {
    pub(crate) logins: Vec<SsoLogin>,
    listed: Vec<(SsoLogin, Vec<PortalAccount>)>,
    pub(crate) batch: Option<batch::Batch>,
}

impl IdentityCenter {
    /// The sign-ins of the user's AWS config (read at start).
    pub fn set_logins(&mut self, logins: Vec<SsoLogin>) {
        self.logins = logins;
    }

    /// The sign-ins `sso-login` and `sso` choose from, the one they use first.
    pub fn logins(&self) -> &[SsoLogin] {
        &self.logins
    }

    /// `login`'s accounts, once listed.
    fn listed(&self, login: &SsoLogin) -> Option<&Vec<PortalAccount>> {
        self.listed
            .iter()
            .find(|(l, _)| l.cache_key() == login.cache_key())
            .map(|(_, accounts)| accounts)
    }

    /// The popup for `login` (`pin`: what is chosen is pinned): its accounts at once when
    /// listed before, else asked for now.
    pub(crate) fn open(&mut self, login: SsoLogin, pin: bool, ctx: &Ctx, out: &mut Out) {
        let stage = if let Some(accounts) = self.listed(&login) {
            Stage::Listed(accounts.clone())
        } else {
            out.call(
                ctx,
                Call::Accounts {
                    login: login.clone(),
                },
            );
            Stage::Asking
        };
        out.open(PortalView::new(login, pin, stage));
    }

    /// The sign-in a command is about: the only one, or the first of the config's.
    fn first_login(&self, out: &mut Out) -> Option<SsoLogin> {
        let login = self.logins.first().cloned();
        if login.is_none() {
            out.warn(
                "No IAM Identity Center sign-in in the AWS config: add an [sso-session] and a \
                 profile that uses it (see docs/guide.md)",
            );
        }
        login
    }

    fn run(&mut self, command: Command, ctx: &Ctx, out: &mut Out) {
        let Some(login) = self.first_login(out) else {
            return;
        };
        match command {
            Command::Accounts => self.open(login, false, ctx, out),
            Command::SignIn => {
                out.call(
                    ctx,
                    Call::StartSignIn {
                        login: login.clone(),
                    },
                );
                out.open(PortalView::new(login, false, Stage::Starting));
            }
        }
    }
}

/// The app runs the Identity Center room through its one registration line.
impl crate::room::update::Update for Room {
    type State = IdentityCenter;
    type Outcome = Outcome;
    type Open = PortalView;
    const LAYERS: &'static [Layer] = &[Layer::Portal];

    fn run(room: &mut IdentityCenter, command: Command, _: &Here, ctx: &Ctx, out: &mut Out) {
        room.run(command, ctx, out);
    }

    fn answered(
        room: &mut IdentityCenter,
        view: Option<&mut PortalView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        room.answered(view, outcome, ctx, out);
    }

    fn layer_command(
        room: &mut IdentityCenter,
        view: Option<&mut PortalView>,
        _: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(view) = view {
            room.command(view, command, ctx, out);
        }
    }

    /// A "role X everywhere" pinning goes with the identity it was started as.
    fn identity_switched(room: &mut IdentityCenter) {
        room.batch = None;
    }
}
