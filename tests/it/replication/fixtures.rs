//! What the replication pane's flows start from: the app with the pane open on a primary
//! whose replicas have drifted, AWS's answers given by hand, and how to read the pane's
//! text off a screen.

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{AwsCall, Command, Effect, Outcome};
use smtui_core::features::replication::{self, Call, RegionCopy, ReplicaStatus};
use smtui_core::ids::SecretRef;
use smtui_core::model::{AwsError, ErrorKind, Tag};
use smtui_core::room::layers::Layer;

use crate::common::{Harness, ts};

pub(super) fn calls(h: &Harness) -> Vec<Call> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                call: AwsCall::Replication(call),
                ..
            } => Some(call.clone()),
            _ => None,
        })
        .collect()
}

pub(super) fn answer(h: &mut Harness, outcome: replication::Outcome) {
    h.answer(Outcome::Replication(outcome));
}

pub(super) fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The same secret in `region`.
pub(super) fn in_region(secret: &SecretRef, region: &str) -> SecretRef {
    let arn = secret
        .arn
        .to_string()
        .replace(&format!(":{}:", secret.region), &format!(":{region}:"));
    SecretRef::new(secret.identity, region, &arn, secret.name.clone()).expect("an ARN")
}

pub(super) fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: key.into(),
        value: value.into(),
    }
}

pub(super) fn copy(secret: &SecretRef, version: &str, changed: &str) -> RegionCopy {
    RegionCopy {
        arn: secret.arn.clone(),
        region: secret.region.clone(),
        current_version: Some(version.to_owned()),
        last_changed: Some(ts(changed)),
        kms_key_id: None,
        tags: vec![tag("Team", "payments")],
        primary_region: None,
        owning_service: None,
        replicas: Vec::new(),
    }
}

pub(super) fn status(region: &str, status: &str, message: Option<&str>) -> ReplicaStatus {
    ReplicaStatus {
        region: region.to_owned(),
        kms_key_id: Some("alias/aws/secretsmanager".to_owned()),
        status: status.to_owned(),
        message: message.map(str::to_owned),
        last_accessed: None,
    }
}

const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"secretsmanager:DeleteSecret","Resource":"*"}]}"#;
pub(super) const REPLICA_REFUSED: &str =
    "Operation not permitted on a replica secret. Call must be made in primary secret's region.";

fn refused(message: &str) -> AwsError {
    AwsError {
        kind: ErrorKind::Invalid,
        operation: "GetResourcePolicy",
        region: "eu-west-1".into(),
        code: Some("InvalidParameterException".into()),
        message: Some(message.into()),
    }
}

/// The selected secret (a primary in us-east-1) opened, and everything answered: its
/// replica in eu-west-1 is a version behind (a day and two hours older), its tags differ,
/// its policy could not be read; ap-southeast-2 failed with its message.
pub(super) fn loaded() -> (Harness, SecretRef, SecretRef) {
    let mut h = Harness::loaded();
    h.cmd(Command::Replication(replication::Command::Open));
    assert_eq!(h.state.layers.top(), Layer::Replication);
    let primary = h.selected_secret();
    assert_eq!(
        calls(&h),
        [Call::Describe {
            secret: primary.clone()
        }],
        "the opened secret's own DescribeSecret first, and nothing else"
    );
    let mut own = copy(&primary, "v2-0000-1111", "2026-11-02T12:00:00Z");
    own.replicas = vec![
        status("eu-west-1", "InProgress", None),
        status(
            "ap-southeast-2",
            "Failed",
            Some("Access denied to KMS key alias/other"),
        ),
    ];
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: primary.clone(),
            result: Ok(own),
        },
    );
    let replica = in_region(&primary, "eu-west-1");
    let failed = in_region(&primary, "ap-southeast-2");
    assert_eq!(
        calls(&h),
        [
            Call::Policy {
                secret: primary.clone()
            },
            Call::Describe {
                secret: replica.clone()
            },
            Call::Policy {
                secret: replica.clone()
            },
            Call::Describe {
                secret: failed.clone()
            },
            Call::Policy {
                secret: failed.clone()
            },
        ],
        "every replica read where it lives, by its own ARN"
    );
    let mut stale = copy(&replica, "v1-0000-0000", "2026-11-01T10:00:00Z");
    stale.primary_region = Some("us-east-1".into());
    stale.kms_key_id = Some("alias/eu-key".into());
    stale.tags = vec![tag("Team", "orders")];
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: replica.clone(),
            result: Ok(stale),
        },
    );
    let mut behind = copy(&failed, "v2-0000-1111", "2026-11-02T12:00:00Z");
    behind.primary_region = Some("us-east-1".into());
    answer(
        &mut h,
        replication::Outcome::Described {
            secret: failed.clone(),
            result: Ok(behind),
        },
    );
    answer(
        &mut h,
        replication::Outcome::Policy {
            secret: primary.clone(),
            result: Ok(Some(POLICY.to_owned())),
        },
    );
    answer(
        &mut h,
        replication::Outcome::Policy {
            secret: replica.clone(),
            result: Err(refused(REPLICA_REFUSED)),
        },
    );
    // The same policy, spaced and ordered otherwise: the same JSON.
    let spaced = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(POLICY).expect("JSON"),
    )
    .expect("JSON");
    answer(
        &mut h,
        replication::Outcome::Policy {
            secret: failed,
            result: Ok(Some(spaced)),
        },
    );
    (h, primary, replica)
}

/// The pane's text, its wrapped lines joined with a space (the pane is drawn in thick
/// borders beside the list).
pub(super) fn pane_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let (_, inside) = line.split_once('┃')?;
            let inside = inside.rsplit_once('┃').map_or(inside, |(inside, _)| inside);
            Some(inside.trim_end().to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}
