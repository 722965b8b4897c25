//! Tags, description and policy without a terminal: prompts take text (keys bound
//! elsewhere are letters there), every change is confirmed, AWS's own tags stay read-only.

use crate::common;

use crate::common::{Harness, detail_for};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{AwsCall, Outcome};
use smtui_core::features::tags;
use smtui_core::model::Tag;
use smtui_core::room::layers::Layer;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn opened() -> Harness {
    let mut h = Harness::loaded();
    h.state.status = None;
    press(&mut h, KeyCode::Char('t'));
    assert_eq!(h.state.layers.top(), Layer::Tags);
    assert!(
        matches!(
            &h.calls()[..],
            [AwsCall::Tags(tags::Call::FetchPolicy { .. })]
        ),
        "the policy is fetched: {:?}",
        h.calls()
    );
    h
}

#[test]
fn adding_a_tag_asks_key_then_value_then_confirms() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('a'));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    h.type_text("qr-owner");
    assert!(!h.state.quit, "q is a letter in a prompt");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Prompt, "now the value");
    h.type_text("sec-team");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    assert!(h.calls().is_empty(), "nothing before the yes");
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Tags(tags::Call::Tag { key, value, .. })] if key == "qr-owner" && value == "sec-team"
    ));
    assert_eq!(h.state.layers.top(), Layer::Tags, "back in the popup");
}

#[test]
fn aws_tags_are_read_only_and_reserved() {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut detail = detail_for(&selected);
    detail.tags = vec![Tag {
        key: "aws:cloudformation:stack-name".into(),
        value: "prod".into(),
    }];
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    press(&mut h, KeyCode::Char('t'));
    press(&mut h, KeyCode::Char('x'));
    assert!(
        h.state
            .status_text()
            .contains("set by AWS: it is read-only")
    );
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Tags);
    press(&mut h, KeyCode::Char('a'));
    h.type_text("aws:mine");
    press(&mut h, KeyCode::Enter);
    assert!(h.state.status_text().contains("reserved for AWS"));
    assert!(h.calls().is_empty());
}

#[test]
fn the_description_is_prefilled_changed_and_confirmed() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('d'));
    assert_eq!(
        crate::common::open_prompt(&h.state).map(|p| p.input.clone()),
        Some("prod/orders/postgres for the app".to_owned())
    );
    for _ in 0.."the app".len() {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text("orders");
    press(&mut h, KeyCode::Enter);
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Tags(tags::Call::UpdateDescription { description, .. })] if description == "prod/orders/postgres for orders"
    ));
}

#[test]
fn removing_a_tag_is_confirmed_and_read_only_refuses_every_change() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('x'));
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    press(&mut h, KeyCode::Char('y'));
    assert!(
        matches!(&h.calls()[..], [AwsCall::Tags(tags::Call::Untag { key, .. })] if key == "Team")
    );

    let mut h = opened();
    h.state.settings.read_only = true;
    for key in ['a', 'x', 'd', 'e'] {
        press(&mut h, KeyCode::Char(key));
        assert_eq!(h.state.layers.top(), Layer::Tags, "{key}");
        assert!(h.state.status_text().starts_with("Read-only mode"), "{key}");
    }
    assert!(h.calls().is_empty());
}

#[test]
fn adding_a_key_that_exists_says_it_replaces_the_value() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('a'));
    h.type_text("Team");
    press(&mut h, KeyCode::Enter);
    h.type_text("risk");
    press(&mut h, KeyCode::Enter);
    let question = common::confirm_question(&h.state);
    assert!(
        question.starts_with("Replace the value of the tag Team"),
        "{question}"
    );
    assert!(question.contains("\"payments\" now"), "{question}");
}

#[test]
fn read_only_the_popup_offers_only_moving_and_closing() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('t'));
    let screen = h.screen(120, 40);
    assert!(screen.contains("a add · Enter change value"), "{screen}");
    press(&mut h, KeyCode::Esc);

    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char('t'));
    assert_eq!(h.state.layers.top(), Layer::Tags);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("↓/↑ move · Esc close · read-only mode: no changes"),
        "{screen}"
    );
    for offered in ["a add", "change value", "x remove", "d description"] {
        assert!(!screen.contains(offered), "{offered} offered:\n{screen}");
    }
}

#[test]
fn a_refused_key_keeps_the_prompt_and_the_text() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('a'));
    h.type_text("aws:x");
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.status_text(),
        "Keys starting with aws: are reserved for AWS"
    );
    assert_eq!(h.state.layers.top(), Layer::Prompt, "still asking");
    let prompt = crate::common::open_prompt(&h.state).expect("a prompt");
    assert_eq!(prompt.input, "aws:x", "nothing typed is lost");
    assert!(
        prompt.label.starts_with("Key of the new tag"),
        "{}",
        prompt.label
    );
    // The next keys are still text: `x` would remove a tag in the popup.
    for _ in 0.."aws:x".len() {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text("x-owner");
    assert_eq!(
        crate::common::open_prompt(&h.state).map(|p| p.input.as_str()),
        Some("x-owner")
    );
    press(&mut h, KeyCode::Enter);
    assert!(
        crate::common::open_prompt(&h.state)
            .is_some_and(|p| p.label.starts_with("Value of x-owner"))
    );
    assert!(h.calls().is_empty());
}

#[test]
fn a_refused_value_keeps_the_prompt_and_the_text() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('a'));
    h.type_text("owner");
    press(&mut h, KeyCode::Enter);
    let long = "v".repeat(smtui_core::features::tags::MAX_VALUE_CHARS + 1);
    h.type_text(&long);
    press(&mut h, KeyCode::Enter);
    assert!(h.state.status_text().contains("at most 256 characters"));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    let prompt = crate::common::open_prompt(&h.state).expect("a prompt");
    assert_eq!(prompt.input, long);
    assert!(
        prompt.label.starts_with("Value of owner"),
        "{}",
        prompt.label
    );
    press(&mut h, KeyCode::Backspace);
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Confirm, "fixed, then asked");
}
