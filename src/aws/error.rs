//! AWS errors, classified for the user. Classification uses the error code the SDK parsed
//! (`ProvideErrorMetadata::code`), never message substrings.

use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};

pub use crate::model::error::{AwsError, ErrorKind};

impl AwsError {
    pub fn from_sdk<E, R>(operation: &'static str, region: &str, err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata,
    {
        let (kind, code, message) = match err {
            SdkError::TimeoutError(_) => (
                ErrorKind::Timeout,
                None,
                Some("the request timed out".to_owned()),
            ),
            SdkError::DispatchFailure(failure) => {
                let why = if failure.is_timeout() {
                    ErrorKind::Timeout
                } else {
                    ErrorKind::Network
                };
                (why, None, Some("could not reach the endpoint".to_owned()))
            }
            SdkError::ResponseError(_) => (
                ErrorKind::Network,
                None,
                Some("unreadable response".to_owned()),
            ),
            SdkError::ConstructionFailure(_) => (
                ErrorKind::Invalid,
                None,
                Some("could not build the request (credentials or region?)".to_owned()),
            ),
            _ => {
                let code = err.code().map(str::to_owned);
                let kind = code
                    .as_deref()
                    .map_or(ErrorKind::Other, ErrorKind::from_code);
                (kind, code, err.message().map(str::to_owned))
            }
        };
        Self {
            kind,
            operation,
            region: region.to_owned(),
            code,
            message,
        }
    }
}
