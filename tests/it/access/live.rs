//! The access pane's reads with the real SDK against the local stack: the account's IAM page
//! by page with its total, the seeded secrets' resource policies, customer managed keys with
//! their policies and the AWS managed key without, the simulator's answers (recorded by the
//! proxy), and a refused read that names the permission it lacks (IAM auth on).

use std::time::Duration;

use smtui_aws::{AwsContext, ErrorKind, iam, kms, secrets};
use smtui_core::model::access::{AccountIam, IamPage, Simulation};
use smtui_devstack::{Stack, StackOptions, fixtures as fx};
use tokio::sync::OnceCell;

use crate::common::live::sdk_config;

/// The seeded account, principals and secrets (`devstack::fixtures`).
const ACCOUNT: &str = "123456789012";
const READER_ROLE: &str = "smtui-demo-analytics-reader";
const APP_ROLE: &str = "smtui-demo-app";
const AUDITORS: &str = "smtui-demo-auditors";
const AUDITOR: &str = "smtui-demo-auditor";
const INTERN: &str = "smtui-demo-intern";
const READER_SECRET: &str = "prod/analytics/snowflake-reader";
const DENIED_SECRET: &str = "prod/hr/workday-api-key";
const SHARED_SECRET: &str = "shared/partners/sftp-credentials";
const PUBLIC_SECRET: &str = "prod/marketing/public-feed-token";
const VAULT_SECRET: &str = "prod/vault/transit-unseal-key";

static STACK: OnceCell<Stack> = OnceCell::const_new();

pub(super) async fn stack() -> &'static Stack {
    STACK
        .get_or_init(|| async {
            Stack::start(StackOptions {
                seed: true,
                ..StackOptions::default()
            })
            .await
            .expect("local stack starts")
        })
        .await
}

pub(super) async fn context(stack: &Stack) -> AwsContext {
    AwsContext::from_config(sdk_config(&stack.endpoint_url()).await)
}

/// The secret's ARN and its key as DescribeSecret gives them.
pub(super) async fn described(stack: &Stack, name: &str) -> (String, Option<String>) {
    let out = aws_sdk_secretsmanager::Client::new(&sdk_config(&stack.endpoint_url()).await)
        .describe_secret()
        .secret_id(name)
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeSecret {name}: {e:?}"));
    (
        out.arn().expect("an ARN").to_owned(),
        out.kms_key_id().map(str::to_owned),
    )
}

/// Every page of the account's IAM, as the pane reads them, and the first page's total.
pub(super) async fn every_page(ctx: &AwsContext) -> (Vec<IamPage>, Option<usize>) {
    let (first, total) = iam::authorization_page(ctx, fx::PRIMARY_REGION, None).await;
    let mut pages = vec![first.expect("the first page")];
    while let Some(marker) = pages.last().and_then(|p| p.marker.clone()) {
        let (page, more) = iam::authorization_page(ctx, fx::PRIMARY_REGION, Some(&marker)).await;
        assert_eq!(more, None, "only the first page asks for the total");
        pages.push(page.expect("a later page"));
    }
    (pages, total)
}

fn arn(kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:{kind}/{name}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_s_iam_reads_page_by_page_with_its_documents_decoded() {
    let stack = stack().await;
    let ctx = context(stack).await;
    let (pages, total) = every_page(&ctx).await;
    let entities: usize = pages.iter().map(IamPage::entities).sum();
    assert_eq!(
        total,
        Some(entities),
        "GetAccountSummary counts what the pages describe"
    );
    let users = || pages.iter().flat_map(|p| &p.users);
    let roles = || pages.iter().flat_map(|p| &p.roles);
    let reader = roles()
        .find(|r| r.name == READER_ROLE)
        .expect("the reader role");
    assert_eq!(reader.arn, arn("role", READER_ROLE));
    let inline = reader
        .inline
        .iter()
        .find(|p| p.name == "read-snowflake-reader")
        .expect("its inline policy");
    assert!(
        inline.text.trim_start().starts_with('{') && inline.text.contains(READER_SECRET),
        "decoded JSON naming the secret: {}",
        inline.text
    );
    let app = roles().find(|r| r.name == APP_ROLE).expect("the app role");
    let app_policy = arn("policy", "smtui-demo-app-secrets");
    assert!(app.attached.contains(&app_policy), "{:?}", app.attached);
    let managed = pages
        .iter()
        .flat_map(|p| &p.policies)
        .find(|p| p.arn == app_policy)
        .expect("the attached policy is described");
    assert_eq!(managed.name, "smtui-demo-app-secrets");
    assert!(
        managed
            .document
            .as_deref()
            .is_some_and(|d| d.trim_start().starts_with('{')),
        "its default version's document: {managed:?}"
    );
    let group = pages
        .iter()
        .flat_map(|p| &p.groups)
        .find(|g| g.name == AUDITORS)
        .expect("the auditors' group");
    assert!(group.inline.iter().any(|p| p.name == "read-prod"));
    let auditor = users().find(|u| u.name == AUDITOR).expect("the auditor");
    assert_eq!(auditor.groups, vec![AUDITORS.to_owned()]);
    let intern = users().find(|u| u.name == INTERN).expect("the intern");
    assert!(
        intern.inline.iter().any(|p| p.name == "everything-secrets"),
        "{intern:?}"
    );
    assert_eq!(
        intern.boundary.as_deref(),
        Some(arn("policy", "smtui-demo-intern-boundary").as_str())
    );
    // Every document the core reads is readable: none was left URL-encoded.
    let account = AccountIam::from_pages(&pages);
    assert!(account.unreadable.is_empty(), "{:?}", account.unreadable);
    assert!(account.find(&arn("user", AUDITOR)).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resource_policies_read_with_their_statements() {
    let stack = stack().await;
    let ctx = context(stack).await;
    for (secret, sid) in [
        (DENIED_SECRET, "DenyAppRole"),
        (SHARED_SECRET, "PartnerAccountReads"),
        (PUBLIC_SECRET, "AnyoneReads"),
    ] {
        let (secret_arn, _) = described(stack, secret).await;
        let policy = secrets::policy(&ctx, fx::PRIMARY_REGION, &secret_arn)
            .await
            .unwrap_or_else(|e| panic!("{secret}: {e}"))
            .unwrap_or_else(|| panic!("{secret} has a policy"));
        assert!(policy.contains(&format!("\"{sid}\"")), "{secret}: {policy}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_managed_keys_read_with_their_policies() {
    let stack = stack().await;
    let ctx = context(stack).await;
    for (secret, sids) in [
        (
            SHARED_SECRET,
            &["Enable IAM User Permissions", "PartnerAccountDecrypts"][..],
        ),
        (
            VAULT_SECRET,
            &["KeyAdministrators", "AnalyticsReaderDecrypts"][..],
        ),
    ] {
        let (_, key_id) = described(stack, secret).await;
        let key_id = key_id.unwrap_or_else(|| panic!("{secret} has its own key"));
        let facts = kms::key(&ctx, fx::PRIMARY_REGION, &key_id)
            .await
            .unwrap_or_else(|e| panic!("{secret}: {e}"));
        assert!(
            facts.arn.starts_with(&format!(
                "arn:aws:kms:{}:{ACCOUNT}:key/",
                fx::PRIMARY_REGION
            )),
            "by its ARN, whatever DescribeSecret named it by ({key_id}): {facts:?}"
        );
        assert!(!facts.aws_managed, "{facts:?}");
        let policy = facts.policy.expect("a customer managed key's policy");
        for sid in sids {
            assert!(policy.contains(&format!("\"{sid}\"")), "{secret}: {policy}");
        }
    }
    // The AWS managed key: its policy is AWS's own, and is not asked for.
    let aws = kms::key(&ctx, fx::PRIMARY_REGION, "alias/aws/secretsmanager")
        .await
        .expect("DescribeKey of the AWS managed key");
    assert!(aws.aws_managed, "{aws:?}");
    assert_eq!(aws.policy, None);
}

/// What the simulator answers for `principal` reading `secret`, given its resource policy.
async fn simulated(stack: &Stack, principal: &str, secret: &str) -> Simulation {
    let ctx = context(stack).await;
    let (secret_arn, _) = described(stack, secret).await;
    let policy = secrets::policy(&ctx, fx::PRIMARY_REGION, &secret_arn)
        .await
        .expect("GetResourcePolicy");
    iam::simulate(
        &ctx,
        fx::PRIMARY_REGION,
        principal,
        &secret_arn,
        policy.as_deref(),
    )
    .await
    .unwrap_or_else(|e| panic!("SimulatePrincipalPolicy {principal} on {secret}: {e}"))
}

fn matched(simulation: &Simulation) -> Vec<(&str, &str)> {
    simulation
        .matched
        .iter()
        .map(|m| (m.policy.as_str(), m.kind.as_str()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_simulator_s_decision_statements_and_boundary_are_read() {
    let stack = stack().await;
    let reader = simulated(stack, &arn("role", READER_ROLE), READER_SECRET).await;
    assert_eq!(reader.decision, "allowed", "{reader:?}");
    assert!(reader.allows());
    assert_eq!(matched(&reader), [("read-snowflake-reader", "role")]);
    assert_eq!(reader.boundary_allows, None);
    // The resource policy was sent: its explicit deny decides.
    let app = simulated(stack, &arn("role", APP_ROLE), DENIED_SECRET).await;
    assert_eq!(app.decision, "explicitDeny", "{app:?}");
    assert_eq!(matched(&app), [("ResourcePolicy", "resource")]);
    let intern = simulated(stack, &arn("user", INTERN), PUBLIC_SECRET).await;
    assert_eq!(intern.decision, "implicitDeny", "{intern:?}");
    assert_eq!(intern.boundary_allows, Some(false), "its boundary stops it");
}

/// A user who may only describe secrets: IAM's and KMS's reads are refused with the code and
/// the service's words, which name the permission the pane lacks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_read_keeps_the_code_and_the_words_that_name_the_permission() {
    use smtui_devstack::iam as users;
    let options = StackOptions {
        seed: false,
        enforce_iam_auth: true,
        // The user's setup and one CreateKey.
        unauthenticated_setup_calls: users::USER_SETUP_CALLS + 1,
        ..StackOptions::default()
    };
    let stack = Stack::start(options).await.expect("stack");
    let endpoint = stack.endpoint_url();
    let user =
        users::create_user_allowed(&endpoint, "describer", &["secretsmanager:DescribeSecret"])
            .await
            .expect("IAM user");
    let key = aws_sdk_kms::Client::new(&sdk_config(&endpoint).await)
        .create_key()
        .send()
        .await
        .expect("CreateKey");
    let key_id = key.key_metadata().expect("metadata").key_id().to_owned();
    let config =
        crate::common::live::sdk_config_as(&endpoint, &user.access_key_id, &user.secret_access_key)
            .await;
    let ctx = AwsContext::from_config(config);
    let denied = |error: &smtui_aws::AwsError, operation: &str, action: &str| {
        assert_eq!(error.kind, ErrorKind::AccessDenied, "{error}");
        assert_eq!(error.operation, operation);
        assert!(error.code.is_some(), "the code is kept: {error}");
        assert!(
            error.message.as_deref().is_some_and(|m| m.contains(action)),
            "the service's words name {action}: {error}"
        );
    };
    let (page, total) = tokio::time::timeout(
        Duration::from_mins(1),
        iam::authorization_page(&ctx, fx::PRIMARY_REGION, None),
    )
    .await
    .expect("answered");
    let error = page.expect_err("refused");
    denied(
        &error,
        "GetAccountAuthorizationDetails",
        "iam:GetAccountAuthorizationDetails",
    );
    assert_eq!(total, None, "the summary is refused too, and fails nothing");
    let error = kms::key(&ctx, fx::PRIMARY_REGION, &key_id)
        .await
        .expect_err("refused");
    denied(&error, "DescribeKey", "kms:DescribeKey");
}
