//! What the proxy remembers about secrets that moto 5.2.5 drops or gets wrong, and how it
//! puts that back into answers.
//!
//! Per secret ARN: the rotation configuration (enabled, Lambda ARN, the full
//! `RotationRules`), when it was configured, the last *completed* rotation and a rotation
//! in progress; when the secret and each version was last read; when each version was
//! created. Only ids, dates and rules are kept: bodies are parsed into
//! `serde_json::Value`, those fields are picked out and the rest is dropped, so no
//! SecretString/SecretBinary can reach this store (tested in `rotation_tests.rs`).
//!
//! The I/O around it (calls to moto, timers, events) lives in [`super::rotation_calls`].

use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use super::schedule::{Rules, day_of};

/// A rotation that RotateSecret started and that has not completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingRotation {
    /// The version labelled AWSPENDING (RotateSecret's ClientRequestToken).
    pub(crate) version_id: String,
    pub(crate) started_at: Timestamp,
    /// RotationFailed has been recorded.
    pub(crate) failed: bool,
}

/// The rotation configuration and history of one secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RotationState {
    pub(crate) region: String,
    pub(crate) name: String,
    pub(crate) enabled: bool,
    pub(crate) lambda_arn: Option<String>,
    pub(crate) rules: Rules,
    /// When rotation was last configured (rules or function set by RotateSecret): the
    /// schedule counts from here until the first rotation completes.
    pub(crate) configured_at: Timestamp,
    /// When AWSCURRENT last moved onto the version a rotation created.
    pub(crate) last_rotated: Option<Timestamp>,
    pub(crate) pending: Option<PendingRotation>,
}

impl RotationState {
    /// NextRotationDate as AWS reports it: only while rotation is enabled.
    pub(crate) fn next_rotation(&self) -> Option<Timestamp> {
        if !self.enabled {
            return None;
        }
        self.rules
            .next_after(self.last_rotated.unwrap_or(self.configured_at))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct VersionFacts {
    pub(crate) created: Option<Timestamp>,
    /// `created` was set by the seeding hook (moto's own CreatedDate is then wrong).
    pub(crate) backdated: bool,
    pub(crate) last_accessed: Option<Timestamp>,
}

/// A rotation event the caller must record (the store itself holds no events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceEvent {
    pub(crate) name: &'static str,
    pub(crate) region: String,
    pub(crate) arn: String,
    pub(crate) secret_name: String,
    pub(crate) version_id: String,
    pub(crate) at: Timestamp,
}

/// The parts of a successful RotateSecret the store needs.
#[derive(Debug, Clone)]
pub(crate) struct Rotate<'a> {
    pub(crate) region: &'a str,
    pub(crate) arn: &'a str,
    pub(crate) name: &'a str,
    pub(crate) version_id: &'a str,
    /// `RotationRules` of the request, when it had them.
    pub(crate) rules: Option<Rules>,
    pub(crate) lambda_arn: Option<&'a str>,
    /// The caller's RotateImmediately (AWS's default: true).
    pub(crate) immediately: bool,
}

#[derive(Debug, Default)]
pub(crate) struct RotationStore {
    rotations: HashMap<String, RotationState>,
    /// ARN -> when the secret was last read (GetSecretValue / BatchGetSecretValue).
    accessed: HashMap<String, Timestamp>,
    /// (ARN, VersionId) -> dates.
    versions: HashMap<(String, String), VersionFacts>,
    /// (region, name) -> ARN, from answers that carry both.
    arns: HashMap<(String, String), String>,
    /// ARN -> (the LastChangedDate seeding set, when it was set): moto's own date is the
    /// seed time, later than the history the seed backdated. A change made after seeding
    /// (moto's date then later than when this was set) shows moto's date again.
    changed: HashMap<String, (Timestamp, Timestamp)>,
}

fn ts_json(t: Timestamp) -> Value {
    json!(t.as_second())
}

/// Replaces or removes `key`.
fn put(m: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    match v {
        Some(v) => m.insert(key.to_string(), v),
        None => m.remove(key),
    };
}

fn text<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

impl RotationStore {
    pub(crate) fn rotation(&self, arn: &str) -> Option<&RotationState> {
        self.rotations.get(arn)
    }

    pub(crate) fn rotation_mut(&mut self, arn: &str) -> Option<&mut RotationState> {
        self.rotations.get_mut(arn)
    }

    pub(crate) fn version(&self, arn: &str, version_id: &str) -> Option<&VersionFacts> {
        self.versions
            .get(&(arn.to_string(), version_id.to_string()))
    }

    fn version_mut(&mut self, arn: &str, version_id: &str) -> &mut VersionFacts {
        self.versions
            .entry((arn.to_string(), version_id.to_string()))
            .or_default()
    }

    pub(crate) fn set_last_accessed(&mut self, arn: &str, at: Timestamp) {
        self.accessed.insert(arn.to_string(), at);
    }

    /// Seeding: the secret was last changed at `at` (its backdated rotation history), as
    /// of `now`.
    pub(crate) fn set_last_changed(&mut self, arn: &str, at: Timestamp, now: Timestamp) {
        self.changed.insert(arn.to_string(), (at, now));
    }

    /// Seeding: the version was created at `at` (see [`VersionFacts::backdated`]).
    pub(crate) fn set_version_created(&mut self, arn: &str, version_id: &str, at: Timestamp) {
        let facts = self.version_mut(arn, version_id);
        facts.created = Some(at);
        facts.backdated = true;
    }

    /// The ARN of `id` (a name or full ARN) in `region`, when known.
    pub(crate) fn resolve(&self, region: &str, id: &str) -> Option<String> {
        if self.rotations.contains_key(id) || id.starts_with("arn:") {
            return Some(id.to_string());
        }
        self.arns
            .get(&(region.to_string(), id.to_string()))
            .cloned()
    }

    /// Learns name -> ARN and, for write answers, that a version was created now.
    pub(crate) fn observe_ids(&mut self, op: &str, region: &str, resp: &Value, now: Timestamp) {
        let (Some(arn), Some(name)) = (text(resp, "ARN"), text(resp, "Name")) else {
            return;
        };
        if !arn.starts_with("arn:") {
            return;
        }
        self.arns
            .insert((region.to_string(), name.to_string()), arn.to_string());
        let creates = matches!(
            op,
            "CreateSecret" | "PutSecretValue" | "UpdateSecret" | "RotateSecret"
        );
        if creates && let Some(v) = text(resp, "VersionId") {
            let facts = self.version_mut(arn, v);
            facts.created.get_or_insert(now);
        }
    }

    /// A successful RotateSecret. Returns RotationStarted when a rotation starts now.
    pub(crate) fn on_rotate(&mut self, r: &Rotate<'_>, now: Timestamp) -> Vec<ServiceEvent> {
        let state = self
            .rotations
            .entry(r.arn.to_string())
            .or_insert_with(|| RotationState {
                region: r.region.to_string(),
                name: r.name.to_string(),
                enabled: true,
                lambda_arn: None,
                rules: Rules::default(),
                configured_at: now,
                last_rotated: None,
                pending: None,
            });
        let reconfigured = !state.enabled
            || r.rules.as_ref().is_some_and(|rules| *rules != state.rules)
            || r.lambda_arn
                .is_some_and(|l| state.lambda_arn.as_deref() != Some(l));
        if reconfigured {
            state.configured_at = now;
        }
        state.enabled = true;
        if let Some(rules) = &r.rules {
            state.rules = rules.clone();
        }
        if let Some(l) = r.lambda_arn {
            state.lambda_arn = Some(l.to_string());
        }
        if !r.immediately {
            return Vec::new();
        }
        state.pending = Some(PendingRotation {
            version_id: r.version_id.to_string(),
            started_at: now,
            failed: false,
        });
        vec![ServiceEvent {
            name: "RotationStarted",
            region: r.region.to_string(),
            arn: r.arn.to_string(),
            secret_name: r.name.to_string(),
            version_id: r.version_id.to_string(),
            at: now,
        }]
    }

    /// The rotation function gave up: RotationFailed, once, if that rotation is still
    /// pending.
    pub(crate) fn fail_pending(
        &mut self,
        arn: &str,
        version_id: &str,
        now: Timestamp,
    ) -> Vec<ServiceEvent> {
        let Some(state) = self.rotations.get_mut(arn) else {
            return Vec::new();
        };
        match &mut state.pending {
            Some(p) if p.version_id == version_id && !p.failed => {
                p.failed = true;
                vec![ServiceEvent {
                    name: "RotationFailed",
                    region: state.region.clone(),
                    arn: arn.to_string(),
                    secret_name: state.name.clone(),
                    version_id: version_id.to_string(),
                    at: now,
                }]
            }
            _ => Vec::new(),
        }
    }

    /// A successful UpdateSecretVersionStage. AWSCURRENT moved onto the pending version
    /// completes the rotation (the function's finishSecret step): RotationSucceeded.
    /// AWSPENDING removed from it without that abandons the rotation.
    pub(crate) fn on_stage_moved(
        &mut self,
        arn: &str,
        stage: &str,
        move_to: Option<&str>,
        remove_from: Option<&str>,
        now: Timestamp,
    ) -> Vec<ServiceEvent> {
        let Some(state) = self.rotations.get_mut(arn) else {
            return Vec::new();
        };
        let Some(pending) = state.pending.clone() else {
            return Vec::new();
        };
        let is_pending = |v: Option<&str>| v == Some(pending.version_id.as_str());
        if stage == "AWSCURRENT" && is_pending(move_to) {
            state.pending = None;
            state.last_rotated = Some(now);
            return vec![ServiceEvent {
                name: "RotationSucceeded",
                region: state.region.clone(),
                arn: arn.to_string(),
                secret_name: state.name.clone(),
                version_id: pending.version_id,
                at: now,
            }];
        }
        if stage == "AWSPENDING" && is_pending(remove_from) && move_to.is_none() {
            state.pending = None;
        }
        Vec::new()
    }

    /// A successful CancelRotateSecret: rotation off, a rotation in progress forgotten
    /// (its AWSPENDING label stays, as on AWS).
    pub(crate) fn on_cancel(&mut self, arn: &str) {
        if let Some(state) = self.rotations.get_mut(arn) {
            state.enabled = false;
            state.pending = None;
        }
    }

    /// A successful read of `version_id` of `arn`.
    pub(crate) fn on_read(&mut self, arn: &str, version_id: Option<&str>, now: Timestamp) {
        self.accessed.insert(arn.to_string(), now);
        if let Some(v) = version_id {
            self.version_mut(arn, v).last_accessed = Some(now);
        }
    }

    /// The ARN whose facts apply to this entry: a replica shows its primary's rotation.
    fn rotation_for(&self, entry: &Map<String, Value>) -> Option<&RotationState> {
        let arn = entry.get("ARN")?.as_str()?;
        if let Some(r) = self.rotations.get(arn) {
            return Some(r);
        }
        let primary = entry.get("PrimaryRegion")?.as_str()?;
        let region = arn.split(':').nth(3)?;
        self.rotations
            .get(&arn.replacen(&format!(":{region}:"), &format!(":{primary}:"), 1))
    }

    /// Rewrites one DescribeSecret answer or ListSecrets entry: RotationEnabled,
    /// RotationLambdaARN, RotationRules, LastRotatedDate, NextRotationDate and
    /// LastAccessedDate. Secrets the store knows no rotation of keep moto's rotation
    /// fields (moto shows them only after a RotateSecret, which the store would know).
    pub(crate) fn decorate_secret(&self, entry: &mut Map<String, Value>) {
        if let Some(r) = self.rotation_for(entry).cloned() {
            entry.insert("RotationEnabled".into(), json!(r.enabled));
            put(
                entry,
                "RotationLambdaARN",
                r.lambda_arn.clone().map(Value::String),
            );
            entry.insert("RotationRules".into(), r.rules.to_json());
            put(entry, "LastRotatedDate", r.last_rotated.map(ts_json));
            put(entry, "NextRotationDate", r.next_rotation().map(ts_json));
        }
        let backdated_change = entry
            .get("ARN")
            .and_then(Value::as_str)
            .and_then(|a| self.changed.get(a));
        if let Some((at, set_at)) = backdated_change {
            let moto = entry
                .get("LastChangedDate")
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            // moto's date has whole seconds or less; a second of slack for the seed itself.
            #[allow(clippy::cast_precision_loss)]
            let changed_since = moto > (set_at.as_second() + 1) as f64;
            if !changed_since {
                entry.insert("LastChangedDate".into(), ts_json(*at));
            }
        }
        let accessed = entry
            .get("ARN")
            .and_then(Value::as_str)
            .and_then(|a| self.accessed.get(a));
        put(
            entry,
            "LastAccessedDate",
            accessed.map(|t| ts_json(day_of(*t))),
        );
    }

    /// ListSecrets: every entry of `SecretList`.
    pub(crate) fn decorate_list(&self, body: &mut Value) {
        if let Some(list) = body.get_mut("SecretList").and_then(Value::as_array_mut) {
            for entry in list {
                if let Some(m) = entry.as_object_mut() {
                    self.decorate_secret(m);
                }
            }
        }
    }

    /// ListSecretVersionIds: the real ARN (moto answers the name), and per version the
    /// CreatedDate the proxy saw (moto answers "now") and LastAccessedDate (to the day;
    /// absent when never read).
    pub(crate) fn decorate_versions(&self, region: &str, body: &mut Value) {
        let Some(obj) = body.as_object_mut() else {
            return;
        };
        let Some(name) = obj.get("Name").and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        let arn = match obj.get("ARN").and_then(Value::as_str) {
            Some(a) if a.starts_with("arn:") => a.to_string(),
            _ => match self.resolve(region, &name) {
                Some(a) => {
                    obj.insert("ARN".into(), json!(a));
                    a
                }
                None => return,
            },
        };
        let Some(versions) = obj.get_mut("Versions").and_then(Value::as_array_mut) else {
            return;
        };
        for v in versions.iter_mut().filter_map(Value::as_object_mut) {
            let Some(id) = v.get("VersionId").and_then(Value::as_str) else {
                continue;
            };
            let facts = self.version(&arn, id).cloned().unwrap_or_default();
            if let Some(c) = facts.created {
                v.insert("CreatedDate".into(), ts_json(c));
            }
            put(
                v,
                "LastAccessedDate",
                facts.last_accessed.map(|t| ts_json(day_of(t))),
            );
        }
    }

    /// GetSecretValue: a backdated version's CreatedDate. Returns whether the body
    /// changed (only then is it re-encoded). Nothing of the body is kept.
    pub(crate) fn decorate_value(&self, body: &mut Value) -> bool {
        let (Some(arn), Some(v)) = (text(body, "ARN"), text(body, "VersionId")) else {
            return false;
        };
        let Some(created) = self
            .version(arn, v)
            .filter(|f| f.backdated)
            .and_then(|f| f.created)
        else {
            return false;
        };
        body["CreatedDate"] = ts_json(created);
        true
    }
}

#[cfg(test)]
#[path = "rotation_tests.rs"]
mod tests;
