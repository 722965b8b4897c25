//! Cases from AWS's IAM documentation, each naming the page it comes from, and hostile
//! policy text. "Evaluation logic" is
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html.

use super::document::MAX_POLICY_BYTES;
use super::matcher::{matches_action, matches_resource};
use super::{
    Decision, Identity, Key, Limit, Policy, Principal, PrincipalEntry, Proviso, Request, Target,
    TargetKind, Verdict, evaluate, parse_policy, read_access,
};

pub(super) const ACCOUNT: &str = "111122223333";
pub(super) const OTHER: &str = "444455556666";
pub(super) const SECRET: &str =
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf";
const KEY: &str = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const BOB: &str = "arn:aws:iam::111122223333:user/bob";
const PARTNER: &str = "arn:aws:iam::444455556666:role/partner";

pub(super) fn policy(name: &str, json: &str) -> Policy {
    Policy {
        name: name.to_owned(),
        document: parse_policy(json).expect("a test policy parses"),
    }
}

fn principal(arn: &str) -> Principal {
    Principal::from_arn(arn).expect("a test principal ARN")
}

/// One request to GetSecretValue on `SECRET`.
struct Case<'a> {
    principal: Principal,
    identity: Vec<&'a str>,
    boundary: Option<&'a str>,
    resource: Option<&'a str>,
    visible: bool,
}

impl<'a> Case<'a> {
    fn new(arn: &str) -> Self {
        Self {
            principal: principal(arn),
            identity: Vec::new(),
            boundary: None,
            resource: None,
            visible: true,
        }
    }
    fn identity(self, identity: &[&'a str]) -> Self {
        Self {
            identity: identity.to_vec(),
            ..self
        }
    }
    fn boundary(self, boundary: &'a str) -> Self {
        Self {
            boundary: Some(boundary),
            ..self
        }
    }
    fn resource(self, resource: &'a str) -> Self {
        Self {
            resource: Some(resource),
            ..self
        }
    }
    fn not_visible(self) -> Self {
        Self {
            visible: false,
            ..self
        }
    }
    fn decide(&self) -> Decision {
        self.decide_as("secretsmanager:GetSecretValue", SECRET, TargetKind::Secret)
    }
    fn decide_as(&self, action: &str, arn: &str, kind: TargetKind) -> Decision {
        let policies: Vec<Policy> = self
            .identity
            .iter()
            .enumerate()
            .map(|(i, json)| policy(&format!("identity-{i}"), json))
            .collect();
        let boundary = self.boundary.map(|json| policy("boundary", json));
        let resource = self.resource.map(|json| policy("resource", json));
        let policies = Policies {
            identity: &policies,
            boundary: boundary.as_ref(),
            resource: resource.as_ref(),
            visible: self.visible,
        };
        decide_with(&self.principal, &policies, action, arn, kind)
    }
}

/// The policies one evaluation reads (the principal's own only when `visible`).
pub(super) struct Policies<'a> {
    pub(super) identity: &'a [Policy],
    pub(super) boundary: Option<&'a Policy>,
    pub(super) resource: Option<&'a Policy>,
    pub(super) visible: bool,
}

/// `action` on `arn` (of `kind`, in `ACCOUNT`) for `principal` under `policies`: what the
/// cases and the properties both ask.
pub(super) fn decide_with(
    principal: &Principal,
    policies: &Policies,
    action: &str,
    arn: &str,
    kind: TargetKind,
) -> Decision {
    let identity = if policies.visible {
        Identity::Visible {
            policies: policies.identity,
            boundary: policies.boundary,
        }
    } else {
        Identity::NotVisible
    };
    let request = Request {
        principal,
        action,
        identity,
    };
    evaluate(
        &request,
        &Target {
            arn,
            account: ACCOUNT,
            policy: policies.resource,
            kind,
        },
    )
}

const ALLOW_SECRETS: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}}"#;
const ALLOW_GET: &str = r#"{"Statement":[{"Sid":"Read","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;

fn is_allowed(decision: &Decision) -> bool {
    decision.verdict == Verdict::Allowed
}

#[test]
fn documented_cases() {
    let deny_alice = r#"{"Statement":[{"Sid":"NoAlice","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
    let grant_alice = r#"{"Statement":[{"Sid":"Alice","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
    let grant_account = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"secretsmanager:*","Resource":"*"}]}"#;
    let grant_partner = r#"{"Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:role/partner"]},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
    let grant_other_account = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
    let not_action = r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#;
    let deny_all_but_alice = r#"{"Statement":[{"Sid":"OnlyAlice","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice","arn:aws:iam::111122223333:root"]},"Action":"secretsmanager:*","Resource":"*"}]}"#;
    let boundary_list_only = r#"{"Statement":{"Effect":"Allow","Action":["secretsmanager:List*","secretsmanager:Describe*"],"Resource":"*"}}"#;
    let get_star = r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:Get*","Resource":"arn:aws:secretsmanager:*:111122223333:secret:app/*"}}"#;
    let upper_case_action = r#"{"Statement":{"Effect":"Allow","Action":"SecretsManager:getsecretVALUE","Resource":"*"}}"#;
    let wrong_case_resource = r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:*","Resource":"arn:aws:secretsmanager:*:111122223333:secret:APP/*"}}"#;
    let not_resource = r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:*","NotResource":"arn:aws:secretsmanager:*:*:secret:app/*"}}"#;
    let public = r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#;
    let deny_everyone =
        r#"{"Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}}"#;

    let cases: Vec<(&str, Case<'_>, Verdict)> = vec![
        (
            "Evaluation logic: the default is an implicit deny",
            Case::new(ALICE),
            Verdict::NotAllowed,
        ),
        (
            "Evaluation logic: an allow in an identity policy (same account)",
            Case::new(ALICE).identity(&[ALLOW_SECRETS]),
            Verdict::Allowed,
        ),
        (
            "Evaluation logic: an allow in the resource policy alone suffices in the same account",
            Case::new(ALICE).resource(grant_alice),
            Verdict::Allowed,
        ),
        (
            "Evaluation logic: an explicit deny in any policy overrides any allow",
            Case::new(ALICE)
                .identity(&[ALLOW_SECRETS])
                .resource(deny_alice),
            denied("resource", Some("NoAlice"), 0),
        ),
        (
            "Policy elements: Principal, AWS account principals (the account delegates to IAM)",
            Case::new(ALICE).resource(grant_account),
            Verdict::NotAllowed,
        ),
        (
            "Policy elements: Principal, the account root is named by its account",
            Case::new("arn:aws:iam::111122223333:root").resource(deny_everyone),
            denied("resource", None, 0),
        ),
        (
            "Cross-account policy evaluation logic: both sides allow",
            Case::new(PARTNER)
                .identity(&[ALLOW_GET])
                .resource(grant_partner),
            Verdict::Allowed,
        ),
        (
            "Cross-account policy evaluation logic: the resource policy alone is not enough",
            Case::new(PARTNER).resource(grant_partner),
            Verdict::NotAllowed,
        ),
        (
            "Cross-account policy evaluation logic: the identity policy alone is not enough",
            Case::new(PARTNER).identity(&[ALLOW_SECRETS]),
            Verdict::NotAllowed,
        ),
        (
            "Cross-account policy evaluation logic: the trusted account delegates to its IAM",
            Case::new(PARTNER)
                .identity(&[ALLOW_GET])
                .resource(grant_other_account),
            Verdict::Allowed,
        ),
        (
            "Cross-account policy evaluation logic: the other account's IAM is not visible",
            Case::new(PARTNER).resource(grant_partner).not_visible(),
            Verdict::AllowedIf(vec![Proviso::OtherAccountAllows {
                account: OTHER.to_owned(),
            }]),
        ),
        (
            "Policy elements: NotAction with Allow (everything but IAM)",
            Case::new(ALICE).identity(&[not_action]),
            Verdict::Allowed,
        ),
        (
            "Policy elements: NotPrincipal with Deny spares whom it names",
            Case::new(ALICE)
                .identity(&[ALLOW_SECRETS])
                .resource(deny_all_but_alice),
            Verdict::Allowed,
        ),
        (
            "Policy elements: NotPrincipal with Deny denies everyone else",
            Case::new(BOB)
                .identity(&[ALLOW_SECRETS])
                .resource(deny_all_but_alice),
            denied("resource", Some("OnlyAlice"), 0),
        ),
        (
            "Permissions boundaries: the boundary limits an identity allow",
            Case::new(ALICE)
                .identity(&[ALLOW_SECRETS])
                .boundary(boundary_list_only),
            Verdict::NotAllowed,
        ),
        (
            "Permissions boundaries: both allow",
            Case::new(ALICE)
                .identity(&[ALLOW_GET])
                .boundary(ALLOW_SECRETS),
            Verdict::Allowed,
        ),
        (
            "Permissions boundaries: a resource policy naming the user is not limited",
            Case::new(ALICE)
                .boundary(boundary_list_only)
                .resource(grant_alice),
            Verdict::Allowed,
        ),
        (
            "Policy elements: Action wildcards (secretsmanager:Get*) and a Resource ARN with wildcards",
            Case::new(ALICE).identity(&[get_star]),
            Verdict::Allowed,
        ),
        (
            "Policy elements: Action is case-insensitive",
            Case::new(ALICE).identity(&[upper_case_action]),
            Verdict::Allowed,
        ),
        (
            "Policy elements: Resource ARNs are case-sensitive",
            Case::new(ALICE).identity(&[wrong_case_resource]),
            Verdict::NotAllowed,
        ),
        (
            "Policy elements: NotResource excludes what it names",
            Case::new(ALICE).identity(&[not_resource]),
            Verdict::NotAllowed,
        ),
        (
            "Policy elements: Principal \"*\" makes a secret public",
            Case::new(BOB).resource(public),
            Verdict::Allowed,
        ),
        (
            "Policy elements: a public policy lets in another account, whose IAM must allow",
            Case::new(PARTNER).identity(&[ALLOW_GET]).resource(public),
            Verdict::Allowed,
        ),
    ];
    for (source, case, expected) in cases {
        assert_eq!(case.decide().verdict, expected, "{source}");
    }
}

fn denied(policy: &str, sid: Option<&str>, index: usize) -> Verdict {
    Verdict::Denied(super::StatementRef {
        policy: policy.to_owned(),
        sid: sid.map(str::to_owned),
        index,
    })
}

#[test]
fn a_deny_naming_the_account_denies_everyone_in_it() {
    // Policy elements: Principal, AWS account principals; a deny is not a delegation.
    let deny_account = r#"{"Statement":{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"secretsmanager:*","Resource":"*"}}"#;
    let decision = Case::new(BOB)
        .identity(&[ALLOW_SECRETS])
        .resource(deny_account)
        .decide();
    assert!(
        matches!(decision.verdict, Verdict::Denied(_)),
        "{decision:?}"
    );
}

#[test]
fn another_accounts_iam_is_said_to_be_not_visible() {
    let grant_partner = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/partner"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#;
    let decision = Case::new(PARTNER)
        .resource(grant_partner)
        .not_visible()
        .decide();
    assert_eq!(
        decision.limits,
        vec![Limit::OtherAccountNotVisible {
            account: OTHER.to_owned()
        }]
    );
    assert_eq!(
        decision.deciding.len(),
        1,
        "the resource policy's statement decided its side"
    );
}

#[test]
fn a_boundary_that_takes_an_allow_away_is_named() {
    let boundary =
        r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:List*","Resource":"*"}}"#;
    let decision = Case::new(ALICE)
        .identity(&[ALLOW_SECRETS])
        .boundary(boundary)
        .decide();
    assert_eq!(
        decision.limits,
        vec![Limit::Boundary {
            policy: "boundary".to_owned()
        }]
    );
}

#[test]
fn the_deciding_statements_are_named_by_policy_and_sid_or_index() {
    let decision = Case::new(ALICE)
        .identity(&[ALLOW_SECRETS, ALLOW_GET])
        .decide();
    let named: Vec<(String, Option<String>, usize)> = decision
        .deciding
        .into_iter()
        .map(|at| (at.policy, at.sid, at.index))
        .collect();
    assert_eq!(
        named,
        vec![
            ("identity-0".to_owned(), None, 0),
            ("identity-1".to_owned(), Some("Read".to_owned()), 0)
        ]
    );
}

#[test]
fn a_condition_is_kept_and_never_guessed() {
    // Policy elements: Condition (aws:SourceIp), and a conditional deny (aws:MultiFactorAuthPresent).
    let only_from = r#"{"Statement":{"Sid":"Office","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}}"#;
    let decision = Case::new(ALICE).identity(&[only_from]).decide();
    let Verdict::AllowedIf(provisos) = decision.verdict else {
        panic!("conditional: {decision:?}")
    };
    assert!(
        matches!(&provisos[..], [Proviso::If { condition, .. }] if condition.contains("203.0.113.0/24"))
    );

    let deny_without_mfa = r#"{"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}}"#;
    let decision = Case::new(ALICE)
        .identity(&[ALLOW_SECRETS, deny_without_mfa])
        .decide();
    let Verdict::AllowedIf(provisos) = decision.verdict else {
        panic!("conditional: {decision:?}")
    };
    assert!(matches!(&provisos[..], [Proviso::Unless { .. }]));
    assert!(matches!(
        &decision.limits[..],
        [Limit::Deny {
            condition: Some(_),
            ..
        }]
    ));
}

#[test]
fn a_service_and_anyone_are_allowed_only_by_the_resource_policy() {
    let to_lambda = r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#;
    let mut case = Case::new(ALICE).resource(to_lambda);
    case.principal = Principal::Service("lambda.amazonaws.com".to_owned());
    assert!(is_allowed(&case.decide()));
    case.principal = Principal::Anyone;
    assert_eq!(case.decide().verdict, Verdict::NotAllowed);
}

#[test]
fn decrypting_with_a_customer_managed_key_needs_its_key_policy() {
    // AWS KMS developer guide, "Default key policy": the statement that enables IAM policies.
    let enable_iam = r#"{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#;
    let only_admin = r#"{"Statement":[{"Sid":"Admin","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"kms:*","Resource":"*"}]}"#;
    let allow_decrypt = r#"{"Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}"#;
    let decrypt = |case: &Case<'_>, key: &str| {
        let mut case = Case::new(ALICE).identity(&case.identity);
        case.resource = Some(key);
        case.decide_as("kms:Decrypt", KEY, TargetKind::Key).verdict
    };
    let with_iam = Case::new(ALICE).identity(&[allow_decrypt]);
    assert_eq!(
        decrypt(&with_iam, enable_iam),
        Verdict::Allowed,
        "the key policy delegates to IAM"
    );
    assert_eq!(
        decrypt(&Case::new(ALICE), enable_iam),
        Verdict::NotAllowed,
        "and IAM does not allow"
    );
    assert_eq!(
        decrypt(&with_iam, only_admin),
        Verdict::NotAllowed,
        "the key policy does not delegate"
    );
}

#[test]
fn the_aws_managed_key_follows_the_secret_within_its_account_only() {
    let policies = [policy("read", ALLOW_GET)];
    let identity = Identity::Visible {
        policies: &policies,
        boundary: None,
    };
    let secret = Target {
        arn: SECRET,
        account: ACCOUNT,
        policy: None,
        kind: TargetKind::Secret,
    };
    let key = Key::AwsManaged {
        arn: KEY,
        account: ACCOUNT,
    };
    let access = read_access(&principal(ALICE), identity, &secret, &key);
    assert!(
        is_allowed(&access.get) && is_allowed(&access.decrypt),
        "{access:?}"
    );

    let partner = read_access(&principal(PARTNER), identity, &secret, &key);
    assert_eq!(
        partner.decrypt.limits,
        vec![Limit::AwsManagedKeyOtherAccount]
    );
    assert_eq!(partner.decrypt.verdict, Verdict::NotAllowed);
}

#[test]
fn the_shapes_aws_writes_are_read() {
    let document = parse_policy(
        r#"{"Statement":[{"Effect":"Allow","Action":["a:b","c:*"],"Resource":"*","Principal":{"AWS":["123456789012","arn:aws-cn:iam::210987654321:root","arn:aws:iam::123456789012:role/r","*"],"Service":"s.amazonaws.com","Federated":"cognito-identity.amazonaws.com"}}]}"#,
    )
    .expect("parses");
    let Some(super::Listed::Only(entries)) = &document.statements[0].principals else {
        panic!("principals")
    };
    assert_eq!(entries.len(), 6);
    assert!(entries.contains(&PrincipalEntry::Account("123456789012".to_owned())));
    assert!(entries.contains(&PrincipalEntry::Account("210987654321".to_owned())));
    assert!(entries.contains(&PrincipalEntry::Arn(
        "arn:aws:iam::123456789012:role/r".to_owned()
    )));
    assert!(entries.contains(&PrincipalEntry::Anyone));
    assert!(entries.contains(&PrincipalEntry::Service("s.amazonaws.com".to_owned())));
}

#[test]
fn wrong_shapes_are_errors() {
    for text in [
        "",
        "[]",
        r#"{"Statement":"x"}"#,
        r#"{"Statement":[1]}"#,
        r#"{"Statement":{"Effect":"allow","Action":"*"}}"#,
        r#"{"Statement":{"Effect":"Allow"}}"#,
        r#"{"Statement":{"Effect":"Allow","Action":"*","NotAction":"*"}}"#,
        r#"{"Statement":{"Effect":"Allow","Action":[1]}}"#,
        r#"{"Statement":{"Effect":"Allow","Action":"*","Principal":"someone"}}"#,
        r#"{"Statement":{"Effect":"Allow","Action":"*","Principal":{"AWS":{"x":1}}}}"#,
        r#"{"Statement":{"Effect":"Allow","Action":"*","Condition":"x"}}"#,
        r#"{"Statement":{"Sid":7,"Effect":"Allow","Action":"*"}}"#,
    ] {
        assert!(parse_policy(text).is_err(), "{text}");
    }
}

#[test]
fn deeply_nested_json_is_an_error() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse_policy(&nested).is_err());
    let in_condition = format!(
        r#"{{"Statement":{{"Effect":"Allow","Action":"*","Condition":{{"a":{}{}}}}}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(parse_policy(&in_condition).is_err());
}

#[test]
fn a_huge_policy_is_refused_and_a_large_one_is_read() {
    let statement =
        r#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"},"#;
    let many = |count: usize| {
        format!(
            r#"{{"Statement":[{}{{"Effect":"Deny","Action":"x:y"}}]}}"#,
            statement.repeat(count)
        )
    };
    let huge = many(10 * 1024 * 1024 / statement.len());
    assert!(huge.len() > 10 * 1024 * 1024);
    assert!(parse_policy(&huge).is_err());

    let large = many(MAX_POLICY_BYTES / statement.len() - 1);
    let document = parse_policy(&large).expect("just under the limit");
    assert!(document.statements.len() > 10_000);
}

#[test]
fn control_characters_are_kept_for_the_view_to_sanitise() {
    let escaped = r#"{"Statement":{"Sid":"a\u0000b\u001b[31m","Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":"\u0007"}}}}"#;
    let document = parse_policy(escaped).expect("escaped control characters are JSON");
    assert_eq!(
        document.statements[0].sid.as_deref(),
        Some("a\u{0}b\u{1b}[31m")
    );
    // A raw control character inside a string is not JSON.
    assert!(parse_policy("{\"Statement\":{\"Sid\":\"a\u{1}\"}}").is_err());
}

#[test]
fn a_hostile_pattern_costs_no_stack_and_little_time() {
    let stars = "*".repeat(10_000);
    let text = "a".repeat(10_000);
    assert!(matches_resource(&stars, &text));
    assert!(!matches_resource(&format!("{stars}b"), &text));
    assert!(matches_action(
        "SECRETSMANAGER:Get*",
        "secretsmanager:GetSecretValue"
    ));
    assert!(!matches_resource("app/?", "app/"));
}
