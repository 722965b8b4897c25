//! Popups as values. A popup that shows data carries it: it goes on the layer stack as
//! `Popup::<Room>(<room>::Popup)`, its room's update gets `&mut` it from the router, the
//! frame draws it from the value, and closing it drops the value (and wipes what is
//! secret in it). The stack and a popup's data cannot disagree: they are one thing.
//!
//! A room declares its popup type in its own folder, with how it draws (`Drawn`, beside
//! its view); registering it here is a variant, its layer in `layer` and `carries`, its
//! arms in `drawn` and `holds`, and a `room_popup!` line.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{confirm, prompt};
use crate::features::appearance::Appearance;
use crate::features::session::Session;
use crate::features::{appearance, audit, editor, lifecycle, rotation, session, tags, versions};
use crate::kit::Theme;
use crate::room::layers::Layer;
use crate::room::popup::Holds;
use crate::room::popup::{Around, Drawn};

/// Every popup that carries data, nested by room.
#[derive(Debug)]
pub enum Popup {
    Tags(tags::Popup),
    Versions(versions::Picker),
    Compare(versions::Comparison),
    Delete(lifecycle::DeleteForm),
    Rotation(rotation::overview::Overview),
    Roles(session::switcher::Switcher),
    Themes(appearance::Picker),
    Audit(Box<audit::AuditView>),
    AuditEvent(audit::Record),
    /// Boxed, as the audit view: the largest popups, so the others stay small.
    Editor(Box<editor::EditSession>),
    Prompt(prompt::Popup),
    Confirm(confirm::Popup),
}

impl Popup {
    /// Its key context: which bindings, help and docs/keys.md section apply while it is on
    /// top.
    pub fn layer(&self) -> Layer {
        match self {
            Popup::Tags(_) => Layer::Tags,
            Popup::Versions(_) => Layer::Versions,
            Popup::Compare(_) => Layer::Compare,
            Popup::Delete(_) => Layer::Delete,
            Popup::Rotation(_) => Layer::Rotation,
            Popup::Roles(_) => Layer::Roles,
            Popup::Themes(_) => Layer::Themes,
            Popup::Audit(_) => Layer::Audit,
            Popup::AuditEvent(_) => Layer::AuditEvent,
            Popup::Editor(_) => Layer::Editor,
            Popup::Prompt(_) => Layer::Prompt,
            Popup::Confirm(_) => Layer::Confirm,
        }
    }

    /// Draws it: its room's view, declared beside it (`Drawn`); the switcher and the theme
    /// picker with their room's state beside them.
    pub fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme, beside: &Beside) {
        match self {
            Popup::Roles(switcher) => switcher.draw(beside.session, frame, around, theme),
            Popup::Themes(picker) => picker.draw(beside.appearance, frame, around, theme),
            Popup::Tags(popup) => popup.draw(frame, around, theme),
            Popup::Versions(picker) => picker.draw(frame, around, theme),
            Popup::Compare(comparison) => comparison.draw(frame, around, theme),
            Popup::Delete(form) => form.draw(frame, around, theme),
            Popup::Rotation(overview) => overview.draw(frame, around, theme),
            Popup::Audit(view) => view.draw(frame, around, theme),
            Popup::AuditEvent(record) => record.draw(frame, around, theme),
            Popup::Editor(session) => session.draw(frame, around, theme),
            Popup::Prompt(prompt) => prompt.draw(frame, around, theme),
            Popup::Confirm(confirm) => confirm.draw(frame, around, theme),
        }
    }

    /// The area it fills (nearly) whole (`Drawn::fills`), `None` for a box in the middle.
    pub fn fills(&self, around: &Around) -> Option<Rect> {
        match self {
            Popup::Roles(_) | Popup::Themes(_) => None,
            Popup::Tags(popup) => popup.fills(around),
            Popup::Versions(picker) => picker.fills(around),
            Popup::Compare(comparison) => comparison.fills(around),
            Popup::Delete(form) => form.fills(around),
            Popup::Rotation(overview) => overview.fills(around),
            Popup::Audit(view) => view.fills(around),
            Popup::AuditEvent(record) => record.fills(around),
            Popup::Editor(session) => session.fills(around),
            Popup::Prompt(prompt) => prompt.fills(around),
            Popup::Confirm(confirm) => confirm.fills(around),
        }
    }

    /// Whose data it holds, so it closes when that data goes (a switch, `release_identity`):
    /// each popup says it of itself (its room knows what it was built from).
    pub(crate) fn holds(&self) -> Holds {
        match self {
            Popup::Tags(popup) => popup.holds(),
            Popup::Versions(picker) => picker.holds(),
            Popup::Compare(comparison) => comparison.holds(),
            Popup::Delete(form) => form.holds(),
            Popup::Audit(view) => view.holds(),
            Popup::AuditEvent(record) => record.holds(),
            Popup::Editor(session) => session.holds(),
            Popup::Rotation(overview) => overview.holds(),
            Popup::Roles(switcher) => switcher.holds(),
            Popup::Themes(picker) => picker.holds(),
            Popup::Prompt(prompt) => prompt.holds(),
            Popup::Confirm(confirm) => confirm.holds(),
        }
    }

    /// Whether `layer` is a popup that carries data, so only a value can put it on the
    /// stack (pushing its bare layer would open it empty).
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
}

/// The rooms whose state two popups draw from beside their own data: the role switcher
/// lists the session's identities, the theme picker the themes.
pub struct Beside<'a> {
    pub session: &'a Session,
    pub appearance: &'a Appearance,
}

/// A room's popup type, found on the stack by its variant.
pub trait RoomPopup: Sized {
    fn of(popup: &Popup) -> Option<&Self>;
    fn of_mut(popup: &mut Popup) -> Option<&mut Self>;
    fn owned(popup: Popup) -> Option<Self>;
}

/// Ties a room's popup type to its variant (`box`: a variant that holds it boxed): found
/// on the stack by it, and lifted into it when the room opens one.
macro_rules! room_popup {
    ($variant:ident, box $ty:ty) => {
        impl From<$ty> for Popup {
            fn from(popup: $ty) -> Self {
                Popup::$variant(Box::new(popup))
            }
        }

        impl RoomPopup for $ty {
            fn of(popup: &Popup) -> Option<&Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn of_mut(popup: &mut Popup) -> Option<&mut Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn owned(popup: Popup) -> Option<Self> {
                match popup {
                    Popup::$variant(inner) => Some(*inner),
                    _ => None,
                }
            }
        }
    };
    ($variant:ident, $ty:ty) => {
        impl From<$ty> for Popup {
            fn from(popup: $ty) -> Self {
                Popup::$variant(popup)
            }
        }

        impl RoomPopup for $ty {
            fn of(popup: &Popup) -> Option<&Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn of_mut(popup: &mut Popup) -> Option<&mut Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn owned(popup: Popup) -> Option<Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
        }
    };
}

room_popup!(Tags, tags::Popup);
room_popup!(Versions, versions::Picker);
room_popup!(Compare, versions::Comparison);
room_popup!(Delete, lifecycle::DeleteForm);

/// The versions room opens two popups, each its own variant here.
impl From<versions::Popup> for Popup {
    fn from(popup: versions::Popup) -> Self {
        match popup {
            versions::Popup::Picker(picker) => picker.into(),
            versions::Popup::Comparison(comparison) => comparison.into(),
        }
    }
}
room_popup!(Rotation, rotation::overview::Overview);
room_popup!(Roles, session::switcher::Switcher);
room_popup!(Themes, appearance::Picker);
room_popup!(Audit, box audit::AuditView);
room_popup!(AuditEvent, audit::Record);
room_popup!(Editor, box editor::EditSession);

/// The audit room opens either of its two popups, each its own variant here.
impl From<audit::Popup> for Popup {
    fn from(popup: audit::Popup) -> Self {
        match popup {
            audit::Popup::View(view) => Popup::Audit(view),
            audit::Popup::Record(record) => Popup::AuditEvent(record),
        }
    }
}
room_popup!(Prompt, prompt::Popup);

/// A registered room without a popup of its own finds none on the stack.
impl RoomPopup for crate::room::Never {
    fn of(_: &Popup) -> Option<&Self> {
        None
    }
    fn of_mut(_: &mut Popup) -> Option<&mut Self> {
        None
    }
    fn owned(_: Popup) -> Option<Self> {
        None
    }
}
room_popup!(Confirm, confirm::Popup);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{IdentityId, SecretRef};

    const B: IdentityId = IdentityId(7);

    fn tags_of(identity: IdentityId) -> Popup {
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf";
        let secret = SecretRef::new(identity, "us-east-1", arn, "app/db").expect("an ARN");
        Popup::Tags(tags::Popup {
            secret,
            selected: crate::kit::Cursor::default(),
            policy: None,
            read_only: false,
        })
    }

    /// A prompt with `purpose` (a room's own prompt, nested as the central one).
    macro_rules! prompt_for {
        ($purpose:expr) => {
            Popup::Prompt(prompt::Popup {
                label: "?".into(),
                input: String::new(),
                purpose: $purpose.into(),
            })
        };
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
