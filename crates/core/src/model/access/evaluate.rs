//! IAM's evaluation logic, combining the policies that apply to one request.
//!
//! In the order AWS documents it: an explicit deny in any policy wins; then, in the same
//! account, an allow in an identity policy (within the permissions boundary, if any) or in
//! the resource policy is enough; across accounts both the resource policy and the
//! principal's own identity policies must allow. A KMS key policy is stricter: identity
//! policies count only where the key policy delegates to the account.

use super::matcher::{matches_action, matches_resource};
use super::principal::Named;
use super::{
    Decision, Effect, Limit, Listed, Policy, PolicyDocument, Principal, PrincipalEntry, Proviso,
    Statement, StatementRef, Verdict,
};

/// What smtui knows of the principal's identity-based policies.
#[derive(Debug, Clone, Copy)]
pub enum Identity<'a> {
    /// Its inline and attached policies (for a user, its groups' too) and its boundary.
    Visible {
        policies: &'a [Policy],
        boundary: Option<&'a Policy>,
    },
    /// The principal is in another account, whose IAM smtui cannot read.
    NotVisible,
}

/// The resource asked about and the policy attached to it.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub arn: &'a str,
    pub account: &'a str,
    pub policy: Option<&'a Policy>,
    pub kind: TargetKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A secret: its resource policy and IAM each suffice within the account.
    Secret,
    /// A KMS key: its key policy must allow, directly or by delegating to the account.
    Key,
}

/// One request: may `principal` do `action`?
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub principal: &'a Principal,
    pub action: &'a str,
    pub identity: Identity<'a>,
}

/// The key a secret is encrypted with.
#[derive(Debug, Clone, Copy)]
pub enum Key<'a> {
    /// `aws/secretsmanager`: its key policy lets everyone in its account decrypt through
    /// Secrets Manager, so IAM's answer for the secret decides; no other account may use it.
    AwsManaged { arn: &'a str, account: &'a str },
    CustomerManaged {
        arn: &'a str,
        account: &'a str,
        policy: &'a Policy,
    },
}

/// Reading a secret's value: GetSecretValue on the secret and kms:Decrypt on its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadAccess {
    pub get: Decision,
    pub decrypt: Decision,
}

/// Whether `principal` can read the secret's value: both answers, for the pane to show
/// which of the two stops it.
pub fn read_access(
    principal: &Principal,
    identity: Identity<'_>,
    secret: &Target<'_>,
    key: &Key<'_>,
) -> ReadAccess {
    let get = evaluate(
        &Request {
            principal,
            action: "secretsmanager:GetSecretValue",
            identity,
        },
        secret,
    );
    let decrypt_request = Request {
        principal,
        action: "kms:Decrypt",
        identity,
    };
    let decrypt = match *key {
        Key::CustomerManaged {
            arn,
            account,
            policy,
        } => evaluate(
            &decrypt_request,
            &Target {
                arn,
                account,
                policy: Some(policy),
                kind: TargetKind::Key,
            },
        ),
        Key::AwsManaged { account, .. }
            if principal.account().is_some_and(|own| own != account) =>
        {
            Decision {
                verdict: Verdict::NotAllowed,
                deciding: Vec::new(),
                limits: vec![Limit::AwsManagedKeyOtherAccount],
            }
        }
        Key::AwsManaged { arn, account } => {
            // The key's own policy, as AWS writes it, less the conditions that confine it
            // to calls through Secrets Manager from this account (which a read is).
            let policy = aws_managed_key_policy();
            evaluate(
                &decrypt_request,
                &Target {
                    arn,
                    account,
                    policy: Some(&policy),
                    kind: TargetKind::Key,
                },
            )
        }
    };
    ReadAccess { get, decrypt }
}

fn aws_managed_key_policy() -> Policy {
    Policy {
        name: "aws/secretsmanager".to_owned(),
        document: PolicyDocument {
            statements: vec![Statement {
                sid: None,
                effect: Effect::Allow,
                actions: Listed::Only(vec!["kms:Decrypt".to_owned()]),
                resources: Some(Listed::Only(vec!["*".to_owned()])),
                principals: Some(Listed::Only(vec![PrincipalEntry::Anyone])),
                condition: None,
            }],
        },
    }
}

/// Whether the request is allowed on `target`, which statements decided and what limits it.
pub fn evaluate(request: &Request<'_>, target: &Target<'_>) -> Decision {
    let principal = request.principal;
    let mut denies = Denies::default();

    let mut identity = Grant::none();
    if principal.has_identity_policies() {
        match request.identity {
            Identity::Visible { policies, boundary } => {
                for policy in policies {
                    for hit in hits(policy, request, target, Place::Identity) {
                        identity = identity.or(denies.take(hit));
                    }
                }
                if let Some(boundary) = boundary {
                    let mut within = Grant::none();
                    for hit in hits(boundary, request, target, Place::Identity) {
                        within = within.or(denies.take(hit));
                    }
                    if within.level < identity.level {
                        denies.limits.push(Limit::Boundary {
                            policy: boundary.name.clone(),
                        });
                    }
                    identity = identity.and(within);
                }
            }
            Identity::NotVisible => {
                let account = principal.account().unwrap_or_default().to_owned();
                denies.limits.push(Limit::OtherAccountNotVisible {
                    account: account.clone(),
                });
                identity = Grant::only_if(Proviso::OtherAccountAllows { account });
            }
        }
    } else if matches!(principal, Principal::Root { .. }) {
        // An account's root may do anything in its own account that no deny forbids.
        identity = Grant::yes(Vec::new());
    }

    let (mut direct, mut delegated) = (Grant::none(), Grant::none());
    if let Some(policy) = target.policy {
        for hit in hits(policy, request, target, Place::Resource) {
            // A deny that names the account denies everyone in it; an allow that names it
            // only delegates to the account's own IAM.
            let named = hit.named;
            let grant = denies.take(hit);
            match named {
                Named::Directly => direct = direct.or(grant),
                Named::ByAccount => delegated = delegated.or(grant),
                Named::No => {}
            }
        }
    }

    let other_account = principal.account().is_some_and(|own| own != target.account);
    let grant = if other_account {
        identity.and(direct.or(delegated))
    } else {
        match target.kind {
            TargetKind::Secret => identity.or(direct),
            TargetKind::Key => direct.or(delegated.and(identity)),
        }
    };
    denies.decide(grant)
}

/// Where a policy sits: identity policies have no `Principal`, resource policies must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Identity,
    Resource,
}

/// A statement that applies to the request.
struct Hit {
    at: StatementRef,
    effect: Effect,
    condition: Option<String>,
    named: Named,
}

fn hits(policy: &Policy, request: &Request<'_>, target: &Target<'_>, place: Place) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (index, statement) in policy.document.statements.iter().enumerate() {
        let Some(named) = applies(statement, request, target, place) else {
            continue;
        };
        hits.push(Hit {
            at: StatementRef {
                policy: policy.name.clone(),
                sid: statement.sid.clone(),
                index,
            },
            effect: statement.effect,
            condition: statement.condition.clone(),
            named,
        });
    }
    hits
}

/// Whether the statement is about this action, resource and principal, and how it names
/// the principal; `None` when it does not apply.
fn applies(
    statement: &Statement,
    request: &Request<'_>,
    target: &Target<'_>,
    place: Place,
) -> Option<Named> {
    let action = request.action;
    if !listed(&statement.actions, |pattern| {
        matches_action(pattern, action)
    }) {
        return None;
    }
    match &statement.resources {
        Some(resources) => {
            if !listed(resources, |pattern| matches_resource(pattern, target.arn)) {
                return None;
            }
        }
        // A resource policy's statement without Resource is about the resource it is on;
        // an identity policy's is invalid and IAM would have refused it.
        None if place == Place::Resource => {}
        None => return None,
    }
    match (place, &statement.principals) {
        (Place::Identity, _) => Some(Named::Directly),
        (Place::Resource, None) => None,
        (Place::Resource, Some(Listed::Only(entries))) => {
            match request.principal.named_by_any(entries) {
                Named::No => None,
                named => Some(named),
            }
        }
        // NotPrincipal excludes only whom it names directly: AWS documents that naming a
        // user there does not exclude its account, nor naming the account its users.
        (Place::Resource, Some(Listed::AllBut(entries))) => {
            match request.principal.named_by_any(entries) {
                Named::Directly => None,
                Named::ByAccount | Named::No => Some(Named::Directly),
            }
        }
    }
}

fn listed(list: &Listed<String>, matches: impl Fn(&str) -> bool) -> bool {
    match list {
        Listed::Only(patterns) => patterns.iter().any(|pattern| matches(pattern)),
        Listed::AllBut(patterns) => !patterns.iter().any(|pattern| matches(pattern)),
    }
}

/// The explicit denies met so far, and everything that limits the verdict.
#[derive(Default)]
struct Denies {
    unconditional: Vec<StatementRef>,
    unless: Vec<Proviso>,
    limits: Vec<Limit>,
}

impl Denies {
    /// Records a deny, or turns an allow into the grant it makes.
    fn take(&mut self, hit: Hit) -> Grant {
        match (hit.effect, hit.condition) {
            (Effect::Allow, None) => Grant::yes(vec![hit.at]),
            (Effect::Allow, Some(condition)) => {
                let proviso = Proviso::If {
                    statement: hit.at.clone(),
                    condition,
                };
                let mut grant = Grant::only_if(proviso);
                grant.statements.push(hit.at);
                grant
            }
            (Effect::Deny, condition) => {
                self.limits.push(Limit::Deny {
                    statement: hit.at.clone(),
                    condition: condition.clone(),
                });
                match condition {
                    None => self.unconditional.push(hit.at),
                    Some(condition) => self.unless.push(Proviso::Unless {
                        statement: hit.at,
                        condition,
                    }),
                }
                Grant::none()
            }
        }
    }

    fn decide(self, grant: Grant) -> Decision {
        if let Some(first) = self.unconditional.first() {
            return Decision {
                verdict: Verdict::Denied(first.clone()),
                deciding: self.unconditional,
                limits: self.limits,
            };
        }
        let verdict = match grant.level {
            Level::No => Verdict::NotAllowed,
            Level::Yes if self.unless.is_empty() => Verdict::Allowed,
            Level::Yes | Level::If => {
                let mut provisos = grant.provisos;
                provisos.extend(self.unless);
                Verdict::AllowedIf(provisos)
            }
        };
        let deciding = if grant.level == Level::No {
            Vec::new()
        } else {
            grant.statements
        };
        Decision {
            verdict,
            deciding,
            limits: self.limits,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    No,
    If,
    Yes,
}

/// What one side (identity, boundary, resource policy) grants, and through which
/// statements.
#[derive(Debug, Clone)]
struct Grant {
    level: Level,
    statements: Vec<StatementRef>,
    provisos: Vec<Proviso>,
}

impl Grant {
    fn none() -> Self {
        Self {
            level: Level::No,
            statements: Vec::new(),
            provisos: Vec::new(),
        }
    }

    fn yes(statements: Vec<StatementRef>) -> Self {
        Self {
            level: Level::Yes,
            statements,
            provisos: Vec::new(),
        }
    }

    fn only_if(proviso: Proviso) -> Self {
        Self {
            level: Level::If,
            statements: Vec::new(),
            provisos: vec![proviso],
        }
    }

    /// Either suffices: the stronger decides; equally strong ones both count.
    fn or(self, other: Self) -> Self {
        match self.level.cmp(&other.level) {
            std::cmp::Ordering::Greater => self,
            std::cmp::Ordering::Less => other,
            std::cmp::Ordering::Equal => self.merge(other),
        }
    }

    /// Both are needed: the weaker decides, and what each needs is needed.
    fn and(self, other: Self) -> Self {
        let level = self.level.min(other.level);
        if level == Level::No {
            return Self::none();
        }
        Self {
            level,
            ..self.merge(other)
        }
    }

    fn merge(mut self, other: Self) -> Self {
        self.statements.extend(other.statements);
        self.provisos.extend(other.provisos);
        self
    }
}
