//! Who read the secret in the window, from CloudTrail: each principal's last successful
//! GetSecretValue (or BatchGetSecretValue naming it). The pane joins it with who can read:
//! access nobody used, and reads by principals that can no longer read.

use jiff::Timestamp;

use crate::model::access::Principal;
use crate::model::audit::{AuditEvent, AuditPage, PrincipalKind};

/// Pages read before the pane stops and says the reads are partial (50 events a page, and
/// CloudTrail answers 2 lookups a second: about 10 seconds).
pub const MAX_READ_PAGES: usize = 20;
/// CloudTrail keeps 90 days of management events.
pub const MAX_READ_DAYS: i64 = 90;

/// The reads found so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadLog {
    pub(crate) start: Option<Timestamp>,
    pub(crate) days: i64,
    /// The last successful read of each principal, newest first when drawn.
    pub(crate) last: Vec<(Principal, Timestamp)>,
    pub(crate) pages: usize,
    /// A page is on its way.
    pub(crate) loading: bool,
    /// More events than `MAX_READ_PAGES` pages: the reads cover the newest of the window only.
    pub(crate) partial: bool,
    pub(crate) error: Option<String>,
}

impl ReadLog {
    /// Whether every event of the window was read: only then is "no read" a finding.
    pub(crate) fn complete(&self) -> bool {
        !self.loading && !self.partial && self.error.is_none() && self.pages > 0
    }

    /// A page: its successful reads of the secret kept; the token it returns, if the next
    /// page is to be fetched.
    pub(crate) fn take(&mut self, page: AuditPage) -> Option<String> {
        self.pages += 1;
        for event in &page.events {
            let Some((reader, at)) = read_of(event) else {
                continue;
            };
            match self.last.iter_mut().find(|(seen, _)| same(seen, &reader)) {
                Some((_, last)) if *last < at => *last = at,
                Some(_) => {}
                None => self.last.push((reader, at)),
            }
        }
        match page.next_token {
            Some(token) if self.pages < MAX_READ_PAGES => Some(token),
            Some(_) => {
                self.partial = true;
                self.loading = false;
                None
            }
            None => {
                self.loading = false;
                None
            }
        }
    }

    /// `principal`'s last read in the window, if it read.
    pub(crate) fn last_read(&self, principal: &Principal) -> Option<Timestamp> {
        self.last
            .iter()
            .find(|(reader, _)| same(reader, principal))
            .map(|(_, at)| *at)
    }
}

/// A successful read of the secret's value, and by whom.
fn read_of(event: &AuditEvent) -> Option<(Principal, Timestamp)> {
    let reads = matches!(
        event.name.as_str(),
        "GetSecretValue" | "BatchGetSecretValue"
    );
    if !reads || event.error_code.is_some() {
        return None;
    }
    Some((reader(event)?, event.time?))
}

/// The user, role or account behind an event; `None` for services and for what a record
/// does not say plainly.
fn reader(event: &AuditEvent) -> Option<Principal> {
    let who = &event.principal;
    match who.kind {
        PrincipalKind::IamUser | PrincipalKind::Root => Principal::from_arn(who.arn.as_deref()?),
        PrincipalKind::AssumedRole | PrincipalKind::IdentityCenter => {
            if let Some(role) = who.issuer_arn.as_deref().and_then(Principal::from_arn) {
                return Some(role);
            }
            // `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`: the role's path is not in
            // it, so the role is matched by account and name (`same`).
            let session = who.arn.as_deref()?;
            let (account, rest) = session
                .strip_prefix("arn:aws:sts::")?
                .split_once(":assumed-role/")?;
            let name = rest.split('/').next()?;
            Principal::from_arn(&format!("arn:aws:iam::{account}:role/{name}"))
        }
        PrincipalKind::Service | PrincipalKind::Federated | PrincipalKind::Unknown => None,
    }
}

/// What makes two principals the same for `same`, as one text (for a set of them).
pub(crate) fn sameness(principal: &Principal) -> String {
    match principal {
        Principal::Role { account, arn } => format!("role {account} {}", role_name(arn)),
        Principal::User { arn, .. } => format!("user {arn}"),
        Principal::Root { account } => format!("root {account}"),
        Principal::Service(service) => format!("service {service}"),
        Principal::Anyone => "*".to_owned(),
    }
}

/// The same principal: equal, or the same account's role of the same name (a path the
/// session ARN leaves out).
pub(crate) fn same(a: &Principal, b: &Principal) -> bool {
    match (a, b) {
        (
            Principal::Role {
                account: a_account,
                arn: a_arn,
            },
            Principal::Role {
                account: b_account,
                arn: b_arn,
            },
        ) => a_account == b_account && role_name(a_arn) == role_name(b_arn),
        _ => a == b,
    }
}

fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
