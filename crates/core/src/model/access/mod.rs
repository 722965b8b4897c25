//! Who can do what to a secret or its key: IAM's documented evaluation logic for identity
//! policies, resource policies, key policies and permissions boundaries, as pure code.
//!
//! The access pane builds on it (public because the AWS crate builds these inputs): the inputs are plain values the AWS crate fills from
//! GetAccountAuthorizationDetails, GetResourcePolicy and GetKeyPolicy; nothing here calls
//! anything. Conditions are never evaluated: a statement with a `Condition` makes the verdict
//! "allowed only if …" with the condition's text kept for the view to sanitise and show.
//! How the choice between a crate and this code was made: `docs/access.md`.

mod account;
mod document;
mod evaluate;
mod matcher;
mod principal;
mod readers;
mod reads;
mod sources;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

pub use account::{AccountIam, IamPrincipal};
pub use document::{ParseError, parse_policy};
pub use evaluate::{Identity, Key, ReadAccess, Request, Target, TargetKind, evaluate, read_access};
pub use principal::Principal;
pub use readers::{
    CanRead, KEY_POLICY, RESOURCE_POLICY, Reach, Reader, Sources, facts, readers,
    readers_from_texts,
};
pub use reads::{MAX_READ_DAYS, MAX_READ_PAGES, ReadLog};
pub use sources::{
    IamGroup, IamPage, IamRole, IamUser, KeyFacts, ManagedPolicy, MatchedStatement, PolicyText,
    Simulation,
};

/// A named policy: an inline or managed identity policy, a boundary, a secret's resource
/// policy or a key policy. The name is what the pane shows beside a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub name: String,
    pub document: PolicyDocument,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyDocument {
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    /// `Action` (`Only`) or `NotAction` (`AllBut`).
    pub actions: Listed<String>,
    /// `Resource` or `NotResource`; `None` when the statement names neither, which a
    /// resource policy may do (it then means the resource it is attached to).
    pub resources: Option<Listed<String>>,
    /// `Principal` or `NotPrincipal`; identity policies have none.
    pub principals: Option<Listed<PrincipalEntry>>,
    /// The `Condition` block as compact JSON text, unevaluated.
    pub condition: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// An element and its `Not` twin: `Action` lists what the statement is about, `NotAction`
/// everything but what it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed<T> {
    Only(Vec<T>),
    AllBut(Vec<T>),
}

/// One entry of a `Principal` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalEntry {
    /// `"*"` or `{"AWS": "*"}`: everyone, signed in or not.
    Anyone,
    /// A 12-digit account id or `arn:…:iam::<id>:root`: the account, which delegates to its
    /// own IAM for everyone in it but its root.
    Account(String),
    /// An IAM user or role ARN (or any other AWS ARN, kept as written).
    Arn(String),
    /// `{"Service": "…"}`.
    Service(String),
    /// `Federated` and `CanonicalUser` entries: kept so a statement still reads right, never
    /// matching a principal the pane lists.
    Other(String),
}

/// Which statement of which policy: the policy's name and the statement's `Sid`, or its
/// position (from 0) when it has none.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StatementRef {
    pub policy: String,
    pub sid: Option<String>,
    pub index: usize,
}

/// What IAM would answer, as far as smtui can see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Allowed only if every one of these holds (of several conditional statements that
    /// would allow it, each is listed: one of them holding is enough).
    AllowedIf(Vec<Proviso>),
    /// An explicit deny that applies without a condition.
    Denied(StatementRef),
    /// No statement allows it: IAM's implicit deny.
    NotAllowed,
}

impl Verdict {
    /// An order for "more access": denied, not allowed, allowed under conditions, allowed.
    pub fn rank(&self) -> u8 {
        match self {
            Self::Denied(_) => 0,
            Self::NotAllowed => 1,
            Self::AllowedIf(_) => 2,
            Self::Allowed => 3,
        }
    }
}

/// Something that must hold for a conditional verdict to be an allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proviso {
    /// An allowing statement's condition holds.
    If {
        statement: StatementRef,
        condition: String,
    },
    /// A denying statement's condition does not hold.
    Unless {
        statement: StatementRef,
        condition: String,
    },
    /// The principal's own account allows it in IAM: another account's IAM is not visible.
    OtherAccountAllows { account: String },
}

/// What takes access away or leaves the verdict uncertain, for the pane to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// An explicit deny; `condition` is set when it only applies under one.
    Deny {
        statement: StatementRef,
        condition: Option<String>,
    },
    /// The permissions boundary does not allow what an identity policy does.
    Boundary { policy: String },
    /// The principal is in another account whose IAM smtui cannot see.
    OtherAccountNotVisible { account: String },
    /// The secret uses the AWS managed key, which no other account can use.
    AwsManagedKeyOtherAccount,
}

/// The verdict, the statements that decided it, and what limits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    pub deciding: Vec<StatementRef>,
    pub limits: Vec<Limit>,
}
