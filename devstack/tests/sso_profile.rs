//! aws-config's own IAM Identity Center support against the stack: the demo's SSO profile
//! (`[sso-session]` + `sso_account_id`/`sso_role_name` + `endpoint_url`) loaded with a
//! token cache file written as the AWS CLI writes it, under a temporary HOME. A binary of
//! its own: aws-config finds the cache through `HOME`, which this test sets for the
//! whole process.

use std::path::Path;

use anyhow::{Context, Result};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_secretsmanager::config::ProvideCredentials;
use sha1::Digest;
use smtui_devstack::demo_config;
use smtui_devstack::fixtures::{PRIMARY_REGION, org, sso};
use smtui_devstack::{Stack, StackOptions};

/// Environment that would point the SDK elsewhere than the profile says.
const CLEARED: [&str; 9] = [
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
];

/// The token cache file the AWS CLI writes for an `[sso-session]`:
/// `~/.aws/sso/cache/<sha1 of the session name>.json`.
fn cache_path(home: &Path) -> std::path::PathBuf {
    let digest = sha1::Sha1::digest(sso::SESSION_NAME.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    home.join(".aws/sso/cache").join(format!("{hex}.json"))
}

fn rfc3339_in(secs: i64) -> Result<String> {
    let t = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_secs(secs))?;
    Ok(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Signs in with the device flow (the SDK's OIDC client at the stack); the cache file's
/// fields: `(clientId, clientSecret, accessToken, refreshToken)`.
async fn sign_in(stack: &Stack) -> Result<(String, String, String, String)> {
    let conf = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(sso::SSO_REGION))
        .endpoint_url(stack.endpoint_url())
        .build();
    let oidc = aws_sdk_ssooidc::Client::new(&conf);
    let reg = oidc
        .register_client()
        .client_name("botocore-client-smtui-demo")
        .client_type("public")
        .scopes(sso::REGISTRATION_SCOPE)
        .send()
        .await?;
    let (id, secret) = (
        reg.client_id().context("clientId")?.to_string(),
        reg.client_secret().context("clientSecret")?.to_string(),
    );
    let started = oidc
        .start_device_authorization()
        .client_id(&id)
        .client_secret(&secret)
        .start_url(sso::START_URL)
        .send()
        .await?;
    assert!(
        stack
            .proxy()
            .approve_device(started.user_code().context("userCode")?)
    );
    let token = oidc
        .create_token()
        .client_id(&id)
        .client_secret(&secret)
        .grant_type("urn:ietf:params:oauth:grant-type:device_code")
        .device_code(started.device_code().context("deviceCode")?)
        .send()
        .await?;
    Ok((
        id,
        secret,
        token.access_token().context("accessToken")?.to_string(),
        token.refresh_token().context("refreshToken")?.to_string(),
    ))
}

/// The demo's SSO profile as aws-config loads it (the file is `AWS_CONFIG_FILE`).
async fn load_profile() -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .profile_name(demo_config::SSO_PROFILE)
        .load()
        .await
}

#[test]
fn the_demo_sso_profile_yields_working_credentials_from_the_cli_token_cache() -> Result<()> {
    let home = std::env::temp_dir().join(format!("smtui-devstack-sso-{}", std::process::id()));
    std::fs::create_dir_all(&home)?;
    let stack = Stack::start_blocking(StackOptions::default())?;
    let config = demo_config::write(&home, &stack.endpoint_url())?;
    let credentials_file = home.join("credentials");
    std::fs::write(&credentials_file, "")?;
    // SAFETY: the one test of this binary, before any SDK or thread of its own reads the
    // environment (the stack's runtime reads none of these).
    #[allow(unsafe_code)]
    unsafe {
        for k in CLEARED {
            std::env::remove_var(k);
        }
        std::env::set_var("HOME", &home);
        std::env::set_var("AWS_CONFIG_FILE", &config);
        std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &credentials_file);
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let (client_id, client_secret, access, refresh) = sign_in(&stack).await?;
        let cache = cache_path(&home);
        std::fs::create_dir_all(cache.parent().context("cache dir")?)?;
        // Expiring within aws-config's 5-minute refresh window: it refreshes the token
        // with OIDC CreateToken first (at the profile's endpoint_url) and saves it.
        let entry = serde_json::json!({
            "startUrl": sso::START_URL,
            "region": sso::SSO_REGION,
            "accessToken": access,
            "expiresAt": rfc3339_in(120)?,
            "clientId": client_id,
            "clientSecret": client_secret,
            "registrationExpiresAt": rfc3339_in(90 * 86_400)?,
            "refreshToken": refresh,
        });
        std::fs::write(&cache, serde_json::to_string_pretty(&entry)?)?;

        let conf = load_profile().await;
        assert_eq!(conf.endpoint_url(), Some(stack.endpoint_url().as_str()));
        let creds = conf
            .credentials_provider()
            .context("a credentials provider")?
            .provide_credentials()
            .await?;
        assert_eq!(
            creds.account_id().map(|a| a.as_str()),
            Some(demo_config::SSO_PROFILE_ACCOUNT)
        );
        let refreshed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&cache)?)?;
        assert_ne!(
            refreshed["accessToken"], entry["accessToken"],
            "refreshed through the stack"
        );
        assert_ne!(refreshed["refreshToken"], entry["refreshToken"]);

        // The credentials are the role's in payments-prod: its own secrets, no others.
        let who = aws_sdk_sts::Client::new(&conf)
            .get_caller_identity()
            .send()
            .await?;
        assert_eq!(who.account(), Some(org::PAYMENTS_PROD.id));
        let arn = who.arn().context("an ARN")?;
        assert!(
            arn.ends_with(&format!(
                ":assumed-role/{}/{}",
                sso::READER_ROLE,
                sso::USER_NAME
            )),
            "{arn}"
        );
        let listed = aws_sdk_secretsmanager::Client::new(&conf)
            .list_secrets()
            .send()
            .await?;
        let mut names: Vec<&str> = listed
            .secret_list()
            .iter()
            .filter_map(|s| s.name())
            .collect();
        names.sort_unstable();
        let mut expected: Vec<&str> = org::PAYMENTS_PROD
            .secrets_in(PRIMARY_REGION)
            .iter()
            .map(|s| s.name)
            .collect();
        expected.sort_unstable();
        assert_eq!(names, expected);

        // Once the portal refuses the token (expired on its side, still valid in the
        // file, so not refreshed), a fresh load of the profile gets no credentials.
        assert!(stack.proxy().expire_sso_tokens() >= 1);
        let conf = load_profile().await;
        let refused = conf
            .credentials_provider()
            .context("a credentials provider")?
            .provide_credentials()
            .await
            .expect_err("the portal refuses the expired token");
        let text = format!("{:?}", anyhow::Error::new(refused));
        assert!(text.contains("UnauthorizedException"), "{text}");
        anyhow::Ok(())
    })?;
    std::fs::remove_dir_all(&home)?;
    Ok(())
}
