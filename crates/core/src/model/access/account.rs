//! An account's IAM as the evaluator needs it: every user and role with the policies that
//! apply to it (a user's groups' too) and its permissions boundary, merged from the pages
//! of GetAccountAuthorizationDetails.

use std::collections::HashMap;

use super::document::parse_policy;
use super::sources::{IamGroup, IamPage, PolicyText};
use super::{Policy, Principal};

/// A user or a role, and the policies IAM applies to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamPrincipal {
    pub principal: Principal,
    /// Its name, as the pane shows it.
    pub name: String,
    pub policies: Vec<Policy>,
    pub boundary: Option<Policy>,
}

/// The account's principals, the texts of every policy read (by the name the pane shows,
/// for the deciding statements' JSON), and what could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountIam {
    pub principals: Vec<IamPrincipal>,
    pub texts: HashMap<String, String>,
    /// Policies that could not be read, each with why (named as the pane names them).
    pub unreadable: Vec<(String, String)>,
    /// Each user's and role's position in `principals`, by ARN: the pane looks every
    /// principal up each time it evaluates, in accounts of thousands of roles.
    by_arn: HashMap<String, usize>,
}

impl AccountIam {
    /// Merges every page: groups and managed policies are looked up across all of them.
    pub fn from_pages(pages: &[IamPage]) -> Self {
        let managed: HashMap<&str, (&str, Option<&str>)> = pages
            .iter()
            .flat_map(|page| &page.policies)
            .map(|p| (p.arn.as_str(), (p.name.as_str(), p.document.as_deref())))
            .collect();
        let groups: HashMap<&str, &IamGroup> = pages
            .iter()
            .flat_map(|page| &page.groups)
            .map(|g| (g.name.as_str(), g))
            .collect();
        let mut account = AccountIam::default();
        for user in pages.iter().flat_map(|page| &page.users) {
            let Some(principal) = Principal::from_arn(&user.arn) else {
                continue;
            };
            let mut policies = account.read_all(&user.inline, &user.attached, "", &managed);
            for name in &user.groups {
                match groups.get(name.as_str()) {
                    Some(group) => {
                        let owner = format!("group {}: ", group.name);
                        policies.extend(account.read_all(
                            &group.inline,
                            &group.attached,
                            &owner,
                            &managed,
                        ));
                    }
                    None => account
                        .unreadable
                        .push((format!("group {name}"), "not described by IAM".to_owned())),
                }
            }
            let boundary = user
                .boundary
                .as_deref()
                .and_then(|arn| account.read_boundary(arn, &managed));
            account.principals.push(IamPrincipal {
                principal,
                name: user.name.clone(),
                policies,
                boundary,
            });
        }
        for role in pages.iter().flat_map(|page| &page.roles) {
            let Some(principal) = Principal::from_arn(&role.arn) else {
                continue;
            };
            let policies = account.read_all(&role.inline, &role.attached, "", &managed);
            let boundary = role
                .boundary
                .as_deref()
                .and_then(|arn| account.read_boundary(arn, &managed));
            account.principals.push(IamPrincipal {
                principal,
                name: role.name.clone(),
                policies,
                boundary,
            });
        }
        account.by_arn = account
            .principals
            .iter()
            .enumerate()
            .filter_map(|(at, p)| match &p.principal {
                Principal::User { arn, .. } | Principal::Role { arn, .. } => {
                    Some((arn.clone(), at))
                }
                _ => None,
            })
            .collect();
        account
    }

    /// A principal's inline and attached policies (`owner` says whose, for a group's).
    fn read_all(
        &mut self,
        inline: &[PolicyText],
        attached: &[String],
        owner: &str,
        managed: &HashMap<&str, (&str, Option<&str>)>,
    ) -> Vec<Policy> {
        let mut policies = Vec::new();
        for policy in inline {
            let name = format!("{owner}{} (inline)", policy.name);
            policies.extend(self.read(name, &policy.text));
        }
        for arn in attached {
            policies.extend(self.read_managed(arn, owner, managed));
        }
        policies
    }

    fn read_managed(
        &mut self,
        arn: &str,
        owner: &str,
        managed: &HashMap<&str, (&str, Option<&str>)>,
    ) -> Option<Policy> {
        match managed.get(arn) {
            Some((name, Some(text))) => self.read(format!("{owner}{name} (managed)"), text),
            Some((name, None)) => {
                let name = format!("{owner}{name} (managed)");
                self.unreadable
                    .push((name, "its default version was not sent".to_owned()));
                None
            }
            None => {
                self.unreadable
                    .push((format!("{owner}{arn}"), "not described by IAM".to_owned()));
                None
            }
        }
    }

    fn read_boundary(
        &mut self,
        arn: &str,
        managed: &HashMap<&str, (&str, Option<&str>)>,
    ) -> Option<Policy> {
        let mut policy = self.read_managed(arn, "", managed)?;
        let name = policy.name.replace(" (managed)", " (boundary)");
        if let Some(text) = self.texts.get(&policy.name).cloned() {
            self.texts.insert(name.clone(), text);
        }
        policy.name = name;
        Some(policy)
    }

    /// Parses one document, keeping its text; a document that cannot be read is listed
    /// with why, and the principal is evaluated without it.
    fn read(&mut self, name: String, text: &str) -> Option<Policy> {
        match parse_policy(text) {
            Ok(document) => {
                self.texts.insert(name.clone(), text.to_owned());
                Some(Policy { name, document })
            }
            Err(why) => {
                self.unreadable.push((name, why.0));
                None
            }
        }
    }

    /// The principal with this ARN, if the account has it.
    pub fn find(&self, arn: &str) -> Option<&IamPrincipal> {
        self.by_arn.get(arn).and_then(|&at| self.principals.get(at))
    }
}
