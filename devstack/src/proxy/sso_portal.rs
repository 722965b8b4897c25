//! The AWS access portal (`portal.sso`): ListAccounts, ListAccountRoles and
//! GetRoleCredentials for [`sso::ASSIGNMENTS`], with a bearer token the OIDC flow
//! ([`super::oidc`]) handed out. GetRoleCredentials' credentials are moto's own: the
//! proxy assumes `arn:aws:iam::<account>:role/<roleName>` at moto with the stack's keys
//! (so moto routes calls made with them to that account) and remembers them as that
//! role's, as it does for an AssumeRole it forwards.

use std::collections::HashMap;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use serde_json::json;

use super::identity_center::{error, json as json_answer};
use super::sts::{StsCall, learn_assumed};
use super::{Shared, lock, wire};
use crate::fixtures::{org, sso};
use crate::raw::percent_encode;

/// ListAccounts' and ListAccountRoles' page size when `max_result` is not sent.
const DEFAULT_PAGE: usize = 20;
/// How long GetRoleCredentials' credentials last (a permission set's default session).
const SESSION_SECS: u32 = 3_600;

fn unauthorized() -> Response<Full<Bytes>> {
    error(
        StatusCode::UNAUTHORIZED,
        "UnauthorizedException",
        &json!({ "message": "Session token not found or invalid" }),
    )
}

fn authorized(shared: &Shared, token: &str) -> bool {
    lock(&shared.identity_center).token_valid(token)
}

/// One page of `items` from `next_token` (an index, opaque to clients): the page and the
/// next token, if any; `None` for a token or `max_result` the portal would refuse.
fn page<T: Clone>(items: &[T], params: &HashMap<String, String>) -> Option<Page<T>> {
    let start = match params.get("next_token") {
        Some(t) => t.parse::<usize>().ok()?,
        None => 0,
    };
    let size = match params.get("max_result") {
        Some(n) => n.parse::<usize>().ok().filter(|n| (1..=100).contains(n))?,
        None => DEFAULT_PAGE,
    };
    let end = (start + size).min(items.len());
    let slice = items.get(start..end)?.to_vec();
    Some((slice, (end < items.len()).then(|| end.to_string())))
}

type Page<T> = (Vec<T>, Option<String>);

fn invalid_request() -> Response<Full<Bytes>> {
    error(
        StatusCode::BAD_REQUEST,
        "InvalidRequestException",
        &json!({ "message": "Invalid request" }),
    )
}

/// `GET /assignment/accounts`.
pub(super) fn list_accounts(
    shared: &Shared,
    token: &str,
    params: &HashMap<String, String>,
) -> Response<Full<Bytes>> {
    if !authorized(shared, token) {
        return unauthorized();
    }
    let Some((accounts, next)) = page(&sso::assigned_accounts(), params) else {
        return invalid_request();
    };
    let list: Vec<_> = accounts
        .iter()
        .map(|a| json!({ "accountId": a.id, "accountName": a.name, "emailAddress": a.email }))
        .collect();
    json_answer(
        StatusCode::OK,
        &json!({ "accountList": list, "nextToken": next }),
    )
}

/// `GET /assignment/roles?account_id=…`: an account without assignments has no roles.
pub(super) fn list_account_roles(
    shared: &Shared,
    token: &str,
    params: &HashMap<String, String>,
) -> Response<Full<Bytes>> {
    if !authorized(shared, token) {
        return unauthorized();
    }
    let account = params.get("account_id").map_or("", String::as_str);
    let Some((roles, next)) = page(&sso::roles_in(account), params) else {
        return invalid_request();
    };
    let list: Vec<_> = roles
        .iter()
        .map(|r| json!({ "roleName": r, "accountId": account }))
        .collect();
    json_answer(
        StatusCode::OK,
        &json!({ "roleList": list, "nextToken": next }),
    )
}

/// `POST /logout`: the token stops working.
pub(super) fn logout(shared: &Shared, token: &str) -> Response<Full<Bytes>> {
    if lock(&shared.identity_center).tokens.remove(token).is_none() {
        return unauthorized();
    }
    json_answer(StatusCode::OK, &json!({}))
}

/// `GET /federation/credentials?account_id=…&role_name=…`.
pub(super) async fn get_role_credentials(
    shared: &Shared,
    token: &str,
    params: &HashMap<String, String>,
) -> Response<Full<Bytes>> {
    if !authorized(shared, token) {
        return unauthorized();
    }
    let account = params.get("account_id").map_or("", String::as_str);
    let role = params.get("role_name").map_or("", String::as_str);
    if !sso::roles_in(account).contains(&role) {
        // What the portal answers for a role the user is not assigned.
        return error(
            StatusCode::FORBIDDEN,
            "ForbiddenException",
            &json!({ "message": "No access" }),
        );
    }
    match assume(shared, &org::role_arn(account, role)).await {
        Ok(creds) => json_answer(StatusCode::OK, &json!({ "roleCredentials": creds })),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerException",
            &json!({ "message": format!("devstack could not assume {role} in {account} at moto: {e}") }),
        ),
    }
}

/// AssumeRole of `role_arn` at moto (with the stack's keys, as the demo user's session),
/// remembered as that role's; the portal's `roleCredentials`.
async fn assume(shared: &Shared, role_arn: &str) -> anyhow::Result<serde_json::Value> {
    let form = format!(
        "Action=AssumeRole&Version=2011-06-15&RoleArn={}&RoleSessionName={}&DurationSeconds={SESSION_SECS}",
        percent_encode(role_arn),
        percent_encode(sso::USER_NAME),
    );
    let req = Request::builder()
        .method("POST")
        .uri(format!("http://{}/", shared.upstream))
        .header("content-type", "application/x-www-form-urlencoded")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/sts/aws4_request, \
             SignedHeaders=host, Signature=0",
        )
        .body(Full::new(Bytes::from(form.clone())))?;
    let resp = shared.client.request(req).await?;
    let status = resp.status();
    let body = resp.into_body().collect().await?.to_bytes();
    let text = String::from_utf8_lossy(&body);
    anyhow::ensure!(status.is_success(), "AssumeRole: {status} {text}");
    let get = |tag: &str| {
        wire::xml_text(&text, tag).ok_or_else(|| anyhow::anyhow!("AssumeRole answered no {tag}"))
    };
    let key = get("AccessKeyId")?;
    let expiration: jiff::Timestamp = get("Expiration")?.parse()?;
    let (_, arn) = wire::assume_role_result(&body)
        .ok_or_else(|| anyhow::anyhow!("AssumeRole answered no assumed-role ARN"))?;
    let call = StsCall::parse(None, None, form.as_bytes())
        .ok_or_else(|| anyhow::anyhow!("the AssumeRole form parses"))?;
    learn_assumed(shared, "testing", &call, key.clone());
    lock(&shared.store).remember_role(key.clone(), arn);
    Ok(json!({
        "accessKeyId": key,
        "secretAccessKey": get("SecretAccessKey")?,
        "sessionToken": get("SessionToken")?,
        "expiration": expiration.as_millisecond(),
    }))
}
