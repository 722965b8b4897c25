use super::*;

fn scope(service: &str) -> CredentialScope {
    CredentialScope {
        access_key_id: "testing".into(),
        region: "us-east-1".into(),
        service: service.into(),
    }
}

#[test]
fn parses_query_and_json_calls() {
    let form = b"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&DurationSeconds=7200";
    let call = StsCall::parse(Some(&scope("sts")), None, form).expect("an STS call");
    assert_eq!(call.action, "AssumeRole");
    assert!(!call.json);
    assert_eq!(call.param("RoleArn"), Some("arn:aws:iam::1:role/r"));
    assert_eq!(call.param("DurationSeconds"), Some("7200"));
    // Another query service's form is not STS's.
    assert!(StsCall::parse(Some(&scope("iam")), None, form).is_none());

    let json = br#"{"RoleArn":"arn:aws:iam::1:role/r","DurationSeconds":900,"SerialNumber":"s","TokenCode":"123456"}"#;
    let call = StsCall::parse(
        Some(&scope("sts")),
        Some("AWSSecurityTokenServiceV20110615.AssumeRole"),
        json,
    )
    .expect("a JSON STS call");
    assert!(call.json);
    assert_eq!(call.param("DurationSeconds"), Some("900"));
    assert_eq!(call.mfa(), Some(true));
}

#[test]
fn mfa_is_absent_right_or_wrong() {
    let call = |params: &[(&str, &str)]| StsCall {
        action: "AssumeRole".into(),
        params: params
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
        json: false,
    };
    assert_eq!(call(&[]).mfa(), None);
    assert_eq!(call(&[("TokenCode", org::MFA_TOKEN_CODE)]).mfa(), None);
    assert_eq!(
        call(&[("SerialNumber", org::MFA_SERIAL)]).mfa(),
        Some(false)
    );
    assert_eq!(
        call(&[("SerialNumber", org::MFA_SERIAL), ("TokenCode", "000000")]).mfa(),
        Some(false)
    );
    assert_eq!(
        call(&[
            ("SerialNumber", org::MFA_SERIAL),
            ("TokenCode", org::MFA_TOKEN_CODE)
        ])
        .mfa(),
        Some(true)
    );
}

#[test]
fn names_callers_as_aws_does() {
    assert_eq!(
        caller_arn("arn:aws:sts::123456789012:user/moto"),
        "arn:aws:iam::123456789012:user/moto"
    );
    let role = "arn:aws:sts::123456789012:assumed-role/r/s";
    assert_eq!(caller_arn(role), role);
    assert_eq!(account_of(role), Some("123456789012"));
}

#[test]
fn minted_credentials_are_unique_and_shaped() {
    let (a, b) = (minted(), minted());
    assert_ne!(a.access_key_id, b.access_key_id);
    assert_eq!(a.access_key_id.len(), 20);
    assert!(a.access_key_id.starts_with("ASIA"));
    assert_eq!(a.secret_access_key.len(), 40);
}

/// A response's parts and body text.
fn read(resp: Response<Full<Bytes>>) -> (http::response::Parts, String) {
    use http_body_util::BodyExt;
    let (parts, body) = resp.into_parts();
    let bytes = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
        .block_on(body.collect())
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    (parts, String::from_utf8_lossy(&bytes).into_owned())
}

#[test]
fn refusals_come_in_the_protocol_of_the_request() {
    let mut call = StsCall {
        action: "AssumeRole".into(),
        params: HashMap::new(),
        json: false,
    };
    let (parts, text) = read(call.error(StatusCode::FORBIDDEN, "AccessDenied", "no & never"));
    assert_eq!(parts.status, StatusCode::FORBIDDEN);
    assert!(
        text.starts_with(
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
             <Message>no &amp; never</Message>"
        ),
        "{text}"
    );
    call.json = true;
    let (parts, text) = read(call.error(StatusCode::FORBIDDEN, "AccessDenied", "no"));
    assert_eq!(parts.headers["x-amzn-query-error"], "AccessDenied;Sender");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["__type"], "AccessDenied");
    assert_eq!(v["message"], "no");
}
