//! A secret's rotation health, derived by one pure function from its metadata (the rotation
//! configuration and dates, the stage map), the rotation events CloudTrail holds when they
//! are known, and a clock passed in. Shared by the rotation panel, the fleet overview, the
//! list and `smtui posture`: one derivation, one answer everywhere.

pub(crate) mod cron;
pub mod schedule;

use crate::model::{Rotation, RotationEvent, RotationEventKind, SecretDetail, SecretSummary};
use jiff::{SignedDuration, Timestamp};

pub(crate) const CURRENT: &str = "AWSCURRENT";
pub(crate) const PREVIOUS: &str = "AWSPREVIOUS";
pub(crate) const PENDING: &str = "AWSPENDING";

/// The derived state, from the riskiest to the healthiest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Health {
    /// AWSPENDING has stayed on another version too long (or was left behind with rotation
    /// off), or the latest rotation failed.
    Stuck,
    /// NextRotationDate (and its window) is in the past.
    Overdue,
    /// Rotation is on, and has never completed.
    NeverRotated,
    /// Rotation is off.
    Disabled,
    /// AWSPENDING is on another version, recently: a rotation is under way.
    Rotating,
    /// The next rotation is close.
    DueSoon,
    Healthy,
}

impl Health {
    pub(crate) const ALL: [Health; 7] = [
        Health::Stuck,
        Health::Overdue,
        Health::NeverRotated,
        Health::Disabled,
        Health::Rotating,
        Health::DueSoon,
        Health::Healthy,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Health::Stuck => "Stuck",
            Health::Overdue => "Overdue",
            Health::NeverRotated => "Never rotated",
            Health::Disabled => "Disabled",
            Health::Rotating => "Rotating",
            Health::DueSoon => "Due soon",
            Health::Healthy => "Healthy",
        }
    }

    /// A short cell for the list's rotation column.
    pub fn short(self) -> &'static str {
        match self {
            Health::Stuck => "STUCK",
            Health::Overdue => "LATE",
            Health::NeverRotated => "never",
            Health::Disabled => "off",
            Health::Rotating => "busy",
            Health::DueSoon => "due",
            Health::Healthy => "ok",
        }
    }
}

/// The thresholds the derivation uses (from the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// A rotation whose AWSPENDING version is older than this is stuck.
    pub stuck_after: SignedDuration,
    /// The next rotation counts as "due soon" this long ahead (at most a quarter of the
    /// interval, so a secret rotated every 4 hours is not always "due soon").
    pub due_soon: SignedDuration,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            stuck_after: SignedDuration::from_hours(2),
            due_soon: SignedDuration::from_hours(7 * 24),
        }
    }
}

/// Which version holds which of the three labels rotation uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageMap {
    pub(crate) current: Option<String>,
    pub(crate) previous: Option<String>,
    pub(crate) pending: Option<String>,
    /// When the AWSPENDING version was made (from ListSecretVersionIds; `None` when only
    /// ListSecrets' stage map is known).
    pub pending_since: Option<Timestamp>,
    /// A time the AWSPENDING version existed by: the secret's LastChangedDate (making a
    /// version is a change), for when `pending_since` is unknown.
    pub(crate) pending_by: Option<Timestamp>,
}

impl StageMap {
    fn from_labels<'a, S: AsRef<str> + 'a>(
        versions: impl Iterator<Item = (&'a str, &'a [S], Option<Timestamp>)>,
    ) -> Self {
        let mut map = StageMap::default();
        for (id, stages, created) in versions {
            for stage in stages {
                match stage.as_ref() {
                    CURRENT => map.current = Some(id.to_owned()),
                    PREVIOUS => map.previous = Some(id.to_owned()),
                    PENDING => {
                        map.pending = Some(id.to_owned());
                        map.pending_since = created;
                    }
                    _ => {}
                }
            }
        }
        map
    }

    pub fn of_summary(secret: &SecretSummary) -> Self {
        Self {
            pending_by: secret.last_changed,
            ..Self::from_labels(
                secret
                    .stages
                    .iter()
                    .map(|v| (&*v.version_id, &v.stages[..], None)),
            )
        }
    }

    pub fn of_detail(detail: &SecretDetail) -> Self {
        Self::from_labels(
            detail
                .versions
                .iter()
                .map(|v| (v.id.as_str(), v.stages.as_slice(), v.created)),
        )
    }

    /// AWSPENDING on a version other than AWSCURRENT's: a rotation started and has not
    /// finished (or was abandoned).
    pub fn pending_elsewhere(&self) -> Option<&str> {
        self.pending
            .as_deref()
            .filter(|p| Some(*p) != self.current.as_deref())
    }
}

/// What the derivation looks at.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub rotation: &'a Rotation,
    pub stages: &'a StageMap,
    /// Rotation events of this secret (any order), when CloudTrail has been asked.
    pub events: &'a [RotationEvent],
}

/// The one derivation of rotation health.
pub fn derive(facts: Facts, now: Timestamp, thresholds: Thresholds) -> Health {
    let Facts {
        rotation,
        stages,
        events,
    } = facts;
    let latest_event = events.iter().max_by_key(|e| e.at);
    let failed_since_last_rotation = latest_event.is_some_and(|e| {
        matches!(
            e.kind,
            RotationEventKind::Failed | RotationEventKind::Abandoned
        ) && rotation.last_rotated.is_none_or(|last| e.at > last)
    });
    if failed_since_last_rotation {
        return Health::Stuck;
    }
    if stages.pending_elsewhere().is_some() {
        // Rotation is off, so nothing will ever finish it: left behind.
        if !rotation.enabled {
            return Health::Stuck;
        }
        let started = stages.pending_since.or_else(|| {
            latest_event
                .filter(|e| e.kind == RotationEventKind::Started)
                .map(|e| e.at)
        });
        return match started {
            Some(at) if now.duration_since(at) > thresholds.stuck_after => Health::Stuck,
            Some(_) => Health::Rotating,
            // Its age is unknown (ListSecrets has no version dates). Nothing has changed
            // since long ago, so it is at least that old; or a rotation that was due is
            // still pending: either way it is not progressing.
            None => {
                let old = stages
                    .pending_by
                    .is_some_and(|by| now.duration_since(by) > thresholds.stuck_after);
                if old || overdue(rotation, now) {
                    Health::Stuck
                } else {
                    Health::Rotating
                }
            }
        };
    }
    if !rotation.enabled {
        return Health::Disabled;
    }
    if rotation.last_rotated.is_none() {
        return Health::NeverRotated;
    }
    if overdue(rotation, now) {
        return Health::Overdue;
    }
    let Some(next) = next_rotation(rotation) else {
        return Health::Healthy;
    };
    let due_soon = schedule::interval(rotation)
        .map_or(thresholds.due_soon, |i| thresholds.due_soon.min(i / 4));
    if next.duration_since(now) <= due_soon {
        Health::DueSoon
    } else {
        Health::Healthy
    }
}

/// NextRotationDate, or the last rotation plus the interval when the service gave none.
pub fn next_rotation(rotation: &Rotation) -> Option<Timestamp> {
    rotation.next_rotation.or_else(|| {
        let last = rotation.last_rotated?;
        last.checked_add(schedule::interval(rotation)?).ok()
    })
}

/// Past the next rotation's window: the window is the configured Duration, else the
/// service's default (an hour for schedules in hours, the rest of the day otherwise).
fn overdue(rotation: &Rotation, now: Timestamp) -> bool {
    let Some(next) = next_rotation(rotation) else {
        return false;
    };
    let window = rotation
        .window
        .as_deref()
        .and_then(|w| w.strip_suffix('h')?.parse::<i64>().ok())
        .map_or_else(
            || {
                if schedule::interval(rotation).is_some_and(|i| i < SignedDuration::from_hours(24))
                {
                    SignedDuration::from_hours(1)
                } else {
                    SignedDuration::from_hours(24)
                }
            },
            SignedDuration::from_hours,
        );
    now.duration_since(next) > window
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    const NOW: &str = "2026-11-25T12:00:00Z";

    fn on(last: Option<&str>, next: Option<&str>) -> Rotation {
        Rotation {
            enabled: true,
            lambda_arn: crate::ids::Arn::parse(
                "arn:aws:lambda:us-east-1:123456789012:function:rotate",
            )
            .ok(),
            every_days: Some(30),
            last_rotated: last.map(at),
            next_rotation: next.map(at),
            ..Rotation::default()
        }
    }

    fn settled() -> StageMap {
        StageMap {
            current: Some("v2".into()),
            previous: Some("v1".into()),
            ..StageMap::default()
        }
    }

    fn pending(since: Option<&str>) -> StageMap {
        StageMap {
            pending: Some("v3".into()),
            pending_since: since.map(at),
            ..settled()
        }
    }

    fn event(kind: RotationEventKind, when: &str) -> RotationEvent {
        RotationEvent { kind, at: at(when) }
    }

    fn health(rotation: &Rotation, stages: &StageMap, events: &[RotationEvent]) -> Health {
        derive(
            Facts {
                rotation,
                stages,
                events,
            },
            at(NOW),
            Thresholds::default(),
        )
    }

    #[test]
    // One table, every case side by side: longer than a function should be, clearer so.
    #[allow(clippy::too_many_lines)]
    fn every_state_case_by_case() {
        use RotationEventKind::{Failed, Started, Succeeded};
        let recent = on(Some("2026-11-10T00:00:00Z"), Some("2026-12-10T00:00:00Z"));
        let cases: Vec<(&str, Rotation, StageMap, Vec<RotationEvent>, Health)> = vec![
            (
                "rotated, next in 15 days",
                recent.clone(),
                settled(),
                vec![],
                Health::Healthy,
            ),
            (
                "next in 4 days",
                on(Some("2026-10-30T00:00:00Z"), Some("2026-11-29T00:00:00Z")),
                settled(),
                vec![],
                Health::DueSoon,
            ),
            (
                "next was 15 days ago",
                on(Some("2026-10-11T00:00:00Z"), Some("2026-11-10T00:00:00Z")),
                settled(),
                vec![],
                Health::Overdue,
            ),
            (
                "inside today's window: not late yet",
                on(Some("2026-10-26T00:00:00Z"), Some("2026-11-25T00:00:00Z")),
                settled(),
                vec![],
                Health::DueSoon,
            ),
            (
                "on, never rotated",
                on(None, Some("2026-12-10T00:00:00Z")),
                settled(),
                vec![],
                Health::NeverRotated,
            ),
            (
                "off",
                Rotation::default(),
                settled(),
                vec![],
                Health::Disabled,
            ),
            (
                "pending for 30 minutes",
                recent.clone(),
                pending(Some("2026-11-25T11:30:00Z")),
                vec![],
                Health::Rotating,
            ),
            (
                "pending for 3 days",
                recent.clone(),
                pending(Some("2026-11-22T12:00:00Z")),
                vec![],
                Health::Stuck,
            ),
            (
                "pending left behind with rotation off",
                Rotation::default(),
                pending(Some("2026-11-25T11:59:00Z")),
                vec![],
                Health::Stuck,
            ),
            (
                "the latest rotation failed",
                recent.clone(),
                settled(),
                vec![
                    event(Started, "2026-11-24T00:00:00Z"),
                    event(Failed, "2026-11-24T00:05:00Z"),
                ],
                Health::Stuck,
            ),
            (
                "a failure before the last rotation is history",
                recent.clone(),
                settled(),
                vec![
                    event(Failed, "2026-11-01T00:05:00Z"),
                    event(Succeeded, "2026-11-10T00:00:00Z"),
                ],
                Health::Healthy,
            ),
            (
                "pending of unknown age, started 10 minutes ago",
                recent.clone(),
                pending(None),
                vec![event(Started, "2026-11-25T11:50:00Z")],
                Health::Rotating,
            ),
            (
                "pending of unknown age, not due",
                recent.clone(),
                pending(None),
                vec![],
                Health::Rotating,
            ),
            (
                "pending of unknown age, nothing changed for 3 days",
                recent.clone(),
                StageMap {
                    pending_by: Some(at("2026-11-22T12:00:00Z")),
                    ..pending(None)
                },
                vec![],
                Health::Stuck,
            ),
            (
                "pending of unknown age, changed 10 minutes ago",
                recent.clone(),
                StageMap {
                    pending_by: Some(at("2026-11-25T11:50:00Z")),
                    ..pending(None)
                },
                vec![],
                Health::Rotating,
            ),
            (
                "pending of unknown age, long overdue",
                on(Some("2026-09-01T00:00:00Z"), Some("2026-10-01T00:00:00Z")),
                pending(None),
                vec![],
                Health::Stuck,
            ),
            (
                "AWSPENDING on the current version is no rotation",
                recent.clone(),
                StageMap {
                    pending: Some("v2".into()),
                    ..settled()
                },
                vec![],
                Health::Healthy,
            ),
            (
                "no NextRotationDate: last rotation plus the interval",
                on(Some("2026-09-01T00:00:00Z"), None),
                settled(),
                vec![],
                Health::Overdue,
            ),
        ];
        for (case, rotation, stages, events, expected) in cases {
            assert_eq!(health(&rotation, &stages, &events), expected, "{case}");
        }
    }

    #[test]
    fn due_soon_scales_with_short_schedules() {
        let mut every_4_hours = on(Some("2026-11-25T08:00:00Z"), Some("2026-11-25T16:00:00Z"));
        every_4_hours.every_days = None;
        every_4_hours.schedule = Some("rate(4 hours)".into());
        // Four hours ahead is a whole interval away: not "due soon".
        assert_eq!(health(&every_4_hours, &settled(), &[]), Health::Healthy);
        every_4_hours.next_rotation = Some(at("2026-11-25T12:30:00Z"));
        assert_eq!(health(&every_4_hours, &settled(), &[]), Health::DueSoon);
        // Its window is an hour: two hours late is overdue.
        every_4_hours.next_rotation = Some(at("2026-11-25T10:00:00Z"));
        assert_eq!(health(&every_4_hours, &settled(), &[]), Health::Overdue);
    }

    fn empty_summary() -> SecretSummary {
        let arn = crate::ids::Arn::parse(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
        )
        .expect("an ARN");
        SecretSummary::bare(crate::ids::IdentityId::START, arn, "db", "us-east-1")
    }

    fn empty_detail() -> SecretDetail {
        let s = empty_summary();
        SecretDetail {
            arn: s.arn,
            name: s.name,
            description: None,
            kms_key_id: None,
            created: None,
            last_changed: None,
            last_accessed: None,
            deleted_date: None,
            tags: Vec::new(),
            primary_region: None,
            owning_service: None,
            replicas: Vec::new(),
            rotation: Rotation::default(),
            versions: Vec::new(),
            versions_error: None,
        }
    }

    #[test]
    fn stage_maps_from_the_detail_carry_the_pending_versions_age() {
        use crate::model::{VersionInfo, VersionStages};
        let version = |id: &str, stage: &str, created: &str| VersionInfo {
            id: id.into(),
            stages: vec![stage.into()],
            created: Some(at(created)),
            last_accessed: None,
        };
        let detail = SecretDetail {
            versions: vec![
                version("v3", PENDING, "2026-11-20T00:00:00Z"),
                version("v2", CURRENT, "2026-11-01T00:00:00Z"),
            ],
            ..empty_detail()
        };
        let map = StageMap::of_detail(&detail);
        assert_eq!(map.pending_elsewhere(), Some("v3"));
        assert_eq!(map.pending_since, Some(at("2026-11-20T00:00:00Z")));
        let summary = SecretSummary {
            identity: crate::ids::IdentityId::START,
            stages: vec![VersionStages {
                version_id: "v3".into(),
                stages: vec![PENDING.into()].into(),
            }],
            ..empty_summary()
        };
        let map = StageMap::of_summary(&summary);
        assert_eq!(
            (map.pending_elsewhere(), map.pending_since),
            (Some("v3"), None)
        );
    }
}
