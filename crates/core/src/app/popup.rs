//! Popups on the app's layer stack. A popup that shows data carries it: its room opens it
//! as a value (`Out::open`), the stack holds it lifted into the app's words ([`Popup`]),
//! its room's update gets `&mut` it from the router (found by its type), the frame draws it
//! from the value, and closing it drops the value (and wipes what is secret in it). The
//! stack and a popup's data cannot disagree: they are one thing.
//!
//! A room declares its popup in its own folder, as one `impl Shown<its Room>`
//! (`room::popup`); nothing is registered here: any room whose words nest in the app's
//! lifts its popups onto the stack ([`Lifted`]).

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::command::{Command, Nested};
use crate::app::effect::AwsCall;
use crate::app::room::{Out, PromptFor};
use crate::kit::Theme;
use crate::room::Ctx;
use crate::room::Room;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};

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
    /// The popup's own value, to find it by type.
    fn value(&self) -> &dyn Any;
    fn value_mut(&mut self) -> &mut dyn Any;
    fn into_value(self: Box<Self>) -> Box<dyn Any>;
}

/// A room's popup in the app's words.
pub struct Lifted<R: Room>(Box<dyn Shown<R>>);

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

/// Whether `layer` is a popup that carries data, so only a value can put it on the stack
/// (pushing its bare layer would open it empty).
pub(crate) fn carries(layer: Layer) -> bool {
    matches!(
        layer,
        Layer::Tags
            | Layer::Versions
            | Layer::Compare
            | Layer::Delete
            | Layer::Rotation
            | Layer::Roles
            | Layer::Themes
            | Layer::Audit
            | Layer::AuditEvent
            | Layer::Editor
            | Layer::Prompt
            | Layer::Confirm
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::prompt;
    use crate::features::{session, tags};
    use crate::ids::{IdentityId, SecretRef};

    const B: IdentityId = IdentityId(7);

    fn tags_of(identity: IdentityId) -> Box<dyn Popup> {
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf";
        let secret = SecretRef::new(identity, "us-east-1", arn, "app/db").expect("an ARN");
        let popup: Box<dyn Shown<tags::Room>> = Box::new(tags::Popup {
            secret,
            selected: crate::kit::Cursor::default(),
            policy: None,
            read_only: false,
        });
        popup.into()
    }

    /// A prompt with `purpose` (a room's own prompt, nested as the central one).
    macro_rules! prompt_for {
        ($purpose:expr) => {{
            let popup: Box<dyn Shown<prompt::Room>> = Box::new(prompt::Popup {
                label: "?".into(),
                input: String::new(),
                purpose: $purpose.into(),
            });
            Box::<dyn Popup>::from(popup)
        }};
    }

    #[test]
    fn a_popup_says_whose_data_it_holds() {
        assert_eq!(tags_of(B).holds(), Holds::Identity(B));
        assert_eq!(
            prompt_for!(session::Prompt::RoleArn).holds(),
            Holds::Nothing,
            "a prompt on the way to another identity"
        );
        assert_eq!(
            prompt_for!(tags::Prompt::Key).holds(),
            Holds::Panes,
            "a prompt answering a popup over the panes"
        );
    }

    #[test]
    fn a_lost_identity_takes_its_popups_and_a_switch_keeps_only_the_new_one_s() {
        let start = IdentityId::START;
        let of_b = tags_of(B).holds();
        assert!(of_b.goes_with(B));
        assert!(!of_b.goes_with(start), "another identity's loss leaves it");
        assert!(of_b.stays_working_as(B));
        assert!(!of_b.stays_working_as(start));
        assert!(Holds::Panes.goes_with(B) && !Holds::Panes.stays_working_as(start));
        assert!(!Holds::Nothing.goes_with(B) && Holds::Nothing.stays_working_as(start));
    }
}
