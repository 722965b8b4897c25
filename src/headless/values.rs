//! `smtui posture --deep`: every listed value read (BatchGetSecretValue, 20 at a time,
//! through the same runner and lanes as the TUI's value checks) and fingerprinted in the
//! AWS crate; the secrets holding a value another secret holds too are found by keyed hash,
//! with the same rules as `reused-values`. No value reaches this module.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use smtui_aws::AwsContext;
use smtui_core::app::{Action, AwsCall, Effect, Outcome};
use smtui_core::features::values::{self, Candidates, Findings, Scope};
use smtui_core::ids::RowKey;
use smtui_core::model::AwsError;
use smtui_core::model::shared_values::SharedValues;
use smtui_core::sanitize::sanitize_line;

use crate::headless::Listing;

/// What the deep read found, and the secrets it could not read (left unchecked).
#[derive(Debug, Default)]
pub struct Deep {
    pub(crate) values: SharedValues,
    pub(crate) failed: Vec<(String, AwsError)>,
}

impl Deep {
    /// The secrets not read, for stderr: a line per reason, naming the secrets that failed
    /// alike (a role that may not read values fails every secret the same way: said once).
    pub(crate) fn failures(&self) -> String {
        const NAMED: usize = 5;
        let mut alike: Vec<(String, Vec<&str>)> = Vec::new();
        for (name, error) in &self.failed {
            let why = error.to_string();
            match alike.iter_mut().find(|(seen, _)| *seen == why) {
                Some((_, names)) => names.push(name),
                None => alike.push((why, vec![name])),
            }
        }
        let mut lines = String::new();
        for (why, names) in &alike {
            let mut named: Vec<String> = names
                .iter()
                .take(NAMED)
                .map(|n| sanitize_line(n).into_owned())
                .collect();
            if names.len() > NAMED {
                named.push(format!("{} more", names.len() - NAMED));
            }
            let _ = writeln!(
                lines,
                "smtui: not read ({}): {}",
                named.join(", "),
                sanitize_line(why)
            );
        }
        lines
    }
}

/// Reads every listed value not scheduled for deletion and finds the shared ones.
pub async fn read_shared(ctx: AwsContext, listing: &Listing) -> Deep {
    let (mut runner, mut rx, stamp) = crate::headless::read_only_runner(ctx);
    let batches = Candidates::from_rows(listing.secrets.iter()).into_batches(&Scope::Listed);
    let mut pending = batches.len();
    for secrets in batches {
        runner.run(Effect::Aws {
            stamp,
            call: AwsCall::Values(values::Call::Read { scan: 0, secrets }),
        });
    }
    let mut findings = Findings::reused();
    let mut deep = Deep::default();
    while pending > 0 {
        let Some(action) = rx.recv().await else {
            break;
        };
        let Action::Result(envelope) = action else {
            continue;
        };
        let Outcome::Values(values::Outcome::Read {
            secrets, result, ..
        }) = envelope.outcome
        else {
            continue;
        };
        pending -= 1;
        match result {
            Ok(read) => {
                for (secret, prints) in read {
                    match prints {
                        Ok(prints) => {
                            deep.values
                                .read
                                .insert(RowKey::new(secret.identity, secret.arn.clone()));
                            findings.add(secret, prints);
                        }
                        Err(error) => deep.failed.push((secret.name, error)),
                    }
                }
            }
            Err(error) => deep
                .failed
                .extend(secrets.into_iter().map(|s| (s.name, error.clone()))),
        }
    }
    findings.finish();
    deep.values.shared = shared(&findings);
    deep
}

/// For each secret in a group of two secrets or more, the others' names.
fn shared(findings: &Findings) -> HashMap<RowKey, Vec<String>> {
    let mut shared: HashMap<RowKey, Vec<String>> = HashMap::new();
    let Findings::Reused { groups, .. } = findings else {
        return shared;
    };
    for group in groups.iter().filter(|g| g.secrets > 1) {
        for holder in &group.holders {
            let others = shared
                .entry(RowKey::new(
                    holder.secret.identity,
                    holder.secret.arn.clone(),
                ))
                .or_default();
            let mut seen: HashSet<&str> = others.iter().map(String::as_str).collect();
            let mut add = Vec::new();
            for other in &group.holders {
                if other.secret.arn != holder.secret.arn && seen.insert(other.secret.name.as_str())
                {
                    add.push(other.secret.name.clone());
                }
            }
            others.extend(add);
        }
    }
    for others in shared.values_mut() {
        others.sort();
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtui_core::model::ErrorKind;

    #[test]
    fn secrets_that_failed_alike_share_one_line() {
        let denied = AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "GetSecretValue",
            region: "us-east-1".into(),
            code: Some("AccessDeniedException".into()),
            message: Some("no".into()),
        };
        let deep = Deep {
            failed: (0..7).map(|i| (format!("s{i}"), denied.clone())).collect(),
            ..Deep::default()
        };
        let said = deep.failures();
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(
            said.starts_with("smtui: not read (s0, s1, s2, s3, s4, 2 more): "),
            "{said}"
        );
    }
}
