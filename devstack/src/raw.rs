//! Plain HTTP calls to moto for the setup the SDKs smtui depends on cannot do (IAM, KMS,
//! Lambda, moto's own config). Requests carry an unsigned but scoped Authorization header: moto
//! routes on the credential scope and does not verify signatures unless IAM auth is on,
//! and with it on, the first calls are let through by `INITIAL_NO_AUTH_ACTION_COUNT`.

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::StatusCode;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

pub(crate) struct RawClient {
    http: HttpClient<HttpConnector, Full<Bytes>>,
    endpoint: String,
    /// The access key the calls are scoped to: moto picks the account from it.
    access_key_id: String,
}

/// What a call is: which service and region it is scoped to, and its body.
pub(crate) struct RawCall<'a> {
    pub(crate) method: &'static str,
    pub(crate) path: &'a str,
    pub(crate) service: &'static str,
    pub(crate) region: &'a str,
    pub(crate) content_type: &'static str,
    /// `X-Amz-Target` of a JSON-protocol call.
    pub(crate) target: Option<&'a str>,
    pub(crate) body: String,
}

impl RawClient {
    pub(crate) fn new(endpoint: &str) -> Self {
        Self {
            http: HttpClient::builder(TokioExecutor::new()).build_http(),
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            access_key_id: "testing".to_owned(),
        }
    }

    /// Calls scoped to `access_key_id` (e.g. keys AssumeRole handed out in another
    /// account: moto makes the calls there).
    pub(crate) fn with_key(endpoint: &str, access_key_id: &str) -> Self {
        Self {
            access_key_id: access_key_id.to_owned(),
            ..Self::new(endpoint)
        }
    }

    pub(crate) async fn call(&self, call: RawCall<'_>) -> Result<(StatusCode, String)> {
        let uri = format!("{}{}", self.endpoint, call.path);
        let mut req = http::Request::builder()
            .method(call.method)
            .uri(&uri)
            .header("content-type", call.content_type)
            .header(
                "authorization",
                format!(
                    "AWS4-HMAC-SHA256 Credential={}/20250101/{}/{}/aws4_request, SignedHeaders=host, Signature=0",
                    self.access_key_id, call.region, call.service
                ),
            );
        if let Some(target) = call.target {
            req = req.header("x-amz-target", target);
        }
        let req = req.body(Full::new(Bytes::from(call.body)))?;
        let resp = self
            .http
            .request(req)
            .await
            .with_context(|| format!("{} {uri}", call.method))?;
        let status = resp.status();
        let body = resp.into_body().collect().await?.to_bytes();
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// An IAM query-protocol action (form-encoded, us-east-1).
    pub(crate) async fn iam(
        &self,
        action: &str,
        params: &[(&str, &str)],
    ) -> Result<(StatusCode, String)> {
        let mut form = format!("Action={action}&Version=2010-05-08");
        for (key, value) in params {
            form.push_str(&format!("&{key}={}", percent_encode(value)));
        }
        self.call(RawCall {
            method: "POST",
            path: "/",
            service: "iam",
            region: "us-east-1",
            content_type: "application/x-www-form-urlencoded",
            target: None,
            body: form,
        })
        .await
    }

    /// A KMS JSON-protocol operation (`TrentService.<operation>`, us-east-1).
    pub(crate) async fn kms(
        &self,
        target: &'static str,
        body: &serde_json::Value,
    ) -> Result<(StatusCode, String)> {
        self.call(RawCall {
            method: "POST",
            path: "/",
            service: "kms",
            region: "us-east-1",
            content_type: "application/x-amz-json-1.1",
            target: Some(target),
            body: body.to_string(),
        })
        .await
    }
}

/// RFC 3986 unreserved characters stay, everything else is %XX (form encoding).
pub(crate) fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
