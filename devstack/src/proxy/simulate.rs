//! IAM's `SimulatePrincipalPolicy`, which moto lacks, answered from the answers recorded in
//! [`fx::RECORDED_SIMULATIONS`], never computed: it checks smtui's own evaluator, so it
//! must not share any of its logic. A pair nobody recorded is refused (`InvalidInput`)
//! rather than guessed.

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode, header};
use http_body_util::Full;

use super::access::query_error;
use super::wire::xml_escape;
use crate::fixtures::{self as fx, RecordedSimulation, WithResourcePolicy};

/// A SimulatePrincipalPolicy request the proxy saw (`ProxyHandle::simulate_requests`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulateRequest {
    /// `PolicySourceArn`.
    pub principal: String,
    /// `ActionNames.member.N`, in order.
    pub actions: Vec<String>,
    /// `ResourceArns.member.N`, in order.
    pub resources: Vec<String>,
    /// Whether `ResourcePolicy` was sent (and not empty).
    pub resource_policy_sent: bool,
}

impl SimulateRequest {
    /// From the request's form fields (already decoded).
    pub(super) fn from_form(form: &[(String, String)]) -> SimulateRequest {
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let members = |list: &str| {
            let mut numbered: Vec<(u32, String)> = form
                .iter()
                .filter_map(|(k, v)| {
                    let n = k.strip_prefix(list)?.strip_prefix(".member.")?;
                    Some((n.parse().ok()?, v.clone()))
                })
                .collect();
            numbered.sort_by_key(|(n, _)| *n);
            numbered.into_iter().map(|(_, v)| v).collect()
        };
        SimulateRequest {
            principal: field("PolicySourceArn").unwrap_or_default(),
            actions: members("ActionNames"),
            resources: members("ResourceArns"),
            resource_policy_sent: field("ResourcePolicy").is_some_and(|p| !p.trim().is_empty()),
        }
    }
}

/// The secret's name in `arn:aws:secretsmanager:<region>:<account>:secret:<name>-XXXXXX`
/// when the account is the seeded one.
fn secret_name(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:aws:secretsmanager:")?;
    let (_region, rest) = rest.split_once(':')?;
    let (account, rest) = rest.split_once(':')?;
    let with_suffix = rest.strip_prefix("secret:")?;
    if account != fx::ACCESS_ACCOUNT {
        return None;
    }
    // The 6 random characters AWS appends; a partial ARN (without them) names it too.
    Some(match with_suffix.rsplit_once('-') {
        Some((name, suffix)) if suffix.len() == 6 => name,
        _ => with_suffix,
    })
}

/// The recorded answer for one action on one resource.
fn recorded(
    request: &SimulateRequest,
    action: &str,
    resource: &str,
) -> Option<&'static RecordedSimulation> {
    if action != fx::ACCESS_SIMULATED_ACTION {
        return None;
    }
    let name = secret_name(resource)?;
    fx::RECORDED_SIMULATIONS.iter().find(|r| {
        r.principal.arn() == request.principal
            && (r.secret == name || r.secret == "*")
            && match r.with_resource_policy {
                WithResourcePolicy::Either => true,
                WithResourcePolicy::Yes => request.resource_policy_sent,
                WithResourcePolicy::No => !request.resource_policy_sent,
            }
    })
}

/// The whole answer: every action on every resource, or a 400 naming the first pair that
/// was never recorded.
pub(super) fn answer(request: &SimulateRequest) -> Response<Full<Bytes>> {
    if request.principal.is_empty() || request.actions.is_empty() {
        return query_error(
            StatusCode::BAD_REQUEST,
            "InvalidInput",
            "PolicySourceArn and ActionNames are required",
        );
    }
    let resources = if request.resources.is_empty() {
        vec!["*".to_string()]
    } else {
        request.resources.clone()
    };
    let mut members = String::new();
    for action in &request.actions {
        for resource in &resources {
            let Some(found) = recorded(request, action, resource) else {
                return query_error(
                    StatusCode::BAD_REQUEST,
                    "InvalidInput",
                    &format!(
                        "devstack has no recorded simulation for {} on {resource}",
                        request.principal
                    ),
                );
            };
            members.push_str(&member(action, resource, found));
        }
    }
    let xml = format!(
        "<SimulatePrincipalPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\
         <SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated>\
         <EvaluationResults>{members}</EvaluationResults></SimulatePrincipalPolicyResult>\
         <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>\
         </SimulatePrincipalPolicyResponse>",
        crate::ids::uuid_like()
    );
    let mut resp = Response::new(Full::new(Bytes::from(xml)));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    resp
}

fn member(action: &str, resource: &str, r: &RecordedSimulation) -> String {
    let statements: String = r
        .matched
        .iter()
        .map(|s| {
            format!(
                "<member><SourcePolicyId>{}</SourcePolicyId>\
                 <SourcePolicyType>{}</SourcePolicyType>\
                 <StartPosition><Line>{}</Line><Column>{}</Column></StartPosition>\
                 <EndPosition><Line>{}</Line><Column>{}</Column></EndPosition></member>",
                xml_escape(s.source_policy_id),
                xml_escape(s.source_policy_type),
                s.start.0,
                s.start.1,
                s.end.0,
                s.end.1,
            )
        })
        .collect();
    let boundary = r.allowed_by_boundary.map_or(String::new(), |allowed| {
        format!(
            "<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>{allowed}\
             </AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>"
        )
    });
    format!(
        "<member><EvalActionName>{}</EvalActionName><EvalResourceName>{}</EvalResourceName>\
         <EvalDecision>{}</EvalDecision><MatchedStatements>{statements}</MatchedStatements>\
         <MissingContextValues/>{boundary}</member>",
        xml_escape(action),
        xml_escape(resource),
        r.decision.as_str(),
    )
}

#[cfg(test)]
#[path = "simulate_tests.rs"]
mod tests;
