//! The one shape of a registered room's update, so the app runs every such room the same
//! way without knowing its fields: what its commands do over the panes (`run`), what it makes
//! of its AWS answers (`answered`) and of its prompts' text (`prompted`), the keys of the
//! layers it owns (`layer_command`), and what it forgets when an identity goes. The app
//! registers a room by one line (`app/rooms/`), which nests its words in the app's enums and
//! generates the arms that hand them here.

use std::fmt::Debug;

use crate::model::SecretSummary;
use crate::model::VersionSel;
use crate::room::ctx::Ctx;
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::out::{Never, Out, Room};
use crate::room::stamp::IdentityId;

/// The rows loaded so far, as a room's commands may read them (the browse room's list).
pub(crate) trait Listed {
    /// Every row loaded so far, of every identity held.
    fn rows(&self) -> Box<dyn Iterator<Item = &SecretSummary> + '_>;
    /// How many rows that is.
    fn total(&self) -> usize;
}

/// What the panes show now, which a room's commands start from besides `Ctx`.
#[derive(Clone, Copy)]
pub struct Here<'a> {
    /// The rows loaded so far (the rotation overview's subject).
    pub(crate) listed: &'a dyn Listed,
    /// The region the panes are in: the selected secret's, else the first listed.
    pub(crate) region: Option<&'a str>,
    /// The version reveal and copy use.
    pub(crate) version: &'a VersionSel,
    /// Who can read each secret whose access was read (the fleet overview's access checks).
    pub(crate) access: &'a crate::model::posture::AccessFindings,
}

/// What a room's AWS answer says of itself to the router.
pub trait Answer {
    /// Whether it answers a write: counted off the writes in flight, and used while its
    /// identity is held even if a refresh came since (what was written was written).
    fn answers_write(&self) -> bool {
        false
    }

    /// Whether it is about no identity's data (an IAM Identity Center sign-in, its portal's
    /// accounts): used whatever generation or identity it was asked as, so a refresh or a
    /// switch while the user approves a sign-in loses nothing.
    fn about_no_identity(&self) -> bool {
        false
    }
}

impl Answer for Never {}

/// A room the app runs through one registration line. Everything but `run` has a default
/// that does nothing, for a room without answers, prompts or layers of its own.
pub trait Update: Room {
    /// What the room keeps between actions, beside its popups (held by the app).
    type State: Debug + Default;
    /// Its AWS answers (`Never` for a room without calls).
    type Outcome: Debug + Clone + Answer;
    /// The popup its answers, prompts and layer keys work on, lent from the stack while it
    /// is open (`Never`: none).
    type Open: 'static;

    /// The layers it owns: their keys go to `layer_command` (unless the popup on top takes
    /// them alone), and it says what is available and hinted there.
    const LAYERS: &'static [Layer] = &[];
    /// The layer whose popup it keeps when closed (handed to `closed`), if any.
    const KEEPS: Option<Layer> = None;

    /// One of its own commands, over the panes (a key or the palette).
    fn run(
        state: &mut Self::State,
        command: Self::Command,
        here: &Here,
        ctx: &Ctx,
        out: &mut Out<Self>,
    );

    /// An answer to one of its calls (`open`: its popup, if still open).
    fn answered(
        _state: &mut Self::State,
        _open: Option<&mut Self::Open>,
        _outcome: Self::Outcome,
        _ctx: &Ctx,
        _out: &mut Out<Self>,
    ) {
    }

    /// The text typed into one of its prompts.
    fn prompted(
        _state: &mut Self::State,
        _open: Option<&mut Self::Open>,
        _prompt: Self::Prompt,
        _text: String,
        _ctx: &Ctx,
        _out: &mut Out<Self>,
    ) {
    }

    /// A key in one of its `LAYERS` on top.
    fn layer_command(
        _state: &mut Self::State,
        _open: Option<&mut Self::Open>,
        _layer: Layer,
        _command: Bind<Self::Command>,
        _ctx: &Ctx,
        _out: &mut Out<Self>,
    ) {
    }

    /// Whether `command` (its own anywhere, or a verb in one of its layers) can do anything
    /// in `layer` now; `None` leaves it to the app's rules.
    fn available(
        _state: &Self::State,
        _open: Option<&Self::Open>,
        _layer: Layer,
        _command: Bind<Self::Command>,
        _ctx: &Ctx,
    ) -> Option<bool> {
        None
    }

    /// The word a footer hint says for `command` in one of its layers now, where it
    /// depends on the moment (`None`: the keymap's).
    fn hint(
        _open: Option<&Self::Open>,
        _layer: Layer,
        _command: Bind<Self::Command>,
    ) -> Option<&'static str> {
        None
    }

    /// Its `KEEPS` popup, closed.
    fn closed(_state: &mut Self::State, _open: Self::Open) {}

    /// `identity` is no longer held: what it fetched goes.
    fn forget(_state: &mut Self::State, _identity: IdentityId) {}

    /// smtui works as another identity now: what every identity fetched goes.
    fn identity_switched(_state: &mut Self::State) {}
}
