//! The replication pane through the app: opened from the palette, it reads the opened
//! secret, then its primary, then each replica and every policy; it draws each region
//! against the primary (status, version, skew, key, tags, policy), flags a copy promoted
//! away, compares values only after saying what that reads, and asks before each write
//! (refused read-only and for a managed secret).

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Command, Outcome};
use smtui_core::features::replication::{self, Call};
use smtui_core::fingerprint::Fingerprint;

use super::fixtures::{REPLICA_REFUSED, answer, calls, copy, in_region, loaded, pane_text, press};
use crate::common::{Harness, confirm_question, open_prompt};

#[test]
fn each_region_is_drawn_against_the_primary() {
    let (mut h, _, _) = loaded();
    insta::assert_snapshot!("replication_pane_160x24", h.screen(160, 24));
    let text = pane_text(&h.screen(160, 30));
    for expected in [
        "Primary in us-east-1, replicated to eu-west-1, ap-southeast-2",
        "ap-southeast-2: replication failed: Access denied to KMS key alias/other",
        "AWSCURRENT differs from the primary's in eu-west-1: c compares the values",
        "≠ v1-0000-0000",
        "-1d 2h",
        "InProgress",
        "differ: Team",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    press(&mut h, KeyCode::Down);
    let text = pane_text(&h.screen(160, 30));
    for expected in [
        "eu-west-1 (replica): InProgress",
        "AWSCURRENT v1-0000-0000, not the primary's",
        "(-1d 2h against the primary) · key alias/eu-key",
        "tags differ from the primary's: Team",
        "policy could not be compared: GetResourcePolicy in eu-west-1 failed",
        REPLICA_REFUSED,
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    press(&mut h, KeyCode::Down);
    let text = pane_text(&h.screen(160, 30));
    for expected in [
        "ap-southeast-2 (replica): Failed: Access denied to KMS key alias/other",
        "AWSCURRENT v2-0000-1111 (the primary's)",
        "tags match the primary's · policy matches the primary's",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
}

#[test]
fn the_value_check_says_what_it_reads_first_and_compares_fingerprints() {
    let (mut h, primary, replica) = loaded();
    press(&mut h, KeyCode::Char('c'));
    let question = confirm_question(&h.state);
    assert!(
        question.contains("one GetSecretValue event and one KMS Decrypt per region"),
        "{question}"
    );
    assert!(calls(&h).is_empty(), "nothing read before the yes");
    press(&mut h, KeyCode::Char('y'));
    let failed = in_region(&primary, "ap-southeast-2");
    assert_eq!(
        calls(&h),
        [Call::Fingerprints {
            secret: primary.clone(),
            copies: vec![primary.clone(), replica.clone(), failed],
        }]
    );
    let (one, other) = (
        Fingerprint::from_mac([1; 32]),
        Fingerprint::from_mac([2; 32]),
    );
    answer(
        &mut h,
        replication::Outcome::Fingerprints {
            secret: primary,
            prints: vec![
                ("us-east-1".into(), Ok(one)),
                ("eu-west-1".into(), Ok(other)),
                ("ap-southeast-2".into(), Ok(one)),
            ],
        },
    );
    assert!(
        h.state
            .status_text()
            .contains("1 region(s) hold another value")
    );
    press(&mut h, KeyCode::Down);
    let text = pane_text(&h.screen(160, 30));
    assert!(text.contains("value: differs from the primary"), "{text}");
    press(&mut h, KeyCode::Down);
    let text = pane_text(&h.screen(160, 30));
    assert!(text.contains("value: same value as the primary"), "{text}");
}

#[test]
fn stopping_a_replica_is_asked_and_sent_to_its_region_on_its_arn() {
    let (mut h, _, replica) = loaded();
    press(&mut h, KeyCode::Char('x'));
    assert_eq!(
        h.state.status_text(),
        "Highlight a replica first",
        "the primary is highlighted"
    );
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Char('x'));
    let question = confirm_question(&h.state);
    assert!(
        question.contains("becomes a standalone secret"),
        "{question}"
    );
    press(&mut h, KeyCode::Char('y'));
    assert_eq!(
        calls(&h),
        [Call::StopReplication {
            secret: replica.clone()
        }]
    );
    // Answered: said, and every region read again from the opened secret.
    answer(
        &mut h,
        replication::Outcome::Wrote {
            call: Call::StopReplication {
                secret: replica.clone(),
            },
            result: Ok(()),
        },
    );
    assert!(calls(&h).iter().any(|c| matches!(c, Call::Describe { .. })));
    let status = h.state.status_text();
    assert!(status.contains("standalone secret now"), "{status}");
}

#[test]
fn replicating_asks_the_region_then_the_key_then_a_yes() {
    let (mut h, primary, _) = loaded();
    press(&mut h, KeyCode::Char('a'));
    assert!(open_prompt(&h.state).is_some(), "the region is asked");
    h.type_text("eu-west-1");
    press(&mut h, KeyCode::Enter);
    let status = h.state.status_text();
    assert!(
        status.contains("already replicated to eu-west-1"),
        "{status}"
    );
    for _ in 0.."eu-west-1".len() {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text("eu-central-1");
    press(&mut h, KeyCode::Enter);
    h.type_text("alias/central");
    press(&mut h, KeyCode::Enter);
    let question = confirm_question(&h.state);
    assert!(
        question.contains("to eu-central-1, encrypted there with the key alias/central"),
        "{question}"
    );
    press(&mut h, KeyCode::Char('y'));
    assert_eq!(
        calls(&h),
        [Call::Replicate {
            secret: primary,
            region: "eu-central-1".into(),
            kms_key: Some("alias/central".into()),
        }]
    );
}

#[test]
fn writes_are_refused_read_only_and_on_a_managed_secret() {
    let (mut h, _, _) = loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Down);
    for key in ['x', 'a', 'X'] {
        press(&mut h, KeyCode::Char(key));
        assert!(calls(&h).is_empty());
        assert_eq!(
            confirm_question(&h.state),
            "",
            "{key}: no question read-only"
        );
        assert!(
            open_prompt(&h.state).is_none(),
            "{key}: no prompt read-only"
        );
        let status = h.state.status_text();
        assert!(status.contains("Read-only mode"), "{key}: {status}");
    }
    // The value check reads only: still offered.
    press(&mut h, KeyCode::Char('c'));
    assert!(confirm_question(&h.state).contains("GetSecretValue"));

    let mut h = Harness::loaded();
    let mut detail = crate::common::detail_for(h.state.selected().expect("selected"));
    detail.owning_service = Some("rds".into());
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    h.cmd(Command::Replication(replication::Command::Open));
    let secret = h.selected_secret();
    let mut own = copy(&secret, "v2", "2026-11-02T12:00:00Z");
    own.owning_service = Some("rds".into());
    answer(
        &mut h,
        replication::Outcome::Described {
            secret,
            result: Ok(own),
        },
    );
    press(&mut h, KeyCode::Char('a'));
    let status = h.state.status_text();
    assert!(status.contains("managed by rds"), "{status}");
    assert!(open_prompt(&h.state).is_none());
}

#[test]
fn a_same_named_standalone_secret_elsewhere_is_flagged_promoted() {
    let mut h = Harness::loaded();
    // prod/orders/postgres is listed in us-east-1 and in eu-west-1, neither a replica.
    let secret = h.selected_secret();
    assert_eq!(secret.name, "prod/orders/postgres");
    h.cmd(Command::Replication(replication::Command::Open));
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: secret.clone(),
            result: Ok(copy(&secret, "v2", "2026-11-02T12:00:00Z")),
        },
    );
    let other = in_region(&secret, "eu-west-1");
    assert!(calls(&h).contains(&Call::Describe {
        secret: other.clone()
    }));
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: other.clone(),
            result: Ok(copy(&other, "v9", "2026-11-02T12:00:00Z")),
        },
    );
    let screen = h.screen(160, 24);
    assert!(
        screen.contains("Not replicated: the secret lives in us-east-1 only"),
        "{screen}"
    );
    assert!(
        screen.contains("eu-west-1: promoted away from its primary (standalone now)"),
        "{screen}"
    );
}

#[test]
fn opened_on_a_replica_it_reads_the_primary_and_highlights_the_replica() {
    let mut h = Harness::loaded();
    let mut row = crate::common::summary("shared/ci/deploy-key", "eu-west-1");
    row.primary_region = Some("us-east-1".into());
    h.page("eu-west-1", vec![row], true);
    h.press(KeyCode::Char('/'), KeyModifiers::NONE);
    h.type_text("deploy-key");
    press(&mut h, KeyCode::Enter);
    let rows: Vec<String> = (0..2)
        .map(|_| {
            let s = h.selected_secret();
            press(&mut h, KeyCode::Down);
            s.region
        })
        .collect();
    if h.selected_secret().region != "eu-west-1" {
        press(&mut h, KeyCode::Up);
    }
    let replica = h.selected_secret();
    assert_eq!(replica.region, "eu-west-1", "{rows:?}");
    h.cmd(Command::Replication(replication::Command::Open));
    let mut own = copy(&replica, "v2", "2026-11-02T12:00:00Z");
    own.primary_region = Some("us-east-1".into());
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: replica.clone(),
            result: Ok(own),
        },
    );
    let primary = in_region(&replica, "us-east-1");
    assert!(calls(&h).contains(&Call::Describe {
        secret: primary.clone()
    }));
    // The primary no longer lists this region: the replica was promoted away.
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: primary.clone(),
            result: Ok(copy(&primary, "v2", "2026-11-02T12:00:00Z")),
        },
    );
    let screen = h.screen(160, 24);
    assert!(
        screen.contains("eu-west-1: promoted away from its primary (standalone now)"),
        "{screen}"
    );
    assert!(
        screen.contains("eu-west-1 (promoted)"),
        "highlighted: {screen}"
    );
}

#[test]
fn hostile_text_from_aws_is_drawn_as_escapes() {
    let mut h = Harness::loaded();
    h.cmd(Command::Replication(replication::Command::Open));
    let secret = h.selected_secret();
    let mut own = copy(&secret, "v2\u{1b}[31m", "2026-11-02T12:00:00Z");
    own.replicas = vec![super::fixtures::status(
        "eu-west-1",
        "Failed",
        Some("denied\u{1b}]52;c;aGk=\u{7}\u{202e}RLO"),
    )];
    own.kms_key_id = Some("alias/\u{1b}[2Jkey".into());
    answer(
        &mut h,
        replication::Outcome::Described {
            secret,
            result: Ok(own),
        },
    );
    for _ in 0..2 {
        let screen = h.screen(160, 30);
        assert!(
            !screen.contains('\u{1b}') && !screen.contains('\u{7}') && !screen.contains('\u{202e}'),
            "{screen:?}"
        );
        assert!(screen.contains("denied"), "the message is shown: {screen}");
        press(&mut h, KeyCode::Down);
    }
}
