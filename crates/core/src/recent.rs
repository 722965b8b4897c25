//! Roles assumed recently, remembered between runs for the role switcher: only the role's
//! ARN, when it was last used and how often, never credentials. Read and written (0600, in
//! the state directory) by `smtui_aws::recent`; here only the list and its order.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::Arn;

/// At most this many are remembered.
pub(crate) const MAX_RECENT: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentRole {
    pub role_arn: Arn,
    pub(crate) last_used: Timestamp,
    pub(crate) uses: u32,
}

/// `role_arn` was just used: it moves to the front (one more use), the list stays short.
pub fn used(roles: &mut Vec<RecentRole>, role_arn: &Arn, now: Timestamp) {
    match roles.iter_mut().find(|r| r.role_arn == *role_arn) {
        Some(role) => {
            role.last_used = now;
            role.uses = role.uses.saturating_add(1);
        }
        None => roles.push(RecentRole {
            role_arn: role_arn.clone(),
            last_used: now,
            uses: 1,
        }),
    }
    order(roles);
    roles.truncate(MAX_RECENT);
}

/// The most recent first; of two used the same day, the more frequent.
pub fn order(roles: &mut [RecentRole]) {
    roles.sort_by(|a, b| {
        let day = |t: Timestamp| t.as_second() / 86_400;
        day(b.last_used)
            .cmp(&day(a.last_used))
            .then(b.uses.cmp(&a.uses))
            .then(b.last_used.cmp(&a.last_used))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("ts")
    }

    fn arn(text: &str) -> Arn {
        Arn::parse(text).expect("an ARN")
    }

    #[test]
    fn most_recent_then_most_frequent_and_short() {
        let mut roles = Vec::new();
        used(
            &mut roles,
            &arn("arn:aws:iam::1:role/a"),
            at("2026-11-20T10:00:00Z"),
        );
        used(
            &mut roles,
            &arn("arn:aws:iam::1:role/b"),
            at("2026-11-25T09:00:00Z"),
        );
        used(
            &mut roles,
            &arn("arn:aws:iam::1:role/c"),
            at("2026-11-25T08:00:00Z"),
        );
        used(
            &mut roles,
            &arn("arn:aws:iam::1:role/c"),
            at("2026-11-25T08:30:00Z"),
        );
        let order: Vec<&str> = roles.iter().map(|r| r.role_arn.as_str()).collect();
        assert_eq!(
            order,
            [
                "arn:aws:iam::1:role/c",
                "arn:aws:iam::1:role/b",
                "arn:aws:iam::1:role/a"
            ],
            "same day: the more frequent first"
        );
        for i in 0..30 {
            used(
                &mut roles,
                &arn(&format!("arn:aws:iam::1:role/r{i}")),
                at("2026-11-26T00:00:00Z"),
            );
        }
        assert_eq!(roles.len(), MAX_RECENT);
    }
}
