//! The editor: change a secret's value in-app (never through $EDITOR or a temporary file).
//! Plain text or JSON (checked as you type, with the line and column of the first error),
//! capped at the service's limit; `Ctrl-s` shows what changed (values masked until asked
//! for), `y` saves. The save is a compare-and-swap (see `aws::secrets::save_value`): if
//! AWSCURRENT moved since the editor opened, nothing is overwritten and the text stays. A
//! failed save keeps the buffer open and intact.
//!
//! It opens masked, like the value pane: a flat JSON object as its fields, each masked; any
//! other value as text drawn one `•` per character. Typing works while masked, drawn masked
//! too (as a password manager's password field does); `Ctrl-v` shows the values until the
//! reveal timeout, then they are masked again.

pub(crate) mod buffer;
pub mod call;
pub(crate) mod check;
pub(crate) mod commands;
mod conflict;
pub(crate) mod create;
pub(crate) mod form;
mod hints;
mod labels;
pub(crate) mod outcome;
mod prompt;
mod review;
mod update;
pub(crate) mod view;
mod view_values;

pub use call::Call;
pub use commands::Command;
pub use outcome::{LabelsLeft, Outcome, SaveResult};
pub(crate) use prompt::Prompt;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ids::SecretRef;
use crate::kit::Theme;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use buffer::SecretBuffer;
use check::{DiffRow, Kind};

use crate::features::editor::call::NewSecret;
use crate::kit::{Cursor, Scroll};
use crate::room::revealed::Revealed;
use crate::room::{Ctx, Out};
use crate::secret::SecretValue;

/// The editor room's words: its commands, the calls that read, save and create a value and
/// generate a password, its one popup (the edit session, drawn with its review and conflict
/// over it), and the prompts for a new secret and the password generator.
use crate::room::keys::Bind;
use crate::room::keys::Verb;
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Prompt;
}

/// The app runs the editor room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Editor;
    type Outcome = Outcome;
    type Open = EditSession;
    // The review and the conflict are views of the editor's one session.
    const LAYERS: &'static [Layer] = &[Layer::Editor, Layer::Review, Layer::Conflict];

    fn run(_: &mut Editor, command: Command, here: &Here, ctx: &Ctx, out: &mut Out<Room>) {
        Editor::run(command, here.region.map(str::to_owned), ctx, out);
    }

    fn answered(
        _: &mut Editor,
        session: Option<&mut EditSession>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        Editor::answered(session, outcome, ctx, out);
    }

    fn prompted(
        _: &mut Editor,
        session: Option<&mut EditSession>,
        prompt: Prompt,
        text: String,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        if let Prompt::Guard { label } = &prompt {
            if let Some(session) = session {
                session.guard_prompted(label, &text, ctx, out);
            }
            return;
        }
        Editor::create_prompted(session.map(|s| &*s), prompt, &text, ctx, out);
    }

    fn layer_command(
        _: &mut Editor,
        session: Option<&mut EditSession>,
        layer: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let Some(session) = session else { return };
        match layer {
            Layer::Review => session.review_command(command, ctx, out),
            Layer::Conflict => session.conflict_command(command, ctx, out),
            _ => session.command(command, ctx, out),
        }
    }

    fn available(
        _: &Editor,
        session: Option<&EditSession>,
        layer: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
    ) -> Option<bool> {
        match command {
            Bind::Own(command) => Some(Editor::available(session, command, ctx)),
            // A new secret's value is shown as it is typed: nothing to reveal.
            Bind::Verb(Verb::Reveal) if layer == Layer::Editor => {
                Some(session.is_some_and(|s| !s.creates()))
            }
            Bind::Verb(_) => None,
        }
    }

    fn hint(
        session: Option<&EditSession>,
        layer: Layer,
        command: Bind<Command>,
    ) -> Option<&'static str> {
        match command {
            // Esc leaves the field, then the form, before it leaves the editor.
            Bind::Verb(Verb::Back) if layer == Layer::Editor => {
                session.and_then(EditSession::back_hint)
            }
            // `v` masks values already shown.
            Bind::Verb(Verb::Reveal) if session.is_some_and(|s| s.revealed_in(layer)) => {
                Some("mask")
            }
            _ => None,
        }
    }
}

/// What the editor is doing.
#[derive(Debug)]
pub enum Phase {
    /// Waiting for the current value.
    Loading,
    Editing,
    /// A flat JSON object, one field at a time (`form`): the rest of the text untouched.
    Form {
        /// The chosen field.
        selected: Cursor,
        /// The field being changed, if one is.
        field: Option<Box<SecretBuffer>>,
    },
    /// The changes are on screen, waiting for `y`.
    Reviewing {
        rows: Vec<DiffRow>,
        revealed: Revealed,
        /// Opened from the field form, on this field: going back returns there.
        from_form: Option<Cursor>,
        /// Lines scrolled past, where the changes do not fit the screen.
        scroll: Scroll,
    },
    /// The save is on its way.
    Saving,
}

/// The value as it was opened, and the buffer being edited.
#[derive(Debug)]
pub struct Loaded {
    /// The version that held AWSCURRENT when the editor opened: the save moves AWSCURRENT
    /// away from this one only, or not at all.
    pub(crate) base_version: String,
    pub(crate) original: SecretValue,
    pub buffer: SecretBuffer,
    pub(crate) kind: Kind,
    /// The ClientRequestToken of the last save attempt and the buffer revision it was for.
    /// Minted here, not where the call is made: trying again with the same text reuses it,
    /// so a retry never makes a second version, even when the first answer was lost.
    pub(crate) token: Option<(String, u64)>,
    /// Tokens of earlier saves whose private staging label may still be on a version (their
    /// removal failed): the next save removes them, or leaving the editor does.
    pub(crate) leftovers: Vec<String>,
    /// Set after a conflict: the version that holds AWSCURRENT now. Saving again then
    /// replaces it, deliberately.
    pub(crate) overwrite: Option<String>,
    /// What the user should know before saving (a rotation in progress or scheduled).
    pub warnings: Vec<String>,
}

impl Loaded {
    pub(crate) fn changed(&self) -> bool {
        self.buffer.text() != self.original
    }

    /// The ClientRequestToken to save the text as it is now: the one of the last attempt
    /// when the text has not changed since (a retry), otherwise a new one made from
    /// `nonce` (the run loop's random bytes for this action: the core reads no random
    /// source), kept.
    pub(crate) fn token_for_text(&mut self, nonce: [u8; 16]) -> String {
        let revision = self.buffer.revision();
        match &self.token {
            Some((token, for_revision)) if *for_revision == revision => token.clone(),
            _ => {
                // A version-4 UUID, as AWS's own SDKs mint, from bytes chosen outside.
                let token = uuid::Builder::from_random_bytes(nonce)
                    .into_uuid()
                    .to_string();
                self.token = Some((token.clone(), revision));
                token
            }
        }
    }

    /// Whether the text is a flat JSON object, the only kind form mode opens.
    pub(crate) fn has_fields(&self) -> bool {
        let text = self.buffer.text();
        text.expose_str().and_then(form::fields).is_some()
    }
}

/// One editing session: which secret, and how far it got. A popup on the layer stack while
/// the editor is open; closing it drops it, and its buffers are zeroized as they go. The
/// review and the conflict are views of it, drawn over it from it.
#[derive(Debug)]
pub struct EditSession {
    pub(crate) region: String,
    /// The secret edited; `None` for one being created (it has no ARN yet).
    pub secret: Option<SecretRef>,
    pub(crate) name: String,
    pub phase: Phase,
    pub loaded: Option<Loaded>,
    /// The editor's own message line (errors stay until the next key).
    pub message: Option<String>,
    /// After a conflict: the value someone else saved, to compare with and maybe reload.
    theirs: Option<Theirs>,
    /// A new secret (`create`): what it is created with. The save is then CreateSecret.
    creating: Option<NewSecret>,
    /// The text or the fields in clear (`Ctrl-v`), until the reveal timeout.
    revealed: Revealed,
    /// A save to an account the config marks dangerous: its label has been typed.
    guard_typed: bool,
}

/// Over the whole screen; it takes its keys with its room (the review and the conflict are
/// layers over it, drawn from it).
impl Shown<Room> for EditSession {
    fn layer(&self) -> Layer {
        Layer::Editor
    }

    /// What was read as the identity that listed the secret; a secret being created has
    /// no ARN yet, its region and name were chosen over the panes.
    fn holds(&self) -> Holds {
        self.secret
            .as_ref()
            .map_or(Holds::Panes, |secret| Holds::Identity(secret.identity))
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.whole, self, around.keymap, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.whole)
    }

    /// The text being edited, and the review's or the conflict's values over it.
    fn shows_values(&self) -> bool {
        true
    }

    fn mask_due(&mut self, now: std::time::Instant) -> bool {
        EditSession::mask_due(self, now)
    }
}

impl EditSession {
    /// How the editor opens, and how it is again after a conflict: masked; a flat JSON
    /// object as its fields, anything else as the whole text.
    pub(crate) fn open_masked(&mut self) {
        self.revealed = Revealed::default();
        let form = self.loaded.as_ref().is_some_and(Loaded::has_fields);
        self.phase = if form {
            Phase::Form {
                selected: Cursor::default(),
                field: None,
            }
        } else {
            Phase::Editing
        };
    }

    /// Whether the value is drawn in clear: after `Ctrl-v` until the timeout; always for a
    /// new secret, whose value is being typed now (nothing stored is shown).
    pub(crate) fn values_shown(&self) -> bool {
        self.creating.is_some() || self.revealed.is_shown()
    }

    /// `Ctrl-v`: shows the value until the reveal timeout, or masks it.
    fn toggle_reveal(&mut self, ctx: &Ctx, out: &mut Out<Room>) {
        if self.creating.is_some() {
            self.message = Some("A new secret's value is shown as it is typed".to_owned());
            return;
        }
        self.revealed.toggle(ctx, out);
    }
}

impl EditSession {
    /// Whether `token` is the one of the save on its way (an older attempt's answer is not).
    fn awaits(&self, token: &str) -> bool {
        matches!(self.phase, Phase::Saving)
            && self
                .loaded
                .as_ref()
                .and_then(|l| l.token.as_ref())
                .is_some_and(|(t, _)| t == token)
    }
}

/// What someone else saved while the editor was open.
#[derive(Debug)]
pub(crate) struct Theirs {
    pub(crate) version_id: String,
    pub(crate) value: SecretValue,
    /// Theirs against yours, per key or line, values masked until revealed.
    pub(crate) rows: Vec<DiffRow>,
    revealed: Revealed,
}

/// The room: what it holds while the editor is open is the session itself, on the layer
/// stack. No `Clone` there: the buffer is secret material and exists once.
#[derive(Debug, Default)]
pub struct Editor;

impl EditSession {
    /// The secret whose edit must end before the identity changes, if any: typed changes
    /// not saved, a save on its way (its answer comes back to the old identity), or private
    /// labels to remove (as the old identity, when the editor is left).
    pub(crate) fn unfinished(&self) -> Option<&str> {
        let session = self;
        let saving = matches!(session.phase, Phase::Saving);
        let labels = session
            .loaded
            .as_ref()
            .is_some_and(|l| !l.leftovers.is_empty());
        (saving || labels || self.unsaved().is_some()).then_some(session.name.as_str())
    }

    /// The secret whose typed changes are not saved, if any: quitting would lose them.
    pub fn unsaved(&self) -> Option<&str> {
        let session = self;
        let changed = session.loaded.as_ref().is_some_and(Loaded::changed);
        changed.then_some(session.name.as_str())
    }
}
