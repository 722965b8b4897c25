//! IAM for the access pane, every call a read: the account's users, groups, roles and managed
//! policies a page of GetAccountAuthorizationDetails at a time (the first with
//! GetAccountSummary's count, for the progress), and the policy simulator's answer for one
//! principal reading a secret. IAM is global: its calls go to the partition's global region.

use std::borrow::Cow;

use aws_sdk_iam::operation::get_account_authorization_details::GetAccountAuthorizationDetailsOutput;
use aws_sdk_iam::operation::get_account_summary::GetAccountSummaryOutput;
use aws_sdk_iam::operation::simulate_principal_policy::SimulatePrincipalPolicyOutput;
use aws_sdk_iam::types::{
    AttachedPermissionsBoundary, AttachedPolicy, EntityType, ManagedPolicyDetail,
    PermissionsBoundaryDecisionDetail, PolicyDetail, SummaryKeyType,
};
use percent_encoding::percent_decode_str;
use smtui_core::model::access::{
    IamGroup, IamPage, IamRole, IamUser, ManagedPolicy, MatchedStatement, PolicyText, Simulation,
};

use crate::client::iam_region;
use crate::{AwsContext, AwsError};

/// The most entities IAM sends on one page of GetAccountAuthorizationDetails.
const PAGE_SIZE: i32 = 1000;
/// The action the access pane asks about.
const READ_ACTION: &str = "secretsmanager:GetSecretValue";

/// One page of the account's IAM, as the identity of a secret in `region` sees it (`marker`:
/// the one the page before gave; `None` for the first), and for the first page the number
/// of entities GetAccountSummary counts (`None` when it failed: only the page can fail).
pub async fn authorization_page(
    ctx: &AwsContext,
    region: &str,
    marker: Option<&str>,
) -> (Result<IamPage, AwsError>, Option<usize>) {
    let page = read_page(ctx, region, marker);
    if marker.is_some() {
        return (page.await, None);
    }
    let (page, total) = tokio::join!(page, account_entities(ctx, region));
    (page, total)
}

/// The account's alias (an account has at most one; `None`: it has none), as `ctx` sees it.
pub async fn account_alias(
    ctx: &AwsContext,
    region: Option<&str>,
) -> Result<Option<String>, AwsError> {
    let region = region.unwrap_or("us-east-1");
    let out = ctx
        .iam(region)
        .list_account_aliases()
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("ListAccountAliases", iam_region(region), &e))?;
    Ok(out.account_aliases().first().cloned())
}

async fn read_page(
    ctx: &AwsContext,
    region: &str,
    marker: Option<&str>,
) -> Result<IamPage, AwsError> {
    let global = iam_region(region);
    let out = ctx
        .iam(region)
        .get_account_authorization_details()
        // Every kind of entity (as no filter would): named, so the page says what it asks.
        .filter(EntityType::User)
        .filter(EntityType::Group)
        .filter(EntityType::Role)
        .filter(EntityType::LocalManagedPolicy)
        .filter(EntityType::AwsManagedPolicy)
        .max_items(PAGE_SIZE)
        .set_marker(marker.map(str::to_owned))
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetAccountAuthorizationDetails", global, &e))?;
    Ok(page(&out))
}

/// GetAccountSummary's users, groups, roles and (customer managed) policies; `None` when it
/// cannot be had, which only costs the progress its total.
async fn account_entities(ctx: &AwsContext, region: &str) -> Option<usize> {
    match ctx.iam(region).get_account_summary().send().await {
        Ok(out) => entities(&out),
        Err(e) => {
            let error = crate::error::from_sdk("GetAccountSummary", iam_region(region), &e);
            tracing::debug!(%error, "no total for the IAM pages' progress");
            None
        }
    }
}

/// Whether `principal` (a user's or role's ARN) may read the value of secret `secret_arn`
/// in `region`, given its resource policy, as IAM's policy simulator decides.
pub async fn simulate(
    ctx: &AwsContext,
    region: &str,
    principal: &str,
    secret_arn: &str,
    resource_policy: Option<&str>,
) -> Result<Simulation, AwsError> {
    let global = iam_region(region);
    let out = ctx
        .iam(region)
        .simulate_principal_policy()
        .policy_source_arn(principal)
        .action_names(READ_ACTION)
        .resource_arns(secret_arn)
        .set_resource_policy(resource_policy.map(str::to_owned))
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("SimulatePrincipalPolicy", global, &e))?;
    simulation(&out).ok_or_else(|| {
        AwsError::invalid(
            "SimulatePrincipalPolicy",
            global,
            "the simulator answered without a decision",
        )
    })
}

/// A page as the core reads it: every document URL-decoded, each managed policy with its
/// default version's, the marker only when there is a next page.
pub(crate) fn page(out: &GetAccountAuthorizationDetailsOutput) -> IamPage {
    IamPage {
        users: out
            .user_detail_list()
            .iter()
            .map(|user| IamUser {
                arn: text(user.arn()),
                name: text(user.user_name()),
                inline: inline(user.user_policy_list()),
                attached: attached(user.attached_managed_policies()),
                groups: user.group_list().to_vec(),
                boundary: boundary(user.permissions_boundary()),
            })
            .collect(),
        groups: out
            .group_detail_list()
            .iter()
            .map(|group| IamGroup {
                name: text(group.group_name()),
                inline: inline(group.group_policy_list()),
                attached: attached(group.attached_managed_policies()),
            })
            .collect(),
        roles: out
            .role_detail_list()
            .iter()
            .map(|role| IamRole {
                arn: text(role.arn()),
                name: text(role.role_name()),
                inline: inline(role.role_policy_list()),
                attached: attached(role.attached_managed_policies()),
                boundary: boundary(role.permissions_boundary()),
            })
            .collect(),
        policies: out.policies().iter().map(managed).collect(),
        marker: out
            .marker()
            .filter(|_| out.is_truncated())
            .map(str::to_owned),
    }
}

fn text(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

fn inline(policies: &[PolicyDetail]) -> Vec<PolicyText> {
    policies
        .iter()
        .map(|policy| PolicyText {
            name: text(policy.policy_name()),
            text: decoded(policy.policy_document().unwrap_or_default()),
        })
        .collect()
}

fn attached(policies: &[AttachedPolicy]) -> Vec<String> {
    policies
        .iter()
        .filter_map(AttachedPolicy::policy_arn)
        .map(str::to_owned)
        .collect()
}

fn boundary(boundary: Option<&AttachedPermissionsBoundary>) -> Option<String> {
    boundary?.permissions_boundary_arn().map(str::to_owned)
}

/// A managed policy with its default version's document: the version IAM flags as the
/// default, else the one its `DefaultVersionId` names.
fn managed(policy: &ManagedPolicyDetail) -> ManagedPolicy {
    let versions = policy.policy_version_list();
    let default = versions
        .iter()
        .find(|v| v.is_default_version())
        .or_else(|| {
            let id = policy.default_version_id()?;
            versions.iter().find(|v| v.version_id() == Some(id))
        });
    let arn = text(policy.arn());
    // IAM names it; an emulator may not (moto 5.2.5): the name is its ARN's last segment.
    let name = match policy.policy_name() {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => arn.rsplit('/').next().unwrap_or_default().to_owned(),
    };
    ManagedPolicy {
        arn,
        name,
        document: default.and_then(|v| v.document()).map(decoded),
    }
}

/// A document as IAM sends it here, URL-encoded (RFC 3986), decoded; one that does not
/// decode to UTF-8 is passed on as sent, and the core says it cannot be read.
pub(crate) fn decoded(document: &str) -> String {
    percent_decode_str(document)
        .decode_utf8()
        .map_or_else(|_| document.to_owned(), Cow::into_owned)
}

/// How many entities the pages will describe: users, groups, roles and customer managed
/// policies (AWS managed ones attached in the account come on top; none is counted).
pub(crate) fn entities(out: &GetAccountSummaryOutput) -> Option<usize> {
    let map = out.summary_map()?;
    let count = |key: SummaryKeyType| {
        map.get(&key)
            .map_or(0, |n| usize::try_from(*n).unwrap_or(0))
    };
    Some(
        count(SummaryKeyType::Users)
            + count(SummaryKeyType::Groups)
            + count(SummaryKeyType::Roles)
            + count(SummaryKeyType::Policies),
    )
}

/// The simulator's answer for the one action and resource asked about; `None` when it sent
/// no result.
pub(crate) fn simulation(out: &SimulatePrincipalPolicyOutput) -> Option<Simulation> {
    let result = out.evaluation_results().first()?;
    Some(Simulation {
        decision: result.eval_decision().as_str().to_owned(),
        matched: result
            .matched_statements()
            .iter()
            .map(|statement| MatchedStatement {
                policy: text(statement.source_policy_id()),
                kind: statement
                    .source_policy_type()
                    .map(|kind| kind.as_str().to_owned())
                    .unwrap_or_default(),
            })
            .collect(),
        missing_context: result.missing_context_values().to_vec(),
        boundary_allows: result
            .permissions_boundary_decision_detail()
            .map(PermissionsBoundaryDecisionDetail::allowed_by_permissions_boundary),
    })
}

#[cfg(test)]
#[path = "iam_tests.rs"]
mod tests;
