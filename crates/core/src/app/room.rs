//! The app as a room: its words nest every room's (`Command::Tags(tags::Command)`,
//! `AwsCall::Tags(tags::Call)`, `PromptFor::Tags(tags::Prompt)`; any room's popup, lifted
//! into a [`Popup`]), so the router works in one vocabulary and lifts each room's answer
//! into it (`Out::absorb`). What a room's update gets and gives back is declared below the rooms,
//! in `crate::room`; the names here are that, in the app's words.

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::command::{Command, Nested};
use crate::app::effect::AwsCall;
pub(crate) use crate::app::prompt::PromptFor;
use crate::kit::Theme;
use crate::room::Ctx;
use crate::room::Room;
use crate::room::layers::Layer;
use crate::room::out::Never;
use crate::room::popup::{Around, Holds, Shown};

/// The app's words: every command, every call, every popup and every prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {}

impl crate::room::out::Room for App {
    type Command = Command;
    type Call = AwsCall;
    type Popup = Box<dyn Popup>;
    type Prompt = PromptFor;
}

/// An answer in the app's words (a room's, lifted; the router's own).
pub(crate) type Out = crate::room::out::Out<App>;
pub(crate) type Intent = crate::room::out::Intent<App>;
pub(crate) type ConfirmRequest = crate::room::out::ConfirmRequest<App>;
pub(crate) type OnYes = crate::room::out::OnYes<App>;

/// A room with no word of a kind asks nothing of it: the app's enums take `Never` so any
/// room's answer lifts.
macro_rules! from_never {
    ($($ty:ty),*) => {
        $(impl From<Never> for $ty {
            fn from(never: Never) -> Self {
                match never {}
            }
        })*
    };
}

from_never!(Command, AwsCall, Box<dyn Popup>, PromptFor);

/// A popup on the stack, whatever room it is from: what it says of itself (`Shown`), its
/// keys taken as the app's command, and its value, for the stack to find it by type.
pub trait Popup: std::fmt::Debug {
    /// Its key context (`Shown::layer`).
    fn layer(&self) -> Layer;
    /// Whose data it holds (`Shown::holds`).
    fn holds(&self) -> Holds;
    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme);
    /// The area it fills (nearly) whole (`Shown::fills`).
    fn fills(&self, around: &Around) -> Option<Rect>;
    /// Whether it takes its keys alone (`Shown::takes_keys`): the router hands them to
    /// `take` then.
    fn takes_keys(&self) -> bool;
    /// The app's command, narrowed to what its room takes (another room's command does
    /// nothing there), and its answer lifted into the app's words.
    fn take(&mut self, command: Command, ctx: &Ctx, out: &mut Out);
    /// Whether it takes typed text now (`Shown::takes_text`).
    fn takes_text(&self) -> bool;
    /// A keystroke of typed text (`Shown::text`).
    fn text(&mut self, edit: crate::room::TextEdit);
    /// A terminal paste, whole (`Shown::paste`); false when it takes none.
    fn paste(&mut self, pasted: &crate::secret::SecretValue) -> bool;
    /// Whether a secret's value may be on screen in clear in it (`Shown::shows_values`).
    fn shows_values(&self) -> bool;
    /// Masks its values once their time is up (`Shown::mask_due`); true when it did.
    fn mask_due(&mut self, now: std::time::Instant) -> bool;
    /// The popup's own value, to find it by type.
    fn value(&self) -> &dyn Any;
    fn value_mut(&mut self) -> &mut dyn Any;
    fn into_value(self: Box<Self>) -> Box<dyn Any>;
}

/// A room's popup in the app's words.
pub(crate) struct Lifted<R: Room>(Box<dyn Shown<R>>);

impl<R: Room> std::fmt::Debug for Lifted<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<R> Popup for Lifted<R>
where
    R: Room<Popup = Box<dyn Shown<R>>>,
    R::Command: Nested,
    Command: From<R::Command>,
    AwsCall: From<R::Call>,
    PromptFor: From<R::Prompt>,
{
    fn layer(&self) -> Layer {
        self.0.layer()
    }

    fn holds(&self) -> Holds {
        self.0.holds()
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        self.0.draw(frame, around, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        self.0.fills(around)
    }

    fn takes_keys(&self) -> bool {
        self.0.takes_keys()
    }

    fn takes_text(&self) -> bool {
        self.0.takes_text()
    }

    fn text(&mut self, edit: crate::room::TextEdit) {
        self.0.text(edit);
    }

    fn paste(&mut self, pasted: &crate::secret::SecretValue) -> bool {
        self.0.paste(pasted)
    }

    fn shows_values(&self) -> bool {
        self.0.shows_values()
    }

    fn mask_due(&mut self, now: std::time::Instant) -> bool {
        self.0.mask_due(now)
    }

    fn take(&mut self, command: Command, ctx: &Ctx, out: &mut Out) {
        if let Some(command) = command.bind() {
            out.of(|out| self.0.command(command, ctx, out));
        }
    }

    fn value(&self) -> &dyn Any {
        &*self.0
    }

    fn value_mut(&mut self) -> &mut dyn Any {
        &mut *self.0
    }

    fn into_value(self: Box<Self>) -> Box<dyn Any> {
        self.0
    }
}

/// Any room's popup lifts onto the stack: a room whose words nest in the app's.
impl<R> From<Box<dyn Shown<R>>> for Box<dyn Popup>
where
    R: Room<Popup = Box<dyn Shown<R>>>,
    R::Command: Nested,
    Command: From<R::Command>,
    AwsCall: From<R::Call>,
    PromptFor: From<R::Prompt>,
{
    fn from(popup: Box<dyn Shown<R>>) -> Self {
        Box::new(Lifted(popup))
    }
}

#[cfg(test)]
mod tests {
    use super::{ConfirmRequest, OnYes};
    use crate::app::effect::AwsCall;
    use crate::features::lifecycle;
    use crate::ids::{IdentityId, SecretRef};
    use crate::room::Ctx;
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
