//! What a room's update gives back: an [`Out`] of effects for the runner and [`Intent`]s
//! for the router, which applies what crosses rooms. Both are written in the room's own
//! words ([`Room`]: its commands, calls, popups and prompts), never the app's, so a room
//! names nothing above itself; the router lifts a room's `Out` into the app's
//! ([`Out::absorb`]), where every room's words are nested in the app's enums.

use crate::ids::SecretRef;
use crate::model::VersionSel;
use crate::room::ctx::Ctx;
use crate::room::effect::{Effect, Lane, RoomCall};
use crate::room::layers::Layer;
use crate::room::stamp::{Holds, Stamp};
use crate::sanitize::sanitize_line;
use crate::secret::SecretValue;

/// A room's words: what its keys and the palette send it, the AWS calls it makes, the
/// popups it opens and the prompts it asks. Declared once per room (a marker type in its
/// folder); the app is a `Room` too, whose words nest every room's.
pub trait Room: std::fmt::Debug + Clone + PartialEq + Eq + 'static {
    type Command: std::fmt::Debug + Clone + PartialEq + Eq;
    type Call: RoomCall + std::fmt::Debug + Clone + PartialEq + Eq;
    /// `Box<dyn room::popup::Shown<Self>>` for a room that opens popups (any value showing as one of
    /// its own, `Out::open`), `Never` for one that opens none.
    type Popup: std::fmt::Debug;
    type Prompt: std::fmt::Debug + Clone + PartialEq + Eq;
}

/// The words a room that has none of a kind names there (no popup, no prompt): a type with
/// no value, so nothing of that kind can be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Never {}

impl RoomCall for Never {
    fn lane(&self) -> Lane {
        match *self {}
    }
    fn mutates(&self) -> bool {
        match *self {}
    }
    fn operation(&self) -> &'static str {
        match *self {}
    }
    fn secret(&self) -> Option<&SecretRef> {
        match *self {}
    }
    fn region(&self) -> Option<&str> {
        match *self {}
    }
}

/// A room with no words of its own, for tests of what every room shares.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wordless {}

#[cfg(test)]
impl Room for Wordless {
    type Command = Never;
    type Call = Never;
    type Popup = Never;
    type Prompt = Never;
}

/// What a room declares of each prompt it asks (in its `prompt.rs`).
pub(crate) trait RoomPrompt {
    /// Whether the typed text is a secret: shown as dots, never echoed, and wiped when
    /// the prompt closes. Most prompts take plain text.
    fn is_secret(&self) -> bool {
        false
    }

    /// Whose data it holds while open: most answer the popup or the panes it was opened
    /// over, and close when any identity's data goes.
    fn holds(&self) -> Holds {
        Holds::Panes
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Info,
    Warn,
    Error,
}

/// The footer's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusLine {
    pub(crate) level: Level,
    pub(crate) text: String,
}

/// What a room asks of the router: things that belong to another room or to the frame.
/// `R`'s own words fill the variants that name a command, a call, a popup or a prompt.
#[derive(Debug)]
pub(crate) enum Intent<R: Room> {
    /// Show a message in the footer.
    Status(StatusLine),
    /// A copy confirmed after its paste risks were named: no second question.
    CopyConfirmed {
        label: String,
        text: SecretValue,
    },
    /// Put text on the clipboard (the clipboard room makes the copy and tracks its clear).
    Copy {
        label: String,
        text: SecretValue,
        sensitivity: Sensitivity,
    },
    /// Ask before running a command (the confirm layer holds it). A mutating command is
    /// refused here in read-only mode, before the question is ever shown.
    Confirm(ConfirmRequest<R>),
    /// Reveal and copy this version of the selected secret from now on.
    UseVersion(VersionSel),
    /// The selected secret's detail is needed now (not after the debounce).
    Describe,
    Open(Layer),
    /// Put a popup on the stack with its data (closing it, `Close(its layer)`, drops it);
    /// see `Out::open`.
    OpenPopup(R::Popup),
    Close(Layer),
    /// Run this command as if pressed in the layer under the palette or confirmation.
    Run(R::Command),
    /// Make this AWS call as `stamp` says (stamped where it was made: see `Out::call`).
    /// The router refuses a write in read-only mode and counts the writes in flight.
    Call {
        stamp: Stamp,
        call: R::Call,
    },
    /// Ask for a line of text; the answer comes back as `Prompted`.
    Prompt {
        label: String,
        initial: String,
        purpose: R::Prompt,
    },
    /// The text typed into a prompt.
    Prompted {
        purpose: R::Prompt,
        text: String,
    },
    /// The text just typed was refused (the reason is in the footer): the same prompt opens
    /// again with it, so nothing typed is lost and no key meant for the prompt reaches the
    /// panes.
    PromptAgain {
        text: String,
    },
    /// Select this row in the list (clearing a filter that hides it).
    SelectSecret {
        row: crate::ids::RowKey,
    },
    /// Who can read a listed secret, as found (the fleet overview's access checks).
    AccessFacts {
        row: crate::ids::RowKey,
        facts: crate::model::posture::AccessFacts,
    },
    /// A secret was created: its row joins the list without a reload.
    /// Boxed: a listed row is by far the largest thing an intent carries.
    AddRow(Box<crate::model::SecretSummary>),
    /// A write changed the secret's value: what is cached or shown of it is stale.
    SecretChanged {
        secret: SecretRef,
    },
    /// A write changed whether `arn` is scheduled for deletion (and until when).
    DeletionChanged {
        secret: SecretRef,
        on: Option<jiff::Timestamp>,
    },
    /// Assume `role_arn` as the identity worked as, and hold it beside those held (its
    /// answer goes to the session; the org room hears how it went).
    PinRole {
        role_arn: crate::ids::Arn,
    },
    /// GetRoleCredentials of `role_name` in `account_id` through `login`'s portal, to work
    /// as or to pin (its answer goes to the session; for one of many, the Identity Center
    /// room hears how it went).
    UseSsoRole {
        login: crate::model::sso::SsoLogin,
        account_id: String,
        role_name: String,
        pick: crate::model::sso::SsoPick,
    },
    /// The user signed in to `login` again: identities made through it whose renewal was
    /// refused are renewed now.
    SignedIn {
        login: crate::model::sso::SsoLogin,
    },
}

/// Whether copied text is a secret (cleared after a timeout and on exit) or plain (a name,
/// an ARN: it stays so it can be pasted after smtui has quit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sensitivity {
    Secret,
    Plain,
}

/// A question for the confirm layer, and what runs on yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmRequest<R: Room> {
    /// What will happen, in plain words.
    pub question: String,
    /// What runs when confirmed.
    pub(crate) on_yes: OnYes<R>,
    /// The text the user must type first, if any (a secret's name, for the worst writes).
    pub typed: Option<String>,
}

/// What a confirmation runs: a command, or an AWS call already filled in (a write).
// One question is held at a time; boxing its call would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OnYes<R: Room> {
    Command(R::Command),
    /// A call, stamped when the question was asked (see `OnYes::call`).
    Call {
        stamp: Stamp,
        call: R::Call,
    },
    /// A copy whose value could act when pasted, confirmed.
    Copy {
        label: String,
        text: SecretValue,
    },
}

impl<R: Room> OnYes<R> {
    /// Yes makes `call`, as the identity `ctx.stamp_of` names.
    pub(crate) fn call(ctx: &Ctx, call: R::Call) -> Self {
        OnYes::Call {
            stamp: ctx.stamp_of(&call),
            call,
        }
    }
}

/// A room's answer: effects for the runner, intents for the router.
#[derive(Debug)]
pub struct Out<R: Room> {
    pub(crate) effects: Vec<Effect<R::Call>>,
    pub(crate) intents: Vec<Intent<R>>,
}

impl<R: Room> Default for Out<R> {
    fn default() -> Self {
        Out {
            effects: Vec::new(),
            intents: Vec::new(),
        }
    }
}

impl<R: Room> Out<R> {
    pub(crate) fn effect(&mut self, effect: Effect<R::Call>) {
        self.effects.push(effect);
    }

    pub(crate) fn intent(&mut self, intent: Intent<R>) {
        self.intents.push(intent);
    }

    /// Asks the router to make `call`, stamped here as `ctx.stamp_of` says: a call about a
    /// secret runs as the identity that listed it.
    pub(crate) fn call(&mut self, ctx: &Ctx, call: R::Call) {
        let stamp = ctx.stamp_of(&call);
        self.intents.push(Intent::Call { stamp, call });
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.status(Level::Info, &text.into());
    }

    pub(crate) fn warn(&mut self, text: impl Into<String>) {
        self.status(Level::Warn, &text.into());
    }

    /// Error text may quote AWS (untrusted); it is sanitised when drawn, and here already
    /// flattened to one line.
    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.status(Level::Error, &text.into());
    }

    fn status(&mut self, level: Level, text: &str) {
        self.intents.push(Intent::Status(StatusLine {
            level,
            text: sanitize_line(text).into_owned(),
        }));
    }
}

#[cfg(test)]
impl<R: Room> Out<R> {
    /// The first footer message asked for, for rooms' unit tests ("" for none).
    pub(crate) fn status_text(&self) -> String {
        self.intents
            .iter()
            .find_map(|i| match i {
                Intent::Status(line) => Some(line.text.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

impl<R: Room> Intent<R> {
    /// The same intent in `S`'s words.
    pub(crate) fn lift<S: Room>(self) -> Intent<S>
    where
        S::Command: From<R::Command>,
        S::Call: From<R::Call>,
        S::Popup: From<R::Popup>,
        S::Prompt: From<R::Prompt>,
    {
        match self {
            Intent::Status(line) => Intent::Status(line),
            Intent::CopyConfirmed { label, text } => Intent::CopyConfirmed { label, text },
            Intent::Copy {
                label,
                text,
                sensitivity,
            } => Intent::Copy {
                label,
                text,
                sensitivity,
            },
            Intent::Confirm(request) => Intent::Confirm(request.lift()),
            Intent::UseVersion(version) => Intent::UseVersion(version),
            Intent::Describe => Intent::Describe,
            Intent::Open(layer) => Intent::Open(layer),
            Intent::OpenPopup(popup) => Intent::OpenPopup(popup.into()),
            Intent::Close(layer) => Intent::Close(layer),
            Intent::Run(command) => Intent::Run(command.into()),
            Intent::Call { stamp, call } => Intent::Call {
                stamp,
                call: call.into(),
            },
            Intent::Prompt {
                label,
                initial,
                purpose,
            } => Intent::Prompt {
                label,
                initial,
                purpose: purpose.into(),
            },
            Intent::Prompted { purpose, text } => Intent::Prompted {
                purpose: purpose.into(),
                text,
            },
            Intent::PromptAgain { text } => Intent::PromptAgain { text },
            Intent::SelectSecret { row } => Intent::SelectSecret { row },
            Intent::AddRow(row) => Intent::AddRow(row),
            Intent::AccessFacts { row, facts } => Intent::AccessFacts { row, facts },
            Intent::SecretChanged { secret } => Intent::SecretChanged { secret },
            Intent::DeletionChanged { secret, on } => Intent::DeletionChanged { secret, on },
            Intent::PinRole { role_arn } => Intent::PinRole { role_arn },
            Intent::UseSsoRole {
                login,
                account_id,
                role_name,
                pick,
            } => Intent::UseSsoRole {
                login,
                account_id,
                role_name,
                pick,
            },
            Intent::SignedIn { login } => Intent::SignedIn { login },
        }
    }
}

impl<R: Room> ConfirmRequest<R> {
    /// The same question in `S`'s words.
    pub(crate) fn lift<S: Room>(self) -> ConfirmRequest<S>
    where
        S::Command: From<R::Command>,
        S::Call: From<R::Call>,
    {
        ConfirmRequest {
            question: self.question,
            on_yes: self.on_yes.lift(),
            typed: self.typed,
        }
    }
}

impl<R: Room> OnYes<R> {
    /// The same answer in `S`'s words.
    pub(crate) fn lift<S: Room>(self) -> OnYes<S>
    where
        S::Command: From<R::Command>,
        S::Call: From<R::Call>,
    {
        match self {
            OnYes::Command(command) => OnYes::Command(command.into()),
            OnYes::Call { stamp, call } => OnYes::Call {
                stamp,
                call: call.into(),
            },
            OnYes::Copy { label, text } => OnYes::Copy { label, text },
        }
    }
}

impl<S: Room> Out<S> {
    /// Takes in what room `R` answered, in `S`'s words: how the router hands a room's
    /// answer on as the app's.
    pub(crate) fn absorb<R: Room>(&mut self, answer: Out<R>)
    where
        S::Command: From<R::Command>,
        S::Call: From<R::Call>,
        S::Popup: From<R::Popup>,
        S::Prompt: From<R::Prompt>,
    {
        self.effects
            .extend(answer.effects.into_iter().map(Effect::lift));
        self.intents
            .extend(answer.intents.into_iter().map(Intent::lift));
    }

    /// Runs `f` with an `Out` in room `R`'s words, and takes in its answer.
    pub(crate) fn of<R: Room, T>(&mut self, f: impl FnOnce(&mut Out<R>) -> T) -> T
    where
        S::Command: From<R::Command>,
        S::Call: From<R::Call>,
        S::Popup: From<R::Popup>,
        S::Prompt: From<R::Prompt>,
    {
        let mut answer = Out::default();
        let result = f(&mut answer);
        self.absorb(answer);
        result
    }
}
