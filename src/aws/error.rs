//! AWS errors, classified for the user. Classification uses the error code the SDK parsed
//! (`ProvideErrorMetadata::code`), never message substrings.

use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response as HttpResponse;

pub use crate::model::error::{AwsError, ErrorKind};

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

    pub fn from_sdk<E, B>(
        operation: &'static str,
        region: &str,
        err: &SdkError<E, HttpResponse<B>>,
    ) -> Self
    where
        E: ProvideErrorMetadata,
    {
        // What the service answered, for errors no code explains.
        let status = err.raw_response().map(|r| r.status().as_u16());
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
                Some(match status {
                    Some(status) => format!("unreadable response (HTTP {status})"),
                    None => "unreadable response".to_owned(),
                }),
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
                let mut message = err.message().map(str::to_owned);
                // An error no code classifies still says what is known: the HTTP status and
                // the service's own words.
                if kind == ErrorKind::Other
                    && let Some(status) = status
                {
                    message = Some(match message {
                        Some(text) => format!("HTTP {status}: {text}"),
                        None => format!("HTTP {status}"),
                    });
                }
                (kind, code, message)
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

#[cfg(test)]
mod tests {
    use aws_sdk_secretsmanager::error::ErrorMetadata;
    use aws_sdk_secretsmanager::operation::list_secrets::ListSecretsError;
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;

    use super::*;

    fn service_error(status: u16, code: Option<&str>, message: &str) -> AwsError {
        let mut meta = ErrorMetadata::builder().message(message);
        if let Some(code) = code {
            meta = meta.code(code);
        }
        let raw = HttpResponse::new(
            StatusCode::try_from(status).expect("status"),
            SdkBody::empty(),
        );
        let err = SdkError::service_error(ListSecretsError::generic(meta.build()), raw);
        AwsError::from_sdk("ListSecrets", "us-east-1", &err)
    }

    #[test]
    fn an_unclassified_error_says_the_http_status_and_the_service_s_words() {
        let err = service_error(503, None, "Slow Down");
        assert_eq!(err.kind, ErrorKind::Other);
        assert_eq!(
            err.to_string(),
            "ListSecrets in us-east-1 failed: error: HTTP 503: Slow Down"
        );
        let denied = service_error(400, Some("AccessDeniedException"), "no");
        assert_eq!(denied.kind, ErrorKind::AccessDenied);
        assert!(
            !denied.to_string().contains("HTTP"),
            "a known code says enough"
        );
    }
}
