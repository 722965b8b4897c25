//! What the AWS crate reads for the access pane, as plain values: the pages of
//! GetAccountAuthorizationDetails, a secret's key, and the policy simulator's answer. Policy
//! documents arrive as JSON text (already URL-decoded); the core parses them, so a document
//! that cannot be read is said beside its name instead of failing a whole page.

/// A policy as AWS sent it: a name the pane shows, and its JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyText {
    pub name: String,
    pub text: String,
}

/// One page of GetAccountAuthorizationDetails. A user's groups and a principal's managed
/// policies are named here and may be described on another page: the pages are merged
/// once all have arrived ([`super::AccountIam::from_pages`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IamPage {
    pub users: Vec<IamUser>,
    pub groups: Vec<IamGroup>,
    pub roles: Vec<IamRole>,
    pub policies: Vec<ManagedPolicy>,
    /// The marker of the next page; `None` on the last.
    pub marker: Option<String>,
}

impl IamPage {
    /// How many entities the page describes, for the loading progress.
    pub fn entities(&self) -> usize {
        self.users.len() + self.groups.len() + self.roles.len() + self.policies.len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamUser {
    pub arn: String,
    pub name: String,
    /// Inline policies (`UserPolicyList`).
    pub inline: Vec<PolicyText>,
    /// ARNs of the attached managed policies.
    pub attached: Vec<String>,
    /// Names of the groups it is in.
    pub groups: Vec<String>,
    /// ARN of its permissions boundary's managed policy.
    pub boundary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamGroup {
    pub name: String,
    pub inline: Vec<PolicyText>,
    pub attached: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamRole {
    pub arn: String,
    pub name: String,
    pub inline: Vec<PolicyText>,
    pub attached: Vec<String>,
    pub boundary: Option<String>,
}

/// A managed policy (customer or AWS managed) and the text of its default version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedPolicy {
    pub arn: String,
    pub name: String,
    /// `None` when the page did not carry the default version's document.
    pub document: Option<String>,
}

/// The key a secret is encrypted with, as DescribeKey and GetKeyPolicy see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    pub arn: String,
    /// `KeyManager` is `AWS`: the key's policy is AWS's own, read as the evaluator models it.
    pub aws_managed: bool,
    /// The key policy's text (customer managed keys only).
    pub policy: Option<String>,
}

impl KeyFacts {
    /// Secrets Manager's AWS managed key in `region` of `account`: the key of a secret
    /// that names none.
    pub fn aws_managed(region: &str, account: &str) -> Self {
        KeyFacts {
            arn: format!("arn:aws:kms:{region}:{account}:alias/aws/secretsmanager"),
            aws_managed: true,
            policy: None,
        }
    }
}

/// What IAM's policy simulator answered for one principal, action and resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    /// `allowed`, `explicitDeny` or `implicitDeny` (kept as sent when it is anything else).
    pub decision: String,
    pub matched: Vec<MatchedStatement>,
    /// Context keys the simulator needed and was not given: its decision assumed them absent.
    pub missing_context: Vec<String>,
    /// Whether the permissions boundary allowed it, when the simulator says.
    pub boundary_allows: Option<bool>,
}

impl Simulation {
    /// Whether the simulator's decision lets the principal call the action.
    pub fn allows(&self) -> bool {
        self.decision == "allowed"
    }
}

/// A statement the simulator matched: which policy (`SourcePolicyId`, e.g. a policy's
/// name or `ResourcePolicy`) and of what type (`role`, `group`, `user`, `user-managed`, `aws-managed`, `resource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedStatement {
    pub policy: String,
    pub kind: String,
}
