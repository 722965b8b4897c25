//! SimulatePrincipalPolicy answers: the request as sent, the recorded answers in IAM's XML
//! shape, the refusal of what was never recorded, and that each recorded statement's
//! position points at that statement in the declared document.

use http_body_util::BodyExt;

use super::*;
use crate::fixtures::{ACCESS_SECRETS, MatchedStatement, SimulatedDecision};

fn secret_arn(name: &str) -> String {
    format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-AbC123")
}

fn request(principal: &str, secret: &str, with_policy: bool) -> SimulateRequest {
    SimulateRequest {
        principal: principal.to_string(),
        actions: vec![fx::ACCESS_SIMULATED_ACTION.to_string()],
        resources: vec![secret_arn(secret)],
        resource_policy_sent: with_policy,
    }
}

fn role(name: &'static str) -> String {
    fx::SimulatedPrincipal::Role(name).arn()
}

fn user(name: &'static str) -> String {
    fx::SimulatedPrincipal::User(name).arn()
}

async fn body_of(resp: Response<Full<Bytes>>) -> (StatusCode, String) {
    let status = resp.status();
    let bytes = resp
        .into_body()
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[test]
fn reads_the_request_from_its_form() {
    let form: Vec<(String, String)> = [
        ("Action", "SimulatePrincipalPolicy"),
        ("PolicySourceArn", "arn:aws:iam::123456789012:role/r"),
        ("ActionNames.member.2", "b"),
        ("ActionNames.member.1", "a"),
        ("ResourceArns.member.1", "arn:x"),
        ("ResourcePolicy", "{}"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let r = SimulateRequest::from_form(&form);
    assert_eq!(r.principal, "arn:aws:iam::123456789012:role/r");
    assert_eq!(r.actions, ["a", "b"]);
    assert_eq!(r.resources, ["arn:x"]);
    assert!(r.resource_policy_sent);
    assert!(!SimulateRequest::from_form(&form[..5]).resource_policy_sent);
}

#[test]
fn finds_the_secret_in_its_arn() {
    assert_eq!(secret_name(&secret_arn("prod/a/b")), Some("prod/a/b"));
    assert_eq!(
        secret_name("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/a-b"),
        Some("prod/a-b")
    );
    assert_eq!(
        secret_name("arn:aws:secretsmanager:us-east-1:210987654321:secret:prod/a-AbC123"),
        None
    );
    assert_eq!(secret_name("*"), None);
}

#[tokio::test]
async fn answers_in_iams_shape() {
    let (status, xml) = body_of(answer(&request(
        &role(fx::ACCESS_READER_ROLE),
        fx::ACCESS_READER_ONLY_SECRET,
        false,
    )))
    .await;
    assert_eq!(status, StatusCode::OK);
    let expected = format!(
        "<SimulatePrincipalPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\
         <SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>\
         <member><EvalActionName>secretsmanager:GetSecretValue</EvalActionName>\
         <EvalResourceName>{}</EvalResourceName><EvalDecision>allowed</EvalDecision>\
         <MatchedStatements><member><SourcePolicyId>read-snowflake-reader</SourcePolicyId>\
         <SourcePolicyType>role</SourcePolicyType>\
         <StartPosition><Line>1</Line><Column>41</Column></StartPosition>\
         <EndPosition><Line>1</Line><Column>239</Column></EndPosition></member>\
         </MatchedStatements><MissingContextValues/></member></EvaluationResults>\
         </SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>",
        secret_arn(fx::ACCESS_READER_ONLY_SECRET)
    );
    assert!(xml.starts_with(&expected), "{xml}");
    assert!(xml.ends_with("</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>"));
}

#[tokio::test]
async fn the_resource_policy_counts_only_when_sent() {
    let app = role(fx::ACCESS_APP_ROLE);
    let (_, with) = body_of(answer(&request(&app, fx::ACCESS_DENY_SECRET, true))).await;
    assert!(
        with.contains("<EvalDecision>explicitDeny</EvalDecision>"),
        "{with}"
    );
    assert!(with.contains(
        "<SourcePolicyId>ResourcePolicy</SourcePolicyId>\
         <SourcePolicyType>resource</SourcePolicyType>"
    ));
    let (_, without) = body_of(answer(&request(&app, fx::ACCESS_DENY_SECRET, false))).await;
    assert!(
        without.contains("<EvalDecision>allowed</EvalDecision>"),
        "{without}"
    );
    assert!(without.contains("<SourcePolicyId>smtui-demo-app-secrets</SourcePolicyId>"));

    let reader = role(fx::ACCESS_READER_ROLE);
    let (_, public) = body_of(answer(&request(&reader, fx::ACCESS_PUBLIC_SECRET, true))).await;
    assert!(
        public.contains("<EvalDecision>allowed</EvalDecision>"),
        "{public}"
    );
    let (_, public) = body_of(answer(&request(&reader, fx::ACCESS_PUBLIC_SECRET, false))).await;
    assert!(
        public.contains(
            "<EvalDecision>implicitDeny</EvalDecision><MatchedStatements></MatchedStatements>"
        ),
        "{public}"
    );
}

#[tokio::test]
async fn the_interns_boundary_denies_everything() {
    for secret in [fx::ACCESS_DENY_SECRET, fx::JSON_SECRET] {
        let (_, xml) = body_of(answer(&request(
            &user(fx::ACCESS_INTERN_USER),
            secret,
            false,
        )))
        .await;
        assert!(
            xml.contains("<EvalDecision>implicitDeny</EvalDecision>"),
            "{xml}"
        );
        assert!(xml.contains(
            "<MissingContextValues/><PermissionsBoundaryDecisionDetail>\
             <AllowedByPermissionsBoundary>false</AllowedByPermissionsBoundary>\
             </PermissionsBoundaryDecisionDetail></member>"
        ));
    }
}

#[tokio::test]
async fn several_pairs_are_answered_in_order() {
    let mut r = request(
        &user(fx::ACCESS_AUDITOR_USER),
        fx::ACCESS_DENY_SECRET,
        false,
    );
    r.resources.push(secret_arn(fx::ACCESS_SHARED_SECRET));
    let (status, xml) = body_of(answer(&r)).await;
    assert_eq!(status, StatusCode::OK);
    let allowed = xml.find("<EvalDecision>allowed").expect("allowed");
    let denied = xml.find("<EvalDecision>implicitDeny").expect("denied");
    assert!(allowed < denied);
}

#[tokio::test]
async fn what_was_never_recorded_is_refused() {
    let partner = "arn:aws:iam::210987654321:root";
    let cases = [
        request(partner, fx::ACCESS_SHARED_SECRET, true),
        request(&role(fx::ACCESS_APP_ROLE), "prod/never/seeded-here", false),
        SimulateRequest {
            actions: vec!["secretsmanager:PutSecretValue".into()],
            ..request(&role(fx::ACCESS_APP_ROLE), fx::ACCESS_DENY_SECRET, false)
        },
        SimulateRequest {
            resources: Vec::new(),
            ..request(&role(fx::ACCESS_APP_ROLE), fx::ACCESS_DENY_SECRET, false)
        },
    ];
    for r in cases {
        let (status, xml) = body_of(answer(&r)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let resource = r.resources.first().cloned().unwrap_or_else(|| "*".into());
        assert!(
            xml.contains(&format!(
                "<Code>InvalidInput</Code><Message>devstack has no recorded simulation for {} on \
                 {resource}</Message>",
                r.principal
            )),
            "{xml}"
        );
    }
}

/// The document a matched statement of `recorded` is in.
fn document_of(recorded: &RecordedSimulation, s: &MatchedStatement) -> &'static str {
    match s.source_policy_id {
        fx::ACCESS_READER_POLICY => fx::ACCESS_READER_POLICY_DOCUMENT,
        fx::ACCESS_APP_POLICY => fx::ACCESS_APP_POLICY_DOCUMENT,
        fx::ACCESS_AUDITORS_POLICY => fx::ACCESS_AUDITORS_POLICY_DOCUMENT,
        fx::ACCESS_INTERN_POLICY => fx::ACCESS_INTERN_POLICY_DOCUMENT,
        fx::RESOURCE_POLICY_ID => ACCESS_SECRETS
            .iter()
            .find(|(name, ..)| *name == recorded.secret)
            .and_then(|(_, policy, _)| *policy)
            .expect("a resource policy on that secret"),
        other => panic!("unknown policy {other}"),
    }
}

#[test]
fn recorded_positions_point_at_their_statements() {
    for recorded in &fx::RECORDED_SIMULATIONS {
        for s in recorded.matched {
            let doc = document_of(recorded, s);
            assert_eq!((s.start.0, s.end.0), (1, 1), "single-line documents");
            let text = &doc[s.start.1 as usize - 1..s.end.1 as usize];
            let statement: serde_json::Value = serde_json::from_str(text).expect(text);
            let all: serde_json::Value = serde_json::from_str(doc).expect("a document");
            assert!(
                all["Statement"]
                    .as_array()
                    .is_some_and(|a| a.contains(&statement)),
                "{text}"
            );
            let effect = if recorded.decision == SimulatedDecision::ExplicitDeny {
                "Deny"
            } else {
                "Allow"
            };
            assert_eq!(statement["Effect"], effect, "{text}");
        }
        if recorded.decision == SimulatedDecision::Allowed {
            assert!(!recorded.matched.is_empty());
        }
    }
}

#[test]
fn every_pair_is_recorded_once() {
    let r = &fx::RECORDED_SIMULATIONS;
    for (i, a) in r.iter().enumerate() {
        for b in &r[i + 1..] {
            let overlap = a.principal == b.principal
                && a.secret == b.secret
                && (a.with_resource_policy == b.with_resource_policy
                    || [a.with_resource_policy, b.with_resource_policy]
                        .contains(&fx::WithResourcePolicy::Either));
            assert!(!overlap, "{a:?} and {b:?}");
        }
    }
}
