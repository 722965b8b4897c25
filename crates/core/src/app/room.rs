//! What a room's update gets and gives back. It gets its own state (by `&mut`) and a
//! read-only [`Ctx`] of facts owned by others (the settings, the clock, the selection, who we
//! are); it returns an [`Out`]: effects for the runner and [`Intent`]s for the router,
//! which applies what crosses rooms. Rooms never import each other.

use std::time::Instant;

use crate::app::command::{Acts, Command};
use crate::app::effect::{AwsCall, Effect};
use crate::features::{audit, editor, rotation, session, tags};
use crate::ids::{IdentityId, SecretRef};
use crate::model::{AwsError, CallerIdentity, ErrorKind, SecretDetail, SecretSummary, VersionSel};
use crate::room::layers::{Focus, Layer};
use crate::room::settings::Settings;
use crate::room::stamp::Stamp;
use crate::sanitize::sanitize_line;
use crate::secret::SecretValue;

/// Facts a room may read but not change.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub now: Instant,
    /// The wall clock, for dates.
    pub wall: jiff::Timestamp,
    /// The run loop's random bytes for this action (`State::nonce`).
    pub nonce: [u8; 16],
    /// The stamp of a call made as the current identity (see `stamp_for` for one about a
    /// secret).
    pub stamp: Stamp,
    /// Each held identity at its current generation (the current one among them).
    pub held: &'a [Stamp],
    pub selected: Option<&'a SecretSummary>,
    /// The selected secret's detail, once described (or why not).
    pub detail: Option<&'a Result<SecretDetail, AwsError>>,
    /// Who the identity worked as is, once known.
    pub identity: Option<&'a Result<CallerIdentity, AwsError>>,
    /// Who each held identity that has answered is (the current one among them).
    pub callers: &'a [(IdentityId, Result<CallerIdentity, AwsError>)],
    pub focus: Focus,
}

impl Ctx<'_> {
    /// An AWS error in plain words. When access was refused and we know who we are, it says
    /// as whom (AWS's own message often does; then it is not repeated).
    pub fn explain(&self, err: &AwsError) -> String {
        explain(self.identity, err)
    }

    /// `explain` for an error of a call made as `identity` (a row's describe or reveal):
    /// it says as whom that identity asked, which need not be the identity worked as.
    pub fn explain_as(&self, identity: IdentityId, err: &AwsError) -> String {
        let caller = self.callers.iter().find(|(id, _)| *id == identity);
        explain(caller.map(|(_, caller)| caller), err)
    }

    /// `explain` for the selected row's describe error (`detail`): said as the identity
    /// that listed the row, which described it.
    pub fn explain_detail(&self, err: &AwsError) -> String {
        match self.selected {
            Some(secret) => self.explain_as(secret.identity, err),
            None => self.explain(err),
        }
    }

    /// The address of `secret` (a listed row) as the identity that listed it. Its ARN was
    /// parsed when the AWS crate built the row, so every row has one.
    pub fn address(&self, secret: &SecretSummary) -> SecretRef {
        SecretRef {
            identity: secret.identity,
            region: secret.region.clone(),
            arn: secret.arn.clone(),
            name: secret.name.clone(),
        }
    }

    /// The stamp of a call made as `identity`: its held generation (generation 0, whose
    /// answers are stale, when it is no longer held: the call still runs as that identity,
    /// never as another).
    pub fn stamp_as(&self, identity: IdentityId) -> Stamp {
        self.held
            .iter()
            .find(|held| held.identity == identity)
            .copied()
            .unwrap_or(Stamp {
                generation: 0,
                identity,
            })
    }

    /// The stamp of a call about `secret`: it runs as the identity that listed it, which
    /// need not be the one worked as.
    pub fn stamp_for(&self, secret: &SecretRef) -> Stamp {
        self.stamp_as(secret.identity)
    }

    /// The stamp of `call`: as the identity of the secret it is about, as the current
    /// identity when it is about none (a listing, a new secret).
    pub fn stamp_of(&self, call: &AwsCall) -> Stamp {
        call.secret()
            .map_or(self.stamp, |secret| self.stamp_for(secret))
    }

    /// Who `identity` is, by GetCallerIdentity's ARN (`None` until it has answered).
    pub fn caller_arn_of(&self, identity: IdentityId) -> Option<String> {
        self.callers
            .iter()
            .find(|(id, _)| *id == identity)
            .and_then(|(_, caller)| caller.as_ref().ok())
            .map(|me| me.arn.to_string())
    }
}

#[cfg(test)]
impl Out {
    /// The first footer message asked for, for rooms' unit tests ("" for none).
    pub fn status_text(&self) -> String {
        self.intents
            .iter()
            .find_map(|i| match i {
                Intent::Status(line) => Some(line.text.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
impl<'a> Ctx<'a> {
    /// A context with nothing selected and no identity yet, for rooms' unit tests.
    pub fn bare(settings: &'a crate::room::settings::Settings, now: Instant) -> Self {
        Ctx {
            settings,
            now,
            wall: jiff::Timestamp::UNIX_EPOCH,
            nonce: [0; 16],
            stamp: crate::room::stamp::Stamp {
                generation: 0,
                identity: crate::room::stamp::IdentityId::START,
            },
            held: &[],
            selected: None,
            detail: None,
            identity: None,
            callers: &[],
            focus: crate::room::layers::Focus::List,
        }
    }
}

pub fn explain(identity: Option<&Result<CallerIdentity, AwsError>>, err: &AwsError) -> String {
    let text = err.to_string();
    match (identity, err.kind) {
        (Some(Ok(me)), ErrorKind::AccessDenied | ErrorKind::ExpiredToken)
            if !text.contains(me.arn.as_str()) =>
        {
            format!("{text} (as {})", me.arn)
        }
        _ => text,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// The footer's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub level: Level,
    pub text: String,
}

/// What a room asks of the router: things that belong to another room or to the frame.
#[derive(Debug)]
pub enum Intent {
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
    Confirm(ConfirmRequest),
    /// Reveal and copy this version of the selected secret from now on.
    UseVersion(VersionSel),
    /// The selected secret's detail is needed now (not after the debounce).
    Describe,
    Open(Layer),
    /// Put a popup on the stack with its data (closing it, `Close(its layer)`, drops it).
    OpenPopup(crate::app::popup::Popup),
    Close(Layer),
    /// Run this command as if pressed in the layer under the palette or confirmation.
    Run(Command),
    /// Make this AWS call as `stamp` says (stamped where it was made: see `Out::call`).
    /// The router refuses a write in read-only mode and counts the writes in flight.
    Call {
        stamp: Stamp,
        call: AwsCall,
    },
    /// Ask for a line of text; the answer comes back as `Prompted`.
    Prompt {
        label: String,
        initial: String,
        purpose: PromptFor,
    },
    /// The text typed into a prompt.
    Prompted {
        purpose: PromptFor,
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
    /// A secret was created: its row joins the list without a reload.
    AddRow(crate::model::SecretSummary),
    /// A write changed the secret's value: what is cached or shown of it is stale.
    SecretChanged {
        secret: SecretRef,
    },
    /// A write changed whether `arn` is scheduled for deletion (and until when).
    DeletionChanged {
        secret: SecretRef,
        on: Option<jiff::Timestamp>,
    },
}

/// Whether copied text is a secret (cleared after a timeout and on exit) or plain (a name,
/// an ARN: it stays so it can be pasted after smtui has quit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    Secret,
    Plain,
}

/// A question for the confirm layer, and what runs on yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmRequest {
    /// What will happen, in plain words.
    pub question: String,
    /// What runs when confirmed.
    pub on_yes: OnYes,
    /// The text the user must type first, if any (a secret's name, for the worst writes).
    pub typed: Option<String>,
}

impl ConfirmRequest {
    /// Whether Enter may answer yes. Enter is a reflex key: a question whose yes changes
    /// or throws away anything takes `y` only; a typed confirmation takes Enter once the
    /// text matches (there `y` is a letter of it).
    pub fn enter_confirms(&self) -> bool {
        self.typed.is_some() || !self.on_yes.weighs()
    }
}

/// What a confirmation runs: a command, or an AWS call already filled in (a write).
// One question is held at a time; boxing its call would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnYes {
    Command(Command),
    /// A call, stamped when the question was asked (see `OnYes::call`).
    Call {
        stamp: Stamp,
        call: AwsCall,
    },
    /// A copy whose value could act when pasted, confirmed.
    Copy {
        label: String,
        text: SecretValue,
    },
}

impl OnYes {
    /// Yes makes `call`, as the identity `ctx.stamp_of` names.
    pub fn call(ctx: &Ctx, call: AwsCall) -> Self {
        OnYes::Call {
            stamp: ctx.stamp_of(&call),
            call,
        }
    }

    pub fn mutates(&self) -> bool {
        match self {
            OnYes::Command(command) => command.mutates(),
            OnYes::Call { call, .. } => call.mutates(),
            OnYes::Copy { .. } => false,
        }
    }

    /// Whether saying yes changes or throws away anything: a write, typed text discarded,
    /// or the clipboard given a value that could act when pasted (the warning overridden).
    pub fn weighs(&self) -> bool {
        match self {
            OnYes::Command(command) => command.mutates() || command.acts() == Acts::Discards,
            OnYes::Call { call, .. } => call.mutates(),
            OnYes::Copy { .. } => true,
        }
    }
}

/// What a prompt's text is for: the room that asked, and its own prompt type (which
/// knows the rest). The router hands the text back to that room, by one arm per room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    Tags(tags::Prompt),
    /// `create` and the password generator.
    Editor(editor::Prompt),
    Rotation(rotation::Prompt),
    Audit(audit::Prompt),
    /// Switching identity: a role, its options, an MFA device and codes.
    Session(session::Prompt),
}

impl PromptFor {
    /// Typed text that is not shown (dots instead) and is wiped when the prompt closes.
    pub fn is_secret(&self) -> bool {
        match self {
            PromptFor::Tags(prompt) => prompt.is_secret(),
            PromptFor::Editor(prompt) => prompt.is_secret(),
            PromptFor::Rotation(prompt) => prompt.is_secret(),
            PromptFor::Audit(prompt) => prompt.is_secret(),
            PromptFor::Session(prompt) => prompt.is_secret(),
        }
    }
}

/// What a room declares of each prompt it asks (in its `prompt.rs`).
pub trait RoomPrompt: Into<PromptFor> {
    /// Whether the typed text is a secret: shown as dots, never echoed, and wiped when
    /// the prompt closes. Most prompts take plain text.
    fn is_secret(&self) -> bool {
        false
    }
}

/// Ties a room's prompt type to its variant, so the room writes `Prompt::X.into()`.
macro_rules! room_prompt {
    ($variant:ident, $ty:ty) => {
        impl From<$ty> for PromptFor {
            fn from(prompt: $ty) -> Self {
                PromptFor::$variant(prompt)
            }
        }
    };
}

room_prompt!(Tags, tags::Prompt);
room_prompt!(Editor, editor::Prompt);
room_prompt!(Rotation, rotation::Prompt);
room_prompt!(Audit, audit::Prompt);
room_prompt!(Session, session::Prompt);

/// A room's answer: effects for the runner, intents for the router.
#[derive(Debug, Default)]
pub struct Out {
    pub effects: Vec<Effect>,
    pub intents: Vec<Intent>,
}

impl Out {
    pub fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    pub fn intent(&mut self, intent: Intent) {
        self.intents.push(intent);
    }

    /// Asks the router to make `call`, stamped here as `ctx.stamp_of` says: a call about a
    /// secret runs as the identity that listed it.
    pub fn call(&mut self, ctx: &Ctx, call: AwsCall) {
        let stamp = ctx.stamp_of(&call);
        self.intents.push(Intent::Call { stamp, call });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status(Level::Info, &text.into());
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.status(Level::Warn, &text.into());
    }

    /// Error text may quote AWS (untrusted); it is sanitised when drawn, and here already
    /// flattened to one line.
    pub fn error(&mut self, text: impl Into<String>) {
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
mod tests {
    use super::{ConfirmRequest, Ctx, OnYes};
    use crate::app::effect::AwsCall;
    use crate::features::lifecycle;
    use crate::ids::{IdentityId, SecretRef};
    use crate::room::settings::Settings;
    use crate::room::stamp::Stamp;

    fn secret(identity: IdentityId) -> SecretRef {
        SecretRef::new(
            identity,
            "r",
            "arn:aws:secretsmanager:r:123456789012:secret:n-AbCdEf",
            "n",
        )
        .expect("an ARN")
    }

    /// A question whose yes makes a write weighs: Enter, a reflex key, does not answer it
    /// (the confirm room asks `enter_confirms`; its own tests show it for commands).
    #[test]
    fn a_question_that_makes_a_write_is_answered_by_y_only() {
        let settings = Settings::default();
        let ctx = Ctx::bare(&settings, std::time::Instant::now());
        let restore = AwsCall::Lifecycle(lifecycle::Call::Restore {
            secret: secret(IdentityId::START),
        });
        let request = ConfirmRequest {
            question: "?".to_owned(),
            on_yes: OnYes::call(&ctx, restore),
            typed: None,
        };
        assert!(request.on_yes.weighs() && request.on_yes.mutates());
        assert!(!request.enter_confirms());
    }

    /// A call about a secret is stamped with the held generation of the identity that
    /// listed it, not with the current identity's stamp.
    #[test]
    fn a_call_about_a_secret_is_stamped_as_its_identity() {
        let settings = Settings::default();
        let other = IdentityId(7);
        let held = [
            Stamp {
                generation: 3,
                identity: IdentityId::START,
            },
            Stamp {
                generation: 5,
                identity: other,
            },
        ];
        let ctx = Ctx {
            stamp: held[0],
            held: &held,
            ..Ctx::bare(&settings, std::time::Instant::now())
        };
        let theirs = AwsCall::Describe {
            secret: secret(other),
        };
        assert_eq!(ctx.stamp_of(&theirs), held[1]);
        let ours = AwsCall::Describe {
            secret: secret(IdentityId::START),
        };
        assert_eq!(ctx.stamp_of(&ours), held[0]);
        let listing = AwsCall::ListSecrets { region: "r".into() };
        assert_eq!(ctx.stamp_of(&listing), held[0]);
    }
}
