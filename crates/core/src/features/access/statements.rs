//! The text of the statements popup: for one row, both answers (GetSecretValue on the secret,
//! kms:Decrypt on its key), each with the statements that decided it as pretty JSON, what
//! limits it, and what it is only allowed under. Policy text is untrusted: the view
//! sanitises every line it draws.

use std::fmt::Write as _;

use serde_json::Value;

use crate::features::access::Reader;
use crate::model::access::{
    AccountIam, Decision, KEY_POLICY, Limit, Proviso, RESOURCE_POLICY, StatementRef, Verdict,
};

/// The popup's text for `reader`, from the policies' texts as read.
pub(crate) fn statements_of(
    reader: &Reader,
    resource: Option<&str>,
    key: Option<&str>,
    iam: Option<&AccountIam>,
) -> String {
    let text_of = |policy: &str| -> Option<String> {
        match policy {
            RESOURCE_POLICY => resource.map(str::to_owned),
            KEY_POLICY => key.map(str::to_owned),
            _ => iam.and_then(|iam| iam.texts.get(policy).cloned()),
        }
    };
    let mut out = String::new();
    for (what, decision) in [
        (
            "secretsmanager:GetSecretValue on the secret",
            &reader.access.get,
        ),
        ("kms:Decrypt on its key", &reader.access.decrypt),
    ] {
        let _ = writeln!(out, "{what}: {}", verdict_words(&decision.verdict));
        section(&mut out, decision, &text_of);
        out.push('\n');
    }
    out
}

fn verdict_words(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Allowed => "allowed",
        Verdict::AllowedIf(_) => "allowed only if the conditions below hold",
        Verdict::Denied(_) => "denied by an explicit deny",
        Verdict::NotAllowed => "not allowed (no statement allows it)",
    }
}

fn section(out: &mut String, decision: &Decision, text_of: &dyn Fn(&str) -> Option<String>) {
    let denies = decision.limits.iter().filter_map(|limit| match limit {
        Limit::Deny { statement, .. } => Some(statement),
        _ => None,
    });
    let mut shown: Vec<&StatementRef> = Vec::new();
    for statement in decision.deciding.iter().chain(denies) {
        if shown.contains(&statement) {
            continue;
        }
        shown.push(statement);
        let _ = writeln!(out, "  {}", reference(statement));
        match text_of(&statement.policy).and_then(|text| pretty_statement(&text, statement.index)) {
            Some(json) => {
                for line in json.lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
            None if statement.policy == "aws/secretsmanager" => {
                out.push_str("    (AWS's own key policy: everyone in the account, through Secrets Manager)\n");
            }
            None => out.push_str("    (its text is not available)\n"),
        }
    }
    if decision.deciding.is_empty() && decision.verdict == Verdict::Allowed {
        out.push_str("  the account's root: allowed unless denied\n");
    }
    for limit in &decision.limits {
        let _ = writeln!(out, "  limit: {}", limit_words(limit));
    }
    if let Verdict::AllowedIf(provisos) = &decision.verdict {
        for proviso in provisos {
            let _ = writeln!(out, "  only if: {}", proviso_words(proviso));
        }
    }
}

/// `policy · Sid` or `policy · statement N` (from 1, as a reader counts).
pub(crate) fn reference(statement: &StatementRef) -> String {
    match &statement.sid {
        Some(sid) => format!("{} · {sid}", statement.policy),
        None => format!("{} · statement {}", statement.policy, statement.index + 1),
    }
}

pub(crate) fn limit_words(limit: &Limit) -> String {
    match limit {
        Limit::Deny {
            statement,
            condition: None,
        } => format!("explicit deny in {}", reference(statement)),
        Limit::Deny {
            statement,
            condition: Some(condition),
        } => format!("deny in {} when {condition}", reference(statement)),
        Limit::Boundary { policy } => {
            format!("the permissions boundary {policy} does not allow it")
        }
        Limit::OtherAccountNotVisible { account } => {
            format!("account {account}'s own IAM must allow it too (not visible from here)")
        }
        Limit::AwsManagedKeyOtherAccount => {
            "the AWS managed key cannot be used from another account".to_owned()
        }
    }
}

pub(crate) fn proviso_words(proviso: &Proviso) -> String {
    match proviso {
        Proviso::If {
            statement,
            condition,
        } => format!("{condition} ({})", reference(statement)),
        Proviso::Unless {
            statement,
            condition,
        } => format!("not {condition} (deny in {})", reference(statement)),
        Proviso::OtherAccountAllows { account } => {
            format!("account {account}'s IAM allows it")
        }
    }
}

/// Statement `index` of a policy's text, as pretty JSON (`Statement` is one object or a
/// list).
fn pretty_statement(text: &str, index: usize) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    let statement = match value.get("Statement")? {
        Value::Array(list) => list.get(index)?,
        one @ Value::Object(_) if index == 0 => one,
        _ => return None,
    };
    serde_json::to_string_pretty(statement).ok()
}

#[cfg(test)]
mod tests {
    use super::pretty_statement;

    #[test]
    fn picks_a_statement_by_position_in_a_list_or_alone() {
        let list = r#"{"Statement":[{"Sid":"A"},{"Sid":"B","Effect":"Deny"}]}"#;
        let second = pretty_statement(list, 1).unwrap_or_default();
        assert!(second.contains("\"Sid\": \"B\"") && second.contains('\n'));
        let one = r#"{"Statement":{"Sid":"Only"}}"#;
        assert!(
            pretty_statement(one, 0)
                .unwrap_or_default()
                .contains("Only")
        );
        assert_eq!(pretty_statement(one, 1), None);
        assert_eq!(pretty_statement("not json", 0), None);
    }
}
