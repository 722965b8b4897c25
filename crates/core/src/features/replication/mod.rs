//! The replication pane: for a primary with replicas, or a replica, each region's copy side
//! by side — its replication status (InSync, InProgress, Failed with the service's message),
//! its AWSCURRENT version, how far its last change is from the primary's, its KMS key, and
//! whether its tags and resource policy match the primary's — all from DescribeSecret and
//! GetResourcePolicy, without reading a value. A copy promoted away from its primary is
//! flagged. Where versions disagree, `replication-check` compares the values region by
//! region (said first: it reads each), as fingerprints only. Replicating to another region,
//! stopping a replica's replication and removing a replica are asked for here and
//! confirmed.

pub(crate) mod call;
pub(crate) mod commands;
mod compare;
pub(crate) mod outcome;
mod prompt;
mod update;
pub(crate) mod view;
mod writes;

#[cfg(test)]
mod tests;

pub use crate::model::replication::{RegionCopy, ReplicaStatus};
pub use call::Call;
pub use commands::Command;
pub use compare::{Policies, Role, TagsMatch, skew};
pub use outcome::Outcome;
pub use prompt::Prompt;

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::fingerprint::Fingerprint;
use crate::ids::SecretRef;
use crate::kit::{Cursor, Theme};
use crate::room::Ctx;
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::update::Here;

/// The replication room's words: its commands, its reads and writes, the pane, and the
/// region and key it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Prompt;
}

/// An answer in the replication room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// The app runs the replication room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Replication;
    type Outcome = Outcome;
    type Open = ReplicationView;
    const LAYERS: &'static [Layer] = &[Layer::Replication];

    fn run(_: &mut Replication, command: Command, here: &Here, ctx: &Ctx, out: &mut Out) {
        Replication::run(command, here, ctx, out);
    }

    fn answered(
        _: &mut Replication,
        view: Option<&mut ReplicationView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        Replication::answered(view, outcome, ctx, out);
    }

    fn prompted(
        _: &mut Replication,
        view: Option<&mut ReplicationView>,
        prompt: Prompt,
        text: String,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(view) = view {
            view.prompted(prompt, text, ctx, out);
        }
    }

    fn layer_command(
        _: &mut Replication,
        view: Option<&mut ReplicationView>,
        _: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(view) = view {
            view.command(command, ctx, out);
        }
    }

    fn available(
        _: &Replication,
        view: Option<&ReplicationView>,
        _: Layer,
        command: Bind<Command>,
        _: &Ctx,
    ) -> Option<bool> {
        match (view, command) {
            (Some(view), Bind::Own(command)) => Some(commands::available(view, command)),
            _ => None,
        }
    }
}

/// The room keeps nothing between openings: the pane is its data.
#[derive(Debug, Clone, Default)]
pub struct Replication;

/// One read of the pane: on its way, read, or refused (with why, in plain words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<T> {
    Loading,
    Read(T),
    Failed(String),
}

/// The value check of one region: a fingerprint, never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Read(Fingerprint),
    Failed(String),
}

/// The pane as it is open: the secret it was opened on, where its primary is, every
/// region's copy and policy as they arrive, and the value check's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationView {
    /// The secret the pane was opened on.
    pub secret: SecretRef,
    /// The region the list said was its primary (a replica's row), to catch a replica
    /// promoted since it was listed.
    pub(crate) listed_primary: Option<String>,
    /// The primary, once the opened secret's own DescribeSecret has said where it is.
    pub primary: Option<SecretRef>,
    /// Each region's DescribeSecret, by region.
    pub copies: BTreeMap<String, Source<RegionCopy>>,
    /// Each region's GetResourcePolicy, by region.
    pub policies: BTreeMap<String, Source<Option<String>>>,
    /// The value check's answers, by region (empty until asked).
    pub checks: BTreeMap<String, Check>,
    /// Other copies of the same name in the same account, by region: listed (with their
    /// own ARNs: a secret made apart has its own suffix), or a replica stopped from this
    /// pane. Read to flag one promoted away from its primary.
    pub(crate) others: BTreeMap<String, SecretRef>,
    /// The regions drawn, in order: the primary, its replicas, then any other copy.
    pub rows: Vec<String>,
    pub(crate) selected: Cursor,
    /// The region highlighted before a read again, highlighted again once it is drawn.
    pub(crate) keep: Option<String>,
}

impl Shown<Room> for ReplicationView {
    fn layer(&self) -> Layer {
        Layer::Replication
    }

    /// What was read as the secret's identity.
    fn holds(&self) -> Holds {
        Holds::Identity(self.secret.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.docked, self, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.docked)
    }
}
