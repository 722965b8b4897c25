//! The pane's rows for an account shaped like the local stack's (a reader role, an app role
//! with a broad managed policy, a group's user, a user held by a boundary), one secret per
//! case: readable by the reader only, denied to a role, shared with another account, public,
//! and a customer managed key that leaves out a role IAM allows.

use std::sync::Arc;

use super::readers::{Reach, Reader};
use super::verify::compare;
use super::{AccessView, CanRead, Source};
use crate::ids::{IdentityId, SecretRef};
use crate::kit::Cursor;
use crate::model::access::{
    AccountIam, IamGroup, IamPage, IamRole, IamUser, KeyFacts, ManagedPolicy, MatchedStatement,
    PolicyText, Simulation,
};

const ACCOUNT: &str = "123456789012";
const READER: &str = "arn:aws:iam::123456789012:role/smtui-demo-analytics-reader";
const APP: &str = "arn:aws:iam::123456789012:role/smtui-demo-app";

fn text(name: &str, json: &str) -> PolicyText {
    PolicyText {
        name: name.to_owned(),
        text: json.to_owned(),
    }
}

fn managed(name: &str, json: &str) -> ManagedPolicy {
    ManagedPolicy {
        arn: format!("arn:aws:iam::{ACCOUNT}:policy/{name}"),
        name: name.to_owned(),
        document: Some(json.to_owned()),
    }
}

/// The account, in two pages (the group and the boundary on the second, as IAM may send
/// them), so the merge across pages is part of every case.
fn pages() -> Vec<IamPage> {
    let first = IamPage {
        users: vec![
            IamUser {
                arn: format!("arn:aws:iam::{ACCOUNT}:user/smtui-demo-auditor"),
                name: "smtui-demo-auditor".to_owned(),
                inline: Vec::new(),
                attached: Vec::new(),
                groups: vec!["smtui-demo-auditors".to_owned()],
                boundary: None,
            },
            IamUser {
                arn: format!("arn:aws:iam::{ACCOUNT}:user/smtui-demo-intern"),
                name: "smtui-demo-intern".to_owned(),
                inline: vec![text(
                    "everything-secrets",
                    r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}}"#,
                )],
                attached: Vec::new(),
                groups: Vec::new(),
                boundary: Some(format!(
                    "arn:aws:iam::{ACCOUNT}:policy/smtui-demo-intern-boundary"
                )),
            },
        ],
        roles: vec![
            IamRole {
                arn: READER.to_owned(),
                name: "smtui-demo-analytics-reader".to_owned(),
                inline: vec![text(
                    "read-snowflake-reader",
                    r#"{"Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/analytics/snowflake-reader-*"}]}"#,
                )],
                attached: Vec::new(),
                boundary: None,
            },
            IamRole {
                arn: APP.to_owned(),
                name: "smtui-demo-app".to_owned(),
                inline: Vec::new(),
                attached: vec![format!(
                    "arn:aws:iam::{ACCOUNT}:policy/smtui-demo-app-secrets"
                )],
                boundary: None,
            },
        ],
        policies: vec![managed(
            "smtui-demo-app-secrets",
            r#"{"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"},{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}"#,
        )],
        groups: Vec::new(),
        marker: Some("page-2".to_owned()),
    };
    let second = IamPage {
        groups: vec![IamGroup {
            name: "smtui-demo-auditors".to_owned(),
            inline: vec![text(
                "read-prod",
                r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:123456789012:secret:prod/*"}}"#,
            )],
            attached: Vec::new(),
        }],
        policies: vec![managed(
            "smtui-demo-intern-boundary",
            r#"{"Statement":{"Effect":"Allow","Action":["secretsmanager:ListSecrets","secretsmanager:DescribeSecret"],"Resource":"*"}}"#,
        )],
        ..IamPage::default()
    };
    vec![first, second]
}

fn view(name: &str, resource_policy: Option<&str>, key: KeyFacts) -> AccessView {
    let arn = format!("arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:{name}-AbCdEf");
    let secret = SecretRef::new(IdentityId::START, "us-east-1", &arn, name).expect("an ARN");
    let iam = AccountIam::from_pages(&pages());
    let mut view = AccessView {
        secret,
        key_id: None,
        reads: super::ReadLog::default(),
        resource_policy: Source::Read(resource_policy.map(str::to_owned)),
        key: Source::Read(key),
        iam: Source::Read((Arc::new(iam), jiff::Timestamp::UNIX_EPOCH)),
        progress: (0, None),
        rows: Vec::new(),
        unreadable: Vec::new(),
        selected: Cursor::default(),
        verifications: std::collections::HashMap::new(),
    };
    view.evaluate();
    view
}

fn aws_managed() -> KeyFacts {
    KeyFacts {
        arn: format!("arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/secretsmanager"),
        aws_managed: true,
        policy: None,
    }
}

fn customer_key(policy: &str) -> KeyFacts {
    KeyFacts {
        arn: format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/0000-1111"),
        aws_managed: false,
        policy: Some(policy.to_owned()),
    }
}

fn row<'a>(view: &'a AccessView, label: &str) -> &'a Reader {
    view.rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no row {label} in {:#?}", view.rows))
}

fn readers(view: &AccessView) -> Vec<&str> {
    view.rows
        .iter()
        .filter(|r| r.may_read())
        .map(|r| r.label.as_str())
        .collect()
}

#[test]
fn a_secret_only_its_reader_role_can_read_besides_the_account_and_broad_policies() {
    let view = view("prod/analytics/snowflake-reader", None, aws_managed());
    let reader = row(&view, "smtui-demo-analytics-reader");
    assert_eq!(reader.can_read(), CanRead::Yes);
    assert_eq!(
        reader.access.get.deciding[0].policy,
        "read-snowflake-reader (inline)"
    );
    // The group's policy reaches its user; the boundary holds the intern back.
    assert_eq!(row(&view, "smtui-demo-auditor").can_read(), CanRead::Yes);
    assert_eq!(
        row(&view, "smtui-demo-auditor").access.get.deciding[0].policy,
        "group smtui-demo-auditors: read-prod (inline)"
    );
    assert_eq!(row(&view, "smtui-demo-intern").can_read(), CanRead::No);
    assert_eq!(
        readers(&view),
        [
            "account 123456789012 (root)",
            "smtui-demo-analytics-reader",
            "smtui-demo-app",
            "smtui-demo-auditor"
        ]
    );
}

#[test]
fn an_explicit_deny_in_the_resource_policy_stops_a_role_iam_allows() {
    let policy = r#"{"Statement":[{"Sid":"DenyAppRole","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/smtui-demo-app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
    let view = view("prod/hr/workday-api-key", Some(policy), aws_managed());
    let app = row(&view, "smtui-demo-app");
    assert_eq!(app.can_read(), CanRead::Denied);
    assert!(!readers(&view).contains(&"smtui-demo-app"));
    assert!(readers(&view).contains(&"smtui-demo-auditor"));
}

#[test]
fn another_account_named_by_the_policy_reads_through_its_own_iam_and_the_shared_key() {
    let policy = r#"{"Statement":[{"Sid":"PartnerAccountReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
    let key = r#"{"Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},{"Sid":"PartnerAccountDecrypts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"kms:Decrypt","Resource":"*"}]}"#;
    let view = view(
        "shared/partners/sftp-credentials",
        Some(policy),
        customer_key(key),
    );
    let partner = row(&view, "account 210987654321 (root)");
    assert_eq!(partner.reach, Reach::OtherAccount);
    assert_eq!(partner.can_read(), CanRead::Yes);
    assert!(
        super::view::summary(&view.rows, &view.reads).contains("1 outside the account, public: no")
    );
}

#[test]
fn a_public_policy_lets_anyone_read_and_the_summary_says_so() {
    let policy = r#"{"Statement":{"Sid":"AnyoneReads","Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#;
    let view = view(
        "prod/marketing/public-feed-token",
        Some(policy),
        aws_managed(),
    );
    let anyone = row(&view, "anyone (*)");
    assert_eq!(anyone.reach, Reach::Public);
    assert!(anyone.may_read());
    assert!(super::view::summary(&view.rows, &view.reads).ends_with("public: yes)"));
}

#[test]
fn a_key_policy_that_does_not_delegate_stops_a_role_iam_allows() {
    let key = r#"{"Statement":[{"Sid":"KeyAdministrators","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["kms:Create*","kms:Describe*","kms:Get*","kms:Put*"],"Resource":"*"},{"Sid":"AnalyticsReaderDecrypts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/smtui-demo-analytics-reader"},"Action":"kms:Decrypt","Resource":"*"}]}"#;
    let view = view("prod/vault/transit-unseal-key", None, customer_key(key));
    assert_eq!(row(&view, "smtui-demo-app").can_read(), CanRead::KeyStops);
    assert_eq!(
        row(&view, "account 123456789012 (root)").can_read(),
        CanRead::KeyStops
    );
    // The reader may decrypt but IAM does not let it call GetSecretValue on this secret.
    assert!(
        readers(&view)
            .iter()
            .all(|r| *r != "smtui-demo-analytics-reader")
    );

    // The simulator, which does not read key policies, says allowed: not a disagreement.
    let simulation = Simulation {
        decision: "allowed".to_owned(),
        matched: vec![MatchedStatement {
            policy: "smtui-demo-app-secrets".to_owned(),
            kind: "IAM Policy".to_owned(),
        }],
        missing_context: Vec::new(),
        boundary_allows: None,
    };
    let (words, disagree) = compare(row(&view, "smtui-demo-app"), &simulation);
    assert!(!disagree, "{words}");
    assert!(words.contains("does not read the key policy"), "{words}");
}

#[test]
fn the_simulator_contradicting_smtui_is_said() {
    let view = view("prod/analytics/snowflake-reader", None, aws_managed());
    let simulation = Simulation {
        decision: "implicitDeny".to_owned(),
        matched: Vec::new(),
        missing_context: vec!["aws:SourceIp".to_owned()],
        boundary_allows: None,
    };
    let (words, disagree) = compare(row(&view, "smtui-demo-analytics-reader"), &simulation);
    assert!(disagree);
    assert!(
        words.contains("DISAGREES") && words.contains("aws:SourceIp"),
        "{words}"
    );
}

#[test]
fn a_policy_that_cannot_be_read_is_said_and_the_rest_still_evaluated() {
    let mut pages = pages();
    pages[0].roles[0].inline[0].text = "{not json".to_owned();
    let iam = AccountIam::from_pages(&pages);
    assert_eq!(iam.unreadable.len(), 1);
    assert_eq!(iam.unreadable[0].0, "read-snowflake-reader (inline)");
    assert!(iam.find(APP).is_some_and(|app| app.policies.len() == 1));
}
