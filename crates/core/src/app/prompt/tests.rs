//! The prompt's flow: a question asked, answered, refused and asked again.

use super::{Popup, PromptFor, PromptRoom, Room};
use crate::features::{session, tags};
use crate::room::keys::Verb;
use crate::room::layers::Layer;
use crate::room::{Intent, Out, TextEdit};

fn opened(out: Out<Room>) -> Popup {
    let first = out.intents.into_iter().next();
    match first.and_then(Intent::into_opened) {
        Some(popup) => popup,
        None => panic!("a prompt opened"),
    }
}

#[test]
fn enter_hands_the_text_on_and_a_refusal_asks_the_same_question_again() {
    let mut out = Out::<Room>::default();
    PromptRoom::ask(
        "Key".into(),
        String::new(),
        tags::Prompt::Key.into(),
        &mut out,
    );
    let mut popup = opened(out);
    for c in "owner".chars() {
        popup.text(TextEdit::Insert(c), &mut Out::<Room>::default());
    }
    let mut room = PromptRoom::default();
    let mut out = Out::<Room>::default();
    room.command(&mut popup, Verb::Select, &mut out);
    assert!(matches!(
        &out.intents[..],
        [Intent::Close(Layer::Prompt), Intent::Prompted { purpose, text }]
            if *purpose == PromptFor::Tags(tags::Prompt::Key) && text == "owner"
    ));
    assert!(popup.input.is_empty(), "the text was moved on, not copied");

    let mut out = Out::<Room>::default();
    room.again("owner?".into(), &mut out);
    let again = opened(out);
    assert_eq!(
        (again.label.as_str(), again.input.as_str()),
        ("Key", "owner?")
    );
    assert_eq!(again.purpose, PromptFor::Tags(tags::Prompt::Key));
}

#[test]
fn only_codes_are_secret_and_a_secret_never_shows_in_debug() {
    let code = PromptFor::from(session::Prompt::SessionCode {
        serial: "arn:aws:iam::123456789012:mfa/ops".into(),
    });
    assert!(code.is_secret());
    assert!(!PromptFor::from(session::Prompt::SessionSerial).is_secret());
    assert!(!PromptFor::from(tags::Prompt::Description).is_secret());
    let popup = Popup {
        label: "MFA code".into(),
        input: "907153".into(),
        purpose: code,
    };
    assert!(!format!("{popup:?}").contains("907153"));
}
