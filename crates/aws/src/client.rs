//! SDK clients: one shared `SdkConfig` from aws-config's standard credential chain, and one
//! client per service and region, built lazily and kept (IAM's per partition: it is global).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{AppName, BehaviorVersion, Region, SdkConfig};

/// The app name every SDK client sends in its user agent.
pub(crate) const APP_NAME: &str = "smtui";

/// How to reach AWS, from the CLI and config.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    pub profile: Option<String>,
    /// Overrides every service endpoint (the local stack). `AWS_ENDPOINT_URL` is honoured by
    /// aws-config itself when this is `None`.
    pub endpoint_url: Option<String>,
}

/// The SDK configuration plus a cache of per-region clients. Cheap to clone.
#[derive(Clone)]
pub struct AwsContext {
    config: SdkConfig,
    secrets: Arc<Mutex<HashMap<String, aws_sdk_secretsmanager::Client>>>,
    cloudtrail: Arc<Mutex<HashMap<String, aws_sdk_cloudtrail::Client>>>,
    kms: Arc<Mutex<HashMap<String, aws_sdk_kms::Client>>>,
    /// Keyed by the partition's global region ([`iam_region`]).
    iam: Arc<Mutex<HashMap<String, aws_sdk_iam::Client>>>,
}

impl AwsContext {
    pub async fn load(options: &ConnectOptions) -> Self {
        let mut loader = Self::loader(options);
        if let Some(profile) = &options.profile {
            loader = loader.credentials_provider(profile_credentials(profile).await);
        }
        Self::from_config(loader.load().await)
    }

    /// aws-config's standard loader with smtui's retry and timeout policy. Tests add their
    /// own credentials and region to it, so they run with the same policy as the app.
    pub fn loader(options: &ConnectOptions) -> aws_config::ConfigLoader {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            // Adaptive retry backs off when AWS throttles (CloudTrail allows 2 calls/s).
            .retry_config(RetryConfig::adaptive().with_max_attempts(3))
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_attempt_timeout(Duration::from_secs(20))
                    .operation_timeout(Duration::from_secs(45))
                    .build(),
            );
        // Recognisable in CloudTrail's userAgent (`app/smtui`): the audit pane can tell
        // smtui's own reads from others'.
        if let Ok(name) = AppName::new(APP_NAME) {
            loader = loader.app_name(name);
        }
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        loader
    }

    pub fn from_config(config: SdkConfig) -> Self {
        Self {
            config,
            secrets: Arc::default(),
            cloudtrail: Arc::default(),
            kms: Arc::default(),
            iam: Arc::default(),
        }
    }

    /// The region of the profile / environment, used when no region is given.
    pub fn default_region(&self) -> Option<String> {
        self.config.region().map(ToString::to_string)
    }

    pub(crate) fn sdk_config(&self) -> &SdkConfig {
        &self.config
    }

    pub(crate) fn secrets(&self, region: &str) -> aws_sdk_secretsmanager::Client {
        cached(&self.secrets, region, || {
            let conf = aws_sdk_secretsmanager::config::Builder::from(&self.config)
                .region(Region::new(region.to_owned()))
                .build();
            aws_sdk_secretsmanager::Client::from_conf(conf)
        })
    }

    pub(crate) fn cloudtrail(&self, region: &str) -> aws_sdk_cloudtrail::Client {
        cached(&self.cloudtrail, region, || {
            let conf = aws_sdk_cloudtrail::config::Builder::from(&self.config)
                .region(Region::new(region.to_owned()))
                .build();
            aws_sdk_cloudtrail::Client::from_conf(conf)
        })
    }

    pub(crate) fn kms(&self, region: &str) -> aws_sdk_kms::Client {
        cached(&self.kms, region, || {
            let conf = aws_sdk_kms::config::Builder::from(&self.config)
                .region(Region::new(region.to_owned()))
                .build();
            aws_sdk_kms::Client::from_conf(conf)
        })
    }

    /// IAM of the partition `region` is in, through its global region (the endpoint
    /// override, for the local stack, is kept like every client's).
    pub(crate) fn iam(&self, region: &str) -> aws_sdk_iam::Client {
        let global = iam_region(region);
        cached(&self.iam, global, || {
            let conf = aws_sdk_iam::config::Builder::from(&self.config)
                .region(Region::new(global))
                .build();
            aws_sdk_iam::Client::from_conf(conf)
        })
    }

    /// Organizations, in `region` (its global one, us-east-1, for the aws partition).
    pub(crate) fn organizations(&self, region: &str) -> aws_sdk_organizations::Client {
        let conf = aws_sdk_organizations::config::Builder::from(&self.config)
            .region(Region::new(region.to_owned()))
            .build();
        aws_sdk_organizations::Client::from_conf(conf)
    }

    pub(crate) fn sts(&self, region: Option<&str>) -> aws_sdk_sts::Client {
        let mut builder = aws_sdk_sts::config::Builder::from(&self.config);
        if let Some(region) = region {
            builder = builder.region(Region::new(region.to_owned()));
        }
        aws_sdk_sts::Client::from_conf(builder.build())
    }
}

/// The client kept in `cache` for `region`, built by `make` the first time.
fn cached<C: Clone>(
    cache: &Mutex<HashMap<String, C>>,
    region: &str,
    make: impl FnOnce() -> C,
) -> C {
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.entry(region.to_owned()).or_insert_with(make).clone()
}

/// The region IAM, a global service, signs and is reached in for the partition of `region`:
/// the commercial partition's unless the region belongs to another one.
pub(crate) fn iam_region(region: &str) -> &'static str {
    const PARTITIONS: [(&str, &str); 4] = [
        ("cn-", "cn-north-1"),
        ("us-gov-", "us-gov-west-1"),
        ("us-isob-", "us-isob-east-1"),
        ("us-iso-", "us-iso-east-1"),
    ];
    PARTITIONS
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or("us-east-1", |(_, global)| global)
}

/// The credentials of profile `name` alone. A profile asked for by name is what the user
/// works as, as with the AWS CLI's `--profile`: the default chain would take keys in the
/// environment first, and a switch to the profile would change nothing. Its role chains,
/// SSO and `credential_process` work as in the default chain, with the region it would use.
async fn profile_credentials(name: &str) -> aws_config::profile::ProfileFileCredentialsProvider {
    let region = aws_config::default_provider::region::Builder::default()
        .profile_name(name)
        .build()
        .region()
        .await;
    let config = aws_config::provider_config::ProviderConfig::default().with_region(region);
    aws_config::profile::ProfileFileCredentialsProvider::builder()
        .configure(&config)
        .profile_name(name)
        .build()
}

#[cfg(test)]
mod tests {
    use super::iam_region;

    #[test]
    fn iam_is_reached_in_its_partition_s_global_region() {
        assert_eq!(iam_region("eu-west-1"), "us-east-1");
        assert_eq!(iam_region("us-east-1"), "us-east-1");
        assert_eq!(iam_region("cn-northwest-1"), "cn-north-1");
        assert_eq!(iam_region("us-gov-east-1"), "us-gov-west-1");
        assert_eq!(iam_region("us-isob-east-1"), "us-isob-east-1");
        assert_eq!(iam_region("us-iso-west-1"), "us-iso-east-1");
    }
}
