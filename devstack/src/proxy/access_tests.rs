//! The shapes of the IAM and KMS answers the proxy makes itself or puts right: injected
//! failures (through a proxy with no moto behind it), form decoding, and moto's
//! GetAccountAuthorizationDetails and DescribeKey answers as AWS shapes them.

use std::net::{Ipv4Addr, SocketAddr};

use super::*;
use crate::proxy::{Failure, Proxy, ProxyOptions};
use crate::raw::{RawCall, RawClient};

/// A proxy whose upstream is a closed port: anything it forwards fails, so every answer
/// below is the proxy's own.
async fn proxy_alone() -> anyhow::Result<Proxy> {
    Proxy::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 1)),
        ProxyOptions::default(),
    )
    .await
}

#[tokio::test]
async fn an_injected_iam_failure_is_an_iam_error_response() -> anyhow::Result<()> {
    let proxy = proxy_alone().await?;
    proxy.handle().fail_answers(
        "GetAccountAuthorizationDetails",
        1,
        Failure::new(
            403,
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/x is not authorized to perform: \
             iam:GetAccountAuthorizationDetails on resource: * & more",
        ),
    );
    let raw = RawClient::new(&proxy.url());
    let (status, body) = raw.iam("GetAccountAuthorizationDetails", &[]).await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body.starts_with(&format!(
            "<ErrorResponse xmlns=\"{IAM_XMLNS}\"><Error><Type>Sender</Type>\
             <Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/x is not \
             authorized to perform: iam:GetAccountAuthorizationDetails on resource: * &amp; more\
             </Message></Error><RequestId>"
        )),
        "{body}"
    );
    assert_eq!(
        proxy
            .handle()
            .failures_left("GetAccountAuthorizationDetails"),
        0
    );

    proxy.handle().fail_answers(
        "SimulatePrincipalPolicy",
        1,
        Failure::new(500, "ServiceFailure", "try again"),
    );
    let (status, body) = raw
        .iam(
            "SimulatePrincipalPolicy",
            &[("PolicySourceArn", "arn:aws:iam::123456789012:role/x")],
        )
        .await?;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        body.contains("<Type>Receiver</Type><Code>ServiceFailure</Code>"),
        "{body}"
    );
    // Recorded although it failed.
    assert_eq!(proxy.handle().simulate_requests().len(), 1);
    Ok(())
}

#[tokio::test]
async fn an_injected_kms_failure_is_a_json_error_by_either_name() -> anyhow::Result<()> {
    let proxy = proxy_alone().await?;
    let raw = RawClient::new(&proxy.url());
    for name in ["TrentService.DescribeKey", "GetKeyPolicy"] {
        proxy.handle().fail_answers(
            name,
            1,
            Failure::new(400, "AccessDeniedException", "not authorized: kms"),
        );
    }
    for target in ["TrentService.DescribeKey", "TrentService.GetKeyPolicy"] {
        let (status, body) = raw
            .kms(target, &serde_json::json!({ "KeyId": "alias/x" }))
            .await?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{target}");
        let v: serde_json::Value = serde_json::from_str(&body)?;
        assert_eq!(v["__type"], "AccessDeniedException");
        assert_eq!(v["message"], "not authorized: kms");
    }
    Ok(())
}

#[tokio::test]
async fn a_query_failure_outside_iam_has_no_iam_namespace() -> anyhow::Result<()> {
    let proxy = proxy_alone().await?;
    proxy
        .handle()
        .fail_answers("GetCallerIdentity", 1, Failure::new(403, "Nope", "m"));
    let (status, body) = RawClient::new(&proxy.url())
        .call(RawCall {
            method: "POST",
            path: "/",
            service: "sts",
            region: "us-east-1",
            content_type: "application/x-www-form-urlencoded",
            target: None,
            body: "Action=GetCallerIdentity&Version=2011-06-15".into(),
        })
        .await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.starts_with("<ErrorResponse><Error>"), "{body}");
    Ok(())
}

#[test]
fn decodes_form_fields() {
    let form = form_pairs(b"Action=X&Doc=%7B%22a%22%3A+1%7D&Bad=%zz%4&Empty=&&Plain");
    assert_eq!(
        form,
        [
            ("Action", "X"),
            ("Doc", "{\"a\": 1}"),
            ("Bad", "%zz%4"),
            ("Empty", ""),
            ("Plain", ""),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
}

/// What moto 5.2.5 answered (trimmed): a user created with a boundary, another without.
const MOTO_DETAILS: &str = "<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>\
<UserDetailList><member><Path>/</Path><UserName>u1</UserName><Arn>arn:aws:iam::123456789012:user/u1</Arn>\
<UserPolicyList/><GroupList><member>g1</member></GroupList><AttachedManagedPolicies/></member>\
<member><UserName>u2</UserName><UserPolicyList/><GroupList/><AttachedManagedPolicies><member>\
<PolicyName>p</PolicyName></member></AttachedManagedPolicies></member></UserDetailList>\
<Policies><member><Arn>arn:aws:iam::123456789012:policy/team/b1</Arn><Path>/team/</Path>\
<PolicyVersionList><member><Document>%7B%7D</Document></member></PolicyVersionList></member>\
<member><Arn>arn:aws:iam::123456789012:policy/b2</Arn></member></Policies>\
<RoleDetailList><member><RoleName>r</RoleName><AssumeRolePolicyDocument>{\"Version\": \"2012-10-17\", \
\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \
\"Action\": \"sts:AssumeRole\"}]}</AssumeRolePolicyDocument><RolePolicyList><member>\
<PolicyDocument>%7B%22a%22%7D</PolicyDocument></member></RolePolicyList></member></RoleDetailList>\
</GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>";

#[test]
fn details_get_user_boundaries_and_encoded_trust_policies() {
    let state = AccessState {
        user_boundaries: HashMap::from([
            (
                "u1".to_string(),
                "arn:aws:iam::123456789012:policy/b1".to_string(),
            ),
            (
                "u2".to_string(),
                "arn:aws:iam::123456789012:policy/b2".to_string(),
            ),
            (
                "gone".to_string(),
                "arn:aws:iam::123456789012:policy/b3".to_string(),
            ),
        ]),
        policy_ids: HashMap::from([(
            "arn:aws:iam::123456789012:policy/team/b1".to_string(),
            "ANPAEXAMPLE1".to_string(),
        )]),
        ..AccessState::default()
    };
    let out = authorization_details(MOTO_DETAILS, &state);
    let boundary = |arn: &str| {
        format!(
            "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy\
             </PermissionsBoundaryType><PermissionsBoundaryArn>{arn}</PermissionsBoundaryArn>\
             </PermissionsBoundary>"
        )
    };
    assert!(
        out.contains(&format!(
            "<GroupList><member>g1</member></GroupList><AttachedManagedPolicies/>{}</member>",
            boundary("arn:aws:iam::123456789012:policy/b1")
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "</AttachedManagedPolicies>{}</member></UserDetailList>",
            boundary("arn:aws:iam::123456789012:policy/b2")
        )),
        "{out}"
    );
    assert!(!out.contains("b3"));
    assert!(
        out.contains(
            "<Policies><member><PolicyName>b1</PolicyName><PolicyId>ANPAEXAMPLE1</PolicyId>\
         <Arn>arn:aws:iam::123456789012:policy/team/b1</Arn><Path>/team/</Path>\
         <PolicyVersionList><member><Document>"
        ),
        "{out}"
    );
    assert!(out.contains(
        "</member><member><PolicyName>b2</PolicyName><Arn>arn:aws:iam::123456789012:policy/b2"
    ));
    assert!(out.contains(
        "<AssumeRolePolicyDocument>%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement\
         %22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Principal%22%3A%20%7B%22Service\
         %22%3A%20%22ec2.amazonaws.com%22%7D%2C%20%22Action%22%3A%20%22sts%3AAssumeRole%22%7D\
         %5D%7D</AssumeRolePolicyDocument>"
    ));
    assert!(out.contains("<PolicyDocument>%7B%22a%22%7D</PolicyDocument>"));
    // Users and trust policies once is enough: a second pass changes nothing there.
    let again = authorization_details(
        &out,
        &AccessState {
            policy_ids: HashMap::new(),
            ..state
        },
    );
    assert_eq!(again.matches("<PermissionsBoundary>").count(), 2);
    assert_eq!(again.matches("<AssumeRolePolicyDocument>%7B").count(), 1);
}

#[test]
fn an_aws_managed_key_is_managed_by_aws() {
    let moto = br#"{"KeyMetadata": {"KeyId": "k1", "Arn": "arn:aws:kms:us-east-1:123456789012:key/k1", "KeyManager": "CUSTOMER"}}"#;
    let mut state = AccessState::default();
    assert_eq!(
        describe_key(&mut state, Some("alias/smtui-demo-vault"), moto),
        None
    );
    let fixed = describe_key(&mut state, Some("alias/aws/secretsmanager"), moto).expect("fixed");
    let v: serde_json::Value = serde_json::from_str(&fixed).expect("json");
    assert_eq!(v["KeyMetadata"]["KeyManager"], "AWS");
    // Asked for again by its id, it is still AWS's.
    assert!(describe_key(&mut state, Some("k1"), moto).is_some());
}
