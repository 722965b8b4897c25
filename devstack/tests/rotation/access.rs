//! The access cases read back through the proxy (on the seeded stack the rotation tests
//! share) with raw IAM and KMS calls, as the access pane's SDK calls will make them:
//! GetAccountAuthorizationDetails, DescribeKey, GetKeyPolicy, GetResourcePolicy and
//! DescribeSecret's KmsKeyId, SimulatePrincipalPolicy from the recorded answers, and the
//! denials a test can inject.

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use smtui_devstack::Failure;
use smtui_devstack::fixtures as fx;

use super::{run, sm, stack};

/// One unsigned but scoped call through the proxy: `(status, body)`.
async fn call(service: &str, target: Option<&str>, body: String) -> Result<(u16, String)> {
    let content_type = if target.is_some() {
        "application/x-amz-json-1.1"
    } else {
        "application/x-www-form-urlencoded"
    };
    let mut req = http::Request::builder()
        .method("POST")
        .uri(format!("{}/", stack().endpoint_url()))
        .header("content-type", content_type)
        .header(
            "authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/{service}/aws4_request, \
                 SignedHeaders=host, Signature=0"
            ),
        );
    if let Some(t) = target {
        req = req.header("x-amz-target", t);
    }
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let resp = client
        .request(req.body(Full::new(Bytes::from(body)))?)
        .await?;
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await?.to_bytes();
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn iam(action: &str, params: &[(&str, &str)]) -> Result<(u16, String)> {
    let mut form = format!("Action={action}&Version=2010-05-08");
    for (k, v) in params {
        form.push_str(&format!("&{k}={}", encode(v)));
    }
    call("iam", None, form).await
}

async fn kms(operation: &str, body: Value) -> Result<(u16, Value)> {
    let (status, text) = call(
        "kms",
        Some(&format!("TrentService.{operation}")),
        body.to_string(),
    )
    .await?;
    Ok((status, serde_json::from_str(&text).context(text)?))
}

/// Every `<tag>…</tag>` text in `xml`, in order.
fn texts<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.match_indices(&open)
        .filter_map(|(i, _)| {
            let start = i + open.len();
            xml[start..]
                .find(&close)
                .map(|len| &xml[start..start + len])
        })
        .collect()
}

/// The part of `xml` from `<Name>name</Name>` to the next `<Name>` or the end of its list
/// (one list entry).
fn entry<'a>(xml: &'a str, tag: &str, name: &str) -> Result<&'a str> {
    let start = xml
        .find(&format!("<{tag}>{name}</{tag}>"))
        .with_context(|| format!("{name} in the details"))?;
    let rest = &xml[start + 1..];
    let end = [
        format!("<{tag}>"),
        "DetailList>".into(),
        "</Policies>".into(),
    ]
    .iter()
    .filter_map(|end| rest.find(end.as_str()))
    .min()
    .map_or(xml.len(), |i| start + 1 + i);
    Ok(&xml[start..end])
}

#[test]
fn the_account_authorization_details_hold_the_identities() -> Result<()> {
    run(async {
        let (status, xml) = iam("GetAccountAuthorizationDetails", &[]).await?;
        assert_eq!(status, 200, "{xml}");
        let documents = |part: &str| -> Vec<String> {
            texts(part, "PolicyDocument")
                .into_iter()
                .map(decode)
                .collect()
        };

        let reader = entry(&xml, "RoleName", fx::ACCESS_READER_ROLE)?;
        assert_eq!(texts(reader, "PolicyName"), [fx::ACCESS_READER_POLICY]);
        assert_eq!(documents(reader), [fx::ACCESS_READER_POLICY_DOCUMENT]);
        assert_eq!(
            texts(reader, "AssumeRolePolicyDocument")
                .into_iter()
                .map(decode)
                .collect::<Vec<_>>(),
            [fx::ACCESS_READER_TRUST_DOCUMENT]
        );

        let app = entry(&xml, "RoleName", fx::ACCESS_APP_ROLE)?;
        assert_eq!(texts(app, "PolicyName"), [fx::ACCESS_APP_POLICY]);
        assert_eq!(
            texts(app, "PolicyArn"),
            [format!(
                "arn:aws:iam::123456789012:policy/{}",
                fx::ACCESS_APP_POLICY
            )]
        );

        let group = entry(&xml, "GroupName", fx::ACCESS_AUDITORS_GROUP)?;
        assert_eq!(texts(group, "PolicyName"), [fx::ACCESS_AUDITORS_POLICY]);
        assert_eq!(documents(group), [fx::ACCESS_AUDITORS_POLICY_DOCUMENT]);

        let auditor = entry(&xml, "UserName", fx::ACCESS_AUDITOR_USER)?;
        assert!(auditor.contains(&format!(
            "<GroupList><member>{}</member></GroupList>",
            fx::ACCESS_AUDITORS_GROUP
        )));
        assert!(texts(auditor, "PolicyName").is_empty());
        assert!(!auditor.contains("PermissionsBoundary"));

        let intern = entry(&xml, "UserName", fx::ACCESS_INTERN_USER)?;
        assert_eq!(documents(intern), [fx::ACCESS_INTERN_POLICY_DOCUMENT]);
        assert_eq!(
            texts(intern, "PermissionsBoundaryArn"),
            [format!(
                "arn:aws:iam::123456789012:policy/{}",
                fx::ACCESS_INTERN_BOUNDARY
            )]
        );
        assert_eq!(
            texts(intern, "PermissionsBoundaryType"),
            ["PermissionsBoundaryPolicy"]
        );

        // The managed policies, with their documents.
        let policies = &xml[xml.find("<Policies>").context("Policies")?..];
        for (name, document) in [
            (fx::ACCESS_APP_POLICY, fx::ACCESS_APP_POLICY_DOCUMENT),
            (
                fx::ACCESS_INTERN_BOUNDARY,
                fx::ACCESS_INTERN_BOUNDARY_DOCUMENT,
            ),
        ] {
            let policy = entry(policies, "PolicyName", name)?;
            assert_eq!(texts(policy, "PolicyId").len(), 1, "{policy}");
            assert_eq!(
                texts(policy, "Document")
                    .into_iter()
                    .map(decode)
                    .collect::<Vec<_>>(),
                [document],
                "{name}"
            );
        }

        // Denied once on demand (no other test calls it), as IAM denies it.
        stack().proxy().fail_answers(
            "GetAccountAuthorizationDetails",
            1,
            Failure::new(
                403,
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/x is not authorized to perform: \
                 iam:GetAccountAuthorizationDetails on resource: *",
            ),
        );
        let (status, denied) = iam("GetAccountAuthorizationDetails", &[]).await?;
        assert_eq!(status, 403);
        assert_eq!(texts(&denied, "Code"), ["AccessDenied"]);
        assert!(texts(&denied, "Message")[0].contains("iam:GetAccountAuthorizationDetails"));
        let (status, _) = iam("GetAccountAuthorizationDetails", &[]).await?;
        assert_eq!(status, 200, "only once");
        Ok(())
    })
}

#[test]
fn keys_and_resource_policies_read_back_as_seeded() -> Result<()> {
    run(async {
        for (secret, policy, alias) in fx::ACCESS_SECRETS {
            let described = sm().describe_secret().secret_id(secret).send().await?;
            let tags = described.tags();
            assert!(tags.iter().any(|t| t.key() == Some("Owner")), "{secret}");
            assert!(described.rotation_enabled() != Some(true), "{secret}");

            let got = sm().get_resource_policy().secret_id(secret).send().await?;
            assert_eq!(got.resource_policy(), policy, "{secret}");

            let Some(alias) = alias else {
                // The AWS managed key: DescribeSecret names none.
                assert_eq!(described.kms_key_id(), None, "{secret}");
                continue;
            };
            let (status, key) = kms("DescribeKey", json!({ "KeyId": alias })).await?;
            assert_eq!(status, 200, "{key}");
            let meta = &key["KeyMetadata"];
            assert_eq!(meta["KeyManager"], "CUSTOMER");
            assert_eq!(described.kms_key_id(), meta["Arn"].as_str(), "{secret}");
            let (status, policy) = kms(
                "GetKeyPolicy",
                json!({ "KeyId": meta["KeyId"], "PolicyName": "default" }),
            )
            .await?;
            assert_eq!(status, 200, "{policy}");
            let expected = if alias == fx::ACCESS_SHARED_KEY_ALIAS {
                fx::ACCESS_SHARED_KEY_POLICY
            } else {
                fx::ACCESS_VAULT_KEY_POLICY
            };
            assert_eq!(policy["Policy"], expected, "{alias}");
        }
        let (_, managed) = kms(
            "DescribeKey",
            json!({ "KeyId": "alias/aws/secretsmanager" }),
        )
        .await?;
        assert_eq!(managed["KeyMetadata"]["KeyManager"], "AWS", "{managed}");

        // Denied once on demand (no other test calls them).
        for operation in ["DescribeKey", "GetKeyPolicy"] {
            stack().proxy().fail_answers(
                &format!("TrentService.{operation}"),
                1,
                Failure::new(400, "AccessDeniedException", "not authorized"),
            );
            let asked = json!({ "KeyId": fx::ACCESS_VAULT_KEY_ALIAS, "PolicyName": "default" });
            let (status, err) = kms(operation, asked).await?;
            assert_eq!(status, 400, "{operation}");
            assert_eq!(err["__type"], "AccessDeniedException", "{operation}");
            assert_eq!(err["message"], "not authorized", "{operation}");
        }
        Ok(())
    })
}

async fn simulate(principal: &str, secret: &str, resource_policy: Option<&str>) -> Result<String> {
    let arn = sm()
        .describe_secret()
        .secret_id(secret)
        .send()
        .await?
        .arn()
        .context("an ARN")?
        .to_string();
    let mut params = vec![
        ("PolicySourceArn", principal),
        ("ActionNames.member.1", fx::ACCESS_SIMULATED_ACTION),
        ("ResourceArns.member.1", &arn),
    ];
    if let Some(p) = resource_policy {
        params.push(("ResourcePolicy", p));
    }
    let (status, xml) = iam("SimulatePrincipalPolicy", &params).await?;
    assert_eq!(status, 200, "{xml}");
    Ok(xml)
}

#[test]
fn the_simulator_answers_from_the_recording_and_logs_the_request() -> Result<()> {
    run(async {
        let app = fx::SimulatedPrincipal::Role(fx::ACCESS_APP_ROLE).arn();
        let denied = simulate(&app, fx::ACCESS_DENY_SECRET, Some(fx::ACCESS_DENY_POLICY)).await?;
        assert_eq!(texts(&denied, "EvalDecision"), ["explicitDeny"]);
        assert_eq!(texts(&denied, "SourcePolicyId"), [fx::RESOURCE_POLICY_ID]);
        let allowed = simulate(&app, fx::ACCESS_DENY_SECRET, None).await?;
        assert_eq!(texts(&allowed, "EvalDecision"), ["allowed"]);
        let unseal = simulate(&app, fx::ACCESS_KEY_EXCLUDES_SECRET, None).await?;
        assert_eq!(texts(&unseal, "EvalDecision"), ["allowed"]);

        let seen = stack().proxy().simulate_requests();
        let mine: Vec<_> = seen
            .iter()
            .filter(|r| r.principal == app)
            .map(|r| r.resource_policy_sent)
            .collect();
        assert!(mine.ends_with(&[true, false, false]), "{seen:?}");
        Ok(())
    })
}
