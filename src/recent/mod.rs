//! Roles assumed recently, remembered between runs for the role switcher: only the role's
//! ARN, when it was last used and how often, never credentials. Kept in the state
//! directory (`$XDG_STATE_HOME/smtui/recent-roles.toml`), written 0600 by the runner.

mod file;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// At most this many are remembered.
pub const MAX_RECENT: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentRole {
    pub role_arn: String,
    pub last_used: Timestamp,
    pub uses: u32,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    roles: Vec<RecentRole>,
}

/// Where they are kept (in `config::state_dir`); `None` when the platform has no state
/// directory.
pub fn default_path() -> Option<PathBuf> {
    crate::config::state_dir().map(|dir| dir.join("recent-roles.toml"))
}

/// The remembered roles, most recent first; none when the file is missing, unreadable or
/// refused (see `file`): a bad file is not worth stopping for, it is replaced at the next
/// switch (unless it is a link or not the user's, which is left alone and said in the log).
pub fn load(path: &Path) -> Vec<RecentRole> {
    let text = match file::read(path) {
        Ok(Some(text)) => text,
        Ok(None) => return Vec::new(),
        Err(why) => {
            tracing::warn!(%why, "recent roles not read");
            return Vec::new();
        }
    };
    let mut roles = toml::from_str::<File>(&text)
        .map(|f| f.roles)
        .unwrap_or_default();
    order(&mut roles);
    roles
}

/// Writes `roles` (0600, through a new file renamed over the old one).
pub fn save(path: &Path, roles: &[RecentRole]) -> Result<(), String> {
    let text = toml::to_string(&File {
        roles: roles.to_vec(),
    })
    .map_err(|e| e.to_string())?;
    file::write(path, &text)
}

/// `role_arn` was just used: it moves to the front (one more use), the list stays short.
pub fn used(roles: &mut Vec<RecentRole>, role_arn: &str, now: Timestamp) {
    match roles.iter_mut().find(|r| r.role_arn == role_arn) {
        Some(role) => {
            role.last_used = now;
            role.uses = role.uses.saturating_add(1);
        }
        None => roles.push(RecentRole {
            role_arn: role_arn.to_owned(),
            last_used: now,
            uses: 1,
        }),
    }
    order(roles);
    roles.truncate(MAX_RECENT);
}

/// The most recent first; of two used the same day, the more frequent.
fn order(roles: &mut [RecentRole]) {
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

    #[test]
    fn most_recent_then_most_frequent_and_short() {
        let mut roles = Vec::new();
        used(
            &mut roles,
            "arn:aws:iam::1:role/a",
            at("2026-11-20T10:00:00Z"),
        );
        used(
            &mut roles,
            "arn:aws:iam::1:role/b",
            at("2026-11-25T09:00:00Z"),
        );
        used(
            &mut roles,
            "arn:aws:iam::1:role/c",
            at("2026-11-25T08:00:00Z"),
        );
        used(
            &mut roles,
            "arn:aws:iam::1:role/c",
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
                &format!("arn:aws:iam::1:role/r{i}"),
                at("2026-11-26T00:00:00Z"),
            );
        }
        assert_eq!(roles.len(), MAX_RECENT);
    }

    #[test]
    fn saved_private_and_read_back_holding_nothing_but_arns_and_dates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state").join("recent-roles.toml");
        let mut roles = Vec::new();
        used(
            &mut roles,
            "arn:aws:iam::123456789012:role/deploy",
            at("2026-11-25T09:00:00Z"),
        );
        save(&path, &roles).expect("save");
        assert_eq!(load(&path), roles);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            !text.to_lowercase().contains("secret") && !text.contains("token"),
            "{text}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not toml [").expect("write");
        assert!(load(&path).is_empty(), "a bad file is ignored");
    }
}
