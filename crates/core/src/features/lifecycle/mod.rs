//! Lifecycle: deleting a secret (after a recovery window of 7 to 30 days, or at once) and
//! restoring one scheduled for deletion. The delete popup chooses how; the confirm layer
//! then wants the secret's name typed; deleting without recovery is a choice of its own,
//! labelled as such, with its own typed confirmation.

pub mod call;
pub(crate) mod commands;
pub(crate) mod outcome;
mod update;
pub(crate) mod view;
pub use call::Call;
pub use commands::Command;
pub use outcome::Outcome;

use ratatui::Frame;

use crate::kit::Theme;
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{Ctx, Never, Out};

/// The lifecycle room's words: it asks for deletes, restores and replica removals, and
/// opens the delete popup; it prompts for nothing (the confirm layer takes typed names).
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Never;
}

/// The app runs the lifecycle room through its one registration line (the delete form
/// takes its keys alone).
impl crate::room::update::Update for Room {
    type State = Lifecycle;
    type Outcome = Outcome;
    type Open = Never;

    fn run(_: &mut Lifecycle, command: Command, _: &Here, ctx: &Ctx, out: &mut Out<Room>) {
        Lifecycle::run(command, ctx, out);
    }

    fn answered(
        _: &mut Lifecycle,
        _: Option<&mut Never>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        Lifecycle::answered(outcome, ctx, out);
    }

    fn available(
        _: &Lifecycle,
        _: Option<&Never>,
        _: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
    ) -> Option<bool> {
        match command {
            Bind::Own(command) => Some(commands::available(command, ctx)),
            Bind::Verb(_) => None,
        }
    }
}

/// The service's recovery window, in days.
pub(crate) const MIN_DAYS: u8 = 7;
pub(crate) const MAX_DAYS: u8 = 30;

/// The delete popup, on the layer stack while open (`Layer::Delete`): which secret, and
/// how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteForm {
    pub(crate) secret: crate::ids::SecretRef,
    /// Days it stays restorable.
    pub days: u8,
    /// Gone at once instead (ForceDeleteWithoutRecovery).
    pub(crate) without_recovery: bool,
}

/// It takes its keys alone.
impl Shown<Room> for DeleteForm {
    fn layer(&self) -> Layer {
        Layer::Delete
    }

    /// A write to make as the identity that listed its secret.
    fn holds(&self) -> Holds {
        Holds::Identity(self.secret.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.whole, self, around.keymap, theme);
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out<Room>) {
        DeleteForm::command(self, command, ctx, out);
    }
}

/// The room: what it holds while its popup is open is the popup itself.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle;
