//! The access portal: the accounts a token grants (ListAccounts), the roles in each
//! (ListAccountRoles), and a role's short-term credentials (GetRoleCredentials), which
//! become an identity the runner holds in memory like an assumed role's.

use aws_sdk_secretsmanager::config::{Credentials, SharedCredentialsProvider};
use smtui_core::app::Assumed;
use smtui_core::model::AwsError;
use smtui_core::model::sso::{PortalAccount, SsoLogin};
use tokio::task::JoinSet;

use crate::AwsContext;

/// ListAccountRoles asked at once, at most (the portal throttles a burst).
const ROLES_IN_FLIGHT: usize = 8;

/// An SDK error of the portal's, with "not signed in" said as such.
fn portal_error<E, B>(
    operation: &'static str,
    login: &SsoLogin,
    e: &aws_sdk_sso::error::SdkError<E, aws_smithy_runtime_api::http::Response<B>>,
) -> AwsError
where
    E: aws_sdk_sso::error::ProvideErrorMetadata,
{
    let error = crate::error::from_sdk(operation, &login.region, e);
    if error.code.as_deref() == Some(super::SIGNED_OUT) {
        return super::signed_out("the portal refused the token");
    }
    error
}

/// Every account the signed-in user is assigned in, with their roles in each, sorted by
/// account name.
pub async fn accounts(ctx: &AwsContext, login: &SsoLogin) -> Result<Vec<PortalAccount>, AwsError> {
    let token = super::token(ctx, login).await?;
    let portal = super::portal(ctx, login);
    let mut accounts = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let page = portal
            .list_accounts()
            .access_token(token.as_str())
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|e| portal_error("ListAccounts", login, &e))?;
        for account in page.account_list() {
            accounts.push(PortalAccount {
                id: account.account_id().unwrap_or_default().to_owned(),
                name: account.account_name().unwrap_or_default().to_owned(),
                email: account.email_address().unwrap_or_default().to_owned(),
                roles: Vec::new(),
            });
        }
        next = page.next_token().map(str::to_owned);
        if next.is_none() {
            break;
        }
    }
    let mut asked: JoinSet<Result<(usize, Vec<String>), AwsError>> = JoinSet::new();
    let ids: Vec<String> = accounts.iter().map(|a| a.id.clone()).collect();
    for (at, id) in ids.into_iter().enumerate() {
        if asked.len() >= ROLES_IN_FLIGHT
            && let Some(done) = asked.join_next().await
        {
            let (at, roles) = joined(done)??;
            accounts_roles(&mut accounts, at, roles);
        }
        let (portal, token, login) = (portal.clone(), token.clone(), login.clone());
        asked.spawn(async move { Ok((at, roles_in(&portal, &token, &login, &id).await?)) });
    }
    while let Some(done) = asked.join_next().await {
        let (at, roles) = joined(done)??;
        accounts_roles(&mut accounts, at, roles);
    }
    accounts.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(accounts)
}

fn accounts_roles(accounts: &mut [PortalAccount], at: usize, roles: Vec<String>) {
    if let Some(account) = accounts.get_mut(at) {
        account.roles = roles;
    }
}

/// A task's answer, or why it has none (it panicked: said, not propagated).
fn joined<T>(done: Result<T, tokio::task::JoinError>) -> Result<T, AwsError> {
    done.map_err(|_| AwsError::invalid("ListAccountRoles", "global", "the request's task failed"))
}

/// Every role name the user has in `account_id`, sorted.
async fn roles_in(
    portal: &aws_sdk_sso::Client,
    token: &str,
    login: &SsoLogin,
    account_id: &str,
) -> Result<Vec<String>, AwsError> {
    let mut roles = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let page = portal
            .list_account_roles()
            .access_token(token)
            .account_id(account_id)
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|e| portal_error("ListAccountRoles", login, &e))?;
        roles.extend(
            page.role_list()
                .iter()
                .filter_map(|r| r.role_name().map(str::to_owned)),
        );
        next = page.next_token().map(str::to_owned);
        if next.is_none() {
            break;
        }
    }
    roles.sort();
    Ok(roles)
}

/// GetRoleCredentials of `role_name` in `account_id`: a context calling as it (in
/// `region`, when given), and when its credentials expire.
pub(crate) async fn role_credentials(
    ctx: &AwsContext,
    login: &SsoLogin,
    account_id: &str,
    role_name: &str,
    region: Option<&str>,
) -> Result<(AwsContext, Assumed), AwsError> {
    let token = super::token(ctx, login).await?;
    let out = super::portal(ctx, login)
        .get_role_credentials()
        .access_token(token.as_str())
        .account_id(account_id)
        .role_name(role_name)
        .send()
        .await
        .map_err(|e| portal_error("GetRoleCredentials", login, &e))?;
    let creds = out.role_credentials().ok_or_else(|| {
        AwsError::invalid(
            "GetRoleCredentials",
            &login.region,
            "the answer held no credentials",
        )
    })?;
    let (Some(key), Some(secret)) = (creds.access_key_id(), creds.secret_access_key()) else {
        return Err(AwsError::invalid(
            "GetRoleCredentials",
            &login.region,
            "the answer held no keys",
        ));
    };
    // The portal gives the expiry in milliseconds since the epoch.
    let expires = jiff::Timestamp::from_millisecond(creds.expiration()).ok();
    let expiry = expires.map(std::time::SystemTime::from);
    let provider = Credentials::new(
        key,
        secret,
        creds.session_token().map(str::to_owned),
        expiry,
        "smtui-identity-center",
    );
    let mut config = ctx
        .sdk_config()
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider));
    if let Some(region) = region {
        config = config.region(aws_config::Region::new(region.to_owned()));
    }
    Ok((
        AwsContext::from_config(config.build()),
        Assumed { arn: None, expires },
    ))
}
