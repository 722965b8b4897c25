//! The layer stack: the list always at the bottom, the value pane on it while it has focus,
//! the filter prompt, the palette and popups on top.
//!
//! A popup that shows data carries it: its room opens it as a value (`Out::open`), the
//! stack holds it lifted into the app's words (`app::room`'s `Popup`, as every room's
//! answer is lifted there), its room's update gets `&mut` it from the router (found by its
//! type, `popup_mut::<P>()`, whatever room opened it), the frame draws it from the value,
//! and closing it drops the value (and wipes what is secret in it). The stack and a popup's
//! data cannot disagree: they are one thing. A room declares its popup in its own folder,
//! as one `impl Shown<its Room>` (`room::popup`); nothing registers it in the app. Which
//! layers only a popup's value may open is their row in the layers table
//! (`Layer::carries`).

use crate::app::room::Popup;
use crate::room::layers::{Focus, Layer};

/// One entry of the stack: a layer without data of its own (the panes, the filter prompt,
/// the palette, help, the messages, and the review and conflict views of the editor's
/// session), or a popup that carries its data.
#[derive(Debug)]
pub(crate) enum Layered {
    Bare(Layer),
    /// Any room's popup, lifted into the app's words.
    Popup(Box<dyn Popup>),
}

impl Layered {
    /// The key context it stands for.
    pub(crate) fn layer(&self) -> Layer {
        match self {
            Layered::Bare(layer) => *layer,
            Layered::Popup(popup) => popup.layer(),
        }
    }
}

#[derive(Debug)]
pub struct Layers {
    /// Bottom first; `stack[0]` is always `Layer::List`.
    stack: Vec<Layered>,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            stack: vec![Layered::Bare(Layer::List)],
        }
    }
}

impl Layers {
    pub fn top(&self) -> Layer {
        self.stack.last().map_or(Layer::List, Layered::layer)
    }

    pub fn focus(&self) -> Focus {
        match self.iter().rev().find(|l| l.is_pane()) {
            Some(Layer::Value) => Focus::Value,
            _ => Focus::List,
        }
    }

    /// True while a popup covers the panes (no pane shows focus then).
    pub(crate) fn has_popup(&self) -> bool {
        self.top().is_popup()
    }

    pub fn contains(&self, layer: Layer) -> bool {
        self.iter().any(|l| l == layer)
    }

    /// Puts `layer` on top (moving it there if it was already in the stack). The value
    /// pane goes right above the list instead, under any popup: a value that arrives while
    /// the help is open must not cover the help. A popup that carries data opens only as
    /// its value (`open`): its bare layer is refused.
    pub(crate) fn push(&mut self, layer: Layer) {
        if layer == Layer::List || layer.carries() {
            debug_assert!(layer == Layer::List, "{layer:?} opens with its data");
            return;
        }
        self.remove(layer);
        if layer.is_pane() {
            self.stack.insert(1, Layered::Bare(layer));
        } else {
            self.stack.push(Layered::Bare(layer));
        }
    }

    /// Puts `popup` on top with its data, in place of any popup of its layer (whose data
    /// is dropped).
    pub fn open(&mut self, popup: Box<dyn Popup>) {
        self.remove(popup.layer());
        self.stack.push(Layered::Popup(popup));
    }

    /// Takes `layer` out wherever it is; a popup's data goes with it, and so do the layers
    /// that show that data from under them (`Layer::rests_on`).
    pub(crate) fn remove(&mut self, layer: Layer) {
        if layer != Layer::List {
            self.stack
                .retain(|l| l.layer() != layer && l.layer().rests_on() != Some(layer));
        }
    }

    /// Takes the open popup of type `P` off the stack and hands it over (to a room that
    /// keeps something of it once closed).
    pub(crate) fn take<P: 'static>(&mut self) -> Option<P> {
        let at = self.stack.iter().rposition(|l| match l {
            Layered::Popup(popup) => popup.value().is::<P>(),
            Layered::Bare(_) => false,
        })?;
        match self.stack.remove(at) {
            Layered::Popup(popup) => popup.into_value().downcast().ok().map(|popup| *popup),
            Layered::Bare(_) => None,
        }
    }

    /// The key contexts, bottom first.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = Layer> + '_ {
        self.stack.iter().map(Layered::layer)
    }

    /// Whether any open popup may show a secret's value in clear (`Shown::shows_values`).
    pub(crate) fn shows_values(&self) -> bool {
        self.stack.iter().any(|l| match l {
            Layered::Popup(popup) => popup.shows_values(),
            Layered::Bare(_) => false,
        })
    }

    /// The reveal timeout is up: every open popup masks what it shows (every one, not only
    /// the first that did); true when any did.
    pub(crate) fn mask_due(&mut self, now: std::time::Instant) -> bool {
        self.stack.iter_mut().fold(false, |masked, l| match l {
            Layered::Popup(popup) => popup.mask_due(now) | masked,
            Layered::Bare(_) => masked,
        })
    }

    /// The entries with their popups' data, bottom first: what the frame draws.
    pub(crate) fn entries(&self) -> impl Iterator<Item = &Layered> + '_ {
        self.stack.iter()
    }

    /// The popup on top, if the top layer is one that carries data.
    pub(crate) fn top_popup(&self) -> Option<&dyn Popup> {
        match self.stack.last()? {
            Layered::Popup(popup) => Some(&**popup),
            Layered::Bare(_) => None,
        }
    }

    /// The popup on top, if the top layer is one that carries data, to change.
    pub(crate) fn top_popup_mut(&mut self) -> Option<&mut dyn Popup> {
        match self.stack.last_mut()? {
            Layered::Popup(popup) => Some(&mut **popup),
            Layered::Bare(_) => None,
        }
    }

    /// The open popup of type `P`, wherever it is in the stack (a prompt may cover it).
    pub fn popup<P: 'static>(&self) -> Option<&P> {
        self.stack.iter().rev().find_map(|l| match l {
            Layered::Popup(popup) => popup.value().downcast_ref(),
            Layered::Bare(_) => None,
        })
    }

    /// The open popup of type `P`, to change: what the router lends its room.
    pub fn popup_mut<P: 'static>(&mut self) -> Option<&mut P> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layered::Popup(popup) => popup.value_mut().downcast_mut(),
            Layered::Bare(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::popup::Shown;

    #[test]
    fn the_top_layer_decides_and_the_list_stays() {
        let mut layers = Layers::default();
        assert_eq!(layers.top(), Layer::List);
        layers.remove(Layer::List);
        assert_eq!(layers.top(), Layer::List, "the list never leaves");
        layers.push(Layer::Value);
        layers.push(Layer::Help);
        assert_eq!(layers.top(), Layer::Help);
        assert_eq!(
            layers.focus(),
            Focus::Value,
            "the popup keeps the pane's focus"
        );
        assert!(layers.has_popup());
        layers.remove(Layer::Value);
        assert_eq!(layers.focus(), Focus::List);
        layers.push(Layer::Value);
        assert_eq!(
            layers.top(),
            Layer::Help,
            "a value arriving under a popup stays under it"
        );
        layers.remove(Layer::Value);
        layers.remove(Layer::Help);
        assert!(!layers.has_popup());
    }

    fn tags_popup() -> Box<dyn Popup> {
        use crate::ids::{IdentityId, SecretRef};
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf";
        let secret = SecretRef::new(IdentityId::START, "us-east-1", arn, "app/db").expect("an ARN");
        let popup: Box<dyn Shown<crate::features::tags::Room>> =
            Box::new(crate::features::tags::Popup {
                secret,
                selected: crate::kit::Cursor::default(),
                policy: None,
                read_only: false,
            });
        popup.into()
    }

    #[test]
    fn a_popup_opens_with_its_data_and_closing_it_drops_the_data() {
        let mut layers = Layers::default();
        layers.open(tags_popup());
        assert_eq!(
            layers.top(),
            Layer::Tags,
            "its key context comes from the value"
        );
        let popup = layers.popup::<crate::features::tags::Popup>();
        assert_eq!(
            popup.map(|p| p.secret.name.as_str()),
            Some("app/db"),
            "the stack holds the popup's address"
        );
        let prompt: Box<dyn Shown<crate::app::prompt::Room>> =
            Box::new(crate::app::prompt::Popup {
                label: "Key of the new tag".into(),
                input: String::new(),
                purpose: crate::features::tags::Prompt::Key.into(),
            });
        layers.open(prompt.into());
        assert!(
            layers.popup_mut::<crate::features::tags::Popup>().is_some(),
            "found under a prompt"
        );
        layers.remove(Layer::Prompt);
        layers.remove(Layer::Tags);
        assert_eq!(layers.top(), Layer::List);
        assert!(layers.popup::<crate::features::tags::Popup>().is_none());
        assert!(
            layers.entries().all(|e| matches!(e, Layered::Bare(_))),
            "no popup's data outlives its layer"
        );
    }

    #[test]
    fn a_popup_taken_off_the_stack_is_handed_over_whole() {
        let mut layers = Layers::default();
        layers.open(tags_popup());
        layers.push(Layer::Help);
        assert!(
            layers.take::<crate::app::prompt::Popup>().is_none(),
            "no popup of that type"
        );
        let taken = layers.take::<crate::features::tags::Popup>();
        assert_eq!(taken.map(|p| p.secret.name), Some("app/db".to_owned()));
        assert_eq!(layers.top(), Layer::Help, "only the popup left");
        assert!(!layers.contains(Layer::Tags));
    }

    #[test]
    fn opening_a_popup_again_replaces_its_data() {
        let mut layers = Layers::default();
        layers.open(tags_popup());
        layers.push(Layer::Help);
        layers.open(tags_popup());
        assert_eq!(layers.top(), Layer::Tags);
        assert_eq!(
            layers
                .entries()
                .filter(|e| e.layer() == Layer::Tags)
                .count(),
            1
        );
    }

    // Popups as values: what each holds, and which layers only a value opens.
    use crate::app::prompt;
    use crate::app::room::Popup;
    use crate::features::{session, tags};
    use crate::ids::{IdentityId, SecretRef};
    use crate::room::popup::Holds;

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
            assert!(layer.carries(), "{layer:?}");
        }
        for layer in [Layer::List, Layer::Value, Layer::Help, Layer::Palette] {
            assert!(!layer.carries(), "{layer:?} has no data of its own");
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
