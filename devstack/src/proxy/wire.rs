//! Small pieces of AWS wire format the proxy reads and writes: the SigV4 credential
//! scope, moto's XML errors (rewritten to the JSON protocol's shape), STS AssumeRole
//! responses, and JSON-protocol error responses.
//!
//! Deliberately string-level: the proxy only needs a handful of fields and must not pull
//! a full XML parser into the test stack.

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode, header};
use http_body_util::Full;

/// `Credential=AKID/20250101/us-east-1/secretsmanager/aws4_request` from an
/// `Authorization: AWS4-HMAC-SHA256 ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CredentialScope {
    pub(crate) access_key_id: String,
    pub(crate) region: String,
    pub(crate) service: String,
}

pub(crate) fn credential_scope(authorization: &str) -> Option<CredentialScope> {
    let start = authorization.find("Credential=")? + "Credential=".len();
    let rest = &authorization[start..];
    let end = rest
        .find(|c: char| c == ',' || c.is_whitespace())
        .unwrap_or(rest.len());
    let mut parts = rest[..end].split('/');
    let access_key_id = parts.next()?.to_string();
    let _date = parts.next()?;
    let region = parts.next()?.to_string();
    let service = parts.next()?.to_string();
    Some(CredentialScope {
        access_key_id,
        region,
        service,
    })
}

/// Text of the first `<tag>...</tag>` in `xml`, entity-decoded.
pub(crate) fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let len = xml[start..].find(&close)?;
    Some(xml_unescape(xml[start..start + len].trim()))
}

pub(crate) fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `(Code, Message)` of an XML error body: query-protocol
/// `<ErrorResponse><Error><Code>` or EC2-style `<Response><Errors><Error><Code>`.
pub(crate) fn xml_error(body: &[u8]) -> Option<(String, String)> {
    let text = std::str::from_utf8(body).ok()?;
    if !text.trim_start().starts_with('<') {
        return None;
    }
    let error = text.find("<Error>").map_or(text, |i| &text[i..]);
    let code = xml_text(error, "Code")?;
    let message = xml_text(error, "Message").unwrap_or_default();
    Some((code, message))
}

/// `(AccessKeyId, AssumedRoleUser.Arn)` from an STS AssumeRole XML response.
pub(crate) fn assume_role_result(body: &[u8]) -> Option<(String, String)> {
    let text = std::str::from_utf8(body).ok()?;
    let key = xml_text(text, "AccessKeyId")?;
    let user_start = text.find("<AssumedRoleUser>")?;
    let arn = xml_text(&text[user_start..], "Arn")?;
    Some((key, arn))
}

/// True when a query-protocol form body asks for `Action=AssumeRole`.
pub(crate) fn is_assume_role_form(body: &[u8]) -> bool {
    std::str::from_utf8(body)
        .is_ok_and(|text| text.split('&').any(|pair| pair == "Action=AssumeRole"))
}

/// `__type` of a JSON error, without the `namespace#` prefix AWS sometimes adds.
pub(crate) fn strip_error_type(t: &str) -> &str {
    let t = t.rsplit('#').next().unwrap_or(t);
    // Some services append ":http://internal.amazon.com/..." to the type.
    t.split(':').next().unwrap_or(t)
}

pub(crate) const JSON_CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// An AWS JSON-protocol error response.
pub(crate) fn json_error(status: StatusCode, code: &str, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({ "__type": code, "message": message }).to_string();
    let mut resp = Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() = status;
    set_json_error_headers(resp.headers_mut(), code);
    resp.headers_mut().insert(
        "x-amzn-requestid",
        HeaderValue::from_str(&crate::ids::uuid_like()).unwrap_or(HeaderValue::from_static("0")),
    );
    resp
}

pub(crate) fn set_json_error_headers(headers: &mut http::HeaderMap, code: &str) {
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    if let Ok(v) = HeaderValue::from_str(code) {
        headers.insert("x-amzn-errortype", v);
    }
}

/// Rewrites moto's XML error (sent for JSON-protocol requests when IAM auth denies) into
/// the JSON shape the SDK expects, so the SDK surfaces the real error code instead of a
/// parse failure. Returns `None` when the body is not an XML error.
pub(crate) fn rewrite_xml_error(
    status: StatusCode,
    headers: &mut http::HeaderMap,
    body: &[u8],
) -> Option<Bytes> {
    if !status.is_client_error() {
        return None;
    }
    let (code, message) = xml_error(body)?;
    set_json_error_headers(headers, &code);
    // The length changes; hyper recomputes it from the new body.
    headers.remove(header::CONTENT_LENGTH);
    Some(Bytes::from(
        serde_json::json!({ "__type": code, "message": message }).to_string(),
    ))
}

/// Rewrites moto's EC2-style XML error (`<Response><Errors><Error>`, sent for query-protocol
/// calls such as STS when IAM auth denies) into the `<ErrorResponse><Error>` shape the
/// query protocol uses, so the SDK surfaces the code. `None` when nothing needs changing.
pub(crate) fn rewrite_query_xml_error(
    status: StatusCode,
    headers: &mut http::HeaderMap,
    body: &[u8],
) -> Option<Bytes> {
    if !status.is_client_error() || !std::str::from_utf8(body).is_ok_and(|t| t.contains("<Errors>"))
    {
        return None;
    }
    let (code, message) = xml_error(body)?;
    let xml = format!(
        "<ErrorResponse><Error><Type>Sender</Type><Code>{}</Code><Message>{}</Message></Error>\
         <RequestId>{}</RequestId></ErrorResponse>",
        xml_escape(&code),
        xml_escape(&message),
        crate::ids::uuid_like()
    );
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    headers.remove(header::CONTENT_LENGTH);
    Some(Bytes::from(xml))
}

pub(crate) fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_ec2_style_errors_for_query_protocol_calls() {
        let moto = b"<?xml version=\"1.0\"?><Response><Errors><Error><Code>InvalidClientTokenId</Code>\
<Message>The security token included in the request is invalid.</Message></Error></Errors></Response>";
        let mut headers = http::HeaderMap::new();
        let body =
            rewrite_query_xml_error(StatusCode::FORBIDDEN, &mut headers, moto).expect("rewritten");
        let text = std::str::from_utf8(&body).expect("utf-8");
        assert!(text.starts_with(
            "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
        ));
        assert!(
            text.contains(
                "<Message>The security token included in the request is invalid.</Message>"
            )
        );
        let already_fine = b"<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>";
        assert!(
            rewrite_query_xml_error(StatusCode::FORBIDDEN, &mut headers, already_fine).is_none()
        );
    }

    #[test]
    fn parses_credential_scope() {
        let auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
        let scope = credential_scope(auth).expect("scope");
        assert_eq!(scope.access_key_id, "AKIDEXAMPLE");
        assert_eq!(scope.region, "eu-west-1");
        assert_eq!(scope.service, "secretsmanager");
        assert!(credential_scope("Bearer x").is_none());
    }

    fn rewrite(xml: &str) -> (http::HeaderMap, serde_json::Value) {
        let mut headers = http::HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("999"));
        let body = rewrite_xml_error(StatusCode::FORBIDDEN, &mut headers, xml.as_bytes())
            .expect("rewritten");
        (headers, serde_json::from_slice(&body).expect("json"))
    }

    #[test]
    fn rewrites_query_style_xml_error() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse><Error><Type>Sender</Type><Code>AccessDeniedException</Code>
<Message>User: arn:aws:iam::123456789012:user/x is not authorized to perform: secretsmanager:GetSecretValue &amp; more</Message></Error>
<RequestId>abc</RequestId></ErrorResponse>"#;
        let (headers, json) = rewrite(xml);
        assert_eq!(json["__type"], "AccessDeniedException");
        assert_eq!(
            json["message"],
            "User: arn:aws:iam::123456789012:user/x is not authorized to perform: secretsmanager:GetSecretValue & more"
        );
        assert_eq!(headers[header::CONTENT_TYPE], JSON_CONTENT_TYPE);
        assert_eq!(headers["x-amzn-errortype"], "AccessDeniedException");
        assert!(headers.get(header::CONTENT_LENGTH).is_none());
    }

    #[test]
    fn rewrites_ec2_style_xml_error() {
        let xml = "<Response><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></Errors><RequestID>r</RequestID></Response>";
        let (headers, json) = rewrite(xml);
        assert_eq!(json["__type"], "InvalidClientTokenId");
        assert_eq!(
            json["message"],
            "The security token included in the request is invalid."
        );
        assert_eq!(headers["x-amzn-errortype"], "InvalidClientTokenId");
    }

    #[test]
    fn rewrites_moto_auth_error_verbatim() {
        // Exactly what moto 5.2.5 answers a JSON-protocol call when IAM auth rejects it.
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>"#;
        let (_, json) = rewrite(xml);
        assert_eq!(json["__type"], "InvalidClientTokenId");
    }

    #[test]
    fn leaves_json_and_success_alone() {
        let mut headers = http::HeaderMap::new();
        assert!(
            rewrite_xml_error(StatusCode::BAD_REQUEST, &mut headers, br#"{"__type":"X"}"#)
                .is_none()
        );
        assert!(
            rewrite_xml_error(StatusCode::OK, &mut headers, b"<a><Code>X</Code></a>").is_none()
        );
    }

    #[test]
    fn parses_assume_role_response() {
        let xml = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKE</AccessKeyId><SecretAccessKey>s</SecretAccessKey></Credentials><AssumedRoleUser><AssumedRoleId>AROA:sess</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/auditor/sess</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>";
        assert_eq!(
            assume_role_result(xml.as_bytes()),
            Some((
                "ASIAFAKE".to_string(),
                "arn:aws:sts::123456789012:assumed-role/auditor/sess".to_string()
            ))
        );
        assert!(is_assume_role_form(
            b"Action=AssumeRole&Version=2011-06-15&RoleArn=x"
        ));
        assert!(!is_assume_role_form(b"Action=GetCallerIdentity"));
    }

    #[test]
    fn strips_error_type_prefix() {
        assert_eq!(
            strip_error_type("com.amazonaws.secretsmanager#ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
        assert_eq!(strip_error_type("Plain"), "Plain");
    }
}
