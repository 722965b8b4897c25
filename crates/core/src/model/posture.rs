//! Fleet posture: checks modelled on AWS Security Hub's controls for Secrets Manager, run
//! over the ListSecrets rows already loaded (no DescribeSecret per secret), and, for the
//! secrets whose access was read (the access pane, `smtui posture --access`), three checks
//! of who can read them. The rotation overview and `smtui posture` both use this one report.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::model::SecretSummary;
use crate::model::rotation::{Facts, Health, StageMap, Thresholds, derive, schedule};

/// The thresholds and required tags of the checks (the config file's `[posture]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostureRules {
    /// SecretsManager.1's optional parameter: rotation must be at least this frequent.
    pub max_rotation_days: Option<i64>,
    /// SecretsManager.4: rotated within this many days.
    pub rotated_within_days: i64,
    /// SecretsManager.3: read within this many days.
    pub unused_days: i64,
    /// SecretsManager.5: these tag keys must be present; none listed means at least one tag.
    pub required_tags: Vec<String>,
}

impl Default for PostureRules {
    fn default() -> Self {
        Self {
            max_rotation_days: None,
            rotated_within_days: 90,
            unused_days: 90,
            required_tags: Vec::new(),
        }
    }
}

/// A failed check, named as Security Hub names the control it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Check {
    /// SecretsManager.1: automatic rotation is on (and frequent enough).
    #[serde(rename = "SecretsManager.1")]
    RotationEnabled,
    /// SecretsManager.2: a configured rotation succeeds (here: it is not stuck).
    #[serde(rename = "SecretsManager.2")]
    RotationSucceeds,
    /// SecretsManager.3: the secret has been read recently.
    #[serde(rename = "SecretsManager.3")]
    RecentlyUsed,
    /// SecretsManager.4: the secret has been rotated recently.
    #[serde(rename = "SecretsManager.4")]
    RecentlyRotated,
    /// SecretsManager.5: the required tags are there.
    #[serde(rename = "SecretsManager.5")]
    Tagged,
    /// Access.1: no resource policy lets anyone at all read the value.
    #[serde(rename = "Access.1")]
    NotPublic,
    /// Access.2: no principal of another account can read the value.
    #[serde(rename = "Access.2")]
    NoOtherAccountReaders,
    /// Access.3: every principal that can read the value did, over the unused days (only
    /// where CloudTrail was read for the whole window).
    #[serde(rename = "Access.3")]
    NoUnusedReadAccess,
    /// Values.1: no value (nor JSON field) is held by another secret too (only where the
    /// values were read: `smtui posture --deep`).
    #[serde(rename = "Values.1")]
    ValueNotShared,
}

impl Check {
    pub(crate) const ALL: [Check; 5] = [
        Check::RotationEnabled,
        Check::RotationSucceeds,
        Check::RecentlyUsed,
        Check::RecentlyRotated,
        Check::Tagged,
    ];

    /// The access checks, run only for the secrets whose access was read.
    pub const ACCESS: [Check; 3] = [
        Check::NotPublic,
        Check::NoOtherAccountReaders,
        Check::NoUnusedReadAccess,
    ];

    /// The Security Hub control id (`Access.N` for smtui's own access checks).
    pub fn id(self) -> &'static str {
        match self {
            Check::RotationEnabled => "SecretsManager.1",
            Check::RotationSucceeds => "SecretsManager.2",
            Check::RecentlyUsed => "SecretsManager.3",
            Check::RecentlyRotated => "SecretsManager.4",
            Check::Tagged => "SecretsManager.5",
            Check::NotPublic => "Access.1",
            Check::NoOtherAccountReaders => "Access.2",
            Check::NoUnusedReadAccess => "Access.3",
            Check::ValueNotShared => "Values.1",
        }
    }

    /// Its short form in a table: `1` to `5` for Security Hub's, `A1` to `A3` for access.
    pub fn short(self) -> String {
        let id = self.id();
        match id.strip_prefix("SecretsManager.") {
            Some(number) => number.to_owned(),
            None => id.replace("Access.", "A").replace("Values.", "V"),
        }
    }

    /// What it asks, with this configuration's numbers.
    pub fn describe(self, rules: &PostureRules) -> String {
        match self {
            Check::RotationEnabled => match rules.max_rotation_days {
                Some(days) => format!("rotation on, at least every {days} days"),
                None => "rotation on".to_owned(),
            },
            Check::RotationSucceeds => "rotation not stuck or failing".to_owned(),
            Check::RecentlyUsed => format!("read within {} days", rules.unused_days),
            Check::RecentlyRotated => format!("rotated within {} days", rules.rotated_within_days),
            Check::Tagged if rules.required_tags.is_empty() => "has at least one tag".to_owned(),
            Check::Tagged => format!("tagged {}", rules.required_tags.join(", ")),
            Check::NotPublic => "no public resource policy".to_owned(),
            Check::NoOtherAccountReaders => "no reader in another account".to_owned(),
            Check::NoUnusedReadAccess => {
                format!("no read access unused for {} days", rules.unused_days)
            }
            Check::ValueNotShared => "no value shared with another secret".to_owned(),
        }
    }
}

/// Who can read one secret, as the access pane (or `smtui posture --access`) found it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AccessFacts {
    /// A resource policy lets anyone at all read the value.
    pub public: bool,
    /// The other accounts whose principals can read it (conditions aside).
    pub other_accounts: Vec<String>,
    /// Principals that can read and did not over the window; `None` when CloudTrail was
    /// not read for the whole window (nothing is then called unused).
    pub unused: Option<Vec<String>>,
}

/// The access facts known, by row.
pub type AccessFindings = HashMap<crate::ids::RowKey, AccessFacts>;

/// One secret's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The identity whose row it is (not in `smtui posture`'s report: one identity lists).
    #[serde(skip)]
    pub identity: crate::ids::IdentityId,
    pub name: String,
    pub region: String,
    pub(crate) arn: crate::ids::Arn,
    #[serde(serialize_with = "health_label")]
    pub health: Health,
    pub failed: Vec<Check>,
    pub(crate) last_rotated: Option<Timestamp>,
    pub next_rotation: Option<Timestamp>,
    pub(crate) last_accessed: Option<Timestamp>,
    /// Who can read it, when that was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<AccessFacts>,
    /// The other secrets holding one of its values, when the values were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shares_with: Option<Vec<String>>,
}

impl Finding {
    /// The key of the row it was found in.
    pub(crate) fn row(&self) -> crate::ids::RowKey {
        crate::ids::RowKey::new(self.identity, self.arn.clone())
    }

    /// Whether it was found in the row `row` names.
    pub(crate) fn is(&self, row: &crate::ids::RowKey) -> bool {
        self.identity == row.identity && self.arn == row.arn
    }
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn health_label<S: serde::Serializer>(health: &Health, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(health.label())
}

/// The whole fleet: every finding, riskiest first, and the counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub secrets: usize,
    /// (health, how many), in `Health::ALL` order.
    #[serde(serialize_with = "health_counts")]
    pub by_health: Vec<(Health, usize)>,
    /// (check, how many secrets fail it), in `Check::ALL` order, then `Check::ACCESS`'s
    /// when any secret's access was read.
    pub failing: Vec<(Check, usize)>,
    /// How many secrets the access checks ran on.
    pub access_checked: usize,
    pub findings: Vec<Finding>,
}

fn health_counts<S: serde::Serializer>(
    counts: &[(Health, usize)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(counts.len()))?;
    for (health, n) in counts {
        map.serialize_entry(health.label(), n)?;
    }
    map.end()
}

impl Report {
    pub fn any_failed(&self) -> bool {
        self.findings.iter().any(|f| !f.failed.is_empty())
    }
}

/// The report's order: health first (stuck, overdue, …), then the most failed checks, then
/// by name and region.
pub(crate) fn riskiest_first(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.health
        .cmp(&b.health)
        .then(b.failed.len().cmp(&a.failed.len()))
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.region.cmp(&b.region))
}

/// Assesses every secret not scheduled for deletion.
pub fn assess<'a>(
    secrets: impl IntoIterator<Item = &'a SecretSummary>,
    now: Timestamp,
    thresholds: Thresholds,
    rules: &PostureRules,
    access: &AccessFindings,
) -> Report {
    let mut findings: Vec<Finding> = secrets
        .into_iter()
        .filter(|s| s.deleted_date.is_none())
        .map(|s| {
            let facts = access.get(&crate::ids::RowKey::new(s.identity, s.arn.clone()));
            finding(s, now, thresholds, rules, facts)
        })
        .collect();
    findings.sort_by(riskiest_first);
    let by_health = Health::ALL
        .iter()
        .map(|h| (*h, findings.iter().filter(|f| f.health == *h).count()))
        .collect();
    let access_checked = findings.iter().filter(|f| f.access.is_some()).count();
    let access_checks: &[Check] = if access_checked > 0 {
        &Check::ACCESS
    } else {
        &[]
    };
    let failing = Check::ALL
        .iter()
        .chain(access_checks)
        .map(|c| (*c, findings.iter().filter(|f| f.failed.contains(c)).count()))
        .collect();
    Report {
        secrets: findings.len(),
        by_health,
        failing,
        access_checked,
        findings,
    }
}

fn finding(
    secret: &SecretSummary,
    now: Timestamp,
    thresholds: Thresholds,
    rules: &PostureRules,
    access: Option<&AccessFacts>,
) -> Finding {
    let rotation = &secret.rotation;
    let stages = StageMap::of_summary(secret);
    let health = derive(
        Facts {
            rotation,
            stages: &stages,
            events: &[],
        },
        now,
        thresholds,
    );
    let days = |n: i64| SignedDuration::from_hours(24 * n);
    let older_than = |at: Option<Timestamp>, limit: i64| {
        at.or(secret.created)
            .is_some_and(|at| now.duration_since(at) > days(limit))
    };
    let mut failed = Vec::new();
    let too_rare = rules
        .max_rotation_days
        .is_some_and(|max| schedule::interval(rotation).is_none_or(|every| every > days(max)));
    if !rotation.enabled || too_rare {
        failed.push(Check::RotationEnabled);
    }
    if health == Health::Stuck {
        failed.push(Check::RotationSucceeds);
    }
    if older_than(secret.last_accessed, rules.unused_days) {
        failed.push(Check::RecentlyUsed);
    }
    if older_than(rotation.last_rotated, rules.rotated_within_days) {
        failed.push(Check::RecentlyRotated);
    }
    let user_tags = || secret.tags.iter().filter(|t| !t.key.starts_with("aws:"));
    let tagged = if rules.required_tags.is_empty() {
        user_tags().next().is_some()
    } else {
        rules
            .required_tags
            .iter()
            .all(|key| user_tags().any(|t| &t.key == key))
    };
    if !tagged {
        failed.push(Check::Tagged);
    }
    if let Some(facts) = access {
        if facts.public {
            failed.push(Check::NotPublic);
        }
        if !facts.other_accounts.is_empty() {
            failed.push(Check::NoOtherAccountReaders);
        }
        if facts
            .unused
            .as_ref()
            .is_some_and(|unused| !unused.is_empty())
        {
            failed.push(Check::NoUnusedReadAccess);
        }
    }
    Finding {
        identity: secret.identity,
        name: secret.name.clone(),
        region: secret.region.to_string(),
        arn: secret.arn.clone(),
        health,
        failed,
        last_rotated: rotation.last_rotated,
        next_rotation: crate::model::rotation::next_rotation(rotation).filter(|_| rotation.enabled),
        last_accessed: secret.last_accessed,
        access: access.cloned(),
        shares_with: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rotation, Tag};

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    const NOW: &str = "2026-11-25T12:00:00Z";

    fn secret(name: &str) -> SecretSummary {
        SecretSummary {
            identity: crate::ids::IdentityId::START,
            arn: crate::ids::Arn::parse(&format!(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-AbCdEf"
            ))
            .expect("an ARN"),
            name: name.into(),
            region: "us-east-1".into(),
            description: None,
            created: Some(at("2026-01-01T00:00:00Z")),
            last_changed: None,
            last_accessed: Some(at("2026-11-20T00:00:00Z")),
            rotation: Rotation {
                enabled: true,
                every_days: Some(30),
                lambda_arn: crate::ids::Arn::parse(
                    "arn:aws:lambda:us-east-1:123456789012:function:r",
                )
                .ok(),
                last_rotated: Some(at("2026-11-10T00:00:00Z")),
                next_rotation: Some(at("2026-12-10T00:00:00Z")),
                ..Rotation::default()
            }
            .into(),
            owning_service: None,
            stages: Vec::new(),
            tags: vec![Tag {
                key: "Owner".into(),
                value: "team".into(),
            }]
            .into(),
            deleted_date: None,
            primary_region: None,
            kms_key_id: None,
        }
    }

    fn failed(s: &SecretSummary, rules: &PostureRules) -> Vec<Check> {
        finding(s, at(NOW), Thresholds::default(), rules, None).failed
    }

    #[test]
    fn each_check_fails_for_its_own_reason() {
        let rules = PostureRules::default();
        assert!(failed(&secret("good"), &rules).is_empty());

        let mut off = secret("off");
        off.rotation = Rotation::default().into();
        // Never rotated: the creation date counts, and it is older than 90 days.
        assert_eq!(
            failed(&off, &rules),
            [Check::RotationEnabled, Check::RecentlyRotated]
        );

        let mut unused = secret("unused");
        unused.last_accessed = Some(at("2026-05-01T00:00:00Z"));
        assert_eq!(failed(&unused, &rules), [Check::RecentlyUsed]);

        let mut untagged = secret("untagged");
        untagged.tags = vec![Tag {
            key: "aws:cloudformation:stack-name".into(),
            value: "x".into(),
        }]
        .into();
        assert_eq!(
            failed(&untagged, &rules),
            [Check::Tagged],
            "AWS's own tags do not count"
        );

        let mut stuck = secret("stuck");
        std::sync::Arc::make_mut(&mut stuck.rotation).enabled = false;
        stuck.stages = vec![crate::model::VersionStages {
            version_id: "v9".into(),
            stages: vec!["AWSPENDING".into()].into(),
        }];
        assert!(failed(&stuck, &rules).contains(&Check::RotationSucceeds));
    }

    #[test]
    fn thresholds_and_required_tags_come_from_the_rules() {
        let strict = PostureRules {
            max_rotation_days: Some(7),
            rotated_within_days: 10,
            unused_days: 2,
            required_tags: vec!["Owner".into(), "CostCenter".into()],
        };
        assert_eq!(
            failed(&secret("good"), &strict),
            [
                Check::RotationEnabled,
                Check::RecentlyUsed,
                Check::RecentlyRotated,
                Check::Tagged
            ]
        );
    }

    #[test]
    fn the_report_counts_and_puts_the_riskiest_first() {
        let mut off = secret("b-off");
        off.rotation = Rotation::default().into();
        let mut gone = secret("c-deleted");
        gone.deleted_date = Some(at("2026-12-01T00:00:00Z"));
        let mut late = secret("a-late");
        std::sync::Arc::make_mut(&mut late.rotation).next_rotation =
            Some(at("2026-10-01T00:00:00Z"));
        let rows = [secret("d-good"), off, gone, late];
        let report = assess(
            &rows,
            at(NOW),
            Thresholds::default(),
            &PostureRules::default(),
            &AccessFindings::new(),
        );
        assert_eq!(
            report.secrets, 3,
            "a secret scheduled for deletion is not assessed"
        );
        let order: Vec<&str> = report.findings.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(order, ["a-late", "b-off", "d-good"]);
        assert!(report.by_health.contains(&(Health::Overdue, 1)));
        assert!(report.failing.contains(&(Check::RotationEnabled, 1)));
        assert!(report.any_failed());
        let json = serde_json::to_value(&report).expect("json");
        assert_eq!(json["by_health"]["Overdue"], 1);
        assert_eq!(json["findings"][1]["failed"][0], "SecretsManager.1");
        assert_eq!(json["findings"][0]["health"], "Overdue");
    }

    #[test]
    fn the_access_checks_run_only_where_access_was_read_and_say_what_they_found() {
        let (shared, open, idle) = (secret("shared"), secret("open"), secret("idle"));
        let rows = [shared.clone(), open.clone(), idle.clone(), secret("unread")];
        let key = |s: &SecretSummary| crate::ids::RowKey::new(s.identity, s.arn.clone());
        let without = assess(
            &rows,
            at(NOW),
            Thresholds::default(),
            &PostureRules::default(),
            &AccessFindings::new(),
        );
        assert_eq!(
            without.failing.len(),
            Check::ALL.len(),
            "no access checks unread"
        );
        let mut access = AccessFindings::new();
        access.insert(
            key(&shared),
            AccessFacts {
                other_accounts: vec!["210987654321".to_owned()],
                ..AccessFacts::default()
            },
        );
        access.insert(
            key(&open),
            AccessFacts {
                public: true,
                // Not consulted: nothing is called unused.
                unused: None,
                ..AccessFacts::default()
            },
        );
        access.insert(
            key(&idle),
            AccessFacts {
                unused: Some(vec!["reporting".to_owned()]),
                ..AccessFacts::default()
            },
        );
        let report = assess(
            &rows,
            at(NOW),
            Thresholds::default(),
            &PostureRules::default(),
            &access,
        );
        assert_eq!(report.access_checked, 3);
        let failing: Vec<(&str, usize)> = report.failing[Check::ALL.len()..]
            .iter()
            .map(|(c, n)| (c.id(), *n))
            .collect();
        assert_eq!(failing, [("Access.1", 1), ("Access.2", 1), ("Access.3", 1)]);
        let failed = |name: &str| {
            let finding = report.findings.iter().find(|f| f.name == name);
            finding.map(|f| f.failed.iter().map(|c| c.short()).collect::<Vec<_>>())
        };
        assert!(failed("shared").is_some_and(|f| f.contains(&"A2".to_owned())));
        assert!(failed("open").is_some_and(|f| f.contains(&"A1".to_owned())));
        assert!(failed("idle").is_some_and(|f| f.contains(&"A3".to_owned())));
        let json = serde_json::to_value(&report).expect("json");
        assert_eq!(json["access_checked"], 3);
        let idle_json = json["findings"]
            .as_array()
            .and_then(|all| all.iter().find(|f| f["name"] == "idle"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(idle_json["access"]["unused"][0], "reporting");
    }
}
