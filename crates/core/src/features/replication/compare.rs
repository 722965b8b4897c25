//! What the pane says of each region's copy against the primary's, from what was read:
//! its role, the skew of its last change, its tags, its policy, its value. Pure functions,
//! tested beside the room.

use std::collections::BTreeSet;

use jiff::Timestamp;

use crate::features::replication::{Check, RegionCopy, ReplicationView, Source};
use crate::ids::{Arn, SecretRef};
use crate::model::Tag;

/// What a region's copy is to the primary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Primary,
    /// Listed in the primary's `ReplicationStatus`.
    Replica,
    /// Same name and account, not listed by the primary: a replica promoted away from it
    /// (its own DescribeSecret names no primary, or still names this one, which no longer
    /// lists it).
    Promoted,
    /// A replica of another primary (its region named).
    OtherPrimary(String),
    /// Not read yet, or not readable.
    Unknown,
}

/// Whether a copy's tags are the primary's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagsMatch {
    Same,
    /// The keys whose values differ, or that one side lacks, sorted.
    Differs(Vec<String>),
}

/// Whether a copy's resource policy is the primary's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Policies {
    Loading,
    Same,
    Differs,
    /// One of them could not be read: the service's message.
    Unknown(String),
}

/// `later - earlier` in words: `+1d 2h`, `-3h 5m`, `same` within a minute.
pub fn skew(copy: Timestamp, primary: Timestamp) -> String {
    let seconds = copy.as_second() - primary.as_second();
    if seconds.abs() < 60 {
        return "same".to_owned();
    }
    let sign = if seconds > 0 { '+' } else { '-' };
    let minutes = seconds.abs() / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let parts: Vec<String> = [(days, 'd'), (hours, 'h'), (minutes, 'm')]
        .into_iter()
        .skip_while(|(n, _)| *n == 0)
        .take(2)
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    format!("{sign}{}", parts.join(" "))
}

/// The keys whose tags differ between the two lists.
pub(crate) fn tags_match(copy: &[Tag], primary: &[Tag]) -> TagsMatch {
    let value = |tags: &[Tag], key: &str| {
        tags.iter()
            .find(|t| &*t.key == key)
            .map(|t| t.value.to_string())
    };
    let keys: BTreeSet<&str> = copy.iter().chain(primary).map(|t| &*t.key).collect();
    let differing: Vec<String> = keys
        .into_iter()
        .filter(|key| value(copy, key) != value(primary, key))
        .map(str::to_owned)
        .collect();
    if differing.is_empty() {
        TagsMatch::Same
    } else {
        TagsMatch::Differs(differing)
    }
}

/// The same secret's ARN in another region (same partition, account, name and suffix).
pub(crate) fn in_region(arn: &Arn, region: &str) -> Option<Arn> {
    Arn::parse(&format!(
        "arn:{}:{}:{region}:{}:{}",
        arn.partition(),
        arn.service(),
        arn.account(),
        arn.resource()
    ))
    .ok()
}

/// `secret`'s copy in `region`, asked as the same identity.
pub(crate) fn copy_in(secret: &SecretRef, region: &str) -> Option<SecretRef> {
    Some(SecretRef {
        identity: secret.identity,
        region: region.to_owned(),
        arn: in_region(&secret.arn, region)?,
        name: secret.name.clone(),
    })
}

impl ReplicationView {
    /// The primary's copy, once read.
    pub(crate) fn primary_copy(&self) -> Option<&RegionCopy> {
        let primary = self.primary.as_ref()?;
        match self.copies.get(&primary.region)? {
            Source::Read(copy) => Some(copy),
            _ => None,
        }
    }

    /// The copy read in `region`.
    pub(crate) fn copy(&self, region: &str) -> Option<&RegionCopy> {
        match self.copies.get(region)? {
            Source::Read(copy) => Some(copy),
            _ => None,
        }
    }

    /// What `region`'s copy is to the primary.
    pub fn role(&self, region: &str) -> Role {
        let Some(primary) = self.primary_copy() else {
            return Role::Unknown;
        };
        if region == primary.region {
            return Role::Primary;
        }
        if primary.replicas.iter().any(|r| r.region == region) {
            return Role::Replica;
        }
        match self.copy(region).map(|c| c.primary_region.as_deref()) {
            None => Role::Unknown,
            Some(None) => Role::Promoted,
            Some(Some(p)) if p == primary.region => Role::Promoted,
            Some(Some(p)) => Role::OtherPrimary(p.to_owned()),
        }
    }

    /// The highlighted region, if it is one of the primary's replicas.
    pub(crate) fn highlighted_replica(&self) -> Option<&str> {
        let region = self.rows.get(self.selected.at())?;
        (self.role(region) == Role::Replica).then_some(region.as_str())
    }

    /// The region highlighted.
    pub(crate) fn highlighted(&self) -> Option<&str> {
        self.rows.get(self.selected.at()).map(String::as_str)
    }

    /// Whether `region`'s AWSCURRENT version is the primary's (`None`: not both read).
    pub fn same_version(&self, region: &str) -> Option<bool> {
        let primary = self.primary_copy()?;
        let copy = self.copy(region)?;
        Some(copy.current_version == primary.current_version)
    }

    /// The regions whose AWSCURRENT version is not the primary's.
    pub fn version_mismatches(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|r| self.same_version(r) == Some(false))
            .map(String::as_str)
            .collect()
    }

    /// `region`'s last change against the primary's.
    pub fn skew_of(&self, region: &str) -> Option<String> {
        let primary = self.primary_copy()?.last_changed?;
        Some(skew(self.copy(region)?.last_changed?, primary))
    }

    pub fn tags_of(&self, region: &str) -> Option<TagsMatch> {
        Some(tags_match(
            &self.copy(region)?.tags,
            &self.primary_copy()?.tags,
        ))
    }

    /// `region`'s resource policy against the primary's.
    pub fn policy_of(&self, region: &str) -> Policies {
        let primary = self.primary.as_ref().map(|p| p.region.as_str());
        let theirs = primary.and_then(|p| self.policies.get(p));
        match (self.policies.get(region), theirs) {
            (Some(Source::Failed(why)), _) | (_, Some(Source::Failed(why))) => {
                Policies::Unknown(why.clone())
            }
            (Some(Source::Read(mine)), Some(Source::Read(theirs))) => {
                if same_policy(mine.as_deref(), theirs.as_deref()) {
                    Policies::Same
                } else {
                    Policies::Differs
                }
            }
            _ => Policies::Loading,
        }
    }

    /// `region`'s value against the primary's, once checked: `Some(true)` the same.
    pub fn same_value(&self, region: &str) -> Option<Result<bool, &str>> {
        let primary = self.primary.as_ref()?;
        match (self.checks.get(region)?, self.checks.get(&primary.region)?) {
            (Check::Failed(why), _) | (_, Check::Failed(why)) => Some(Err(why)),
            (Check::Read(mine), Check::Read(theirs)) => Some(Ok(mine == theirs)),
        }
    }

    /// The regions drawn, in order: the primary, its replicas as it lists them, then every
    /// other copy read; the highlighted region stays highlighted.
    pub(crate) fn rebuild_rows(&mut self) {
        // Until a region kept across a read again is drawn, it is the one to highlight.
        let keep = self
            .keep
            .clone()
            .or_else(|| self.highlighted().map(str::to_owned));
        let mut rows: Vec<String> = Vec::new();
        if let Some(primary) = self.primary_copy() {
            rows.push(primary.region.clone());
            rows.extend(primary.replicas.iter().map(|r| r.region.clone()));
        }
        // Other copies once read; one that could not be read only if it is the opened
        // secret (a listed copy that is gone since is left out).
        for (region, copy) in &self.copies {
            let shown = match copy {
                Source::Loading => false,
                Source::Read(_) => true,
                Source::Failed(_) => *region == self.secret.region,
            };
            if shown && !rows.contains(region) {
                rows.push(region.clone());
            }
        }
        self.rows = rows;
        let found = keep.and_then(|region| self.rows.iter().position(|r| *r == region));
        if found.is_some() {
            self.keep = None;
        }
        let at = found
            .or_else(|| self.rows.iter().position(|r| *r == self.secret.region))
            .unwrap_or(0);
        self.selected.set(at);
    }
}

/// Two policies are the same when their JSON is (key order and spacing aside), or, when
/// one is not JSON, when their texts are.
fn same_policy(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            match (
                serde_json::from_str::<serde_json::Value>(a),
                serde_json::from_str::<serde_json::Value>(b),
            ) {
                (Ok(a), Ok(b)) => a == b,
                _ => a == b,
            }
        }
        _ => false,
    }
}
