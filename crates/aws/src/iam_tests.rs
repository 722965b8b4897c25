//! The IAM answers read into the core's values, from SDK values built as the service would
//! send them.

use aws_sdk_iam::types::{
    AttachedPermissionsBoundary, AttachedPolicy, EvaluationResult, GroupDetail,
    ManagedPolicyDetail, PermissionsBoundaryAttachmentType, PermissionsBoundaryDecisionDetail,
    PolicyDetail, PolicyEvaluationDecisionType, PolicySourceType, PolicyVersion, RoleDetail,
    Statement, UserDetail,
};

use super::*;

const READ_PROD: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"ReadProd","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:123456789012:secret:prod/*"}]}"#;

/// A document URL-encoded as IAM sends it (RFC 3986: everything but unreserved characters).
fn encoded(document: &str) -> String {
    document
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn inline_policy(name: &str, document: &str) -> PolicyDetail {
    PolicyDetail::builder()
        .policy_name(name)
        .policy_document(encoded(document))
        .build()
}

fn attached_policy(arn: &str) -> AttachedPolicy {
    AttachedPolicy::builder()
        .policy_name(arn.rsplit('/').next().unwrap_or_default())
        .policy_arn(arn)
        .build()
}

fn boundary_of(arn: &str) -> AttachedPermissionsBoundary {
    AttachedPermissionsBoundary::builder()
        .permissions_boundary_type(PermissionsBoundaryAttachmentType::Policy)
        .permissions_boundary_arn(arn)
        .build()
}

fn version(id: &str, default: bool, document: &str) -> PolicyVersion {
    PolicyVersion::builder()
        .version_id(id)
        .is_default_version(default)
        .document(encoded(document))
        .build()
}

#[test]
fn documents_arrive_url_decoded_and_one_that_does_not_decode_is_passed_on_as_sent() {
    assert_eq!(decoded(&encoded(READ_PROD)), READ_PROD);
    // What Python's `quote` sends (moto): `/` and `:` left as they are.
    assert_eq!(
        decoded("%7B%22Resource%22%3A%20%22arn:aws:s3:::b/*%22%7D"),
        r#"{"Resource": "arn:aws:s3:::b/*"}"#
    );
    assert_eq!(decoded("%7B%22a%22%3A1%7D%0A"), "{\"a\":1}\n");
    // `%FF` is not UTF-8 once decoded: the text is kept, and the core says it is unreadable.
    assert_eq!(decoded("%7B%FF%7D"), "%7B%FF%7D");
    // A `+` is a plus in RFC 3986, not a space.
    assert_eq!(decoded("a+b%20c"), "a+b c");
}

#[test]
fn a_page_names_users_with_their_groups_and_boundary_and_roles_with_theirs() {
    let intern_boundary = "arn:aws:iam::123456789012:policy/smtui-demo-intern-boundary";
    let app_secrets = "arn:aws:iam::123456789012:policy/smtui-demo-app-secrets";
    let out = GetAccountAuthorizationDetailsOutput::builder()
        .user_detail_list(
            UserDetail::builder()
                .user_name("smtui-demo-intern")
                .arn("arn:aws:iam::123456789012:user/smtui-demo-intern")
                .user_policy_list(inline_policy("everything-secrets", READ_PROD))
                .group_list("smtui-demo-auditors")
                .group_list("interns")
                .permissions_boundary(boundary_of(intern_boundary))
                .build(),
        )
        .group_detail_list(
            GroupDetail::builder()
                .group_name("smtui-demo-auditors")
                .group_policy_list(inline_policy("read-prod", READ_PROD))
                .attached_managed_policies(attached_policy(
                    "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
                ))
                .build(),
        )
        .role_detail_list(
            RoleDetail::builder()
                .role_name("smtui-demo-app")
                .arn("arn:aws:iam::123456789012:role/smtui-demo-app")
                .attached_managed_policies(attached_policy(app_secrets))
                .permissions_boundary(boundary_of(intern_boundary))
                .build(),
        )
        .role_detail_list(
            RoleDetail::builder()
                .role_name("bare")
                .arn("arn:aws:iam::123456789012:role/bare")
                .build(),
        )
        .build();
    let page = page(&out);
    assert_eq!(
        page.users,
        vec![IamUser {
            arn: "arn:aws:iam::123456789012:user/smtui-demo-intern".to_owned(),
            name: "smtui-demo-intern".to_owned(),
            inline: vec![PolicyText {
                name: "everything-secrets".to_owned(),
                text: READ_PROD.to_owned(),
            }],
            attached: Vec::new(),
            groups: vec!["smtui-demo-auditors".to_owned(), "interns".to_owned()],
            boundary: Some(intern_boundary.to_owned()),
        }]
    );
    assert_eq!(
        page.groups,
        vec![IamGroup {
            name: "smtui-demo-auditors".to_owned(),
            inline: vec![PolicyText {
                name: "read-prod".to_owned(),
                text: READ_PROD.to_owned(),
            }],
            attached: vec!["arn:aws:iam::aws:policy/SecretsManagerReadWrite".to_owned()],
        }]
    );
    let [app, bare] = &page.roles[..] else {
        panic!("two roles: {:?}", page.roles)
    };
    assert_eq!(app.name, "smtui-demo-app");
    assert_eq!(app.attached, vec![app_secrets.to_owned()]);
    assert_eq!(app.boundary.as_deref(), Some(intern_boundary));
    assert_eq!(
        (bare.inline.len(), bare.attached.len(), &bare.boundary),
        (0, 0, &None)
    );
    assert_eq!(page.entities(), 4);
}

#[test]
fn a_managed_policy_carries_its_default_version_s_document() {
    let old = r#"{"Version":"2012-10-17","Statement":[]}"#;
    let policy = |versions: Vec<PolicyVersion>, default_id: Option<&str>| {
        let detail = ManagedPolicyDetail::builder()
            .policy_name("smtui-demo-app-secrets")
            .arn("arn:aws:iam::123456789012:policy/smtui-demo-app-secrets")
            .set_default_version_id(default_id.map(str::to_owned))
            .set_policy_version_list(Some(versions))
            .build();
        let out = GetAccountAuthorizationDetailsOutput::builder()
            .policies(detail)
            .build();
        page(&out).policies.remove(0)
    };
    let flagged = policy(
        vec![version("v1", false, old), version("v2", true, READ_PROD)],
        Some("v2"),
    );
    assert_eq!(
        flagged,
        ManagedPolicy {
            arn: "arn:aws:iam::123456789012:policy/smtui-demo-app-secrets".to_owned(),
            name: "smtui-demo-app-secrets".to_owned(),
            document: Some(READ_PROD.to_owned()),
        }
    );
    // No version flagged: the one `DefaultVersionId` names.
    let named = policy(
        vec![version("v1", false, old), version("v3", false, READ_PROD)],
        Some("v3"),
    );
    assert_eq!(named.document.as_deref(), Some(READ_PROD));
    // Only other versions sent: no document, which the core says.
    let missing = policy(vec![version("v1", false, old)], Some("v2"));
    assert_eq!(missing.document, None);
}

#[test]
fn a_managed_policy_sent_without_its_name_is_named_by_its_arn() {
    let detail = ManagedPolicyDetail::builder()
        .arn("arn:aws:iam::123456789012:policy/team/smtui-demo-intern-boundary")
        .policy_version_list(version("v1", true, READ_PROD))
        .build();
    let out = GetAccountAuthorizationDetailsOutput::builder()
        .policies(detail)
        .build();
    assert_eq!(page(&out).policies[0].name, "smtui-demo-intern-boundary");
}

#[test]
fn the_marker_is_kept_only_while_the_pages_go_on() {
    let truncated = GetAccountAuthorizationDetailsOutput::builder()
        .is_truncated(true)
        .marker("AAE=page-2")
        .build();
    assert_eq!(page(&truncated).marker.as_deref(), Some("AAE=page-2"));
    let last = GetAccountAuthorizationDetailsOutput::builder()
        .is_truncated(false)
        .marker("stale")
        .build();
    assert_eq!(page(&last).marker, None);
    assert_eq!(
        page(&GetAccountAuthorizationDetailsOutput::builder().build()),
        IamPage::default()
    );
}

#[test]
fn the_total_counts_users_groups_roles_and_policies() {
    let out = GetAccountSummaryOutput::builder()
        .summary_map(SummaryKeyType::Users, 3)
        .summary_map(SummaryKeyType::Groups, 2)
        .summary_map(SummaryKeyType::Roles, 40)
        .summary_map(SummaryKeyType::Policies, 5)
        .summary_map(SummaryKeyType::UsersQuota, 5000)
        .summary_map(SummaryKeyType::PoliciesQuota, 1500)
        .build();
    assert_eq!(entities(&out), Some(50));
    assert_eq!(entities(&GetAccountSummaryOutput::builder().build()), None);
}

fn result(
    decision: PolicyEvaluationDecisionType,
) -> aws_sdk_iam::types::builders::EvaluationResultBuilder {
    EvaluationResult::builder()
        .eval_action_name(READ_ACTION)
        .eval_resource_name("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/x-AbCdEf")
        .eval_decision(decision)
}

#[test]
fn the_simulator_s_decision_statements_missing_keys_and_boundary_are_read() {
    let allowed = result(PolicyEvaluationDecisionType::Allowed)
        .matched_statements(
            Statement::builder()
                .source_policy_id("read-snowflake-reader")
                .source_policy_type(PolicySourceType::Role)
                .build(),
        )
        .matched_statements(
            Statement::builder()
                .source_policy_id("ResourcePolicy")
                .source_policy_type(PolicySourceType::Resource)
                .build(),
        )
        .missing_context_values("aws:SourceVpce")
        .permissions_boundary_decision_detail(
            PermissionsBoundaryDecisionDetail::builder()
                .allowed_by_permissions_boundary(true)
                .build(),
        )
        .build()
        .expect("a whole result");
    let out = SimulatePrincipalPolicyOutput::builder()
        .evaluation_results(allowed)
        .build();
    let simulation = simulation(&out).expect("one result");
    assert_eq!(
        simulation,
        Simulation {
            decision: "allowed".to_owned(),
            matched: vec![
                MatchedStatement {
                    policy: "read-snowflake-reader".to_owned(),
                    kind: "role".to_owned(),
                },
                MatchedStatement {
                    policy: "ResourcePolicy".to_owned(),
                    kind: "resource".to_owned(),
                },
            ],
            missing_context: vec!["aws:SourceVpce".to_owned()],
            boundary_allows: Some(true),
        }
    );
    assert!(simulation.allows());
}

#[test]
fn a_denial_says_which_and_a_decision_the_sdk_does_not_know_is_kept_as_sent() {
    let out = |decision| {
        SimulatePrincipalPolicyOutput::builder()
            .evaluation_results(result(decision).build().expect("a whole result"))
            .build()
    };
    let denied = simulation(&out(PolicyEvaluationDecisionType::ExplicitDeny)).expect("result");
    assert_eq!(denied.decision, "explicitDeny");
    assert_eq!(
        (
            denied.matched.len(),
            denied.missing_context.len(),
            denied.boundary_allows
        ),
        (0, 0, None)
    );
    assert!(!denied.allows());
    let implicit = simulation(&out(PolicyEvaluationDecisionType::ImplicitDeny)).expect("result");
    assert_eq!(implicit.decision, "implicitDeny");
    let novel =
        simulation(&out(PolicyEvaluationDecisionType::from("conditionalAllow"))).expect("result");
    assert_eq!(novel.decision, "conditionalAllow");
    assert!(!novel.allows());
    assert_eq!(
        simulation(&SimulatePrincipalPolicyOutput::builder().build()),
        None
    );
}
