//! Replica drift on request. moto 5.2.5's replicas are views of their primary (same
//! versions, values, dates, tags; KmsKeyId `alias/aws/secretsmanager` and `InSync` in
//! every `ReplicationStatus` entry), so a replica can never drift on its own. Tests and the
//! demo ask the proxy to make one drift ([`ProxyHandle::drift_replica`]); the proxy then
//! rewrites moto's answers, consistently in every call that shows the replica:
//!
//! - [`ReplicaDrift::StaleVersion`]: the replica still holds the value the primary had
//!   before its last change. In the replica region, AWSCURRENT is on a version of its own
//!   ([`stale_version_id`], stable) whose CreatedDate, like the replica's LastChangedDate,
//!   is [`STALE_BY`] older than the primary's, and GetSecretValue and BatchGetSecretValue
//!   answer [`STALE_VALUE`]. The primary's `ReplicationStatus` entry says `InProgress`
//!   (AWS is still copying the change); a Failed drift wins over it.
//! - [`ReplicaDrift::KmsKey`]: the replica's KmsKeyId, in the replica region and in the
//!   primary's `ReplicationStatus` entry.
//! - [`ReplicaDrift::Failed`]: the `ReplicationStatus` entry says `Failed` with the message.
//!
//! Drifts add up (a failed replication usually leaves a stale version);
//! [`ProxyHandle::heal_replica`] undoes them all.
//!
//! moto 5.2.5 has no StopReplicationToReplica (it answers 500). The proxy answers it
//! ([`stop_replication`]): the replica is *promoted*, a standalone secret from then on. Its
//! region leaves the primary's `ReplicationStatus`, and the replica's own answers lose
//! `PrimaryRegion` and `ReplicationStatus`; everything else (its value, versions, ARN) stays
//! moto's, as on AWS. The proxy does not check that the secret is a replica. Only ids, dates and the drift are kept:
//! no secret value (the stale value is a constant).

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::{ProxyHandle, lock};

/// How much older the stale replica's version is than the primary's current one.
pub(crate) const STALE_BY: i64 = 86_400;

/// What GetSecretValue and BatchGetSecretValue answer in a stale replica's region (as
/// SecretString, or its bytes as SecretBinary): a constant, so no real value is copied.
pub const STALE_VALUE: &str =
    "smtui-devstack: the value this replica held before the primary's last change";

/// One way a replica differs from its primary (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplicaDrift {
    /// The replica lags one version behind: another AWSCURRENT version, an older
    /// LastChangedDate, another value; the primary's status entry says InProgress.
    StaleVersion,
    /// The replica is encrypted with this KMS key (an ARN, key ID or alias).
    KmsKey(String),
    /// Replication to the region failed with this StatusMessage.
    Failed(String),
    /// StopReplicationToReplica was called on the replica: it is a standalone secret now.
    Promoted,
}

/// Every drift of one replica, added up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Drift {
    stale: bool,
    kms_key: Option<String>,
    failed: Option<String>,
    promoted: bool,
}

/// (secret name, replica region) -> its drift.
#[derive(Debug, Default)]
pub(super) struct DriftStore(HashMap<(String, String), Drift>);

impl DriftStore {
    pub(super) fn add(&mut self, name: &str, region: &str, drift: ReplicaDrift) {
        let d = self.0.entry((name.into(), region.into())).or_default();
        match drift {
            ReplicaDrift::StaleVersion => d.stale = true,
            ReplicaDrift::KmsKey(k) => d.kms_key = Some(k),
            ReplicaDrift::Failed(m) => d.failed = Some(m),
            ReplicaDrift::Promoted => d.promoted = true,
        }
    }

    pub(super) fn heal(&mut self, name: &str, region: &str) -> bool {
        self.0.remove(&(name.into(), region.into())).is_some()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn get(&self, name: &str, region: &str) -> Option<&Drift> {
        self.0.get(&(name.to_string(), region.to_string()))
    }

    fn stale(&self, name: Option<&str>, region: &str) -> bool {
        name.and_then(|n| self.get(n, region))
            .is_some_and(|d| d.stale)
    }
}

impl ProxyHandle {
    /// Makes the replica of `secret_name` in `replica_region` drift from its primary, from
    /// the next call on; drifts add up. See [`ReplicaDrift`].
    pub fn drift_replica(&self, secret_name: &str, replica_region: &str, drift: ReplicaDrift) {
        lock(&self.shared.drifts).add(secret_name, replica_region, drift);
    }

    /// Undoes every drift of that replica: it agrees with its primary again, as moto has
    /// it. Whether it had drifted.
    pub fn heal_replica(&self, secret_name: &str, replica_region: &str) -> bool {
        lock(&self.shared.drifts).heal(secret_name, replica_region)
    }
}

/// StopReplicationToReplica in `region`, answered by the proxy (moto lacks it): the
/// replica named by the request's `SecretId` is promoted. AWS's answer (`{"ARN": …}`, the
/// id as sent), or `None` for a request without a `SecretId` (moto's answer then stands).
pub(super) fn stop_replication(
    drifts: &mut DriftStore,
    region: &str,
    body: &[u8],
) -> Option<Value> {
    let req = serde_json::from_slice::<Value>(body).ok()?;
    let id = text(&req, "SecretId")?;
    let name = id
        .split_once(":secret:")
        .and_then(|(_, rest)| rest.rsplit_once('-'))
        .map_or(id, |(name, _)| name);
    drifts.add(name, region, ReplicaDrift::Promoted);
    Some(json!({ "ARN": id }))
}

/// The AWSCURRENT version id a stale replica shows: UUID-shaped, the same on every call.
pub fn stale_version_id(secret_name: &str, replica_region: &str) -> String {
    let seed = crate::ids::fnv1a64(format!("{secret_name}\0{replica_region}").as_bytes());
    let hi = crate::ids::splitmix64(seed);
    let lo = crate::ids::splitmix64(hi ^ seed);
    let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
    let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

fn text<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn has_label(v: &Value, label: &str) -> bool {
    v.as_array()
        .is_some_and(|a| a.iter().any(|l| l.as_str() == Some(label)))
}

/// A date field moved [`STALE_BY`] back (moto sends epoch seconds, sometimes fractional).
fn older(m: &mut Map<String, Value>, key: &str) {
    if let Some(t) = m.get(key).and_then(Value::as_f64) {
        #[allow(clippy::cast_precision_loss)]
        m.insert(key.into(), json!(t - STALE_BY as f64));
    }
}

/// A GetSecretValue in a stale replica's region, before moto sees it: the stale version,
/// asked for by id, is read as AWSCURRENT (moto knows no such id). `None`: unchanged.
pub(super) fn before_get(drifts: &DriftStore, region: &str, body: &[u8]) -> Option<Bytes> {
    let Ok(Value::Object(mut req)) = serde_json::from_slice::<Value>(body) else {
        return None;
    };
    let version = req.get("VersionId").and_then(Value::as_str)?;
    let id = req.get("SecretId").and_then(Value::as_str)?;
    // SecretId may be a name or the replica's ARN (`…:secret:NAME-xxxxxx`).
    let name = id
        .split_once(":secret:")
        .and_then(|(_, rest)| rest.rsplit_once('-'))
        .map_or(id, |(name, _)| name);
    if !drifts.stale(Some(name), region) || version != stale_version_id(name, region) {
        return None;
    }
    req.remove("VersionId");
    req.insert("VersionStage".into(), json!("AWSCURRENT"));
    Some(Bytes::from(Value::Object(req).to_string()))
}

/// A GetSecretValue that named the primary's AWSCURRENT version by id, in the region of a
/// stale replica, which does not hold that version: `(code, message)` of AWS's answer for
/// an unknown VersionId.
pub(super) fn missing_version(
    drifts: &DriftStore,
    region: &str,
    req: &Value,
    resp: &Value,
) -> Option<(&'static str, String)> {
    let asked = text(req, "VersionId")?;
    let current = resp
        .get("VersionStages")
        .is_some_and(|l| has_label(l, "AWSCURRENT"));
    let held = !drifts.stale(text(resp, "Name"), region);
    if !current || held || text(resp, "VersionId") != Some(asked) {
        return None;
    }
    Some((
        "ResourceNotFoundException",
        format!("Secrets Manager can't find the specified secret value for VersionId: {asked}"),
    ))
}

/// Rewrites a successful answer of `op` in `region` for the drifts; whether it changed.
pub(super) fn rewrite(drifts: &DriftStore, op: &str, region: &str, body: &mut Value) -> bool {
    match op {
        "DescribeSecret" => body
            .as_object_mut()
            .is_some_and(|m| rewrite_secret(drifts, region, m)),
        "ListSecrets" => body
            .get_mut("SecretList")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object_mut)
            .fold(false, |c, m| rewrite_secret(drifts, region, m) | c),
        "GetSecretValue" => body
            .as_object_mut()
            .is_some_and(|m| rewrite_value(drifts, region, m)),
        "BatchGetSecretValue" => body
            .get_mut("SecretValues")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object_mut)
            .fold(false, |c, m| rewrite_value(drifts, region, m) | c),
        "ListSecretVersionIds" => rewrite_versions(drifts, region, body),
        _ => false,
    }
}

/// A DescribeSecret answer or ListSecrets entry: its `ReplicationStatus` entries (moto
/// sends them with the primary and with the replica), and, for the replica itself, its
/// key, versions and LastChangedDate.
fn rewrite_secret(drifts: &DriftStore, region: &str, m: &mut Map<String, Value>) -> bool {
    let Some(name) = m.get("Name").and_then(Value::as_str).map(str::to_owned) else {
        return false;
    };
    let mut changed = false;
    // A promoted replica's region is no longer the primary's.
    if let Some(statuses) = m.get_mut("ReplicationStatus").and_then(Value::as_array_mut) {
        let before = statuses.len();
        statuses.retain(|s| {
            !s.get("Region")
                .and_then(Value::as_str)
                .and_then(|r| drifts.get(&name, r))
                .is_some_and(|d| d.promoted)
        });
        if statuses.len() != before {
            changed = true;
            if statuses.is_empty() {
                m.remove("ReplicationStatus");
            }
        }
    }
    let statuses = m.get_mut("ReplicationStatus").and_then(Value::as_array_mut);
    for s in statuses
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        let Some(d) = s
            .get("Region")
            .and_then(Value::as_str)
            .and_then(|r| drifts.get(&name, r))
        else {
            continue;
        };
        if let Some(k) = &d.kms_key {
            s.insert("KmsKeyId".into(), json!(k));
        }
        if let Some(msg) = &d.failed {
            s.insert("Status".into(), json!("Failed"));
            s.insert("StatusMessage".into(), json!(msg));
        } else if d.stale {
            s.insert("Status".into(), json!("InProgress"));
            s.remove("StatusMessage");
        }
        changed = true;
    }
    let is_replica = m.contains_key("PrimaryRegion");
    let Some(d) = drifts.get(&name, region).filter(|_| is_replica).cloned() else {
        return changed;
    };
    if d.promoted {
        m.remove("PrimaryRegion");
        m.remove("ReplicationStatus");
        return true;
    }
    if let Some(k) = &d.kms_key {
        m.insert("KmsKeyId".into(), json!(k));
    }
    if d.stale {
        let stale = stale_version_id(&name, region);
        // DescribeSecret's key, and ListSecrets' (moto sends both in both).
        for key in ["VersionIdsToStages", "SecretVersionsToStages"] {
            if let Some(stages) = m.get_mut(key).and_then(Value::as_object_mut) {
                let current = stages
                    .iter()
                    .find(|(_, l)| has_label(l, "AWSCURRENT"))
                    .map(|(v, _)| v.clone());
                if let Some(labels) = current.and_then(|v| stages.remove(&v)) {
                    stages.insert(stale.clone(), labels);
                }
            }
        }
        older(m, "LastChangedDate");
    }
    true
}

/// A GetSecretValue answer or BatchGetSecretValue entry of AWSCURRENT in a stale
/// replica's region: the stale version, its date and value.
fn rewrite_value(drifts: &DriftStore, region: &str, m: &mut Map<String, Value>) -> bool {
    let name = m.get("Name").and_then(Value::as_str).map(str::to_owned);
    let current = m
        .get("VersionStages")
        .is_some_and(|l| has_label(l, "AWSCURRENT"));
    if !current || !drifts.stale(name.as_deref(), region) {
        return false;
    }
    let name = name.unwrap_or_default();
    m.insert("VersionId".into(), json!(stale_version_id(&name, region)));
    older(m, "CreatedDate");
    if m.contains_key("SecretBinary") {
        m.insert(
            "SecretBinary".into(),
            json!(STANDARD.encode(STALE_VALUE.as_bytes())),
        );
    } else {
        m.insert("SecretString".into(), json!(STALE_VALUE));
    }
    true
}

/// ListSecretVersionIds in a stale replica's region: the AWSCURRENT entry is the stale
/// version, created [`STALE_BY`] earlier.
fn rewrite_versions(drifts: &DriftStore, region: &str, body: &mut Value) -> bool {
    let name = text(body, "Name").map(str::to_owned);
    if !drifts.stale(name.as_deref(), region) {
        return false;
    }
    let stale = stale_version_id(&name.unwrap_or_default(), region);
    let versions = body.get_mut("Versions").and_then(Value::as_array_mut);
    let mut changed = false;
    for v in versions
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        if v.get("VersionStages")
            .is_some_and(|l| has_label(l, "AWSCURRENT"))
        {
            v.insert("VersionId".into(), json!(stale));
            older(v, "CreatedDate");
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
#[path = "replication_tests.rs"]
mod tests;
