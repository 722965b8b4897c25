//! The remembered recent roles on disk (`recent-roles.toml` in the state directory):
//! read at start, written 0600 by the runner after a switch. The list's order and its
//! length are the core's (`smtui_core::recent`).

pub(crate) mod file;

use std::path::Path;

use serde::{Deserialize, Serialize};
use smtui_core::recent::{RecentRole, order};

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    roles: Vec<RecentRole>,
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
    crate::private_file::write(path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use smtui_core::recent::used;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("ts")
    }

    #[test]
    fn saved_private_and_read_back_holding_nothing_but_arns_and_dates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state").join("recent-roles.toml");
        let mut roles = Vec::new();
        let deploy = smtui_core::ids::Arn::parse("arn:aws:iam::123456789012:role/deploy");
        used(
            &mut roles,
            &deploy.expect("an ARN"),
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
