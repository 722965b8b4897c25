//! Properties: a deny always wins, an allow never takes access away, and the wildcard
//! matcher agrees with a plain recursive one.

use proptest::prelude::*;

use super::matcher::{matches_action, matches_resource};
use super::tests::{ACCOUNT, Policies, SECRET, decide_with};
use super::{
    Effect, Listed, Policy, PolicyDocument, Principal, PrincipalEntry, Statement, TargetKind,
    Verdict,
};

/// The obvious definition, fine for short strings.
fn reference(pattern: &[char], text: &[char]) -> bool {
    match (pattern.first(), text.first()) {
        (None, _) => text.is_empty(),
        (Some('*'), _) => {
            reference(&pattern[1..], text) || (!text.is_empty() && reference(pattern, &text[1..]))
        }
        (Some(&p), Some(&t)) => (p == '?' || p == t) && reference(&pattern[1..], &text[1..]),
        (Some(_), None) => false,
    }
}

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

const ACTIONS: &[&str] = &[
    "*",
    "secretsmanager:*",
    "secretsmanager:Get*",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
    "s3:*",
];
const RESOURCES: &[&str] = &[
    "*",
    SECRET,
    "arn:aws:secretsmanager:*:111122223333:secret:app/*",
    "arn:aws:secretsmanager:*:*:secret:other*",
];
const ARNS: &[&str] = &[
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws:iam::111122223333:role/reader",
    "arn:aws:iam::444455556666:role/partner",
    "arn:aws:iam::111122223333:root",
];

fn entry() -> impl Strategy<Value = PrincipalEntry> {
    prop_oneof![
        Just(PrincipalEntry::Anyone),
        Just(PrincipalEntry::Account(ACCOUNT.to_owned())),
        Just(PrincipalEntry::Account("444455556666".to_owned())),
        prop::sample::select(ARNS).prop_map(|arn| PrincipalEntry::Arn(arn.to_owned())),
        Just(PrincipalEntry::Service("lambda.amazonaws.com".to_owned())),
    ]
}

fn listed<T: std::fmt::Debug + Clone>(
    item: impl Strategy<Value = T>,
) -> impl Strategy<Value = Listed<T>> {
    (any::<bool>(), prop::collection::vec(item, 1..3)).prop_map(|(only, items)| {
        if only {
            Listed::Only(items)
        } else {
            Listed::AllBut(items)
        }
    })
}

fn statement(effect: impl Strategy<Value = Effect>) -> impl Strategy<Value = Statement> {
    (
        effect,
        listed(prop::sample::select(ACTIONS).prop_map(str::to_owned)),
        prop::option::of(listed(
            prop::sample::select(RESOURCES).prop_map(str::to_owned),
        )),
        prop::option::of(listed(entry())),
        prop::option::of(Just(
            r#"{"Bool":{"aws:SecureTransport":"true"}}"#.to_owned(),
        )),
    )
        .prop_map(
            |(effect, actions, resources, principals, condition)| Statement {
                sid: None,
                effect,
                actions,
                resources,
                principals,
                condition,
            },
        )
}

fn any_effect() -> impl Strategy<Value = Effect> {
    prop_oneof![Just(Effect::Allow), Just(Effect::Deny)]
}

fn document() -> impl Strategy<Value = PolicyDocument> {
    prop::collection::vec(statement(any_effect()), 0..4)
        .prop_map(|statements| PolicyDocument { statements })
}

fn principal() -> impl Strategy<Value = Principal> {
    prop_oneof![
        prop::sample::select(ARNS).prop_map(|arn| Principal::from_arn(arn).expect("an IAM ARN")),
        Just(Principal::Service("lambda.amazonaws.com".to_owned())),
        Just(Principal::Anyone),
    ]
}

/// Everything one evaluation reads.
#[derive(Debug, Clone)]
struct World {
    principal: Principal,
    identity: Vec<PolicyDocument>,
    boundary: Option<PolicyDocument>,
    resource: Option<PolicyDocument>,
    visible: bool,
    key: bool,
}

fn world() -> impl Strategy<Value = World> {
    (
        principal(),
        prop::collection::vec(document(), 0..3),
        prop::option::of(document()),
        prop::option::of(document()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(principal, identity, boundary, resource, visible, key)| World {
                principal,
                identity,
                boundary,
                resource,
                visible,
                key,
            },
        )
}

fn named(name: &str, document: &PolicyDocument) -> Policy {
    Policy {
        name: name.to_owned(),
        document: document.clone(),
    }
}

impl World {
    fn verdict(&self) -> Verdict {
        let policies: Vec<Policy> = self
            .identity
            .iter()
            .map(|document| named("identity", document))
            .collect();
        let boundary = self
            .boundary
            .as_ref()
            .map(|document| named("boundary", document));
        let resource = self
            .resource
            .as_ref()
            .map(|document| named("resource", document));
        let (action, kind) = if self.key {
            ("kms:Decrypt", TargetKind::Key)
        } else {
            ("secretsmanager:GetSecretValue", TargetKind::Secret)
        };
        let policies = Policies {
            identity: &policies,
            boundary: boundary.as_ref(),
            resource: resource.as_ref(),
            visible: self.visible,
        };
        decide_with(&self.principal, &policies, action, SECRET, kind).verdict
    }
}

fn deny_everything(principals: Option<Listed<PrincipalEntry>>) -> Statement {
    Statement {
        sid: None,
        effect: Effect::Deny,
        actions: Listed::Only(vec!["*".to_owned()]),
        resources: Some(Listed::Only(vec!["*".to_owned()])),
        principals,
        condition: None,
    }
}

proptest! {
    #[test]
    fn wildcards_agree_with_the_reference(pattern in "[ab*?]{0,8}", text in "[abAB]{0,8}") {
        prop_assert_eq!(matches_resource(&pattern, &text), reference(&chars(&pattern), &chars(&text)));
        let lower = |s: &str| chars(&s.to_ascii_lowercase());
        prop_assert_eq!(matches_action(&pattern, &text), reference(&lower(&pattern), &lower(&text)));
    }

    #[test]
    fn a_deny_in_the_resource_policy_always_wins(mut world in world()) {
        let deny = deny_everything(Some(Listed::Only(vec![PrincipalEntry::Anyone])));
        world.resource.get_or_insert_with(PolicyDocument::default).statements.push(deny);
        prop_assert!(matches!(world.verdict(), Verdict::Denied(_)));
    }

    #[test]
    fn a_deny_in_a_visible_identity_policy_always_wins(mut world in world()) {
        world.visible = true;
        world.identity.push(PolicyDocument { statements: vec![deny_everything(None)] });
        let verdict = world.verdict();
        if matches!(world.principal, Principal::User { .. } | Principal::Role { .. }) {
            prop_assert!(matches!(verdict, Verdict::Denied(_)), "{:?}", verdict);
        }
    }

    #[test]
    fn adding_an_allow_never_takes_access_away(
        world in world(),
        allow in statement(Just(Effect::Allow)),
        place in 0..3_u8,
    ) {
        let before = world.verdict().rank();
        let mut more = world;
        // Into a new identity policy, the boundary if there is one (a boundary where there
        // was none is a limit, not an allow), or the resource policy.
        let into = match place {
            1 if more.boundary.is_some() => more.boundary.as_mut(),
            0 | 1 => { more.identity.push(PolicyDocument::default()); more.identity.last_mut() }
            _ => Some(more.resource.get_or_insert_with(PolicyDocument::default)),
        };
        into.expect("a document").statements.push(allow);
        prop_assert!(more.verdict().rank() >= before);
    }
}
