//! AWS errors, classified for the user. Classification uses the error code the SDK parsed
//! (`ProvideErrorMetadata::code`), never message substrings.

use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response as HttpResponse;

pub use smtui_core::model::error::{AwsError, ErrorKind};

/// An SDK error, classified by the code the service answered.
pub(crate) fn from_sdk<E, B>(
    operation: &'static str,
    region: &str,
    err: &SdkError<E, HttpResponse<B>>,
) -> AwsError
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
        // Credentials that could not be had fail before anything is sent, as a dispatch
        // failure: said as what they are, with the provider's reasons, not as the
        // network.
        SdkError::DispatchFailure(failure)
            if let Some(why) = failure
                .as_connector_error()
                .and_then(|e| credentials_failure(e)) =>
        {
            (ErrorKind::Credentials, None, Some(why))
        }
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
    AwsError {
        kind,
        operation,
        region: region.to_owned(),
        code,
        message,
    }
}

/// The most a reason drawn from an error's chain may be: it is read in the footer.
const REASON_LIMIT: usize = 400;

/// Why no credentials could be had, when that is what `err` comes from: the reasons under
/// the credential provider's error, as one line.
fn credentials_failure(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    use aws_credential_types::provider::error::CredentialsError;
    let mut source = Some(err);
    while let Some(e) = source {
        if e.downcast_ref::<CredentialsError>().is_some() {
            // Its own words are generic ("the credential provider was not enabled"); the
            // provider's reasons under it say what is wrong.
            return Some(reasons(e.source().unwrap_or(e)));
        }
        source = e.source();
    }
    None
}

/// An error and the errors under it, `: `-joined, a reason its cause repeats said once;
/// at most [`REASON_LIMIT`] characters. What a `credential_process` command wrote to its
/// stderr (which aws-config puts in its error) is left out: it is the command's, and may
/// hold anything, so it goes to no footer, stderr or log.
pub(crate) fn reasons(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = Some(err);
    while let Some(e) = source {
        let mut text = e.to_string();
        if let Some(at) = text.find("Stderr:") {
            text.truncate(at);
            text.push_str("(what it wrote to stderr is not shown)");
        }
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    let joined = parts.join(": ");
    match joined.char_indices().nth(REASON_LIMIT) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
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
        crate::error::from_sdk("ListSecrets", "us-east-1", &err)
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

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|e| e as _)
        }
    }

    #[test]
    fn reasons_join_the_chain_once_each_and_stay_short() {
        let chain = Layer(
            "profile `nosuch` was not defined",
            Some(Box::new(Layer(
                "not defined",
                Some(Box::new(Layer(
                    "could not find source profile nosuch",
                    None,
                ))),
            ))),
        );
        assert_eq!(
            reasons(&chain),
            "profile `nosuch` was not defined: could not find source profile nosuch"
        );
        let helper = Layer(
            "Error retrieving credentials: external process exited with code 1. \
             Stderr: token=hunter2",
            None,
        );
        let said = reasons(&helper);
        assert!(!said.contains("hunter2"), "{said}");
        assert!(said.ends_with("code 1. (what it wrote to stderr is not shown)"));
        let long: &'static str = "x".repeat(1000).leak();
        let said = reasons(&Layer(long, None));
        assert_eq!(said.chars().count(), REASON_LIMIT + 1);
        assert!(said.ends_with('…'));
    }

    #[test]
    fn credentials_that_cannot_be_had_are_not_the_network() {
        use aws_credential_types::provider::error::CredentialsError;
        use aws_smithy_runtime_api::client::result::ConnectorError;
        let missing = CredentialsError::not_loaded(Layer("source profile nosuch is missing", None));
        let err: SdkError<ListSecretsError, HttpResponse> =
            SdkError::dispatch_failure(ConnectorError::other(Box::new(missing), None));
        let said = crate::error::from_sdk("ListSecrets", "us-east-1", &err);
        assert_eq!(said.kind, ErrorKind::Credentials);
        assert_eq!(
            said.to_string(),
            "ListSecrets in us-east-1 failed: no credentials: source profile nosuch is missing"
        );
        let down: SdkError<ListSecretsError, HttpResponse> = SdkError::dispatch_failure(
            ConnectorError::io(Box::new(std::io::Error::other("refused"))),
        );
        let said = crate::error::from_sdk("ListSecrets", "us-east-1", &down);
        assert_eq!(said.kind, ErrorKind::Network);
        let credentials = AwsError::no_credentials("the profile gives none");
        assert_eq!(
            credentials.to_string(),
            "no credentials: the profile gives none"
        );
    }
}
