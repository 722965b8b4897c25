//! The versions popup without a terminal: compare (masked until revealed) and make-current
//! (confirmed, refused in read-only mode).

use crate::common;
use smtui_core::features::versions;

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, AwsCall, Effect, Outcome};
use smtui_core::model::FetchedValue;
use smtui_core::room::layers::Layer;
use smtui_core::secret::{SecretValue, ValueView};

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn fetched(id: &str, text: &str) -> FetchedValue {
    let raw = SecretValue::from_string(text.to_owned());
    FetchedValue {
        version_id: id.into(),
        stages: vec![],
        raw: raw.clone(),
        view: ValueView::from_parts(Some(raw), None),
    }
}

/// `v`, and the wake-up it asks for at the end of the reveal's time.
fn reveal_wake_up(h: &mut Harness) -> Action {
    let timeout = h.state.settings.reveal_timeout;
    let effects = h.press(KeyCode::Char('v'), KeyModifiers::NONE);
    let wake = effects.iter().find_map(|effect| match effect {
        Effect::After { delay, timer } if *delay == timeout => Some(Action::from(timer.clone())),
        _ => None,
    });
    wake.expect("a wake-up at the reveal timeout")
}

#[test]
fn comparing_the_previous_version_fetches_both_and_masks_the_values() {
    let mut h = Harness::loaded();
    h.state.status = None;
    press(&mut h, KeyCode::Char('p'));
    // AWSPREVIOUS is the second line.
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('d'));
    assert_eq!(h.state.layers.top(), Layer::Compare);
    let calls = h.calls();
    let [AwsCall::Versions(versions::Call::FetchPair { secret, versions })] = &calls[..] else {
        panic!("one pair: {calls:?}")
    };
    assert_eq!(
        versions,
        &["v1-0000-0000".to_owned(), "v2-0000-1111".to_owned()],
        "older first"
    );
    h.answer(Outcome::Versions(versions::Outcome::Pair {
        secret: secret.clone(),
        result: Ok([
            fetched("v1-0000-0000", r#"{"user":"app","password":"old-pw"}"#),
            fetched("v2-0000-1111", r#"{"user":"app","password":"new-pw"}"#),
        ]),
    }));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("~ password: •••••••• → ••••••••"),
        "{screen}"
    );
    assert!(!screen.contains("old-pw"));
    insta::assert_snapshot!("compare_masked_120x40", screen);
    let wake = reveal_wake_up(&mut h);
    assert!(h.screen(120, 40).contains("old-pw → new-pw"));
    // Masked again when the reveal's time is up, without a key, as in the value pane.
    h.advance(h.state.settings.reveal_timeout);
    h.act(wake);
    let screen = h.screen(120, 40);
    assert!(
        !screen.contains("old-pw") && screen.contains("Values masked again"),
        "{screen}"
    );
    press(&mut h, KeyCode::Esc);
    assert_eq!(
        h.state.layers.top(),
        Layer::Versions,
        "back to the versions"
    );
}

#[test]
fn make_current_asks_then_moves_awscurrent_from_the_current_version() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('p'));
    press(&mut h, KeyCode::Char('m'));
    assert!(h.state.status_text().contains("already AWSCURRENT"));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('m'));
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    assert!(h.calls().is_empty(), "nothing before the yes");
    // A "no" goes back to the versions, where the highlight still is.
    press(&mut h, KeyCode::Char('n'));
    assert_eq!(h.state.layers.top(), Layer::Versions);
    assert_eq!(
        h.state
            .layers
            .popup::<smtui_core::features::versions::Picker>()
            .map(|p| p.selected.at()),
        Some(1)
    );
    press(&mut h, KeyCode::Char('m'));
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Versions(versions::Call::MakeCurrent { version, from, .. })] if version == "v1-0000-0000" && from == "v2-0000-1111"
    ));
}

#[test]
fn read_only_refuses_make_current() {
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char('p'));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('m'));
    assert_ne!(h.state.layers.top(), Layer::Confirm);
    assert!(
        h.state
            .status_text()
            .starts_with("Read-only mode: make-current")
    );
    assert!(h.calls().is_empty());
}

#[test]
fn any_two_versions_compare_once_one_is_marked() {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut detail = common::detail_for(&selected);
    detail.versions.push(smtui_core::model::VersionInfo {
        id: "v0-0000-0000".into(),
        stages: vec![],
        created: Some(common::ts("2026-09-01T00:00:00Z")),
        last_accessed: None,
    });
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    press(&mut h, KeyCode::Char('p'));
    // Lines: AWSCURRENT, AWSPREVIOUS, v2, v1, v0. Mark v0 (last), compare v1 with it:
    // neither is current.
    press(&mut h, KeyCode::End);
    press(&mut h, KeyCode::Char(' '));
    press(&mut h, KeyCode::Up);
    press(&mut h, KeyCode::Char('d'));
    assert!(
        matches!(
            &h.calls()[..],
            [AwsCall::Versions(versions::Call::FetchPair { versions, .. })]
                if versions == &["v0-0000-0000".to_owned(), "v1-0000-0000".to_owned()]
        ),
        "{:?}",
        h.calls()
    );
}

/// Two versions of forty keys, two changed, on a small screen: the changes and the keys
/// stay in view, the unchanged are counted rather than drawn.
#[test]
fn a_long_comparison_shows_the_changes_and_its_keys_first() {
    let mut h = Harness::loaded();
    h.state.status = None;
    press(&mut h, KeyCode::Char('p'));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('d'));
    let calls = h.calls();
    let [AwsCall::Versions(versions::Call::FetchPair { secret, .. })] = &calls[..] else {
        panic!("one pair: {calls:?}")
    };
    let json = |changed: &str| {
        let keys: Vec<String> = (0..40)
            .map(|i| {
                let value = if i == 0 || i == 39 { changed } else { "v" };
                format!("\"key{i:02}\":\"{value}\"")
            })
            .collect();
        format!("{{{}}}", keys.join(","))
    };
    h.answer(Outcome::Versions(versions::Outcome::Pair {
        secret: secret.clone(),
        result: Ok([
            fetched("v1-0000-0000", &json("a")),
            fetched("v2-0000-1111", &json("b")),
        ]),
    }));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("~ key00") && screen.contains("~ key39"),
        "{screen}"
    );
    assert!(
        screen.contains("(38 unchanged, not shown here)"),
        "{screen}"
    );
    assert!(screen.contains("the values · Esc back"), "{screen}");
}

/// Enter is a reflex key: it does not answer a rollback. The question stays, the footer
/// names `y`, and only `y` moves AWSCURRENT.
#[test]
fn enter_does_not_make_a_version_current_only_y_does() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('p'));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('m'));
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    press(&mut h, KeyCode::Enter);
    assert!(
        h.calls().is_empty(),
        "Enter made it current: {:?}",
        h.calls()
    );
    assert_eq!(h.state.layers.top(), Layer::Confirm, "the question stays");
    let screen = h.screen(120, 40);
    assert!(screen.contains("y yes · n no"), "{screen}");
    assert!(
        h.state.status_text().contains("Enter does not answer"),
        "{}",
        h.state.status_text()
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Versions(versions::Call::MakeCurrent { version, .. })] if version == "v1-0000-0000"
    ));
}

/// One row per version, its labels on that row: two versions make two rows, each id once.
#[test]
fn the_popup_lists_each_version_once_with_its_labels() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('p'));
    let screen = h.screen(120, 40);
    for id in ["v2-0000-1111", "v1-0000-0000"] {
        assert_eq!(screen.matches(id).count(), 1, "{id} once:\n{screen}");
    }
    let row = |id: &str| {
        screen
            .lines()
            .find(|l| l.contains(id) && l.contains('┃'))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(row("v2-0000-1111").contains("AWSCURRENT"), "{screen}");
    assert!(row("v1-0000-0000").contains("AWSPREVIOUS"), "{screen}");
    assert!(screen.contains("m make current"), "{screen}");
}

/// Read-only mode refuses make-current, so the popup does not offer it.
#[test]
fn read_only_versions_do_not_offer_make_current() {
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    h.state.status = None;
    press(&mut h, KeyCode::Char('p'));
    let screen = h.screen(120, 40);
    assert!(!screen.contains("make current"), "{screen}");
    assert!(screen.contains("d compare"), "{screen}");
    insta::assert_snapshot!("versions_read_only_120x40", screen);
}

/// The version holding AWSCURRENT comes first, then AWSPREVIOUS's, whatever order the
/// service listed them in (versions made within a second come in any order).
#[test]
fn awscurrent_comes_first_then_awsprevious() {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut detail = common::detail_for(&selected);
    detail.versions.reverse();
    detail.versions.insert(
        0,
        smtui_core::model::VersionInfo {
            id: "v0-0000-0000".into(),
            stages: vec![],
            created: Some(common::ts("2026-12-01T00:00:00Z")),
            last_accessed: None,
        },
    );
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    press(&mut h, KeyCode::Char('p'));
    let order: Vec<&str> = h
        .state
        .layers
        .popup::<smtui_core::features::versions::Picker>()
        .expect("the popup")
        .choices
        .iter()
        .map(|c| c.version_id.as_str())
        .collect();
    assert_eq!(order, ["v2-0000-1111", "v1-0000-0000", "v0-0000-0000"]);
}

/// The comparison is a popup that carries its values: closing it while they are revealed
/// drops them with it (their bytes wiped as they go), and nothing on screen holds them.
#[test]
fn closing_a_revealed_comparison_drops_its_values() {
    use smtui_core::features::versions::Comparison;
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('p'));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('d'));
    let calls = h.calls();
    let [AwsCall::Versions(versions::Call::FetchPair { secret, .. })] = &calls[..] else {
        panic!("one pair: {calls:?}")
    };
    h.answer(Outcome::Versions(versions::Outcome::Pair {
        secret: secret.clone(),
        result: Ok([
            fetched("v1-0000-0000", r#"{"password":"old-pw"}"#),
            fetched("v2-0000-1111", r#"{"password":"new-pw"}"#),
        ]),
    }));
    press(&mut h, KeyCode::Char('v'));
    assert!(h.state.shows_values(), "revealed");
    let held = h.state.layers.popup::<Comparison>().expect("on the stack");
    assert!(held.rows.as_ref().is_some_and(|rows| !rows.is_empty()));
    press(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::Versions);
    assert!(
        h.state.layers.popup::<Comparison>().is_none(),
        "the rows went with the popup"
    );
    assert!(!h.state.shows_values());
    assert!(!h.screen(120, 40).contains("old-pw"));
}
