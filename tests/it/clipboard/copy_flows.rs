//! Copying without a terminal: what is copied (a JSON key, a version, a name), what is
//! shown meanwhile (nothing), when it is cleared and by whom, and the confirmation before a
//! value that could act when pasted.

use crate::common;
use smtui_core::features::reveal;
use smtui_core::room::keys::Verb;

use std::time::Duration;

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, Command, CopyRequest, Effect, Outcome};
use smtui_core::features::clipboard::Command as ClipboardCommand;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::model::{FetchedValue, VersionSel};
use smtui_core::room::layers::{Focus, Layer};
use smtui_core::secret::{SecretValue, ValueView};

#[test]
fn copying_a_json_key_copies_only_that_field_and_schedules_a_clear() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(r#"{"username":"app","password":"pw"}"#);
    h.cmd(Command::Verb(Verb::Down));
    let copied = h.copy_value_and_confirm();
    assert!(copied.secret);
    assert_eq!(copied.text.expose_str(), Some("pw"));
    assert!(copied.label.contains("password"));
    assert_eq!(copied.clear_after, Some(Duration::from_secs(30)));
    let token = copied.token;
    let footer = h
        .screen(120, 40)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(
        footer.contains("clipboard clears in 30 s") && !footer.contains("pw"),
        "{footer}"
    );
    let due = h.effects.clone();
    assert!(due.iter().any(
        |e| matches!(e, Effect::After { timer, .. } if matches!(Action::from(timer.clone()), Action::ClipboardClearDue { .. }))
    ));
    let effects = h.act(Action::ClipboardClearDue { token }).to_vec();
    assert!(matches!(&effects[..], [Effect::ClearClipboard { token: t }] if *t == token));
}

#[test]
fn a_json_key_with_a_lone_surrogate_is_refused_and_the_others_still_copy() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(r#"{"a":"\ud800","b":"x"}"#);
    assert_eq!(h.state.layers.focus(), Focus::Value);
    assert!(
        h.screen(120, 40).contains("••"),
        "still masked key by key:\n{}",
        h.screen(120, 40)
    );
    let effects = h.cmd(Command::Value(RevealCommand::CopyValue)).to_vec();
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Copy(_))),
        "{effects:?}"
    );
    let status = h.state.status_text();
    assert!(
        status.contains("Not copied") && status.contains("surrogate"),
        "{status}"
    );
    h.cmd(Command::Verb(Verb::Down));
    assert_eq!(h.copy_value_and_confirm().text.expose_str(), Some("x"));
}

#[test]
fn copy_without_reveal_fetches_but_never_shows() {
    let mut h = Harness::loaded();
    h.cmd(Command::Value(RevealCommand::CopyValue));
    h.answer_fetch("copied-not-shown");
    assert!(h.state.reveal.value.is_none());
    assert!(
        matches!(&h.effects[..], [Effect::Copy(CopyRequest { text, .. })] if text.expose_str() == Some("copied-not-shown"))
    );
}

#[test]
fn arn_and_name_copies_are_not_secrets_so_never_cleared() {
    let mut h = Harness::loaded();
    let arn = h
        .state
        .browse
        .list
        .selected()
        .expect("selected")
        .arn
        .clone();
    let effects = h
        .cmd(Command::Clipboard(ClipboardCommand::CopyArn))
        .to_vec();
    assert!(
        matches!(&effects[..], [Effect::Copy(CopyRequest { text, secret: false, clear_after: None, .. })] if text.expose_str() == Some(arn.as_str()))
    );
}

#[test]
fn a_copy_while_a_reveal_is_on_its_way_loses_neither() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.cmd(Command::Value(RevealCommand::CopyValue));
    assert_eq!(h.state.reveal.pending.len(), 2);
    let [reveal, copy] = [0, 1].map(|i| h.state.reveal.pending[i].request);
    let answer = |h: &mut Harness, request: u64, raw: &str| {
        let value = smtui_core::secret::SecretValue::from_string(raw.into());
        h.answer(Outcome::Reveal(reveal::Outcome::Fetched {
            request,
            result: Ok(smtui_core::model::FetchedValue {
                version_id: "v1".into(),
                stages: vec!["AWSCURRENT".into()],
                raw: value.clone(),
                view: smtui_core::secret::ValueView::from_parts(Some(value), None),
            }),
        }))
        .to_vec()
    };
    let copied = answer(&mut h, copy, "the-value");
    assert!(matches!(
        &copied[..],
        [Effect::Copy(CopyRequest { secret: true, .. })]
    ));
    answer(&mut h, reveal, "the-value");
    assert!(h.state.reveal.value.is_some(), "the reveal still lands");
}

#[test]
fn a_copy_is_labelled_with_the_version_it_asked_for() {
    let mut h = Harness::loaded();
    h.state.reveal.version = VersionSel::Stage("AWSPREVIOUS".into());
    h.cmd(Command::Value(RevealCommand::CopyValue));
    // The user picks another version before the answer arrives.
    h.state.reveal.version = VersionSel::current();
    h.answer_fetch("old-value");
    let [Effect::Copy(CopyRequest { label, .. })] = &h.effects[..] else {
        panic!("one copy: {:?}", h.effects)
    };
    assert!(label.contains("AWSPREVIOUS"), "{label}");
}

#[test]
fn an_older_copy_s_clear_answer_leaves_the_newer_copy_s_timer_alone() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("first");
    let first = h.copy_value_and_confirm().token;
    let second = h.copy_value_and_confirm().token;
    // The first copy's clear was already queued; it answers "not ours any more".
    h.act(Action::ClipboardCleared {
        token: first,
        result: Ok(false),
    });
    assert!(
        h.state
            .clipboard
            .notice
            .as_ref()
            .is_some_and(|c| c.token == second),
        "the second copy is still tracked"
    );
    let effects = h.act(Action::ClipboardClearDue { token: second }).to_vec();
    assert!(matches!(&effects[..], [Effect::ClearClipboard { token }] if *token == second));
}

#[test]
fn a_value_that_could_act_when_pasted_is_copied_only_after_a_confirmation_naming_it() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("{\"cmd\":\"x\\u001b[201~rm -rf ~\\n\",\"ok\":\"plain\"}");
    h.cmd(Command::Value(RevealCommand::CopyValue));
    assert_eq!(h.state.layers.top(), Layer::Confirm, "not copied yet");
    assert!(h.effects.iter().all(|e| !matches!(e, Effect::Copy(_))));
    let question = common::confirm_question(&h.state);
    assert!(
        question.contains("bracketed paste") && question.contains("line break"),
        "{question}"
    );
    assert!(
        !question.contains("rm -rf"),
        "the value itself is never quoted"
    );
    h.press(KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(h.effects.iter().all(|e| !matches!(e, Effect::Copy(_))));
    h.cmd(Command::Value(RevealCommand::CopyValue));
    h.press(KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(matches!(
        &h.effects[..],
        [Effect::Copy(CopyRequest { secret: true, .. })]
    ));
    // A plain key is copied at once.
    h.cmd(Command::Verb(Verb::Down));
    let copied = h.copy_value_and_confirm();
    assert_eq!(copied.text.expose_str(), Some("plain"));
}

/// Answers the pending fetch with a binary value, as the runner does for a SecretBinary.
fn answer_binary(h: &mut Harness, bytes: &[u8]) {
    let request = h
        .state
        .reveal
        .pending
        .last()
        .expect("a pending fetch")
        .request;
    let raw = SecretValue::from_bytes(bytes.to_vec());
    h.answer(Outcome::Reveal(reveal::Outcome::Fetched {
        request,
        result: Ok(FetchedValue {
            version_id: "v2-0000-1111".into(),
            stages: vec!["AWSCURRENT".into()],
            raw: raw.clone(),
            view: ValueView::from_parts(None, Some(raw)),
        }),
    }));
}

/// Makes the one copy asked for, as the clipboard thread would, and returns the footer's
/// message after it.
fn copy_answered(h: &mut Harness) -> String {
    let [Effect::Copy(request)] = &h.effects[..] else {
        panic!("one copy: {:?}", h.effects)
    };
    let request = request.clone();
    assert_eq!(request.text.expose_str(), Some("AAEC/w=="), "the base64");
    h.act(Action::Copied {
        token: request.token,
        label: request.label,
        clear_after: request.clear_after,
        result: Ok("system"),
    });
    h.state.status_text().to_owned()
}

#[test]
fn copying_a_binary_value_says_the_clipboard_holds_its_base64() {
    let said = "Copied base64 of the binary value of prod/orders/postgres (AWSCURRENT) \
                to the clipboard (system)";
    let mut h = Harness::loaded();
    // Copied without a reveal: the value is fetched for the copy.
    h.cmd(Command::Value(RevealCommand::CopyValue));
    answer_binary(&mut h, &[0, 1, 2, 255]);
    assert_eq!(copy_answered(&mut h), said);
    // Copied from the revealed value.
    h.cmd(Command::Verb(Verb::Reveal));
    answer_binary(&mut h, &[0, 1, 2, 255]);
    h.cmd(Command::Value(RevealCommand::CopyValue));
    assert_eq!(copy_answered(&mut h), said);
}
