//! The editor without a terminal: open, type (keys that are bindings elsewhere are text),
//! JSON checked as you type, review with masked values, the save call, and every answer:
//! saved, conflict, failure (the buffer stays intact).

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, AwsCall, Effect, Outcome};
use smtui_core::features::editor::{self, Call, SaveResult, call::EditFetch};
use smtui_core::features::editor::{EditSession, Phase};
use smtui_core::ids::SecretRef;
use smtui_core::model::{AwsError, ErrorKind, FetchedValue};
use smtui_core::room::layers::Layer;
use smtui_core::secret::{SecretValue, ValueView};

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn ctrl(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn editing(value: &str) -> Harness {
    Harness::editing(value)
}

fn buffer_text(h: &Harness) -> String {
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    let loaded = session.loaded.as_ref().expect("loaded");
    loaded.buffer.text().expose_str().expect("utf-8").to_owned()
}

fn session_secret(h: &Harness) -> SecretRef {
    h.state
        .layers
        .popup::<EditSession>()
        .and_then(|s| s.secret.clone())
        .expect("an editing session")
}

/// Their value after a conflict, as the runner answers the editor's fetch.
fn answer_theirs(h: &mut Harness, version: &str, text: &str) {
    let theirs = SecretValue::from_string(text.to_owned());
    h.answer(Outcome::Editor(editor::Outcome::Source {
        secret: session_secret(h),
        purpose: EditFetch::Theirs,
        result: Ok(FetchedValue {
            version_id: version.into(),
            stages: vec!["AWSCURRENT".into()],
            raw: theirs.clone(),
            view: ValueView::from_parts(Some(theirs), None),
        }),
    }));
}

/// The token of the one save the last action sent.
fn save_token(h: &Harness) -> String {
    match &h.calls()[..] {
        [AwsCall::Editor(Call::SaveValue { token, .. })] => token.clone(),
        other => panic!("one save: {other:?}"),
    }
}

fn message(h: &Harness) -> String {
    h.editor_message().unwrap_or_default()
}

#[test]
fn typing_edits_the_buffer_and_q_is_a_letter() {
    let mut h = editing("token-1");
    press(&mut h, KeyCode::End);
    press(&mut h, KeyCode::Backspace);
    h.type_text("2q");
    assert_eq!(buffer_text(&h), "token-2q");
    assert!(!h.state.quit, "q typed into the editor is text");
    assert_eq!(h.state.layers.top(), Layer::Editor);
    assert!(
        !format!("{:?}", h.state).contains("token-2q"),
        "the buffer is redacted"
    );
}

#[test]
fn leaving_with_changes_asks_first_and_keeps_the_text_on_no() {
    let mut h = editing("abc");
    press(&mut h, KeyCode::End);
    h.type_text("d");
    press(&mut h, KeyCode::Esc);
    assert_eq!(
        h.state.layers.top(),
        Layer::Confirm,
        "Esc asks before discarding"
    );
    press(&mut h, KeyCode::Char('n'));
    assert_eq!(h.state.layers.top(), Layer::Editor);
    assert_eq!(buffer_text(&h), "abcd");
    ctrl(&mut h, 'c');
    assert!(!h.state.quit, "Ctrl-c in the editor asks too");
    // Reflexes lose nothing: a second Ctrl-c does not quit, Enter does not discard.
    ctrl(&mut h, 'c');
    assert!(!h.state.quit, "not with unsaved changes");
    assert!(
        h.state.status_text().contains("Not quitting"),
        "{}",
        h.state.status_text()
    );
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Confirm, "still asking");
    assert_eq!(buffer_text(&h), "abcd");
    press(&mut h, KeyCode::Char('y'));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(
        h.state.layers.popup::<EditSession>().is_none(),
        "the buffer is gone (zeroized)"
    );
}

#[test]
fn invalid_json_is_not_saved_and_says_where() {
    let mut h = editing("{\"user\": \"app\"}");
    // A flat object opens as its fields: the whole text is a Ctrl-f away.
    ctrl(&mut h, 'f');
    press(&mut h, KeyCode::End);
    press(&mut h, KeyCode::Backspace);
    ctrl(&mut h, 's');
    assert_eq!(
        h.state.layers.top(),
        Layer::Editor,
        "no review of invalid JSON"
    );
    let text = message(&h);
    assert!(text.contains("line 1, column 14"), "{text}");
    assert!(
        !text.contains("app"),
        "the error never quotes the value: {text}"
    );
    let screen = h.screen(100, 30);
    assert!(screen.contains("line 1, column 14"), "{screen}");
}

#[test]
fn save_reviews_masked_changes_then_sends_a_compare_and_swap() {
    let mut h = editing(r#"{"user":"app","password":"old-pw"}"#);
    ctrl(&mut h, 'f');
    // Replace `old-pw` with `new-pw`.
    press(&mut h, KeyCode::End);
    for _ in 0..8 {
        press(&mut h, KeyCode::Left);
    }
    for _ in 0..3 {
        press(&mut h, KeyCode::Delete);
    }
    h.type_text("new");
    assert_eq!(buffer_text(&h), r#"{"user":"app","password":"new-pw"}"#);
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Review);
    let screen = h.screen(100, 30);
    assert!(screen.contains("~ password: ••••••••"), "{screen}");
    // The review shows no value until asked, and the editor's text is not drawn behind it
    // (it would show the new one in clear).
    assert!(
        !screen.contains("old-pw") && !screen.contains("new-pw"),
        "values masked until revealed"
    );
    insta::assert_snapshot!("editor_review_masked_100x30", screen);
    let footer = |screen: &str| screen.lines().last().unwrap_or_default().to_owned();
    assert!(footer(&screen).contains("v reveal"), "{screen}");
    let timeout = h.state.settings.reveal_timeout;
    let wake = h
        .press(KeyCode::Char('v'), KeyModifiers::NONE)
        .iter()
        .find_map(|effect| match effect {
            Effect::After { delay, timer } if *delay == timeout => {
                Some(Action::from(timer.clone()))
            }
            _ => None,
        })
        .expect("a wake-up at the reveal timeout");
    let screen = h.screen(100, 30);
    assert!(screen.contains("old-pw → new-pw"));
    assert!(
        screen.contains("  user: ••••••••"),
        "an unchanged value stays masked: {screen}"
    );
    // The footer says what `v` does now.
    assert!(
        footer(&screen).contains("v mask") && !footer(&screen).contains("v reveal"),
        "{screen}"
    );
    // Masked again when the reveal's time is up, without a key.
    h.advance(timeout);
    h.act(wake);
    assert!(!h.screen(100, 30).contains("new-pw"), "masked by the timer");
    press(&mut h, KeyCode::Char('y'));
    let calls = h.calls();
    let [
        AwsCall::Editor(Call::SaveValue {
            base_version,
            token,
            value,
            ..
        }),
    ] = &calls[..]
    else {
        panic!("one save: {calls:?}")
    };
    assert_eq!(
        base_version, "v-base",
        "AWSCURRENT moves from the opened version only"
    );
    assert!(!token.is_empty(), "a first attempt gets a fresh token");
    let token = token.clone();
    assert_eq!(
        value.expose_str(),
        Some(r#"{"user":"app","password":"new-pw"}"#)
    );
    assert_eq!(h.state.layers.top(), Layer::Editor);

    let secret = session_secret(&h);
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret,
        token,
        result: Ok(SaveResult::Saved {
            version_id: "v-new-123456".into(),
        }),
    }));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(
        h.state
            .status_text()
            .contains("version v-new-12 is AWSCURRENT")
    );
}

#[test]
fn a_conflict_overwrites_nothing_shows_theirs_and_overwriting_is_deliberate() {
    let mut h = editing("mine-0");
    press(&mut h, KeyCode::End);
    h.type_text("1");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let secret = session_secret(&h);
    let first = save_token(&h);
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret,
        token: first.clone(),
        result: Ok(SaveResult::Conflict {
            current_version: "v-theirs-99".into(),
        }),
    }));
    assert_eq!(h.state.layers.top(), Layer::Editor);
    assert_eq!(buffer_text(&h), "mine-01", "nothing typed is lost");
    assert!(
        message(&h).contains("changed since you opened it"),
        "{}",
        message(&h)
    );
    // Their value is fetched and shown beside yours, and the secret is described again
    // (the detail's versions and dates are stale now).
    let calls = h.calls();
    let [
        AwsCall::Editor(Call::FetchForEdit {
            version,
            purpose: EditFetch::Theirs,
            ..
        }),
        AwsCall::Describe { .. },
    ] = &calls[..]
    else {
        panic!("their value is fetched and the secret described: {calls:?}")
    };
    assert_eq!(
        version,
        &smtui_core::model::VersionSel::Id("v-theirs-99".into())
    );
    answer_theirs(&mut h, "v-theirs-99", "theirs-7");
    assert_eq!(h.state.layers.top(), Layer::Conflict);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Nothing was overwritten"), "{screen}");
    assert!(
        !screen.contains("theirs-7"),
        "their value masked until revealed"
    );
    insta::assert_snapshot!("editor_conflict_100x30", screen);
    press(&mut h, KeyCode::Char('v'));
    assert!(h.screen(100, 30).contains("theirs-7"));
    // Overwrite: reviewed again, with the warning, then sent against their version.
    press(&mut h, KeyCode::Char('o'));
    assert_eq!(h.state.layers.top(), Layer::Review);
    assert!(
        h.screen(100, 30)
            .contains("replaces the version someone else saved")
    );
    press(&mut h, KeyCode::Char('y'));
    let calls = h.calls();
    let [
        AwsCall::Editor(Call::SaveValue {
            base_version,
            token,
            ..
        }),
    ] = &calls[..]
    else {
        panic!("one save: {calls:?}")
    };
    assert_eq!(base_version, "v-theirs-99");
    assert_eq!(token, &first, "the same text reuses its token");
}

/// Overwriting theirs is reviewed against their version, the one the save replaces: what
/// it undoes of theirs (here their host) is listed, not only what you typed.
#[test]
fn overwriting_theirs_reviews_what_it_undoes_of_theirs() {
    let mut h = editing(r#"{"host":"a","password":"p"}"#);
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("2");
    press(&mut h, KeyCode::Enter);
    ctrl(&mut h, 's');
    let changed = |h: &Harness| -> Vec<String> {
        match h.state.layers.popup::<EditSession>().map(|s| &s.phase) {
            Some(Phase::Reviewing { rows, .. }) => rows
                .iter()
                .filter(|r| r.change != smtui_core::diff::Change::Same)
                .map(|r| r.key.clone())
                .collect(),
            _ => panic!("reviewing"),
        }
    };
    assert_eq!(changed(&h), ["password"]);
    press(&mut h, KeyCode::Char('y'));
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret: session_secret(&h),
        token: save_token(&h),
        result: Ok(SaveResult::Conflict {
            current_version: "v-theirs".into(),
        }),
    }));
    answer_theirs(&mut h, "v-theirs", r#"{"host":"b","password":"q"}"#);
    press(&mut h, KeyCode::Char('o'));
    assert_eq!(h.state.layers.top(), Layer::Review);
    assert_eq!(
        changed(&h),
        ["host", "password"],
        "their host goes back too"
    );
}

/// Forty keys, two changed: where they do not all fit, the unchanged go (said), so both
/// changes are on screen before `y`.
#[test]
fn a_review_too_long_for_the_screen_shows_every_change_first() {
    let keys: Vec<String> = (0..40).map(|i| format!("\"key{i:02}\":\"v\"")).collect();
    let mut h = editing(&format!("{{{}}}", keys.join(",")));
    let text = buffer_text(&h).replace("\"key00\":\"v\"", "\"key00\":\"w\"");
    let text = text.replace("\"key39\":\"v\"", "\"key39\":\"w\"");
    let session = h.state.layers.popup_mut::<EditSession>().expect("editing");
    session
        .loaded
        .as_mut()
        .expect("loaded")
        .buffer
        .replace_text(&text);
    ctrl(&mut h, 's');
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("~ key00") && screen.contains("~ key39"),
        "{screen}"
    );
    assert!(
        screen.contains("(38 unchanged, not shown here)"),
        "{screen}"
    );
    // On the smallest screen its keys wrap rather than lose their end.
    h.settle(40, 10);
    let small = h.screen(40, 10);
    assert!(
        small.contains("more below") && small.contains("reveal the"),
        "{small}"
    );
}

#[test]
fn a_failed_save_keeps_the_buffer_and_a_changed_text_gets_a_new_token() {
    let mut h = editing("v1");
    press(&mut h, KeyCode::End);
    h.type_text("x");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let secret = session_secret(&h);
    let first = save_token(&h);
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret,
        token: first.clone(),
        result: Err(AwsError {
            kind: ErrorKind::Network,
            operation: "PutSecretValue",
            region: "us-east-1".into(),
            code: None,
            message: Some("could not reach the endpoint".into()),
        }),
    }));
    assert_eq!(buffer_text(&h), "v1x");
    assert!(
        message(&h).starts_with("Not saved: PutSecretValue"),
        "{}",
        message(&h)
    );
    h.type_text("y");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    assert_ne!(save_token(&h), first, "another text never reuses the token");
}

#[test]
fn editing_is_a_write_so_read_only_refuses_it() {
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char('e'));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(h.calls().is_empty(), "not even the value is fetched");
    assert!(h.state.status_text().starts_with("Read-only mode: edit"));
}

#[test]
fn after_a_conflict_reloading_theirs_asks_then_edits_from_their_value() {
    let mut h = editing("mine");
    press(&mut h, KeyCode::End);
    h.type_text("!");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let secret = session_secret(&h);
    let first = save_token(&h);
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret: secret.clone(),
        token: first.clone(),
        result: Ok(SaveResult::Conflict {
            current_version: "v-theirs".into(),
        }),
    }));
    answer_theirs(&mut h, "v-theirs", "theirs");
    press(&mut h, KeyCode::Char('r'));
    assert_eq!(
        h.state.layers.top(),
        Layer::Confirm,
        "your text goes only after a yes"
    );
    press(&mut h, KeyCode::Char('y'));
    assert_eq!(h.state.layers.top(), Layer::Editor);
    assert_eq!(buffer_text(&h), "theirs");
    press(&mut h, KeyCode::End);
    h.type_text("+");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Editor(Call::SaveValue { base_version, token, .. })]
            if base_version == "v-theirs" && *token != first
    ));
}

#[test]
fn form_mode_changes_one_field_and_leaves_the_rest_byte_for_byte() {
    let text = "{\n  \"user\": \"app\",\n  \"password\": \"old\",\n  \"port\": 5432\n}";
    let mut h = editing(text);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("password") && !screen.contains("old"),
        "masked fields:\n{screen}"
    );
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    // The cursor starts after the field's value.
    for _ in 0..3 {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text("n\"ew");
    insta::assert_snapshot!("editor_form_field_100x30", h.screen(100, 30));
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        buffer_text(&h),
        "{\n  \"user\": \"app\",\n  \"password\": \"n\\\"ew\",\n  \"port\": 5432\n}"
    );
    // A number stays a number.
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("x");
    press(&mut h, KeyCode::Enter);
    assert!(
        message(&h).contains("port holds a number"),
        "{}",
        message(&h)
    );
    press(&mut h, KeyCode::Esc);
    assert_eq!(
        h.state.layers.top(),
        Layer::Editor,
        "Esc drops the field's edit; the form stays (a second Esc would leave the editor)"
    );
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Review);
}

#[test]
fn a_review_asked_for_from_the_form_goes_back_to_the_form() {
    let mut h = editing("{\"user\": \"app\", \"password\": \"old\"}");
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("2");
    press(&mut h, KeyCode::Enter);
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Review);
    press(&mut h, KeyCode::Char('n'));
    assert_eq!(h.state.layers.top(), Layer::Editor);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("password") && !screen.contains("old"),
        "back on the masked fields, not the whole text:\n{screen}"
    );
}

#[test]
fn form_mode_is_only_for_flat_json_objects() {
    let mut h = editing("{\"db\": {\"user\": \"app\"}}");
    ctrl(&mut h, 'f');
    assert!(message(&h).contains("without nested values"));
    let mut h = editing("plain text");
    ctrl(&mut h, 'f');
    assert!(message(&h).contains("Form mode is for"));
}

#[test]
fn late_answers_never_replace_or_slip_into_the_text() {
    let mut h = editing("abc");
    press(&mut h, KeyCode::End);
    h.type_text("d");
    // A second answer to an earlier opening arrives while typing: dropped.
    let raw = SecretValue::from_string("zzz".to_owned());
    h.answer(Outcome::Editor(editor::Outcome::Source {
        secret: session_secret(&h),
        purpose: EditFetch::Open,
        result: Ok(FetchedValue {
            version_id: "v-other".into(),
            stages: vec![],
            raw: raw.clone(),
            view: ValueView::from_parts(Some(raw), None),
        }),
    }));
    assert_eq!(buffer_text(&h), "abcd");
    // Their value without a conflict pending: no conflict view.
    answer_theirs(&mut h, "v-x", "theirs");
    assert_eq!(h.state.layers.top(), Layer::Editor);
    // A generated password that arrives during the review is not inserted behind it.
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Review);
    h.answer(Outcome::Editor(editor::Outcome::Password {
        result: Ok(SecretValue::from_string("late-password".into())),
    }));
    assert_eq!(
        buffer_text(&h),
        "abcd",
        "what was reviewed is what is saved"
    );
}

#[test]
fn a_form_error_never_quotes_what_was_typed() {
    let mut h = editing("{\"port\": 5432}");
    press(&mut h, KeyCode::Enter);
    h.type_text("hunter2-passphrase");
    press(&mut h, KeyCode::Enter);
    let text = message(&h);
    assert!(text.contains("port holds a number"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    press(&mut h, KeyCode::Esc);
    assert_eq!(message(&h), "", "leaving the field clears the message");
}
