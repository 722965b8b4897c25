//! The organisation's accounts, as the management account or a delegated administrator sees
//! them: every account (ListAccounts, page by page), or those of one organisational unit
//! and the units under it (found by name or ID from the roots down, then
//! ListAccountsForParent). Organizations is global: its calls go to us-east-1.

use aws_sdk_organizations::types::{Account, AccountStatus};
use smtui_core::model::org::OrgAccount;

use crate::{AwsContext, AwsError};

const GLOBAL: &str = "us-east-1";

/// The organisation's accounts (of `unit` and the units under it, when given: its name or
/// its `ou-` ID), in the order Organizations lists them.
pub async fn accounts(ctx: &AwsContext, unit: Option<&str>) -> Result<Vec<OrgAccount>, AwsError> {
    let client = ctx.organizations(GLOBAL);
    let Some(unit) = unit else {
        let mut accounts = Vec::new();
        let mut pages = client.list_accounts().into_paginator().send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| crate::error::from_sdk("ListAccounts", GLOBAL, &e))?;
            accounts.extend(page.accounts().iter().map(convert));
        }
        return Ok(accounts);
    };
    let units = units_named(&client, unit).await?;
    if units.is_empty() {
        return Err(AwsError::invalid(
            "ListOrganizationalUnitsForParent",
            GLOBAL,
            &format!("no organisational unit is named {unit:?} or has that ID"),
        ));
    }
    let mut accounts = Vec::new();
    for parent in units {
        let mut pages = client
            .list_accounts_for_parent()
            .parent_id(parent)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page =
                page.map_err(|e| crate::error::from_sdk("ListAccountsForParent", GLOBAL, &e))?;
            accounts.extend(page.accounts().iter().map(convert));
        }
    }
    Ok(accounts)
}

/// The IDs of the units named `unit` (or whose ID it is), and of every unit under them.
async fn units_named(
    client: &aws_sdk_organizations::Client,
    unit: &str,
) -> Result<Vec<String>, AwsError> {
    let roots = client
        .list_roots()
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("ListRoots", GLOBAL, &e))?;
    // Breadth first from the roots: (unit ID, whether it or a unit above it was asked for).
    let mut queue: Vec<(String, bool)> = roots
        .roots()
        .iter()
        .filter_map(|r| r.id().map(|id| (id.to_owned(), false)))
        .collect();
    let mut found = Vec::new();
    while let Some((parent, wanted)) = queue.pop() {
        if wanted {
            found.push(parent.clone());
        }
        let mut pages = client
            .list_organizational_units_for_parent()
            .parent_id(&parent)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| {
                crate::error::from_sdk("ListOrganizationalUnitsForParent", GLOBAL, &e)
            })?;
            for child in page.organizational_units() {
                let named = child.name() == Some(unit) || child.id() == Some(unit);
                if let Some(id) = child.id() {
                    queue.push((id.to_owned(), wanted || named));
                }
            }
        }
    }
    Ok(found)
}

fn convert(account: &Account) -> OrgAccount {
    OrgAccount {
        id: account.id().unwrap_or_default().to_owned(),
        name: account.name().unwrap_or_default().to_owned(),
        active: account.status() == Some(&AccountStatus::Active),
    }
}
