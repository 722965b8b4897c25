//! Delete and restore without a terminal: the delete popup, the typed confirmation, what is
//! refused before anything is sent, and the answers.

use crate::common;
use smtui_core::features::lifecycle;
use smtui_core::features::lifecycle::call::Recovery;
use smtui_core::room::RoomCall as _;

use crate::common::{Harness, detail_for};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{AwsCall, Outcome, Written};
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::features::lifecycle::DeleteForm;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::tags::Command as TagsCommand;
use smtui_core::features::versions::Command as VersionsCommand;
use smtui_core::room::layers::Layer;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The loaded harness, its selected secret described without replicas (so deletable).
fn deletable() -> Harness {
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

#[test]
fn the_recovery_window_stays_between_7_and_30_days() {
    let mut h = deletable();
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(h.state.layers.top(), Layer::Delete);
    let days = |h: &Harness| h.state.layers.popup::<DeleteForm>().map(|f| f.days);
    assert_eq!(days(&h), Some(30));
    press(&mut h, KeyCode::Up);
    assert_eq!(days(&h), Some(30));
    for _ in 0..40 {
        press(&mut h, KeyCode::Char('-'));
    }
    assert_eq!(days(&h), Some(7));
    press(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::List, "Esc keeps the secret");
    assert!(h.calls().is_empty());
}

#[test]
fn deleting_needs_the_name_typed_and_sends_the_chosen_window() {
    let mut h = deletable();
    let name = h.state.selected().expect("selected").name.clone();
    press(&mut h, KeyCode::Char('D'));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    press(&mut h, KeyCode::Char('y'));
    press(&mut h, KeyCode::Enter);
    assert!(h.calls().is_empty(), "`y` is text in a typed confirmation");
    assert!(h.state.status_text().contains("exactly"));
    press(&mut h, KeyCode::Backspace);
    h.type_text(&name);
    press(&mut h, KeyCode::Enter);
    let calls = h.calls();
    let [AwsCall::Lifecycle(lifecycle::Call::Delete { recovery, .. })] = &calls[..] else {
        panic!("one DeleteSecret: {calls:?}")
    };
    assert_eq!(*recovery, Recovery::Days(29));
    assert_eq!(h.state.layers.top(), Layer::List);
}

#[test]
fn without_recovery_is_labelled_and_still_typed() {
    let mut h = deletable();
    let name = h.state.selected().expect("selected").name.clone();
    press(&mut h, KeyCode::Char('D'));
    press(&mut h, KeyCode::Char('f'));
    insta::assert_snapshot!("delete_without_recovery_80x24", h.screen(80, 24));
    press(&mut h, KeyCode::Enter);
    let pending = h
        .state
        .layers
        .popup::<smtui_core::app::confirm::Popup>()
        .expect("a confirmation")
        .request
        .clone();
    assert!(pending.question.contains("WITHOUT RECOVERY"));
    assert_eq!(pending.typed.as_deref(), Some(name.as_str()));
    insta::assert_snapshot!("delete_typed_confirmation_80x24", h.screen(80, 24));
    h.type_text(&name);
    // On the smallest screen the long question gives way, never the typed answer.
    let small = h.screen(40, 10);
    assert!(small.contains(&format!("{name}▏")), "{small}");
    press(&mut h, KeyCode::Enter);
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Lifecycle(lifecycle::Call::Delete {
            recovery: Recovery::Never,
            ..
        })]
    ));
}

#[test]
fn what_the_service_would_refuse_is_refused_first() {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut managed = detail_for(&selected);
    managed.replicas.clear();
    managed.owning_service = Some("rds".into());
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(managed),
    });
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(h.state.status_text().contains("managed by rds"));
    // The harness's detail has a replica.
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail_for(&selected)),
    });
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(
        h.state.layers.top(),
        Layer::Confirm,
        "no delete popup: removing replicas is offered"
    );
    let question = common::confirm_question(&h.state);
    assert!(question.contains("Remove the replicas first"), "{question}");
    // A typed confirmation: `n` is a letter there, Esc cancels.
    press(&mut h, KeyCode::Esc);
    press(&mut h, KeyCode::Char('R'));
    assert!(h.state.status_text().contains("not scheduled for deletion"));
    assert!(h.calls().is_empty());
}

#[test]
fn a_deletion_hides_the_row_and_a_failed_one_says_why() {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let call = lifecycle::Call::Delete {
        secret: smtui_core::ids::SecretRef::new(
            smtui_core::app::IdentityId::START,
            selected.region.clone(),
            selected.arn.as_str(),
            selected.name.clone(),
        )
        .expect("an ARN"),
        recovery: Recovery::Days(30),
    };
    let before = h.state.browse.list.len();
    h.answer(Outcome::Lifecycle(lifecycle::Outcome::Wrote {
        call: call.clone(),
        result: Ok(Written::Deleted {
            on: Some(common::ts("2026-12-25T00:00:00Z")),
        }),
    }));
    assert!(
        h.state
            .status_text()
            .contains("scheduled for deletion on 2026-12-25"),
        "{}",
        h.state.status_text()
    );
    assert_eq!(h.state.browse.list.len(), before - 1);
    h.answer(Outcome::Lifecycle(lifecycle::Outcome::Wrote {
        call,
        result: Err(smtui_core::model::AwsError {
            kind: smtui_core::model::ErrorKind::AccessDenied,
            operation: "DeleteSecret",
            region: selected.region.to_string(),
            code: Some("AccessDeniedException".into()),
            message: None,
        }),
    }));
    assert!(h.state.status_text().contains("unchanged: DeleteSecret"));
}

#[test]
fn read_only_refuses_writes_before_any_popup() {
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(h.state.status_text().starts_with("Read-only mode: delete"));
    assert!(h.calls().is_empty());
}

#[test]
fn a_secret_already_scheduled_for_deletion_is_not_deleted_again_and_managed_ones_say_so() {
    let mut h = deletable();
    h.cmd(smtui_core::app::Command::Browse(
        BrowseCommand::ToggleDeleted,
    ));
    // The harness's secret scheduled for deletion is `legacy/old-token`.
    press(&mut h, KeyCode::Home);
    for _ in 0..10 {
        if h.state.selected().is_some_and(|s| s.deleted_date.is_some()) {
            break;
        }
        press(&mut h, KeyCode::Down);
    }
    let doomed = h.state.selected().cloned().expect("selected");
    assert!(doomed.deleted_date.is_some());
    // Described once the selection rests, as in the app.
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail_for(&doomed)),
    });
    press(&mut h, KeyCode::Char('D'));
    assert!(
        h.state
            .status_text()
            .contains("already scheduled for deletion")
    );
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(h.calls().is_empty());

    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut managed = detail_for(&selected);
    managed.owning_service = Some("rds".into());
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(managed),
    });
    assert!(
        h.screen(120, 40)
            .contains("Managed by  rds: read-only here")
    );
}

#[test]
fn every_write_to_a_secret_another_service_manages_is_refused_with_the_reason() {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut managed = detail_for(&selected);
    managed.owning_service = Some("rds".into());
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(managed),
    });
    for key in ['e', 'D', 'R'] {
        press(&mut h, KeyCode::Char(key));
        assert_eq!(h.state.layers.top(), Layer::List, "{key}");
        assert!(h.state.status_text().contains("managed by rds"), "{key}");
    }
    press(&mut h, KeyCode::Char('t'));
    press(&mut h, KeyCode::Char('a'));
    assert_eq!(h.state.layers.top(), Layer::Tags, "no prompt for a new tag");
    assert!(h.state.status_text().contains("managed by rds"));
    assert!(h.calls().iter().all(|c| !c.mutates()));
}

#[test]
fn no_write_before_the_detail_says_whether_another_service_manages_it() {
    let mut h = Harness::loaded();
    // Move to a secret whose detail is not described yet.
    press(&mut h, KeyCode::Down);
    for key in ['e', 'D'] {
        press(&mut h, KeyCode::Char(key));
        assert_eq!(h.state.layers.top(), Layer::List, "{key}");
        assert!(h.state.status_text().contains("Still describing"), "{key}");
        assert!(h.calls().iter().all(|c| !c.mutates()), "{key}");
    }
}

#[test]
fn a_restored_secret_on_screen_is_described_again_at_once() {
    let mut h = deletable();
    let selected = h.state.selected().cloned().expect("selected");
    h.answer(Outcome::Lifecycle(lifecycle::Outcome::Wrote {
        call: lifecycle::Call::Restore {
            secret: smtui_core::ids::SecretRef::new(
                smtui_core::app::IdentityId::START,
                selected.region.clone(),
                selected.arn.as_str(),
                selected.name.clone(),
            )
            .expect("an ARN"),
        },
        result: Ok(Written::Restored),
    }));
    assert!(h.state.status_text().ends_with("is restored"));
    assert!(
        matches!(&h.calls()[..], [AwsCall::Describe { secret }] if selected.is(secret)),
        "the detail pane is not left loading: {:?}",
        h.calls()
    );
}

/// A replica is a read-only copy: editing, deleting, tagging or rotating it is refused
/// before any popup opens or any text is typed, naming where the secret can be changed.
#[test]
fn a_replica_is_refused_every_change_before_anything_opens() {
    let mut h = Harness::loaded();
    let replica = {
        let mut s = common::summary("shared/db", "eu-west-1");
        s.primary_region = Some("us-east-1".into());
        s
    };
    h.page("eu-west-1", vec![replica.clone()], true);
    assert!(h.state.browse.list.select(&replica.key()));
    for key in ['e', 'D', 't', 'o'] {
        h.state.status = None;
        press(&mut h, KeyCode::Char(key));
        if key == 'o' {
            // The rotation panel only shows; a change from it is refused (below).
            continue;
        }
        assert_eq!(h.state.layers.top(), Layer::List, "{key}");
        assert!(
            h.state
                .status_text()
                .contains("is a replica of the secret in us-east-1: read-only here"),
            "{key}: {}",
            h.state.status_text()
        );
    }
    assert!(h.calls().iter().all(|c| !c.mutates()), "{:?}", h.calls());
    for command in [
        smtui_core::app::Command::Rotation(RotationCommand::Rotate),
        smtui_core::app::Command::Tags(TagsCommand::Add),
        smtui_core::app::Command::Tags(TagsCommand::EditDescription),
        smtui_core::app::Command::Versions(VersionsCommand::MakeCurrent),
    ] {
        h.state.status = None;
        h.cmd(command);
        assert!(
            h.state.status_text().contains("is a replica"),
            "{command:?}: {}",
            h.state.status_text()
        );
    }
}

/// Removing the replicas deletes their copies for good: like a delete, it wants the
/// secret's name typed (`y` is a letter of it), then Enter.
#[test]
fn removing_replicas_wants_the_name_typed() {
    let mut h = Harness::loaded();
    let name = h.state.selected().expect("selected").name.clone();
    h.state.status = None;
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    press(&mut h, KeyCode::Char('y'));
    press(&mut h, KeyCode::Enter);
    assert!(h.calls().is_empty(), "`y` alone removed the replicas");
    assert!(h.state.status_text().contains("exactly"));
    press(&mut h, KeyCode::Backspace);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(&format!("Type {name} to confirm, then Enter")),
        "{screen}"
    );
    h.type_text(&name);
    insta::assert_snapshot!("remove_replicas_typed_80x24", h.screen(80, 24));
    press(&mut h, KeyCode::Enter);
    let calls = h.calls();
    let [AwsCall::Lifecycle(lifecycle::Call::RemoveReplicas { regions, .. })] = &calls[..] else {
        panic!("one RemoveRegionsFromReplication: {calls:?}")
    };
    assert_eq!(regions, &["eu-west-1".to_owned()]);
}
