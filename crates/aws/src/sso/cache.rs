//! The AWS CLI's IAM Identity Center token cache: `~/.aws/sso/cache/<sha1 of the key>.json`,
//! the key being the `[sso-session]` name (or a legacy profile's start URL), in the CLI's
//! own JSON shape. Written 0600 through a new file renamed over the old one
//! ([`crate::private_file::write`]); the token's text lives in zeroizing strings only.

use std::fmt::Write as _;
use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha1::Digest as _;
use smtui_core::model::AwsError;
use smtui_core::model::sso::SsoLogin;
use zeroize::Zeroizing;

/// Far more than a token and its registration take.
const MAX_CACHE_BYTES: u64 = 64 * 1024;

/// The cache file for `key` under the home directory (`HOME`, as aws-config reads it).
pub fn cache_file(key: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(cache_path_in_home(key)))
}

/// Where under the home directory the AWS CLI caches `key`'s token:
/// `.aws/sso/cache/<sha1 of key, in hex>.json`.
pub fn cache_path_in_home(key: &str) -> PathBuf {
    let digest = sha1::Sha1::digest(key.as_bytes());
    let hex = digest.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    PathBuf::from(".aws/sso/cache").join(format!("{hex}.json"))
}

/// One cache file, as the CLI writes it (camelCase; the client's registration beside the
/// token, so a refresh can use it).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Entry {
    pub(super) start_url: String,
    pub(super) region: String,
    pub(super) access_token: Zeroizing<String>,
    pub(super) expires_at: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub(super) client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub(super) client_secret: Option<Zeroizing<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub(super) registration_expires_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub(super) refresh_token: Option<Zeroizing<String>>,
}

/// The CLI's time format: RFC 3339, UTC, whole seconds.
pub(super) fn rfc3339(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Writes `entry` for `login`; the file written.
pub(super) fn save(login: &SsoLogin, entry: &Entry) -> Result<PathBuf, String> {
    let path = cache_file(login.cache_key()).ok_or("HOME is not set: nowhere to cache")?;
    let text = Zeroizing::new(
        serde_json::to_string_pretty(entry).map_err(|e| format!("the token cache: {e}"))?,
    );
    crate::private_file::write(&path, &text)?;
    Ok(path)
}

/// A legacy profile's token (cached under its start URL), if it is there and not expired.
pub(super) fn legacy_token(start_url: &str) -> Result<Zeroizing<String>, AwsError> {
    let path = cache_file(start_url).ok_or_else(|| super::signed_out("HOME is not set"))?;
    // As carefully as the recent-roles file: the user's own, never through a link.
    let text = match crate::recent::file::read_at_most(&path, MAX_CACHE_BYTES) {
        Ok(Some(text)) => Zeroizing::new(text),
        Ok(None) => return Err(super::signed_out("no cached token")),
        Err(why) => return Err(super::signed_out(&why)),
    };
    let entry: Entry =
        serde_json::from_str(&text).map_err(|_| super::signed_out("an unreadable cache file"))?;
    let expires: Timestamp = entry
        .expires_at
        .parse()
        .map_err(|_| super::signed_out("an unreadable expiry"))?;
    if expires <= Timestamp::now() {
        return Err(super::signed_out("the cached token expired"));
    }
    Ok(entry.access_token)
}

#[cfg(test)]
mod tests {
    use super::{Entry, cache_file};
    use zeroize::Zeroizing;

    #[test]
    fn the_cache_file_is_named_by_the_sha1_of_its_key_as_the_cli_names_it() {
        // sha1("my-sso"), as `hashlib.sha1(b"my-sso").hexdigest()` says.
        let path = cache_file("my-sso").expect("HOME is set in tests");
        assert!(
            path.ends_with(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"),
            "{}",
            path.display()
        );
    }

    #[test]
    fn an_entry_is_written_in_the_cli_s_shape_and_never_debug_printed() {
        let entry = Entry {
            start_url: "https://x.awsapps.com/start".into(),
            region: "us-east-1".into(),
            access_token: Zeroizing::new("token-canary".into()),
            expires_at: "2026-12-07T10:00:00Z".into(),
            client_id: Some("cid".into()),
            client_secret: Some(Zeroizing::new("secret-canary".into())),
            registration_expires_at: None,
            refresh_token: None,
        };
        let json: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&entry).expect("json")).expect("json");
        assert_eq!(json["startUrl"], "https://x.awsapps.com/start");
        assert_eq!(json["accessToken"], "token-canary");
        assert_eq!(json["expiresAt"], "2026-12-07T10:00:00Z");
        assert_eq!(json["clientSecret"], "secret-canary");
        assert!(json.get("refreshToken").is_none(), "absent, not null");
    }
}
