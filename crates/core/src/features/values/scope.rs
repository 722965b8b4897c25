//! Which secrets a value check reads: the selected secret's region (as its identity), its
//! account (every region listed), or everything listed. Chosen from the rows loaded when
//! the check opened; a secret listed by two identities (two roles of one account) is read
//! once, as the first in the scope; a replica whose primary is listed is read through its
//! primary (it mirrors it: the two are one secret, whose copies the replication pane
//! compares); a secret scheduled for deletion cannot be read, so it is left out and
//! counted.

use std::collections::HashSet;

use crate::ids::{IdentityId, SecretRef};
use crate::model::SecretSummary;

use super::call::BATCH;

/// One way to choose the secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The listed secrets of one region, as one identity.
    Region {
        identity: IdentityId,
        region: String,
    },
    /// The listed secrets of one account, in every region listed.
    Account { account: String },
    /// Every secret listed, of every identity held.
    Listed,
}

impl Scope {
    fn holds(&self, secret: &SecretRef) -> bool {
        match self {
            Scope::Region { identity, region } => {
                secret.identity == *identity && secret.region == *region
            }
            Scope::Account { account } => secret.arn.account() == account,
            Scope::Listed => true,
        }
    }
}

/// A scope offered, with what it would read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) scope: Scope,
    /// How the list names it ("region eu-west-1", "account 123456789012", "everything
    /// listed").
    pub(crate) label: String,
    /// The secrets it reads.
    pub(crate) secrets: usize,
    /// Its secrets scheduled for deletion, left out.
    pub(crate) deleted: usize,
}

/// The candidates: every listed secret once, with whether it is scheduled for deletion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    secrets: Vec<(SecretRef, bool)>,
}

impl Candidates {
    pub fn from_rows<'a>(rows: impl Iterator<Item = &'a SecretSummary>) -> Self {
        let rows: Vec<&SecretSummary> = rows.collect();
        // Where each secret is listed, to know a replica whose primary is listed too.
        let listed: HashSet<(&str, &str, &str)> = rows
            .iter()
            .map(|row| (row.arn.account(), row.name.as_str(), row.region.as_ref()))
            .collect();
        let read_through_primary = |row: &SecretSummary| {
            row.primary_region.as_deref().is_some_and(|primary| {
                primary != row.region.as_ref()
                    && listed.contains(&(row.arn.account(), row.name.as_str(), primary))
            })
        };
        let secrets = rows
            .iter()
            .filter(|row| !read_through_primary(row))
            .map(|row| {
                let secret = SecretRef {
                    identity: row.identity,
                    region: row.region.to_string(),
                    arn: row.arn.clone(),
                    name: row.name.clone(),
                };
                (secret, row.deleted_date.is_some())
            })
            .collect();
        Self { secrets }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// The scopes around `selected` (the selected row, else the first listed), narrowest
    /// first; a scope that reads no more than the one before it is not offered twice.
    pub(crate) fn choices(&self, selected: Option<&SecretRef>) -> Vec<Choice> {
        let Some(around) = selected.or_else(|| self.secrets.first().map(|(s, _)| s)) else {
            return Vec::new();
        };
        let scopes = [
            (
                Scope::Region {
                    identity: around.identity,
                    region: around.region.clone(),
                },
                format!("region {}", around.region),
            ),
            (
                Scope::Account {
                    account: around.arn.account().to_owned(),
                },
                format!("account {}, every region listed", around.arn.account()),
            ),
            (Scope::Listed, "everything listed".to_owned()),
        ];
        let mut choices: Vec<Choice> = Vec::new();
        for (scope, label) in scopes {
            let (secrets, deleted) = self.count(&scope);
            if choices
                .last()
                .is_some_and(|before| before.secrets + before.deleted == secrets + deleted)
            {
                continue;
            }
            choices.push(Choice {
                scope,
                label,
                secrets,
                deleted,
            });
        }
        choices
    }

    /// The candidates `scope` holds, each secret once (as the first identity in it that
    /// listed it: the region scope's own identity, so its secrets are never left out).
    fn in_scope<'a>(&'a self, scope: &'a Scope) -> impl Iterator<Item = &'a (SecretRef, bool)> {
        let mut seen = HashSet::new();
        self.secrets
            .iter()
            .filter(move |(secret, _)| scope.holds(secret) && seen.insert(secret.arn.as_str()))
    }

    fn count(&self, scope: &Scope) -> (usize, usize) {
        self.in_scope(scope)
            .fold((0, 0), |(read, deleted), (_, gone)| {
                if *gone {
                    (read, deleted + 1)
                } else {
                    (read + 1, deleted)
                }
            })
    }

    /// The batches that read `scope`: up to [`BATCH`] secrets of one identity and region
    /// each, the regions taking turns so every region's answers start early.
    pub fn into_batches(self, scope: &Scope) -> Vec<Vec<SecretRef>> {
        // Each secret moves into its batch: the scan holds the only copy.
        let mut seen = HashSet::new();
        let mut groups: Vec<((IdentityId, String), Vec<SecretRef>)> = Vec::new();
        for (secret, deleted) in self.secrets {
            if !scope.holds(&secret) || !seen.insert(secret.arn.clone()) || deleted {
                continue;
            }
            let key = (secret.identity, secret.region.clone());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(secret),
                None => groups.push((key, vec![secret])),
            }
        }
        let mut chunks: Vec<std::vec::IntoIter<Vec<SecretRef>>> = groups
            .into_iter()
            .map(|(_, members)| {
                let mut chunks: Vec<Vec<SecretRef>> = Vec::new();
                for secret in members {
                    match chunks.last_mut() {
                        Some(chunk) if chunk.len() < BATCH => chunk.push(secret),
                        _ => {
                            let mut chunk = Vec::with_capacity(BATCH);
                            chunk.push(secret);
                            chunks.push(chunk);
                        }
                    }
                }
                chunks.into_iter()
            })
            .collect();
        let mut batches = Vec::new();
        while !chunks.is_empty() {
            chunks.retain_mut(|group| match group.next() {
                Some(batch) => {
                    batches.push(batch);
                    true
                }
                None => false,
            });
        }
        batches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(identity: u32, region: &str, account: &str, name: &str) -> SecretRef {
        let arn = format!("arn:aws:secretsmanager:{region}:{account}:secret:{name}-AbCdEf");
        SecretRef::new(IdentityId(identity), region, &arn, name).expect("an ARN")
    }

    fn candidates(secrets: Vec<(SecretRef, bool)>) -> Candidates {
        Candidates { secrets }
    }

    #[test]
    fn scopes_narrowest_first_with_what_each_reads() {
        let a = secret(0, "eu-west-1", "111111111111", "a");
        let all = candidates(vec![
            (a.clone(), false),
            (secret(0, "eu-west-1", "111111111111", "b"), true),
            (secret(0, "us-east-1", "111111111111", "c"), false),
            (secret(1, "us-east-1", "222222222222", "d"), false),
        ]);
        let choices = all.choices(Some(&a));
        let counts: Vec<(usize, usize)> = choices.iter().map(|c| (c.secrets, c.deleted)).collect();
        assert_eq!(counts, vec![(1, 1), (2, 1), (3, 1)]);
        assert_eq!(choices[0].label, "region eu-west-1");
        assert_eq!(choices[2].scope, Scope::Listed);
    }

    #[test]
    fn a_scope_no_wider_than_the_one_before_is_not_offered() {
        let a = secret(0, "eu-west-1", "111111111111", "a");
        let one = candidates(vec![(a.clone(), false)]);
        assert_eq!(one.choices(Some(&a)).len(), 1);
    }

    #[test]
    fn batches_hold_one_identity_and_region_and_take_turns() {
        let mut secrets = Vec::new();
        for i in 0..45 {
            secrets.push((
                secret(0, "eu-west-1", "111111111111", &format!("e{i}")),
                false,
            ));
        }
        for i in 0..3 {
            secrets.push((
                secret(0, "us-east-1", "111111111111", &format!("u{i}")),
                false,
            ));
        }
        secrets.push((secret(0, "us-east-1", "111111111111", "gone"), true));
        let batches = candidates(secrets).clone().into_batches(&Scope::Listed);
        let shape: Vec<(String, usize)> = batches
            .iter()
            .map(|b| (b[0].region.clone(), b.len()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("eu-west-1".to_owned(), 20),
                ("us-east-1".to_owned(), 3),
                ("eu-west-1".to_owned(), 20),
                ("eu-west-1".to_owned(), 5),
            ]
        );
        assert!(
            batches
                .iter()
                .all(|b| b.iter().all(|s| s.region == b[0].region))
        );
        assert!(!batches.iter().flatten().any(|s| s.name == "gone"));
        // Each batch owns no more room than it holds: at 100,000 secrets a batch cut off
        // a region's list with its whole capacity kept 5 GiB alive.
        assert!(batches.iter().all(|b| b.capacity() <= BATCH));
    }

    #[test]
    fn a_replica_whose_primary_is_listed_is_read_through_it() {
        let row = |region: &str, primary: Option<&str>| SecretSummary {
            primary_region: primary.map(Into::into),
            ..summary(0, region)
        };
        let rows = [
            row("us-east-1", Some("us-east-1")),
            row("eu-west-1", Some("us-east-1")),
        ];
        let both = Candidates::from_rows(rows.iter());
        let read: Vec<String> = both
            .clone()
            .into_batches(&Scope::Listed)
            .concat()
            .into_iter()
            .map(|s| s.region)
            .collect();
        assert_eq!(read, vec!["us-east-1"]);
        // Its primary's region not listed: the replica is the copy there is to read.
        let alone = Candidates::from_rows(rows[1..].iter());
        assert_eq!(alone.clone().into_batches(&Scope::Listed).concat().len(), 1);
    }

    #[test]
    fn a_secret_two_identities_list_is_read_once_and_as_the_region_s_identity() {
        let rows = [summary(0, "eu-west-1"), summary(1, "eu-west-1")];
        let all = Candidates::from_rows(rows.iter());
        assert_eq!(all.clone().into_batches(&Scope::Listed).concat().len(), 1);
        let second = Scope::Region {
            identity: IdentityId(1),
            region: "eu-west-1".to_owned(),
        };
        let read = all.clone().into_batches(&second).concat();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].identity, IdentityId(1));
    }

    /// The secret `a` of account 111111111111 in `region`, as listed by `identity`.
    fn summary(identity: u32, region: &str) -> SecretSummary {
        let arn = crate::ids::Arn::parse(&format!(
            "arn:aws:secretsmanager:{region}:111111111111:secret:a-AbCdEf"
        ))
        .expect("an ARN");
        SecretSummary::bare(IdentityId(identity), arn, "a", region)
    }
}
