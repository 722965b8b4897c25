//! Tags, description and resource policy of the selected secret: add, change and remove
//! tags (those starting with `aws:` belong to AWS and stay read-only), change the
//! description, read the resource policy (pretty JSON, read-only). Every change is asked
//! for in a prompt and confirmed.

pub(crate) mod call;
pub(crate) mod commands;
pub(crate) mod outcome;
mod prompt;
mod update;

use ratatui::Frame;

use crate::ids::SecretRef;
use crate::kit::Theme;
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{Ctx, Out};
pub(crate) mod view;
pub use call::Call;
pub use commands::Command;
pub use outcome::Outcome;
pub(crate) use prompt::Prompt;

use crate::kit::Cursor;

/// The tags room's words: it asks for the policy and the tag and description writes, opens
/// its popup and prompts for keys, values and the description.
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Prompt;
}

/// The app runs the tags room through its one registration line (its popup takes its keys
/// alone).
impl crate::room::update::Update for Room {
    type State = Tags;
    type Outcome = Outcome;
    type Open = Popup;

    fn run(_: &mut Tags, command: Command, _: &Here, ctx: &Ctx, out: &mut Out<Room>) {
        Tags::run(command, ctx, out);
    }

    fn answered(
        _: &mut Tags,
        popup: Option<&mut Popup>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        Tags::answered(popup, outcome, ctx, out);
    }

    fn prompted(
        _: &mut Tags,
        popup: Option<&mut Popup>,
        prompt: Prompt,
        text: String,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        if let Some(popup) = popup {
            popup.prompted(prompt, text, ctx, out);
        }
    }
}

/// The service's limits on tags.
pub(crate) const MAX_KEY_CHARS: usize = 128;
pub const MAX_VALUE_CHARS: usize = 256;

/// The popup, on the layer stack while open: which secret, the highlighted tag, and the
/// policy once fetched. Closing it drops all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Popup {
    pub secret: SecretRef,
    pub(crate) selected: Cursor,
    /// `None` while GetResourcePolicy is on its way; `Ok(None)` when there is no policy.
    pub policy: Option<Result<Option<String>, String>>,
    /// `--read-only`, as it was when the popup opened (it is fixed for the session): the
    /// popup then offers no change the router would refuse.
    pub(crate) read_only: bool,
}

/// It takes its keys alone.
impl Shown<Room> for Popup {
    fn layer(&self) -> Layer {
        Layer::Tags
    }

    /// What was fetched as the identity that listed its secret.
    fn holds(&self) -> Holds {
        Holds::Identity(self.secret.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        let keymap = around.keymap;
        view::render(frame, around.whole, self, around.detail, keymap, theme);
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out<Room>) {
        Popup::command(self, command, ctx, out);
    }
}

/// The room: what it holds while its popup is open is the popup itself.
#[derive(Debug, Clone, Default)]
pub struct Tags;
