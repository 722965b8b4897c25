//! An Amazon Resource Name, parsed once: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.

use std::fmt;
use std::str::FromStr;

/// A parsed ARN. The text is kept as it was given (it is what AWS is sent and what the
/// screen shows); the parts are slices of it, so `to_string()` gives back the input.
/// Every listed secret holds one (two, when it rotates): it is 32 bytes, not 64, with the
/// text boxed (no spare capacity) and the colons' places in 16 bits (BENCHMARKS.md).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arn {
    text: Box<str>,
    /// Where the five colons sit in `text`: after `arn`, the partition, the service, the
    /// region and the account.
    colons: [u16; 5],
}

/// Why a text is not an ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArnError {
    /// It does not start with `arn:`.
    Prefix,
    /// Fewer than six colon-separated parts.
    Parts,
    /// The partition is not `aws` or one of its kin (`aws-cn`, `aws-us-gov`…).
    Partition,
    /// The service is empty or not lowercase letters, digits and dashes.
    Service,
    /// The region or the account holds characters neither has.
    Field,
    /// Nothing after the account.
    Resource,
    /// A control character or whitespace anywhere.
    Character,
    /// Over 65,535 bytes: no ARN is (AWS's are 2,048 characters at most).
    Length,
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArnError::Prefix => "it does not start with arn:",
            ArnError::Parts => "it has fewer than six parts separated by colons",
            ArnError::Partition => "its partition is not aws, aws-cn, aws-us-gov or the like",
            ArnError::Service => "its service is not lowercase letters, digits and dashes",
            ArnError::Field => "its region or account holds characters neither has",
            ArnError::Resource => "it names no resource",
            ArnError::Character => "it holds whitespace or a control character",
            ArnError::Length => "it is longer than any ARN (65,535 bytes)",
        })
    }
}

impl std::error::Error for ArnError {}

/// Lowercase letters, digits and dashes: what partitions, services and regions are made of.
fn plain(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Arn {
    pub fn parse(text: &str) -> Result<Self, ArnError> {
        if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(ArnError::Character);
        }
        if !text.starts_with("arn:") {
            return Err(ArnError::Prefix);
        }
        if u16::try_from(text.len()).is_err() {
            return Err(ArnError::Length);
        }
        let mut colons = [0; 5];
        let mut found = text.match_indices(':').map(|(at, _)| at);
        for colon in &mut colons {
            let at = found.next().ok_or(ArnError::Parts)?;
            *colon = u16::try_from(at).map_err(|_| ArnError::Length)?;
        }
        let arn = Self {
            text: text.into(),
            colons,
        };
        if !arn.partition().starts_with("aws") || !plain(arn.partition()) {
            return Err(ArnError::Partition);
        }
        if arn.service().is_empty() || !plain(arn.service()) {
            return Err(ArnError::Service);
        }
        // An account is twelve digits, or a word such as `aws` for AWS-managed policies.
        let account_ok = arn
            .account()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !plain(arn.region()) || !account_ok {
            return Err(ArnError::Field);
        }
        if arn.resource().is_empty() {
            return Err(ArnError::Resource);
        }
        Ok(arn)
    }

    fn part(&self, index: usize) -> &str {
        &self.text[usize::from(self.colons[index]) + 1..usize::from(self.colons[index + 1])]
    }

    /// `aws`, `aws-cn`, `aws-us-gov`…
    pub(crate) fn partition(&self) -> &str {
        self.part(0)
    }

    pub fn service(&self) -> &str {
        self.part(1)
    }

    /// Empty for global services (IAM, STS).
    pub(crate) fn region(&self) -> &str {
        self.part(2)
    }

    /// Empty for some (S3 buckets).
    pub fn account(&self) -> &str {
        self.part(3)
    }

    /// Whether the account is a real one: twelve digits.
    pub(crate) fn has_account_id(&self) -> bool {
        self.account().len() == 12 && self.account().bytes().all(|b| b.is_ascii_digit())
    }

    /// Everything after the account: `role/path/NAME`, `secret:NAME-AbCdEf`,
    /// `assumed-role/ROLE/SESSION`, `root`, `function:NAME`.
    pub(crate) fn resource(&self) -> &str {
        &self.text[usize::from(self.colons[4]) + 1..]
    }

    /// The resource's last `/`-separated segment: a role's or user's name (after any
    /// path), an assumed role's session name.
    pub fn last_segment(&self) -> &str {
        let resource = self.resource();
        resource.rsplit_once('/').map_or(resource, |(_, last)| last)
    }

    /// An IAM role's name (`role/path/NAME`), for an IAM role ARN.
    pub(crate) fn role_name(&self) -> Option<&str> {
        let path = self.resource().strip_prefix("role/")?;
        (self.service() == "iam" && !path.is_empty()).then(|| self.last_segment())
    }

    /// An STS assumed-role ARN's role and session (`assumed-role/ROLE/SESSION`).
    pub(crate) fn assumed_role(&self) -> Option<(&str, Option<&str>)> {
        let rest = self.resource().strip_prefix("assumed-role/")?;
        let mut parts = rest.splitn(2, '/');
        let role = parts.next().filter(|r| !r.is_empty())?;
        Some((role, parts.next()))
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for Arn {
    type Err = ArnError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Arn::parse(text)
    }
}

impl TryFrom<&str> for Arn {
    type Error = ArnError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        Arn::parse(text)
    }
}

impl TryFrom<String> for Arn {
    type Error = ArnError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Arn::parse(&text)
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

// As the text: an ARN in a test failure or a log line reads as the ARN.
impl fmt::Debug for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl AsRef<str> for Arn {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

// Compared with text as the text is: what was typed or configured against what is held.
impl PartialEq<str> for Arn {
    fn eq(&self, other: &str) -> bool {
        *self.text == *other
    }
}

impl PartialEq<&str> for Arn {
    fn eq(&self, other: &&str) -> bool {
        *self.text == **other
    }
}

impl PartialEq<String> for Arn {
    fn eq(&self, other: &String) -> bool {
        *self.text == **other
    }
}

// On the wire (the recent-roles file, `smtui list --json`) an ARN is its text, as before it
// was typed; reading one back parses it, and a malformed one is an error, not a panic.
impl serde::Serialize for Arn {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Arn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Arn::parse(&text).map_err(|why| serde::de::Error::custom(format!("{text:?}: {why}")))
    }
}

#[cfg(test)]
mod tests {
    use super::{Arn, ArnError};
    use proptest::prelude::*;

    fn arn(text: &str) -> Arn {
        Arn::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn the_parts_of_good_arns() {
        // (text, partition, service, region, account, resource)
        let table = [
            (
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf",
                "aws",
                "secretsmanager",
                "eu-west-1",
                "123456789012",
                "secret:prod/db-AbCdEf",
            ),
            (
                "arn:aws:iam::123456789012:role/admin",
                "aws",
                "iam",
                "",
                "123456789012",
                "role/admin",
            ),
            (
                "arn:aws-cn:iam::123456789012:role/ops/deploy",
                "aws-cn",
                "iam",
                "",
                "123456789012",
                "role/ops/deploy",
            ),
            (
                "arn:aws-us-gov:sts::123456789012:assumed-role/Role/session",
                "aws-us-gov",
                "sts",
                "",
                "123456789012",
                "assumed-role/Role/session",
            ),
            (
                "arn:aws:iam::123456789012:root",
                "aws",
                "iam",
                "",
                "123456789012",
                "root",
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:rotate:PROD",
                "aws",
                "lambda",
                "us-east-1",
                "123456789012",
                "function:rotate:PROD",
            ),
            (
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "aws",
                "iam",
                "",
                "aws",
                "policy/ReadOnlyAccess",
            ),
            ("arn:aws:s3:::bucket", "aws", "s3", "", "", "bucket"),
        ];
        for (text, partition, service, region, account, resource) in table {
            let parsed = arn(text);
            assert_eq!(
                (
                    parsed.partition(),
                    parsed.service(),
                    parsed.region(),
                    parsed.account(),
                    parsed.resource()
                ),
                (partition, service, region, account, resource),
                "{text}"
            );
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn malformed_arns_say_why() {
        let table = [
            ("", ArnError::Prefix),
            ("profile dev", ArnError::Character),
            ("MFA session (x)", ArnError::Character),
            ("ARN:aws:iam::123456789012:role/a", ArnError::Prefix),
            ("arn:aws:iam::123456789012", ArnError::Parts),
            ("arn:", ArnError::Parts),
            ("arn:gcp:iam::123456789012:role/a", ArnError::Partition),
            ("arn::iam::123456789012:role/a", ArnError::Partition),
            ("arn:aws::::role/a", ArnError::Service),
            ("arn:aws:IAM::123456789012:role/a", ArnError::Service),
            ("arn:aws:iam:EU::role/a", ArnError::Field),
            ("arn:aws:iam::12/34:role/a", ArnError::Field),
            ("arn:aws:iam::123456789012:", ArnError::Resource),
            (
                "arn:aws:iam::123456789012:role/a\u{1b}[2J",
                ArnError::Character,
            ),
            ("arn:aws:iam::123456789012:role/a\n", ArnError::Character),
        ];
        for (text, why) in table {
            assert_eq!(Arn::parse(text), Err(why), "{text:?}");
        }
        let long = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(65_536));
        assert_eq!(Arn::parse(&long), Err(ArnError::Length));
    }

    #[test]
    fn roles_sessions_and_names() {
        let role = arn("arn:aws:iam::123456789012:role/path/to/deploy");
        assert_eq!(role.role_name(), Some("deploy"));
        assert!(role.has_account_id());
        assert_eq!(role.assumed_role(), None);
        assert_eq!(arn("arn:aws:iam::123456789012:role/").role_name(), None);
        assert_eq!(arn("arn:aws:sts::1:role/x").role_name(), None, "not IAM");
        let session = arn("arn:aws:sts::123456789012:assumed-role/Role/alice@example.com");
        assert_eq!(
            session.assumed_role(),
            Some(("Role", Some("alice@example.com")))
        );
        assert_eq!(session.last_segment(), "alice@example.com");
        assert_eq!(arn("arn:aws:iam::123456789012:root").last_segment(), "root");
        assert!(!arn("arn:aws:iam::aws:policy/P").has_account_id());
        assert_eq!(
            arn("arn:aws:iam::1:role/a"),
            "arn:aws:iam::1:role/a",
            "compares with text"
        );
    }

    #[test]
    fn serialised_as_its_text_and_read_back_by_parsing() {
        let role = arn("arn:aws:iam::123456789012:role/admin");
        let json = serde_json::to_string(&role).expect("serialise");
        assert_eq!(json, r#""arn:aws:iam::123456789012:role/admin""#);
        assert_eq!(serde_json::from_str::<Arn>(&json).expect("read back"), role);
        let bad = serde_json::from_str::<Arn>(r#""profile dev""#).expect_err("not an ARN");
        assert!(bad.to_string().contains("profile dev"), "{bad}");
    }

    proptest! {
        #[test]
        fn hostile_text_never_panics(text in ".{0,80}") {
            let _ = Arn::parse(&text);
            let with_prefix = format!("arn:{text}");
            if let Ok(parsed) = Arn::parse(&with_prefix) {
                let _ = (parsed.resource(), parsed.last_segment(), parsed.role_name(), parsed.assumed_role());
                prop_assert_eq!(parsed.to_string(), with_prefix);
            }
        }

        #[test]
        fn valid_arns_display_as_parsed(
            partition in "aws(-cn|-us-gov|-iso)?",
            service in "[a-z][a-z0-9-]{0,15}",
            region in "([a-z]{2}-[a-z]+-[0-9])?",
            account in "([0-9]{12})?",
            resource in "[A-Za-z0-9/:_+=,.@-]{1,40}",
        ) {
            let text = format!("arn:{partition}:{service}:{region}:{account}:{resource}");
            let parsed = Arn::parse(&text).expect("valid");
            prop_assert_eq!(parsed.to_string(), text.clone());
            prop_assert_eq!(
                (parsed.partition(), parsed.service(), parsed.region(), parsed.account(), parsed.resource()),
                (partition.as_str(), service.as_str(), region.as_str(), account.as_str(), resource.as_str())
            );
        }
    }
}
