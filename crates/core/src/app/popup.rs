//! Popups on the app's layer stack. A popup that shows data carries it: its room opens it
//! as a value (`Out::open`), the stack holds it lifted into the app's words (`app::room`'s
//! `Popup`, as every room's answer is lifted there), its room's update gets `&mut` it from
//! the router (found by its type, `Layers::popup_mut`), the frame draws it from the value,
//! and closing it drops the value (and wipes what is secret in it). The stack and a popup's
//! data cannot disagree: they are one thing.
//!
//! A room declares its popup in its own folder, as one `impl Shown<its Room>`
//! (`room::popup`); nothing is registered here: any room whose words nest in the app's
//! lifts its popups onto the stack (`app::room::Lifted`). What is left here is which
//! layers only a popup's value may open (`carries`).

use crate::room::layers::Layer;

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
    use crate::app::room::Popup;
    use crate::features::{session, tags};
    use crate::ids::{IdentityId, SecretRef};
    use crate::room::popup::{Holds, Shown};

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
    fn only_a_value_opens_a_popup_that_carries_data() {
        for layer in [Layer::Tags, Layer::Editor, Layer::Prompt, Layer::Confirm] {
            assert!(carries(layer), "{layer:?}");
        }
        for layer in [Layer::List, Layer::Value, Layer::Help, Layer::Palette] {
            assert!(!carries(layer), "{layer:?} has no data of its own");
        }
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
