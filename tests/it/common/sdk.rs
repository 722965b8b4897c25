//! The app's own AWS config aimed at the local stack, apart from `live.rs` because
//! `tests/keys_never_wait.rs`, a binary of its own, includes this file alone.

use aws_config::Region;
use aws_sdk_secretsmanager::config::Credentials;
use smtui_aws::{AwsContext, ConnectOptions};

/// The app's own config loader aimed at the stack, with test credentials passed in rather
/// than through process-wide env vars.
pub async fn sdk_config(endpoint: &str) -> aws_config::SdkConfig {
    sdk_config_as(endpoint, "testing", "testing").await
}

/// As [`sdk_config`], signing as the given access key.
pub async fn sdk_config_as(endpoint: &str, key_id: &str, secret: &str) -> aws_config::SdkConfig {
    let options = ConnectOptions {
        profile: None,
        endpoint_url: Some(endpoint.to_owned()),
    };
    AwsContext::loader(&options)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(key_id, secret, None, None, "smtui-tests"))
        .load()
        .await
}
