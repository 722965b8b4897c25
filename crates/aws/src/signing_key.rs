//! The access key id a request was signed with, read from its SigV4 `Authorization` header
//! (`… Credential=AKID/date/region/service/aws4_request, …`) as it leaves. The audit pane
//! matches it against CloudTrail's `userIdentity.accessKeyId` to know its own reads: it is
//! the key the identity's credentials hold now, as the SDK resolved and cached them, with no
//! second resolution (which for SSO or instance credentials would be a call of its own).
//! Only the key id is kept, an identifier; the signature, the secret key and the session
//! token are never read from the request.

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cloudtrail::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_cloudtrail::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;

/// Catches the key id of the request it is attached to (the last attempt's, if retried).
#[derive(Debug, Clone, Default)]
pub(crate) struct SigningKey(Arc<Mutex<Option<String>>>);

impl SigningKey {
    /// The key id the request was signed with (`None`: unsigned, or not sent).
    pub(crate) fn get(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Intercept for SigningKey {
    fn name(&self) -> &'static str {
        "SigningKey"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let key = context
            .request()
            .headers()
            .get("authorization")
            .and_then(key_id);
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = key;
        Ok(())
    }
}

/// The key id in a SigV4 `Authorization` header.
fn key_id(header: &str) -> Option<String> {
    let (_, credential) = header.split_once("Credential=")?;
    let (key, _) = credential.split_once('/')?;
    let plausible =
        !key.is_empty() && key.len() <= 128 && key.chars().all(|c| c.is_ascii_alphanumeric());
    plausible.then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::key_id;

    #[test]
    fn the_key_id_is_read_from_a_sigv4_header_and_nothing_else() {
        let header = "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE123/20261125/us-east-1/\
                      cloudtrail/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef";
        assert_eq!(key_id(header).as_deref(), Some("ASIAEXAMPLE123"));
        assert_eq!(key_id("Bearer token"), None);
        assert_eq!(key_id("AWS4-HMAC-SHA256 Credential=/20261125/x"), None);
        assert_eq!(key_id("AWS4-HMAC-SHA256 Credential=AK ID/2026"), None);
    }
}
