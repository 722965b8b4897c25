//! Rotation's writes without a terminal: a schedule checked before it is sent, a function
//! asked for, cancel, read-only refusals, managed secrets, and a refusal explained.

use crate::common::{Harness, confirm_question};
use crossterm::event::KeyCode;
use smtui_core::app::{AwsCall, Command, Outcome};
use smtui_core::features::rotation;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::rotation::call::RotationRules;
use smtui_core::model::{Rotation, SecretDetail};
use smtui_core::room::layers::Layer;

use super::flows::{LAMBDA, described, pending_since, press};

fn clear_prompt(h: &mut Harness) {
    while crate::common::open_prompt(&h.state).is_some_and(|p| !p.input.is_empty()) {
        press(h, KeyCode::Backspace);
    }
}

#[test]
fn a_schedule_is_checked_before_sending_and_a_mistake_keeps_the_text() {
    let mut h = described(|_| {});
    h.cmd(Command::Rotation(RotationCommand::Schedule));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    let prompt = crate::common::open_prompt(&h.state).expect("prompt");
    assert_eq!(prompt.input, "30", "starts from the schedule set now");
    clear_prompt(&mut h);
    h.type_text("rate(2 hours) window 1h");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("every 4 hours at most"),
        "{}",
        h.state.status_text()
    );
    let prompt = crate::common::open_prompt(&h.state).expect("asked again");
    assert_eq!(
        prompt.input, "rate(2 hours) window 1h",
        "nothing typed is lost"
    );
    assert!(h.calls().is_empty());
    clear_prompt(&mut h);
    h.type_text("cron(0 4 1 * ? *) window 3h now");
    press(&mut h, KeyCode::Enter);
    let question = confirm_question(&h.state);
    assert!(
        question.contains("04:00 UTC on the 1st of every month (cron(0 4 1 * ? *)), in a 3-hour window, and rotate it now"),
        "{question}"
    );
    press(&mut h, KeyCode::Char('y'));
    let calls = h.calls();
    let [
        AwsCall::Rotation(rotation::Call::SetRotation {
            rules,
            lambda_arn,
            rotate_now,
            ..
        }),
    ] = &calls[..]
    else {
        panic!("{calls:?}");
    };
    assert_eq!(
        rules,
        &RotationRules {
            every_days: None,
            schedule: Some("cron(0 4 1 * ? *)".into()),
            window: Some("3h".into()),
        }
    );
    assert_eq!((lambda_arn.as_ref(), *rotate_now), (None, true));
}

#[test]
fn a_secret_without_a_function_is_asked_for_one() {
    let mut h = described(|d| d.rotation = Rotation::default());
    h.cmd(Command::Rotation(RotationCommand::Rotate));
    assert!(h.state.status_text().contains("no rotation configured"));
    assert_eq!(h.state.layers.top(), Layer::Prompt, "the schedule first");
    press(&mut h, KeyCode::Enter);
    let label = crate::common::open_prompt(&h.state)
        .expect("prompt")
        .label
        .clone();
    assert!(label.contains("no rotation function"), "{label}");
    h.type_text("my-rotator");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state
            .status_text()
            .contains("is not a Lambda function ARN")
    );
    clear_prompt(&mut h);
    h.type_text(LAMBDA);
    press(&mut h, KeyCode::Enter);
    assert!(
        confirm_question(&h.state)
            .contains("Rotate prod/orders/postgres every 30 days, without rotating it now?")
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Rotation(rotation::Call::SetRotation { rules, lambda_arn: Some(l), rotate_now: false, .. })]
            if l == LAMBDA && rules.every_days == Some(30)
    ));
}

#[test]
fn cancel_turns_rotation_off_after_asking() {
    let mut h = described(|_| {});
    h.cmd(Command::Rotation(RotationCommand::Cancel));
    assert!(
        confirm_question(&h.state).contains("Turn automatic rotation of prod/orders/postgres off?")
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Rotation(rotation::Call::CancelRotation { .. })]
    ));

    let mut off = described(|d| d.rotation = Rotation::default());
    off.cmd(Command::Rotation(RotationCommand::Cancel));
    assert!(off.state.status_text().contains("already off"));
    assert!(off.calls().is_empty());
}

#[test]
fn read_only_refuses_every_rotation_write_before_asking() {
    for command in [
        Command::Rotation(RotationCommand::Rotate),
        Command::Rotation(RotationCommand::Schedule),
        Command::Rotation(RotationCommand::Cancel),
        Command::Rotation(RotationCommand::Repair),
    ] {
        let mut h = described(|d| pending_since(d, "2026-11-22T08:00:00Z"));
        h.state.settings.read_only = true;
        h.cmd(command);
        assert!(
            h.state.status_text().contains("Read-only mode"),
            "{command:?}: {}",
            h.state.status_text()
        );
        assert_ne!(h.state.layers.top(), Layer::Confirm, "{command:?}");
        assert_ne!(h.state.layers.top(), Layer::Prompt, "{command:?}");
        assert!(h.calls().is_empty(), "{command:?}");
    }
}

#[test]
fn a_managed_secret_can_be_rotated_and_rescheduled_but_not_turned_off_here() {
    let managed = |d: &mut SecretDetail| {
        d.owning_service = Some("rds".into());
        d.rotation.lambda_arn = None;
    };
    let mut h = described(managed);
    h.cmd(Command::Rotation(RotationCommand::Rotate));
    assert!(confirm_question(&h.state).contains("rds (managed rotation)"));
    let mut h = described(managed);
    h.cmd(Command::Rotation(RotationCommand::Schedule));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.layers.top(),
        Layer::Confirm,
        "no function asked for"
    );
    let mut h = described(managed);
    h.cmd(Command::Rotation(RotationCommand::Cancel));
    assert!(h.state.status_text().contains("managed by rds"));
    assert!(h.calls().is_empty());
}

#[test]
fn a_refused_rotation_says_how_to_get_past_it() {
    let mut h = described(|_| {});
    let call = rotation::Call::Rotate {
        secret: h.selected_secret(),
    };
    h.answer(Outcome::Rotation(rotation::Outcome::Wrote {
        call,
        result: Err(smtui_core::model::AwsError {
            kind: smtui_core::model::ErrorKind::Invalid,
            operation: "RotateSecret",
            region: "us-east-1".into(),
            code: Some("InvalidRequestException".into()),
            message: Some(
                "A previous rotation isn't complete. That rotation will be reattempted.".into(),
            ),
        }),
    }));
    let status = h.state.status_text();
    assert!(
        status.contains("unchanged") && status.contains("repair-rotation"),
        "{status}"
    );
}
