//! What a scan found, by fingerprint only: for `find-value`, the secrets and JSON keys
//! holding the target; for `reused-values`, groups of secrets and fields holding one value,
//! largest first. Fields that name rather than protect (a database secret's engine, host,
//! port, user name: the JSON structure AWS documents; a key ending in `url`, `uri`,
//! `endpoint`, `arn` or `region`) and JSON values that are not strings are left out of the
//! groups: every database secret shares its port, every client of one provider its token URL.

use std::collections::HashMap;

use crate::fingerprint::{Field, Fingerprint, ValuePrints};
use crate::ids::SecretRef;

/// Keys of AWS's documented secret structures that hold no secret (compared without case).
pub(crate) const NOT_SECRET_KEYS: &[&str] = &[
    "engine",
    "host",
    "port",
    "username",
    "dbname",
    "masterarn",
    "dbInstanceIdentifier",
    "dbClusterIdentifier",
    "ssl",
    "user_arn",
];

/// A secret and where in it a value sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub secret: SecretRef,
    pub field: Field,
}

/// Secrets and fields that hold one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub holders: Vec<Holder>,
    /// How many distinct secrets.
    pub secrets: usize,
}

/// Every comparable value seen by a reuse scan, by fingerprint: each secret read is kept
/// once (moved in from its answer, never copied per field), and a value is filed by the
/// secret's number there; most values are held once, so the first holder has a map of its
/// own and only values held twice get a list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    secrets: Vec<SecretRef>,
    first: HashMap<Fingerprint, (u32, Field)>,
    more: HashMap<Fingerprint, Vec<(u32, Field)>>,
}

/// What a scan looks for, and has found so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Findings {
    /// `find-value`: the target's fingerprint (once the AWS crate made it) and each holder.
    Find {
        target: Option<Fingerprint>,
        hits: Vec<Holder>,
    },
    /// `reused-values`: every comparable value seen; how many are held twice or more; the
    /// groups, made when the scan ends.
    Reused {
        seen: Seen,
        shared: usize,
        groups: Vec<Group>,
    },
}

impl Findings {
    pub(crate) fn find() -> Self {
        Findings::Find {
            target: None,
            hits: Vec::new(),
        }
    }

    pub fn reused() -> Self {
        Findings::Reused {
            seen: Seen::default(),
            shared: 0,
            groups: Vec::new(),
        }
    }

    /// One secret's fingerprints: each field compared with the target (every comparison
    /// made in full), or filed by value.
    pub fn add(&mut self, secret: SecretRef, prints: ValuePrints) {
        match self {
            Findings::Find { target, hits } => {
                let Some(target) = target else { return };
                hits.extend(prints.holding(target).into_iter().map(|field| Holder {
                    secret: secret.clone(),
                    field: field.clone(),
                }));
            }
            Findings::Reused { seen, shared, .. } => {
                // A JSON object is compared field by field: its whole text again would make
                // a second group of the same secrets.
                let object = prints
                    .prints
                    .iter()
                    .any(|(field, _)| matches!(field, Field::Key { .. }));
                let at = u32::try_from(seen.secrets.len()).unwrap_or(u32::MAX);
                let mut kept = false;
                for (field, print) in prints.prints {
                    if !comparable(&field) || (object && field == Field::Whole) {
                        continue;
                    }
                    kept = true;
                    match seen.first.get(&print) {
                        None => {
                            seen.first.insert(print, (at, field));
                        }
                        Some(first) => {
                            let holders = seen.more.entry(print).or_insert_with(|| {
                                *shared += 1;
                                vec![first.clone()]
                            });
                            holders.push((at, field));
                        }
                    }
                }
                if kept {
                    seen.secrets.push(secret);
                }
            }
        }
    }

    /// The scan ended: the groups, largest first (by secrets, then holders, then the first
    /// secret's name); the fingerprints and the secrets held once are dropped.
    pub fn finish(&mut self) {
        if let Findings::Reused { seen, groups, .. } = self {
            let Seen { secrets, more, .. } = std::mem::take(seen);
            let mut made: Vec<Group> = more
                .into_values()
                .map(|held| {
                    let mut holders: Vec<Holder> = held
                        .into_iter()
                        .map(|(at, field)| Holder {
                            secret: secrets[at as usize].clone(),
                            field,
                        })
                        .collect();
                    holders.sort_by(|a, b| order(a).cmp(&order(b)));
                    let mut names: Vec<&str> =
                        holders.iter().map(|h| h.secret.arn.as_str()).collect();
                    names.dedup();
                    Group {
                        secrets: names.len(),
                        holders,
                    }
                })
                .collect();
            made.sort_by(|a, b| {
                (b.secrets, b.holders.len())
                    .cmp(&(a.secrets, a.holders.len()))
                    .then_with(|| order(&a.holders[0]).cmp(&order(&b.holders[0])))
            });
            *groups = made;
        }
    }

    /// The rows the results list, in order (a group's holders one after another).
    pub fn holders(&self) -> Vec<&Holder> {
        match self {
            Findings::Find { hits, .. } => hits.iter().collect(),
            Findings::Reused { groups, .. } => groups.iter().flat_map(|g| &g.holders).collect(),
        }
    }
}

fn order(holder: &Holder) -> (&str, &str, &str, Option<&str>) {
    let key = match &holder.field {
        Field::Whole => None,
        Field::Key { key, .. } => Some(key.as_str()),
    };
    (
        holder.secret.name.as_str(),
        holder.secret.region.as_str(),
        holder.secret.arn.as_str(),
        key,
    )
}

/// Endings of keys that name a place rather than protect one (`token_url`, `endpoint`,
/// `kms_key_arn`), compared without case.
pub(crate) const NOT_SECRET_ENDINGS: &[&str] = &["url", "uri", "endpoint", "arn", "region"];

/// Whether a field is compared for reuse: the whole value, or a string field that is not
/// one of the documented keys that name rather than protect, nor ends like one.
fn comparable(field: &Field) -> bool {
    match field {
        Field::Whole => true,
        Field::Key { key, string } => {
            let lower = key.to_ascii_lowercase();
            *string
                && !NOT_SECRET_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
                && !NOT_SECRET_ENDINGS.iter().any(|end| lower.ends_with(end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::FINGERPRINT_LEN;
    use crate::ids::IdentityId;

    fn secret(name: &str) -> SecretRef {
        let arn = format!("arn:aws:secretsmanager:r:123456789012:secret:{name}-AbCdEf");
        SecretRef::new(IdentityId::START, "r", &arn, name).expect("an ARN")
    }

    fn print(n: u8) -> Fingerprint {
        Fingerprint::from_mac([n; FINGERPRINT_LEN])
    }

    fn key(name: &str, string: bool) -> Field {
        Field::Key {
            key: name.to_owned(),
            string,
        }
    }

    #[test]
    fn find_names_each_field_holding_the_target() {
        let mut found = Findings::Find {
            target: Some(print(1)),
            hits: Vec::new(),
        };
        found.add(
            secret("a"),
            ValuePrints {
                prints: vec![(Field::Whole, print(9)), (key("password", true), print(1))],
            },
        );
        found.add(
            secret("b"),
            ValuePrints {
                prints: vec![(Field::Whole, print(1))],
            },
        );
        found.add(
            secret("c"),
            ValuePrints {
                prints: vec![(Field::Whole, print(2))],
            },
        );
        let rows: Vec<(&str, &Field)> = found
            .holders()
            .iter()
            .map(|h| (h.secret.name.as_str(), &h.field))
            .collect();
        assert_eq!(
            rows,
            vec![("a", &key("password", true)), ("b", &Field::Whole)]
        );
    }

    #[test]
    fn reuse_groups_largest_first_and_leaves_out_what_names() {
        let mut found = Findings::reused();
        for (name, password) in [("a", 1), ("b", 1), ("c", 1), ("d", 2), ("e", 2)] {
            found.add(
                secret(name),
                ValuePrints {
                    prints: vec![
                        (Field::Whole, print(100 + password)),
                        (key("password", true), print(password)),
                        (key("port", false), print(50)),
                        (key("Host", true), print(51)),
                        (key("token_url", true), print(53)),
                        (key("timeout", false), print(52)),
                    ],
                },
            );
        }
        found.finish();
        let Findings::Reused { groups, .. } = &found else {
            panic!("a reuse scan")
        };
        let shapes: Vec<usize> = groups.iter().map(|g| g.secrets).collect();
        // The password of a, b and c, then d and e's (their whole JSON texts are not
        // compared again).
        assert_eq!(shapes, vec![3, 2]);
        assert!(groups.iter().flat_map(|g| &g.holders).all(|h| !matches!(
            &h.field,
            Field::Key { key, .. }
                if ["port", "Host", "timeout", "token_url"].contains(&key.as_str())
        )));
        assert_eq!(found.holders().len(), 5);
    }

    #[test]
    fn two_fields_of_one_secret_with_one_value_are_a_group() {
        let mut found = Findings::reused();
        found.add(
            secret("a"),
            ValuePrints {
                prints: vec![
                    (key("password", true), print(1)),
                    (key("old_password", true), print(1)),
                ],
            },
        );
        found.finish();
        let Findings::Reused { groups, shared, .. } = &found else {
            panic!("a reuse scan")
        };
        assert_eq!(*shared, 1);
        assert_eq!(
            (groups.len(), groups[0].secrets, groups[0].holders.len()),
            (1, 1, 2)
        );
    }
}
