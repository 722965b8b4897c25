//! Accounts the config marks: a danger account's rows and the title's badge carry its
//! style and label, and a write to it wants the label typed before the usual confirmation
//! (a wrong label, or `y`, confirms nothing).

use super::pin_flows::{answer_as, pinned};
use crate::common::detail_for;
use crate::common::roles::press;
use crossterm::event::KeyCode;
use smtui_core::app::confirm::Popup as Confirm;
use smtui_core::app::{AwsCall, IdentityId, Outcome};
use smtui_core::model::accounts::{AccountRule, AccountRules, AccountStyle};
use smtui_core::room::layers::Layer;

/// `pinned()`, with accounts aliased `*-prod` marked "prod", and B's `ledger/db` selected
/// and described.
fn marked() -> crate::common::Harness {
    let mut h = pinned();
    h.state.settings.accounts = AccountRules(vec![AccountRule {
        matches: "*-prod".into(),
        label: "prod".into(),
        style: AccountStyle::Danger,
    }]);
    h.state.browse.list.set_filter("ledger/db".into());
    h
}

#[test]
fn a_danger_account_s_rows_and_the_title_say_its_label() {
    let mut h = marked();
    let screen = h.screen(160, 40);
    let title = screen.lines().next().unwrap_or_default().to_owned();
    assert!(title.contains(" PROD "), "{title}");
    assert!(screen.contains("prod·ledger-prod"), "{screen}");
    // The start account is not marked: no badge over its rows.
    h.state.browse.list.set_filter("shared/ci".into());
    let title = h
        .screen(160, 40)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(!title.contains(" PROD "), "{title}");
}

#[test]
fn a_write_to_a_danger_account_wants_its_label_typed_first() {
    let mut h = marked();
    let secret = h.selected_secret();
    let selected = h.state.selected().cloned().expect("B's row");
    let b = h.state.session.stamp_for(IdentityId(1)).expect("held");
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret,
            result: Ok(detail_for(&selected)),
        },
    );
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("A prod account: type prod first"),
        "{screen}"
    );
    // `y` is a letter here; a wrong label confirms nothing.
    h.type_text("y");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("type \"prod\" exactly"),
        "{}",
        h.state.status_text()
    );
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    press(&mut h, KeyCode::Backspace);
    h.type_text("prod");
    press(&mut h, KeyCode::Enter);
    let popup = h.state.layers.popup::<Confirm>().expect("still asking");
    assert_eq!(popup.guard, None, "the label is typed");
    // Then the usual confirmation: the secret's name, typed.
    let name = popup
        .request
        .typed
        .clone()
        .expect("a delete types the name");
    h.type_text(&name);
    press(&mut h, KeyCode::Enter);
    assert!(
        h.calls().iter().any(|c| matches!(c, AwsCall::Lifecycle(_))),
        "{:?}",
        h.calls()
    );
}
