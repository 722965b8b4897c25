//! KMS for the access pane: the key a secret is encrypted with (DescribeKey) and, for a
//! customer managed key, its policy (GetKeyPolicy), which decides who may decrypt the value.
//! An AWS managed key's policy is AWS's own and delegates to IAM: it is not read.

use aws_sdk_kms::types::{KeyManagerType, KeyMetadata};
use smtui_core::model::access::KeyFacts;

use crate::{AwsContext, AwsError};

/// A key has one policy, named so.
const POLICY_NAME: &str = "default";

/// The facts of key `key_id` (an ID, ARN or alias, as DescribeSecret gave it) in `region`.
pub async fn key(ctx: &AwsContext, region: &str, key_id: &str) -> Result<KeyFacts, AwsError> {
    let client = ctx.kms(region);
    let out = client
        .describe_key()
        .key_id(key_id)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("DescribeKey", region, &e))?;
    let metadata = out.key_metadata().ok_or_else(|| {
        AwsError::invalid("DescribeKey", region, "the answer held no key metadata")
    })?;
    let mut facts = facts(metadata);
    if is_customer_managed(metadata) {
        // By its ARN: GetKeyPolicy takes no alias.
        let out = client
            .get_key_policy()
            .key_id(&facts.arn)
            .policy_name(POLICY_NAME)
            .send()
            .await
            .map_err(|e| crate::error::from_sdk("GetKeyPolicy", region, &e))?;
        facts.policy = out.policy().map(str::to_owned);
    }
    Ok(facts)
}

/// What DescribeKey says of a key (its ARN, or its ID when no ARN came), before its policy.
pub(crate) fn facts(metadata: &KeyMetadata) -> KeyFacts {
    KeyFacts {
        arn: metadata.arn().unwrap_or(metadata.key_id()).to_owned(),
        aws_managed: metadata.key_manager() == Some(&KeyManagerType::Aws),
        policy: None,
    }
}

/// Whether the key's policy is the account's to read (`KeyManager` is `CUSTOMER`).
pub(crate) fn is_customer_managed(metadata: &KeyMetadata) -> bool {
    metadata.key_manager() == Some(&KeyManagerType::Customer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(manager: Option<KeyManagerType>, arn: Option<&str>) -> KeyMetadata {
        KeyMetadata::builder()
            .key_id("1234abcd-12ab-34cd-56ef-1234567890ab")
            .set_arn(arn.map(str::to_owned))
            .set_key_manager(manager)
            .build()
            .expect("a key ID")
    }

    #[test]
    fn a_customer_managed_key_s_policy_is_read_an_aws_managed_one_s_is_not() {
        let arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        let customer = metadata(Some(KeyManagerType::Customer), Some(arn));
        assert!(is_customer_managed(&customer));
        assert_eq!(
            facts(&customer),
            KeyFacts {
                arn: arn.to_owned(),
                aws_managed: false,
                policy: None,
            }
        );
        let aws = metadata(Some(KeyManagerType::Aws), Some(arn));
        assert!(!is_customer_managed(&aws));
        assert!(facts(&aws).aws_managed);
        // A manager the service did not say is neither: no policy is asked for.
        let unsaid = metadata(None, None);
        assert!(!is_customer_managed(&unsaid));
        assert_eq!(
            facts(&unsaid).arn,
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "the key's ID when no ARN came"
        );
    }
}
