//! Who can read the secret: every principal that some policy names or that the account's IAM
//! holds, evaluated for GetSecretValue on the secret and kms:Decrypt on its key. Pure: the
//! pane recomputes it whenever one of its sources arrives.

use jiff::Timestamp;

use crate::model::posture::AccessFacts;

use super::reads::{ReadLog, sameness};
use super::{
    AccountIam, Identity, Key, KeyFacts, Limit, Listed, Policy, Principal, PrincipalEntry,
    ReadAccess, Target, TargetKind, Verdict, parse_policy, read_access,
};

/// Where a reader is, seen from the secret's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    SameAccount,
    OtherAccount,
    /// Anyone at all (a `"*"` principal).
    Public,
    /// An AWS service.
    Service,
}

impl Reach {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Reach::SameAccount => "this account",
            Reach::OtherAccount => "other account",
            Reach::Public => "public",
            Reach::Service => "service",
        }
    }
}

/// One row of the pane: a principal and both answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub principal: Principal,
    /// Its name in the account (a user's or role's), else its ARN or what the policy wrote.
    pub label: String,
    pub reach: Reach,
    pub access: ReadAccess,
    /// Its last successful read in the window (for another account's root: anyone's in
    /// that account; for anyone: anyone's at all).
    pub last_read: Option<Timestamp>,
}

/// Whether a reader can read, in the pane's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CanRead {
    /// An explicit deny stops it.
    Denied,
    /// Something grants it, yet not enough (a boundary, the other side of an account line).
    No,
    /// IAM or the resource policy would let it call GetSecretValue, but the key does not.
    KeyStops,
    /// Only if conditions hold, or another account's IAM allows it.
    OnlyIf,
    Yes,
}

impl Reader {
    /// The row's verdict: both the call and the decrypt must be allowed.
    pub fn can_read(&self) -> CanRead {
        let (get, decrypt) = (&self.access.get.verdict, &self.access.decrypt.verdict);
        match (get, decrypt) {
            (Verdict::Denied(_), _) => CanRead::Denied,
            (Verdict::NotAllowed, _) => CanRead::No,
            (_, Verdict::Denied(_) | Verdict::NotAllowed) => CanRead::KeyStops,
            (Verdict::Allowed, Verdict::Allowed) => CanRead::Yes,
            _ => CanRead::OnlyIf,
        }
    }

    /// Whether it may read at all (conditions aside).
    pub fn may_read(&self) -> bool {
        matches!(self.can_read(), CanRead::Yes | CanRead::OnlyIf)
    }

    pub(crate) fn kind(&self) -> &'static str {
        match self.principal {
            Principal::User { .. } => "user",
            Principal::Role { .. } => "role",
            Principal::Root { .. } => "account",
            Principal::Service(_) => "service",
            Principal::Anyone => "anyone",
        }
    }

    /// It may read and, over a window CloudTrail answered for whole, never did.
    /// Not said of the account's own root, which can always read and is no grant to remove.
    pub fn unused(&self, reads: &ReadLog) -> bool {
        let own_root =
            matches!(self.principal, Principal::Root { .. }) && self.reach == Reach::SameAccount;
        reads.complete() && self.may_read() && self.last_read.is_none() && !own_root
    }

    /// It read in the window but may not read now.
    pub fn reads_but_cannot(&self) -> bool {
        !self.may_read() && self.last_read.is_some()
    }

    /// The principal's ARN where it has one (users and roles), for the simulator.
    pub fn arn(&self) -> Option<&str> {
        match &self.principal {
            Principal::User { arn, .. } | Principal::Role { arn, .. } => Some(arn),
            _ => None,
        }
    }
}

/// The sources the pane evaluates: the secret, its resource policy, its key, the account's IAM
/// (`None` while it loads or when it cannot be read: then only the principals the policies
/// name are listed, with no identity policy).
pub struct Sources<'a> {
    pub secret_arn: &'a str,
    pub account: &'a str,
    pub resource_policy: Option<&'a Policy>,
    pub key: Key<'a>,
    pub key_policy: Option<&'a Policy>,
    pub iam: Option<&'a AccountIam>,
    /// Who read in the window: each is evaluated too, so a reader that can no longer
    /// read is listed.
    pub reads: &'a ReadLog,
}

/// The names the resource policy and the key policy go by in the rows' statements.
pub const RESOURCE_POLICY: &str = "resource policy";
pub const KEY_POLICY: &str = "key policy";

/// The rows of a secret from its policies as AWS sent them, and each policy that could not
/// be read with why (the rows are then evaluated without it; a customer managed key whose
/// policy is unreadable is evaluated as the AWS managed key would be).
pub fn readers_from_texts(
    (secret_arn, account): (&str, &str),
    resource_policy: Option<&str>,
    key: &KeyFacts,
    iam: Option<&AccountIam>,
    reads: &ReadLog,
) -> (Vec<Reader>, Vec<(String, String)>) {
    let mut unreadable = Vec::new();
    let mut read = |name: &str, text: Option<&str>| {
        let document = parse_policy(text?)
            .map_err(|why| unreadable.push((name.to_owned(), why.0)))
            .ok()?;
        Some(Policy {
            name: name.to_owned(),
            document,
        })
    };
    let resource_policy = read(RESOURCE_POLICY, resource_policy);
    let key_policy = read(KEY_POLICY, key.policy.as_deref());
    let key_ref = match &key_policy {
        Some(policy) if !key.aws_managed => Key::CustomerManaged {
            arn: &key.arn,
            account,
            policy,
        },
        _ => Key::AwsManaged {
            arn: &key.arn,
            account,
        },
    };
    let rows = readers(&Sources {
        secret_arn,
        account,
        resource_policy: resource_policy.as_ref(),
        key: key_ref,
        key_policy: key_policy.as_ref(),
        iam,
        reads,
    });
    (rows, unreadable)
}

/// Every principal something grants or denies, with its answers; the readers first (those
/// that can, then only under conditions), then those something stops, each group by name.
pub fn readers(sources: &Sources<'_>) -> Vec<Reader> {
    let target = Target {
        arn: sources.secret_arn,
        account: sources.account,
        policy: sources.resource_policy,
        kind: TargetKind::Secret,
    };
    let mut rows: Vec<Reader> = candidates(sources)
        .into_iter()
        .filter_map(|(principal, label)| {
            let iam = sources.iam.and_then(|iam| iam.find(label_arn(&principal)?));
            let identity = match (&principal, iam) {
                (_, Some(found)) => Identity::Visible {
                    policies: &found.policies,
                    boundary: found.boundary.as_ref(),
                },
                (Principal::User { account, .. } | Principal::Role { account, .. }, None)
                    if account != sources.account =>
                {
                    Identity::NotVisible
                }
                _ => Identity::Visible {
                    policies: &[],
                    boundary: None,
                },
            };
            let access = read_access(&principal, identity, &target, &sources.key);
            let label = iam.map_or(label, |found| found.name.clone());
            let reader = Reader {
                reach: reach_of(&principal, sources.account),
                last_read: last_read(sources.reads, &principal, sources.account),
                principal,
                label,
                access,
            };
            (listed(&reader) || reader.last_read.is_some()).then_some(reader)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.can_read()
            .cmp(&a.can_read())
            .then(a.reach.cmp(&b.reach))
            .then(a.label.cmp(&b.label))
    });
    rows
}

/// A row is shown when it may read, or when some statement grants or denies it something
/// (so an explicit deny and a key that excludes an allowed role are seen).
fn listed(reader: &Reader) -> bool {
    let get = &reader.access.get;
    reader.may_read()
        || get.verdict.rank() >= 2
        || !get.deciding.is_empty()
        || get
            .limits
            .iter()
            .any(|limit| matches!(limit, Limit::Deny { .. } | Limit::Boundary { .. }))
}

/// When `principal` last read: a whole other account (its root named by a policy) read
/// when anyone in it did, and "anyone" when anyone at all did.
fn last_read(reads: &ReadLog, principal: &Principal, account: &str) -> Option<Timestamp> {
    let latest = |filter: &dyn Fn(&Principal) -> bool| {
        reads
            .last
            .iter()
            .filter(|(reader, _)| filter(reader))
            .map(|(_, at)| *at)
            .max()
    };
    match principal {
        Principal::Anyone => latest(&|_| true),
        Principal::Root { account: other } if other != account => {
            latest(&|reader| reader.account() == Some(other.as_str()))
        }
        principal => reads.last_read(principal),
    }
}

fn label_arn(principal: &Principal) -> Option<&str> {
    match principal {
        Principal::User { arn, .. } | Principal::Role { arn, .. } => Some(arn),
        _ => None,
    }
}

fn reach_of(principal: &Principal, account: &str) -> Reach {
    match principal {
        Principal::Anyone => Reach::Public,
        Principal::Service(_) => Reach::Service,
        other if other.account().is_some_and(|own| own != account) => Reach::OtherAccount,
        _ => Reach::SameAccount,
    }
}

/// The account's root, its users and roles, and whoever the resource and key policies name,
/// each once.
fn candidates(sources: &Sources<'_>) -> Vec<(Principal, String)> {
    let mut found: Vec<(Principal, String)> = vec![(
        Principal::Root {
            account: sources.account.to_owned(),
        },
        format!("account {} (root)", sources.account),
    )];
    if let Some(iam) = sources.iam {
        for principal in &iam.principals {
            found.push((principal.principal.clone(), principal.name.clone()));
        }
    }
    for (reader, _) in &sources.reads.last {
        let label = label_arn(reader).map_or_else(
            || format!("account {} (root)", reader.account().unwrap_or_default()),
            str::to_owned,
        );
        found.push((reader.clone(), label));
    }
    for policy in [sources.resource_policy, sources.key_policy]
        .into_iter()
        .flatten()
    {
        for statement in &policy.document.statements {
            let Some(Listed::Only(entries)) = &statement.principals else {
                continue;
            };
            for entry in entries {
                if let Some(named) = named(entry) {
                    found.push(named);
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(principal, _)| seen.insert(sameness(principal)))
        .collect()
}

/// The principal a `Principal` entry names, with the label the pane shows.
fn named(entry: &PrincipalEntry) -> Option<(Principal, String)> {
    match entry {
        PrincipalEntry::Anyone => Some((Principal::Anyone, "anyone (*)".to_owned())),
        PrincipalEntry::Account(account) => {
            let account = account_of(account);
            let label = format!("account {account} (root)");
            Some((Principal::Root { account }, label))
        }
        PrincipalEntry::Arn(arn) => Principal::from_arn(arn).map(|p| (p, arn.clone())),
        PrincipalEntry::Service(service) => {
            Some((Principal::Service(service.clone()), service.clone()))
        }
        PrincipalEntry::Other(_) => None,
    }
}

/// The account id of `123456789012` or `arn:aws:iam::123456789012:root`.
fn account_of(entry: &str) -> String {
    entry
        .strip_prefix("arn:")
        .and_then(|rest| rest.split(':').nth(3))
        .unwrap_or(entry)
        .to_owned()
}

/// What the rows say for the posture's access checks. Nobody is called unused unless the
/// account's IAM was read (`iam_read`) and CloudTrail answered for the whole window.
pub fn facts(rows: &[Reader], reads: &ReadLog, iam_read: bool) -> AccessFacts {
    let readers = || rows.iter().filter(|r| r.may_read());
    let mut other_accounts: Vec<String> = readers()
        .filter(|r| r.reach == Reach::OtherAccount)
        .filter_map(|r| r.principal.account().map(str::to_owned))
        .collect();
    other_accounts.sort();
    other_accounts.dedup();
    let unused = (iam_read && reads.complete()).then(|| {
        rows.iter()
            .filter(|r| r.unused(reads))
            .map(|r| r.label.clone())
            .collect()
    });
    AccessFacts {
        public: readers().any(|r| r.reach == Reach::Public),
        other_accounts,
        unused,
    }
}
