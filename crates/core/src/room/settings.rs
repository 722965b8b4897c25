//! Behaviour settings, from the config file and the command line.

use std::time::Duration;

use crate::model::posture::PostureRules;
use crate::model::rotation::Thresholds;

/// Behaviour settings, from config and CLI.
#[derive(Debug, Clone)]
pub struct Settings {
    pub reveal_timeout: Duration,
    pub clipboard_timeout: Duration,
    pub detail_ttl: Duration,
    pub read_only: bool,
    /// Where the profile/env says we are; used for STS.
    pub home_region: Option<String>,
    /// When a rotation counts as stuck, and its next one as due soon.
    pub rotation: Thresholds,
    /// The posture checks' thresholds and required tags.
    pub posture: PostureRules,
    /// For times shown in local time (the audit pane's toggle); read once at start.
    pub time_zone: jiff::tz::TimeZone,
    /// The local user, for role session names (`smtui-<user>`).
    pub user_name: String,
    /// Accounts the config marks (production: a style, and a label to type before writes).
    pub accounts: crate::model::accounts::AccountRules,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            reveal_timeout: Duration::from_secs(30),
            clipboard_timeout: Duration::from_secs(30),
            detail_ttl: Duration::from_secs(30),
            read_only: false,
            home_region: None,
            rotation: Thresholds::default(),
            posture: PostureRules::default(),
            time_zone: jiff::tz::TimeZone::UTC,
            user_name: "user".to_owned(),
            accounts: crate::model::accounts::AccountRules::default(),
        }
    }
}
