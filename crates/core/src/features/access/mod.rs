//! The access pane: who can read the selected secret's value, from its resource policy, its
//! key's policy and the account's IAM (GetAccountAuthorizationDetails, read once per identity
//! and kept for the session with its age), evaluated by `model::access`. Enter shows the
//! statements that decided a row; `access-verify` asks IAM's policy simulator about the
//! highlighted principal and says where it disagrees. Every call is a read.

pub(crate) mod call;
pub(crate) mod commands;
pub(crate) mod outcome;
mod pane;
mod statements;
mod update;
mod verify;

#[cfg(test)]
mod tests;
pub(crate) mod view;

pub use crate::model::access::{CanRead, Reach, ReadLog, Reader};
pub use call::Call;
pub use commands::Command;
pub use outcome::Outcome;

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ids::{IdentityId, SecretRef};
use crate::kit::{Cursor, Scroll, Theme};
use crate::model::access::{AccountIam, IamPage, KeyFacts, Simulation};
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::update::Here;
use crate::room::{Ctx, Never};

/// The access room's words: its commands, its reads, the pane and one row's statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Never;
}

/// An answer in the access room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// The app runs the access room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Access;
    type Outcome = Outcome;
    type Open = AccessView;
    const LAYERS: &'static [Layer] = &[Layer::Access];

    fn run(access: &mut Access, command: Command, _: &Here, ctx: &Ctx, out: &mut Out) {
        access.run(command, ctx, out);
    }

    fn answered(
        access: &mut Access,
        view: Option<&mut AccessView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        access.answered(view, outcome, ctx, out);
    }

    fn layer_command(
        access: &mut Access,
        view: Option<&mut AccessView>,
        _: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(view) = view {
            access.command(view, command, ctx, out);
        }
    }

    fn forget(access: &mut Access, identity: IdentityId) {
        access.iam.remove(&identity);
    }

    fn identity_switched(access: &mut Access) {
        access.iam.clear();
    }
}

/// The account's IAM as one identity reads it: loading page by page, then kept.
#[derive(Debug, Clone, Default)]
pub struct IamLoad {
    pub(crate) pages: Vec<IamPage>,
    /// How many entities GetAccountSummary counts, for the progress bar.
    pub(crate) total: Option<usize>,
    /// Merged once the last page is in, with when that was.
    pub(crate) merged: Option<(Arc<AccountIam>, jiff::Timestamp)>,
    /// Why it could not be read (the pane then says which permission is missing).
    pub(crate) error: Option<String>,
    /// A page is on its way.
    pub(crate) loading: bool,
}

impl IamLoad {
    pub(crate) fn loaded_entities(&self) -> usize {
        self.pages.iter().map(IamPage::entities).sum()
    }
}

/// The room: each identity's IAM, read once for the session (`r` in the pane reads it again).
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub(crate) iam: HashMap<IdentityId, IamLoad>,
}

/// One source of the pane: on its way, read, or refused (with why, in plain words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<T> {
    Loading,
    Read(T),
    Failed(String),
}

/// What the simulator said of one principal, or that it is being asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Asking,
    Answered(Simulation),
    Failed(String),
}

/// The pane as it is open: its secret, its sources as they arrive, the rows evaluated from
/// them, and the simulator's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessView {
    pub secret: SecretRef,
    /// The key DescribeSecret named (`None`: the AWS managed key).
    pub(crate) key_id: Option<String>,
    pub resource_policy: Source<Option<String>>,
    pub key: Source<KeyFacts>,
    /// The account's IAM, once merged, with when it was read.
    pub iam: Source<(Arc<AccountIam>, jiff::Timestamp)>,
    /// While IAM loads: entities read so far and the total, when known.
    pub(crate) progress: (usize, Option<usize>),
    pub rows: Vec<Reader>,
    /// Policies that could not be read, with why.
    pub unreadable: Vec<(String, String)>,
    pub(crate) selected: Cursor,
    /// Who read the secret in the window, from CloudTrail.
    pub reads: ReadLog,
    /// By principal ARN.
    pub verifications: HashMap<String, Verification>,
}

impl Shown<Room> for AccessView {
    fn layer(&self) -> Layer {
        Layer::Access
    }

    /// What was read as the secret's identity.
    fn holds(&self) -> Holds {
        Holds::Identity(self.secret.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.docked, (self, around.wall), theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.docked)
    }
}

/// The statements that decided one row, as pretty JSON, over the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statements {
    pub(crate) title: String,
    /// The text shown, built when opened (sanitised when drawn).
    pub(crate) text: String,
    pub(crate) identity: IdentityId,
    pub(crate) scroll: Scroll,
}

impl Shown<Room> for Statements {
    fn layer(&self) -> Layer {
        Layer::AccessStatements
    }

    fn holds(&self) -> Holds {
        Holds::Identity(self.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render_statements(frame, around.docked, self, theme);
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, _: &Ctx, out: &mut Out) {
        Statements::command(self, command, out);
    }
}
