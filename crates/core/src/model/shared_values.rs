//! The posture check "no value shared with another secret" (`Values.1`), from what a deep
//! read found: which secrets' values were read, and for each, the other secrets holding one
//! of its values (found by keyed hash; no value is ever here).

use std::collections::{HashMap, HashSet};

use crate::ids::RowKey;
use crate::model::posture::{Check, Report};

/// What a deep read found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedValues {
    /// The secrets whose values were read: only these are checked.
    pub read: HashSet<RowKey>,
    /// For a secret holding a value another secret holds too: those others' names.
    pub shared: HashMap<RowKey, Vec<String>>,
}

impl SharedValues {
    /// Adds `Values.1` to the report: a secret whose value was read fails it when another
    /// secret holds one of its values; the riskiest still come first.
    pub fn apply_to(&self, report: &mut Report) {
        if self.read.is_empty() {
            return;
        }
        let mut failing = 0;
        for finding in &mut report.findings {
            let row = finding.row();
            if !self.read.contains(&row) {
                continue;
            }
            let others = self.shared.get(&row).cloned().unwrap_or_default();
            if !others.is_empty() {
                finding.failed.push(Check::ValueNotShared);
                failing += 1;
            }
            finding.shares_with = Some(others);
        }
        report.failing.push((Check::ValueNotShared, failing));
        report
            .findings
            .sort_by(crate::model::posture::riskiest_first);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{Arn, IdentityId};
    use crate::model::SecretSummary;
    use crate::model::posture::{PostureRules, assess};

    fn row(name: &str) -> SecretSummary {
        let arn = Arn::parse(&format!(
            "arn:aws:secretsmanager:r:123456789012:secret:{name}-AbCdEf"
        ))
        .expect("an ARN");
        SecretSummary::bare(IdentityId::START, arn, name, "r")
    }

    #[test]
    fn a_secret_sharing_a_value_fails_and_names_the_others_and_an_unread_one_is_not_checked() {
        let rows = [row("a"), row("b"), row("c"), row("unread")];
        let mut report = assess(
            &rows,
            jiff::Timestamp::UNIX_EPOCH,
            crate::model::rotation::Thresholds::default(),
            &PostureRules::default(),
            &HashMap::new(),
        );
        let key = |s: &SecretSummary| RowKey::new(s.identity, s.arn.clone());
        let values = SharedValues {
            read: rows[..3].iter().map(key).collect(),
            shared: HashMap::from([
                (key(&rows[0]), vec!["b".to_owned()]),
                (key(&rows[1]), vec!["a".to_owned()]),
            ]),
        };
        values.apply_to(&mut report);
        assert_eq!(report.failing.last(), Some(&(Check::ValueNotShared, 2)));
        let of = |name: &str| {
            report
                .findings
                .iter()
                .find(|f| f.name == name)
                .expect("a finding")
        };
        assert!(of("a").failed.contains(&Check::ValueNotShared));
        assert_eq!(of("a").shares_with, Some(vec!["b".to_owned()]));
        assert!(!of("c").failed.contains(&Check::ValueNotShared));
        assert_eq!(of("c").shares_with, Some(Vec::new()));
        assert_eq!(of("unread").shares_with, None);
        assert_eq!(Check::ValueNotShared.short(), "V1");
    }
}
