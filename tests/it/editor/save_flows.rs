//! The editor's saves from the review of security issue 19: a second conflict is reviewed
//! against the second value; the ClientRequestToken belongs to the editor, so a retry reuses
//! it whatever happened to the answer; a role switch never wedges a save or leaves a popup
//! holding the old identity's data; private staging labels left by a failed save are removed.

use crate::common::roles::{ROLE, assume_call};
use crate::common::{Harness, detail_for, ts};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{
    Action, Assumed, AwsCall, Command, Effect, Envelope, IdentityId, Outcome, Stamp, Written,
};
use smtui_core::diff::Change;
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::features::editor::Command as EditorCommand;
use smtui_core::features::editor::call::EditFetch;
use smtui_core::features::editor::call::staging_label;
use smtui_core::features::editor::{EditSession, Phase};
use smtui_core::features::editor::{LabelsLeft, SaveResult};
use smtui_core::features::lifecycle::{Command as LifecycleCommand, DeleteForm};
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::features::tags::{self, Command as TagsCommand};
use smtui_core::features::versions::{self, Command as VersionsCommand};
use smtui_core::features::{editor, lifecycle};
use smtui_core::ids::{Identity, SecretRef};
use smtui_core::model::{AwsError, ErrorKind, FetchedValue, VersionSel};
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;
use smtui_core::secret::{SecretValue, ValueView};

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn ctrl(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn session_secret(h: &Harness) -> SecretRef {
    h.state
        .layers
        .popup::<EditSession>()
        .and_then(|s| s.secret.clone())
        .expect("an editing session")
}

/// The token of the one save the last action sent.
fn save_token(h: &Harness) -> String {
    match &h.calls()[..] {
        [AwsCall::Editor(editor::Call::SaveValue { token, .. })] => token.clone(),
        other => panic!("one save: {other:?}"),
    }
}

fn conflict(h: &mut Harness, token: &str, current: &str) {
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret: session_secret(h),
        token: token.to_owned(),
        result: Ok(SaveResult::Conflict {
            current_version: current.into(),
        }),
    }));
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

/// The review's rows that differ: (key, old value).
fn reviewed(h: &Harness) -> Vec<(String, String)> {
    match h.state.layers.popup::<EditSession>().map(|s| &s.phase) {
        Some(Phase::Reviewing { rows, .. }) => rows
            .iter()
            .filter(|r| r.change != Change::Same)
            .map(|r| {
                let old = r
                    .old
                    .as_ref()
                    .and_then(|v| v.expose_str())
                    .unwrap_or_default();
                (r.key.clone(), old.to_owned())
            })
            .collect(),
        other => panic!("reviewing: {other:?}"),
    }
}

/// `{"host":"a","password":"p"}` opened, its password edited to `p2` and saved, and the
/// save refused: `version` was saved first (their value not yet answered).
fn password_edit_refused_by(version: &str) -> Harness {
    let mut h = Harness::editing(r#"{"host":"a","password":"p"}"#);
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("2");
    press(&mut h, KeyCode::Enter);
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let token = save_token(&h);
    conflict(&mut h, &token, version);
    h
}

/// A rotation saves Y while the overwrite of X is on its way: the second conflict opens the
/// conflict view again, on Y, and overwriting is reviewed against Y, the version it replaces.
#[test]
fn a_second_conflict_is_shown_and_reviewed_against_the_second_value() {
    let mut h = password_edit_refused_by("v-x");
    answer_theirs(&mut h, "v-x", r#"{"host":"x","password":"p"}"#);
    assert_eq!(h.state.layers.top(), Layer::Conflict);
    press(&mut h, KeyCode::Char('o'));
    press(&mut h, KeyCode::Char('y'));
    let token = save_token(&h);
    // Meanwhile a rotation saved Y.
    conflict(&mut h, &token, "v-y");
    answer_theirs(&mut h, "v-y", r#"{"host":"y","password":"rotated"}"#);
    assert_eq!(
        h.state.layers.top(),
        Layer::Conflict,
        "the second conflict is shown"
    );
    let screen = h.screen(100, 30);
    assert!(screen.contains("v-y"), "{screen}");
    press(&mut h, KeyCode::Char('o'));
    assert_eq!(h.state.layers.top(), Layer::Review);
    assert_eq!(
        reviewed(&h),
        [
            ("host".to_owned(), "y".to_owned()),
            ("password".to_owned(), "rotated".to_owned())
        ],
        "reviewed against Y, the version the save replaces"
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(
        matches!(&h.calls()[..], [AwsCall::Editor(editor::Call::SaveValue { base_version, .. })] if base_version == "v-y")
    );
}

/// Ctrl-s after a conflict, before their value has arrived (or after its read failed): no
/// review against the value the editor opened with, since the save would replace theirs;
/// their value is read (again), and the review that follows is against it.
#[test]
fn an_overwrite_is_never_reviewed_before_their_value_is_here() {
    let mut h = password_edit_refused_by("v-x");
    // Their value is still on its way, and the user saves again.
    ctrl(&mut h, 's');
    assert_ne!(h.state.layers.top(), Layer::Review, "no review yet");
    let fetched_theirs = |h: &Harness| {
        h.calls().iter().any(|c| {
            matches!(c, AwsCall::Editor(editor::Call::FetchForEdit { version: VersionSel::Id(v), purpose: EditFetch::Theirs, .. }) if v == "v-x")
        })
    };
    assert!(fetched_theirs(&h), "their value is read: {:?}", h.calls());
    // Their read fails: Ctrl-s still reviews nothing, and reads it again.
    h.answer(Outcome::Editor(editor::Outcome::Source {
        secret: session_secret(&h),
        purpose: EditFetch::Theirs,
        result: Err(refused("GetSecretValue")),
    }));
    ctrl(&mut h, 's');
    assert_ne!(
        h.state.layers.top(),
        Layer::Review,
        "no review after a failed read"
    );
    assert!(fetched_theirs(&h), "read again: {:?}", h.calls());
    answer_theirs(&mut h, "v-x", r#"{"host":"x","password":"p"}"#);
    assert_eq!(h.state.layers.top(), Layer::Conflict);
    press(&mut h, KeyCode::Char('o'));
    assert_eq!(h.state.layers.top(), Layer::Review);
    assert_eq!(
        reviewed(&h),
        [
            ("host".to_owned(), "x".to_owned()),
            ("password".to_owned(), "p".to_owned())
        ],
        "reviewed against theirs, the version the save replaces"
    );
}

/// The loaded harness, its selected secret described without replicas (so deletable).
fn loaded() -> Harness {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut detail = detail_for(&selected);
    detail.replicas.clear();
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    h.state.status = None;
    h
}

/// Asks to switch to ROLE: the AssumeRole is on its way, not answered.
fn switch_asked(h: &mut Harness) -> IdentityId {
    h.cmd(Command::Session(SessionCommand::Switch));
    h.type_text("another role");
    press(h, KeyCode::Enter);
    h.type_text(ROLE);
    press(h, KeyCode::Enter);
    press(h, KeyCode::Enter);
    let (_, _, identity) = assume_call(h).expect("AssumeRole sent");
    identity
}

/// The AssumeRole's answer arrives.
fn switch_lands(h: &mut Harness, identity: IdentityId) {
    h.answer(Outcome::Assumed {
        identity: Identity::role(identity, ROLE.parse().expect("an ARN")),
        result: Ok(Assumed {
            arn: Some(
                "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user"
                    .parse()
                    .expect("an ARN"),
            ),
            expires: Some(ts("2026-11-25T13:00:00Z")),
        }),
    });
}

/// `e` on the selection, its value answered as `value`.
fn edit(h: &mut Harness, value: &str) {
    press(h, KeyCode::Char('e'));
    let raw = SecretValue::from_string(value.to_owned());
    h.answer(Outcome::Editor(editor::Outcome::Source {
        secret: session_secret(h),
        purpose: EditFetch::Open,
        result: Ok(FetchedValue {
            version_id: "v-base".into(),
            stages: vec!["AWSCURRENT".into()],
            raw: raw.clone(),
            view: ValueView::from_parts(Some(raw), None),
        }),
    }));
}

/// The stamp the last action's one AWS effect carries (what its answer comes back with).
fn sent_stamp(h: &Harness) -> Stamp {
    match &h.effects[..] {
        [Effect::Aws { stamp, .. }] => *stamp,
        other => panic!("one AWS call: {other:?}"),
    }
}

/// The ClientRequestToken is the editor's: minted before the call, and the same text
/// saved again (whatever became of the first answer) carries the same one, so the service
/// answers with the version it already made instead of making a second.
#[test]
fn a_retry_of_the_same_text_reuses_the_token_minted_for_it() {
    let mut h = Harness::editing("v1");
    press(&mut h, KeyCode::End);
    h.type_text("x");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let first = save_token(&h);
    assert!(!first.is_empty(), "minted before the call is made");
    // The answer was lost on the way back: the runner says so, as it does for a timeout.
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        left: None,
        secret: session_secret(&h),
        token: first.clone(),
        result: Err(AwsError {
            kind: ErrorKind::Network,
            operation: "PutSecretValue",
            region: "us-east-1".into(),
            code: None,
            message: Some("timed out".into()),
        }),
    }));
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    assert_eq!(save_token(&h), first, "the retry reuses the token");
}

/// A role switch that lands while a save is on its way is refused, saying so; the save's
/// answer (stamped as the identity that sent it) still reaches the editor.
#[test]
fn a_switch_landing_during_a_save_waits_for_nothing_and_wedges_nothing() {
    let mut h = loaded();
    let identity = switch_asked(&mut h);
    edit(&mut h, "v1");
    press(&mut h, KeyCode::End);
    h.type_text("x");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let (stamp, token) = (sent_stamp(&h), save_token(&h));
    switch_lands(&mut h, identity);
    assert_eq!(h.state.session.identity, IdentityId::START, "not switched");
    let said = h.state.status_text();
    assert!(
        said.contains("not switched") && said.contains("save or discard the edit first"),
        "{said}"
    );
    assert_eq!(h.state.layers.top(), Layer::Editor);
    h.act(Action::Result(Envelope {
        stamp,
        outcome: Outcome::Editor(editor::Outcome::Saved {
            left: None,
            secret: session_secret(&h),
            token,
            result: Ok(SaveResult::Saved {
                version_id: "v-new-123456".into(),
            }),
        }),
    }));
    assert_eq!(h.state.layers.top(), Layer::List, "the save ended");
    assert!(h.state.status_text().contains("is AWSCURRENT"));
    // With nothing unfinished, switching works.
    let identity = switch_asked(&mut h);
    switch_lands(&mut h, identity);
    assert_eq!(h.state.session.identity, identity);
}

/// Typed text not saved is never dropped by a switch: refused until it is saved or
/// discarded.
#[test]
fn a_switch_landing_while_text_is_unsaved_is_refused_and_the_text_kept() {
    let mut h = loaded();
    let identity = switch_asked(&mut h);
    edit(&mut h, "v1");
    press(&mut h, KeyCode::End);
    h.type_text("x");
    switch_lands(&mut h, identity);
    assert_eq!(h.state.session.identity, IdentityId::START);
    assert_eq!(h.state.layers.top(), Layer::Editor);
    let session = h
        .state
        .layers
        .popup::<EditSession>()
        .expect("still editing");
    let text = session.loaded.as_ref().map(|l| l.buffer.text());
    assert_eq!(text.as_ref().and_then(|t| t.expose_str()), Some("v1x"));
}

/// Another write on its way when the switch lands: refused (its answer would be dropped),
/// and a refresh meanwhile does not drop that answer.
#[test]
fn a_write_on_its_way_holds_the_switch_and_outlives_a_refresh() {
    let mut h = loaded();
    let identity = switch_asked(&mut h);
    let name = h.state.selected().expect("selected").name.clone();
    press(&mut h, KeyCode::Char('D'));
    press(&mut h, KeyCode::Enter);
    h.type_text(&name);
    press(&mut h, KeyCode::Enter);
    let stamp = sent_stamp(&h);
    let call = h.calls().remove(0);
    let AwsCall::Lifecycle(call @ lifecycle::Call::Delete { .. }) = call else {
        panic!("{call:?}")
    };
    assert_eq!(
        h.state.session.writes_in_flight(),
        1,
        "the delete is counted"
    );
    h.cmd(Command::Verb(Verb::Refresh));
    switch_lands(&mut h, identity);
    assert_eq!(h.state.session.identity, IdentityId::START, "not switched");
    assert!(
        h.state.status_text().contains("a write is on its way"),
        "{}",
        h.state.status_text()
    );
    h.act(Action::Result(Envelope {
        stamp,
        outcome: Outcome::Lifecycle(lifecycle::Outcome::Wrote {
            call,
            result: Ok(Written::Deleted {
                on: Some(ts("2026-12-24T12:00:00Z")),
            }),
        }),
    }));
    assert!(
        h.state.status_text().contains("scheduled for deletion"),
        "the answer arrived after the refresh: {}",
        h.state.status_text()
    );
    assert_eq!(
        h.state.session.writes_in_flight(),
        0,
        "answered, it counts no more"
    );
    let identity = switch_asked(&mut h);
    switch_lands(&mut h, identity);
    assert_eq!(h.state.session.identity, identity, "nothing on its way now");
}

/// After a switch no popup holds what was fetched or chosen as the old identity (a later
/// `y` would write it as the new one).
#[test]
fn a_switch_closes_every_popup_of_the_old_identity() {
    for (command, layer) in [
        (Command::Lifecycle(LifecycleCommand::Delete), Layer::Delete),
        (Command::Versions(VersionsCommand::Pick), Layer::Versions),
        (Command::Tags(TagsCommand::Open), Layer::Tags),
        (Command::Editor(EditorCommand::Edit), Layer::Editor),
        (Command::Audit(AuditCommand::Open), Layer::Audit),
        (
            Command::Rotation(RotationCommand::Overview),
            Layer::Rotation,
        ),
    ] {
        let mut h = loaded();
        let identity = switch_asked(&mut h);
        h.cmd(command);
        assert_eq!(h.state.layers.top(), layer, "{command:?}");
        switch_lands(&mut h, identity);
        assert_eq!(h.state.session.identity, identity, "{command:?}");
        assert_eq!(h.state.layers.top(), Layer::List, "{command:?} closed");
        assert!(h.state.layers.popup::<DeleteForm>().is_none());
        assert!(h.state.layers.popup::<versions::Picker>().is_none());
        assert!(h.state.layers.popup::<tags::Popup>().is_none());
        assert!(h.state.layers.popup::<EditSession>().is_none());
    }
}

/// What holds no identity's data stays through a switch: the role switcher (on the stack
/// by hand: the UI opens it again only once the switch on its way has landed).
#[test]
fn a_switch_leaves_the_role_switcher_open() {
    let mut h = loaded();
    let identity = switch_asked(&mut h);
    let switcher: Box<dyn smtui_core::room::popup::Shown<smtui_core::features::session::Room>> =
        Box::new(smtui_core::features::session::switcher::Switcher::default());
    h.state.layers.open(switcher.into());
    assert_eq!(h.state.layers.top(), Layer::Roles);
    switch_lands(&mut h, identity);
    assert_eq!(h.state.session.identity, identity);
    assert_eq!(h.state.layers.top(), Layer::Roles, "still choosing");
}

fn refused(operation: &'static str) -> AwsError {
    AwsError {
        kind: ErrorKind::AccessDenied,
        operation,
        region: "us-east-1".into(),
        code: Some("AccessDeniedException".into()),
        message: Some("not allowed".into()),
    }
}

/// A failed save may leave its private label behind (its put applied after all, the
/// removal refused): the footer says so, the next save removes it, and leaving the editor
/// does; a removal that fails on the way out is said too.
#[test]
fn a_label_a_failed_save_left_is_said_and_removed_by_the_next_save_or_on_leaving() {
    let mut h = Harness::editing("v1");
    press(&mut h, KeyCode::End);
    h.type_text("x");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let first = save_token(&h);
    let left = |token: &str| {
        Some(LabelsLeft {
            tokens: vec![token.to_owned()],
            error: refused("UpdateSecretVersionStage"),
        })
    };
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        secret: session_secret(&h),
        token: first.clone(),
        result: Err(refused("PutSecretValue")),
        left: left(&first),
    }));
    let said = h.state.status_text();
    assert!(
        said.contains(&staging_label(&first)) && said.contains("The next save removes it"),
        "{said}"
    );
    // Another text, another token: the save carries the label left to remove.
    h.type_text("y");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let [
        AwsCall::Editor(editor::Call::SaveValue {
            token, leftovers, ..
        }),
    ] = &h.calls()[..]
    else {
        panic!("one save: {:?}", h.calls())
    };
    assert_ne!(token, &first);
    assert_eq!(leftovers, std::slice::from_ref(&first));
    let second = token.clone();
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        secret: session_secret(&h),
        token: second,
        result: Err(refused("PutSecretValue")),
        left: left(&first),
    }));
    // Leaving the editor (its text discarded) removes it, as the identity that saved.
    press(&mut h, KeyCode::Esc);
    press(&mut h, KeyCode::Char('y'));
    assert_eq!(h.state.layers.top(), Layer::List);
    let calls = h.calls();
    let [AwsCall::Editor(call @ editor::Call::RemoveLabels { tokens, .. })] = &calls[..] else {
        panic!("the label removed on the way out: {calls:?}")
    };
    assert_eq!(tokens, std::slice::from_ref(&first));
    h.answer(Outcome::Editor(editor::Outcome::LabelsRemoved {
        call: call.clone(),
        result: Err(refused("UpdateSecretVersionStage")),
    }));
    let said = h.state.status_text();
    assert!(
        said.contains(&staging_label(&first)) && said.contains("could not be removed"),
        "{said}"
    );
}
