//! IAM Identity Center against one shared seeded stack, through the real aws-sdk-ssooidc
//! and aws-sdk-sso clients pointed at the proxy: the device flow (register, start,
//! pending, slow down, approved, token, refresh), the portal with its token (accounts,
//! roles, credentials), the credentials reading the account's secrets through moto and
//! attributed to the role, and the refusals (an expired or unknown token, a role not
//! assigned, an expired device code).

#[path = "sso/refusals.rs"]
mod refusals;

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::{Context, Result};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sso::error::ProvideErrorMetadata;
use smtui_devstack::fixtures::{PRIMARY_REGION, org, sso};
use smtui_devstack::{Stack, StackOptions};

fn stack() -> &'static Stack {
    static STACK: OnceLock<Stack> = OnceLock::new();
    STACK.get_or_init(|| Stack::start_blocking(StackOptions::default()).expect("stack starts"))
}

fn run(test: impl std::future::Future<Output = Result<()>>) -> Result<()> {
    stack();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(test)
}

/// What smtui will give the SSO clients: the stack as endpoint, the SSO region, and no
/// credentials at all (both services are unsigned).
fn unsigned() -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(sso::SSO_REGION))
        .endpoint_url(stack().endpoint_url())
        .build()
}

fn oidc() -> aws_sdk_ssooidc::Client {
    aws_sdk_ssooidc::Client::new(&unsigned())
}

fn portal() -> aws_sdk_sso::Client {
    aws_sdk_sso::Client::new(&unsigned())
}

/// The HTTP status of an SDK error's raw response.
fn status<E>(
    e: &aws_sdk_sso::error::SdkError<E, aws_sdk_sso::config::http::HttpResponse>,
) -> Option<u16> {
    e.raw_response().map(|r| r.status().as_u16())
}

struct Registered {
    client_id: String,
    client_secret: String,
}

async fn register() -> Result<Registered> {
    let out = oidc()
        .register_client()
        .client_name("smtui-test")
        .client_type("public")
        .scopes(sso::REGISTRATION_SCOPE)
        .send()
        .await?;
    assert!(out.client_id_issued_at() > 0);
    assert!(out.client_secret_expires_at() > out.client_id_issued_at());
    Ok(Registered {
        client_id: out.client_id().context("clientId")?.to_string(),
        client_secret: out.client_secret().context("clientSecret")?.to_string(),
    })
}

async fn poll(
    client: &Registered,
    device_code: &str,
) -> Result<
    aws_sdk_ssooidc::operation::create_token::CreateTokenOutput,
    aws_sdk_ssooidc::error::SdkError<aws_sdk_ssooidc::operation::create_token::CreateTokenError>,
> {
    oidc()
        .create_token()
        .client_id(&client.client_id)
        .client_secret(&client.client_secret)
        .grant_type("urn:ietf:params:oauth:grant-type:device_code")
        .device_code(device_code)
        .send()
        .await
}

/// The device flow start to end, approved through `ProxyHandle::approve_device`: an
/// access token and a refresh token.
async fn sign_in() -> Result<(Registered, String, String)> {
    let client = register().await?;
    let started = oidc()
        .start_device_authorization()
        .client_id(&client.client_id)
        .client_secret(&client.client_secret)
        .start_url(sso::START_URL)
        .send()
        .await?;
    let code = started.user_code().context("userCode")?.to_string();
    let device = started.device_code().context("deviceCode")?.to_string();
    assert!(stack().proxy().approve_device(&code));
    let token = poll(&client, &device).await?;
    Ok((
        client,
        token.access_token().context("accessToken")?.to_string(),
        token.refresh_token().context("refreshToken")?.to_string(),
    ))
}

/// A GET of `url` (the "browser"): its status and body.
async fn browse(url: &str) -> Result<(u16, String)> {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<bytes::Bytes>>();
    let resp = client.get(url.parse()?).await?;
    let status = resp.status().as_u16();
    let body = resp.into_body().collect().await?.to_bytes();
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

#[test]
fn the_device_flow_is_pending_until_the_browser_approves_it() -> Result<()> {
    run(async {
        let client = register().await?;
        let started = oidc()
            .start_device_authorization()
            .client_id(&client.client_id)
            .client_secret(&client.client_secret)
            .start_url(sso::START_URL)
            .send()
            .await?;
        let code = started.user_code().context("userCode")?;
        let device = started.device_code().context("deviceCode")?;
        assert!(
            code.len() == 9 && code.as_bytes()[4] == b'-',
            "XXXX-XXXX: {code}"
        );
        assert_eq!(started.expires_in(), 600);
        assert_eq!(started.interval(), 1);
        let complete = started
            .verification_uri_complete()
            .context("complete URI")?;
        let base = started.verification_uri().context("verification URI")?;
        assert_eq!(
            base,
            format!("{}/smtui-devstack/approve", stack().endpoint_url())
        );
        assert_eq!(complete, format!("{base}?user_code={code}"));

        let pending = poll(&client, device).await.expect_err("not approved yet");
        let pending = pending.into_service_error();
        assert!(pending.is_authorization_pending_exception(), "{pending:?}");
        assert_eq!(pending.code(), Some("AuthorizationPendingException"));
        // Polled again at once, faster than the interval.
        let fast = poll(&client, device).await.expect_err("too fast");
        assert!(fast.into_service_error().is_slow_down_exception());

        let (status, text) = browse(complete).await?;
        assert_eq!(status, 200, "{text}");
        assert!(text.contains("approved"), "{text}");
        tokio::time::sleep(Duration::from_millis(1_100)).await;
        let token = poll(&client, device).await?;
        assert_eq!(token.token_type(), Some("Bearer"));
        assert_eq!(token.expires_in(), 8 * 3_600);
        let access = token.access_token().context("accessToken")?;
        assert!(token.refresh_token().is_some());

        // A device code is redeemed once; the approval page knows the code no more.
        let again = poll(&client, device).await.expect_err("used");
        assert!(again.into_service_error().is_invalid_grant_exception());
        assert_eq!(browse(complete).await?.0, 404);

        // The token works at the portal.
        let accounts = portal().list_accounts().access_token(access).send().await?;
        assert!(!accounts.account_list().is_empty());
        Ok(())
    })
}

#[test]
fn the_portal_lists_the_assigned_accounts_and_roles() -> Result<()> {
    run(async {
        let (_, token, _) = sign_in().await?;
        // Two per page: every page follows nextToken (max_result on the wire).
        let mut pages = portal()
            .list_accounts()
            .access_token(&token)
            .max_results(2)
            .into_paginator()
            .send();
        let mut seen = Vec::new();
        let mut page_count = 0;
        while let Some(page) = pages.next().await {
            let page = page?;
            page_count += 1;
            assert!(page.account_list().len() <= 2);
            for a in page.account_list() {
                seen.push((
                    a.account_id().context("id")?.to_string(),
                    a.account_name().context("name")?.to_string(),
                    a.email_address().context("email")?.to_string(),
                ));
            }
        }
        let expected: Vec<_> = sso::assigned_accounts()
            .iter()
            .map(|a| (a.id.to_string(), a.name.to_string(), a.email.to_string()))
            .collect();
        assert_eq!(seen, expected);
        assert_eq!(page_count, expected.len().div_ceil(2));

        for account in org::MEMBER_ACCOUNTS {
            let roles = portal()
                .list_account_roles()
                .access_token(&token)
                .account_id(account.id)
                .send()
                .await?;
            let names: Vec<&str> = roles
                .role_list()
                .iter()
                .filter_map(|r| r.role_name())
                .collect();
            assert_eq!(names, sso::roles_in(account.id), "{}", account.name);
            assert!(
                roles
                    .role_list()
                    .iter()
                    .all(|r| r.account_id() == Some(account.id))
            );
        }
        // "Every account where I have SecretsAdmin" is a proper subset of the reader's.
        let admin = sso::accounts_with(sso::ADMIN_ROLE);
        assert_eq!(admin.len(), 2);
        assert_eq!(sso::accounts_with(sso::READER_ROLE).len(), 5);
        Ok(())
    })
}

#[test]
fn role_credentials_read_that_accounts_secrets_as_that_role() -> Result<()> {
    run(async {
        let (_, token, _) = sign_in().await?;
        let account = org::IDENTITY_PROD;
        let before = jiff::Timestamp::now().as_millisecond();
        let out = portal()
            .get_role_credentials()
            .access_token(&token)
            .account_id(account.id)
            .role_name(sso::READER_ROLE)
            .send()
            .await?;
        let creds = out.role_credentials().context("roleCredentials")?;
        // Epoch milliseconds, an hour ahead.
        let ahead = creds.expiration() - before;
        assert!((3_500_000..=3_700_000).contains(&ahead), "{ahead}");
        let key = creds.access_key_id().context("key")?;
        let credentials = aws_sdk_secretsmanager::config::Credentials::new(
            key,
            creds.secret_access_key().context("secret")?,
            creds.session_token().map(str::to_string),
            None,
            "sso",
        );
        let conf = stack()
            .sdk_config(PRIMARY_REGION)
            .to_builder()
            .credentials_provider(
                aws_sdk_secretsmanager::config::SharedCredentialsProvider::new(credentials),
            )
            .build();
        let who = aws_sdk_sts::Client::new(&conf)
            .get_caller_identity()
            .send()
            .await?;
        assert_eq!(who.account(), Some(account.id));
        let listed: BTreeSet<String> = aws_sdk_secretsmanager::Client::new(&conf)
            .list_secrets()
            .send()
            .await?
            .secret_list()
            .iter()
            .filter_map(|s| s.name().map(str::to_string))
            .collect();
        let expected: BTreeSet<String> = account
            .secrets_in(PRIMARY_REGION)
            .iter()
            .map(|s| s.name.to_string())
            .collect();
        assert_eq!(listed, expected);

        let role_arn = org::role_arn(account.id, sso::READER_ROLE);
        assert!(
            stack()
                .proxy()
                .credentials_issued_for(&role_arn)
                .contains(&key.to_string())
        );
        let calls = stack().proxy().recorded_calls("ListSecrets", account.id);
        let call = calls
            .iter()
            .find(|c| c.access_key_id == key)
            .context("the ListSecrets is recorded")?;
        assert_eq!(call.role_arn().as_deref(), Some(role_arn.as_str()));

        // The permission set's role, as seeded in that account.
        let set = sso::permission_set(sso::READER_ROLE).context("the reader's set")?;
        let policy = aws_sdk_iam::Client::new(&conf)
            .get_role_policy()
            .role_name(sso::READER_ROLE)
            .policy_name(set.policy_name)
            .send()
            .await?;
        let document = policy.policy_document();
        let document = if document.starts_with('%') {
            percent_decode(document)
        } else {
            document.to_string()
        };
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&document)?,
            serde_json::from_str::<serde_json::Value>(set.policy)?
        );

        // Expired like any AssumeRole's credentials.
        assert!(stack().proxy().expire_role(&role_arn) >= 1);
        let expired = aws_sdk_secretsmanager::Client::new(&conf)
            .list_secrets()
            .send()
            .await
            .expect_err("expired");
        assert_eq!(expired.code(), Some("ExpiredTokenException"));
        assert!(
            call.identity_arn.ends_with(&format!(
                ":assumed-role/{}/{}",
                sso::READER_ROLE,
                sso::USER_NAME
            )),
            "{}",
            call.identity_arn
        );
        Ok(())
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A process given the stack's environment sends its Identity Center calls to the stack:
/// the service-specific endpoint variables, which would win over AWS_ENDPOINT_URL, are
/// removed.
#[test]
fn the_stack_environment_leaves_no_sso_endpoint_of_the_users() {
    let mut cmd = std::process::Command::new("true");
    stack().apply_env(&mut cmd);
    let envs: Vec<_> = cmd.get_envs().collect();
    for name in ["AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC"] {
        assert!(
            envs.contains(&(std::ffi::OsStr::new(name), None)),
            "{name} removed"
        );
    }
    let endpoint = stack().endpoint_url();
    assert!(envs.contains(&(
        std::ffi::OsStr::new("AWS_ENDPOINT_URL"),
        Some(std::ffi::OsStr::new(&endpoint))
    )));
}
