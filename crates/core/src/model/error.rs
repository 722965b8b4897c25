//! A failed AWS call, classified for the user: plain data (no SDK type), so the app core and
//! the views can hold and show it. Built from the SDK's errors in `aws::error`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    AccessDenied,
    ExpiredToken,
    Throttled,
    NotFound,
    Network,
    Timeout,
    /// No credentials could be had (a profile's source missing, an SSO login expired).
    Credentials,
    Invalid,
    Other,
}

impl ErrorKind {
    /// The short reason shown in the region bar.
    pub fn short(self) -> &'static str {
        match self {
            Self::AccessDenied => "access denied",
            Self::ExpiredToken => "expired credentials",
            Self::Throttled => "throttled",
            Self::NotFound => "not found",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::Credentials => "no credentials",
            Self::Invalid => "invalid request",
            Self::Other => "error",
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code {
            "AccessDeniedException"
            | "AccessDenied"
            | "UnauthorizedOperation"
            | "UnrecognizedClientException"
            | "InvalidClientTokenId"
            | "SignatureDoesNotMatch" => Self::AccessDenied,
            "ExpiredTokenException" | "ExpiredToken" | "RequestExpired" => Self::ExpiredToken,
            "ThrottlingException"
            | "Throttling"
            | "TooManyRequestsException"
            | "RequestLimitExceeded" => Self::Throttled,
            "ResourceNotFoundException" => Self::NotFound,
            "InvalidParameterException"
            | "InvalidRequestException"
            | "ValidationException"
            | "DecryptionFailure" => Self::Invalid,
            _ => Self::Other,
        }
    }
}

/// A failed AWS call: which call, where, why. Holds no secret material by construction:
/// it is built from the SDK's error metadata and aws-config's own reasons (never from
/// request bodies, nor from what a `credential_process` command printed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsError {
    pub kind: ErrorKind,
    pub operation: &'static str,
    pub region: String,
    pub code: Option<String>,
    pub message: Option<String>,
}

impl AwsError {
    /// An error smtui raises itself, before or instead of sending.
    pub fn invalid(operation: &'static str, region: &str, why: &str) -> Self {
        AwsError {
            kind: ErrorKind::Invalid,
            operation,
            region: region.to_owned(),
            code: None,
            message: Some(why.to_owned()),
        }
    }

    /// No credentials could be had, before any call: the caller says for what.
    pub fn no_credentials(why: &str) -> Self {
        AwsError {
            kind: ErrorKind::Credentials,
            operation: "",
            region: String::new(),
            code: None,
            message: Some(why.to_owned()),
        }
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // No operation: what failed is said by whoever shows it ("Could not assume profile
        // P: no credentials: …").
        if self.operation.is_empty() {
            write!(f, "{}", self.kind.short())?;
        } else {
            write!(
                f,
                "{} in {} failed: {}",
                self.operation,
                self.region,
                self.kind.short()
            )?;
        }
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AwsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds() {
        assert_eq!(
            ErrorKind::from_code("AccessDeniedException"),
            ErrorKind::AccessDenied
        );
        assert_eq!(
            ErrorKind::from_code("ExpiredTokenException"),
            ErrorKind::ExpiredToken
        );
        assert_eq!(
            ErrorKind::from_code("ThrottlingException"),
            ErrorKind::Throttled
        );
        assert_eq!(
            ErrorKind::from_code("ResourceNotFoundException"),
            ErrorKind::NotFound
        );
        assert_eq!(ErrorKind::from_code("Whatever"), ErrorKind::Other);
    }
}
