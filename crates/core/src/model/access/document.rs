//! Policy JSON as AWS writes it, read into a [`PolicyDocument`].
//!
//! The text is untrusted (anyone who may put a policy can write it), so it is read into a
//! `serde_json::Value` first and walked by hand: every wrong shape is an error naming the
//! element, never a panic. serde_json refuses nesting deeper than 128 levels, and a document
//! far larger than any IAM accepts is refused before it is parsed.

use serde_json::{Map, Value};

use super::{Effect, Listed, PolicyDocument, PrincipalEntry, Statement};

/// The largest document read. IAM's own limits are far lower (a key policy: 32 KB, a
/// managed policy: 6 KB); this only keeps a hostile answer from costing time and memory.
pub(crate) const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// Why a policy could not be read: shown in the pane beside the policy's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn error<T>(message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(message.into()))
}

/// Reads a policy document: `Statement` may be one object or a list of them.
pub fn parse_policy(text: &str) -> Result<PolicyDocument, ParseError> {
    if text.len() > MAX_POLICY_BYTES {
        return error(format!(
            "the policy is {} bytes, more than the {MAX_POLICY_BYTES} read",
            text.len()
        ));
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|err| ParseError(format!("the policy is not JSON: {err}")))?;
    let Value::Object(document) = value else {
        return error("the policy is not a JSON object");
    };
    let statements = match document.get("Statement") {
        Some(Value::Array(items)) => items.iter().map(statement).collect::<Result<_, _>>()?,
        Some(item @ Value::Object(_)) => vec![statement(item)?],
        Some(_) => return error("Statement is neither an object nor a list"),
        None => Vec::new(),
    };
    Ok(PolicyDocument { statements })
}

fn statement(value: &Value) -> Result<Statement, ParseError> {
    let Value::Object(fields) = value else {
        return error("a statement is not a JSON object");
    };
    let sid = match fields.get("Sid") {
        Some(Value::String(sid)) => Some(sid.clone()),
        Some(_) => return error("Sid is not a string"),
        None => None,
    };
    let effect = match fields.get("Effect") {
        Some(Value::String(effect)) if effect == "Allow" => Effect::Allow,
        Some(Value::String(effect)) if effect == "Deny" => Effect::Deny,
        _ => return error("Effect is neither \"Allow\" nor \"Deny\""),
    };
    let actions = one_of(fields, "Action", "NotAction", strings)?
        .ok_or_else(|| ParseError("a statement has neither Action nor NotAction".to_owned()))?;
    let resources = one_of(fields, "Resource", "NotResource", strings)?;
    let principals = one_of(fields, "Principal", "NotPrincipal", principal_entries)?;
    let condition = match fields.get("Condition") {
        Some(condition @ Value::Object(_)) => Some(condition.to_string()),
        Some(_) => return error("Condition is not a JSON object"),
        None => None,
    };
    Ok(Statement {
        sid,
        effect,
        actions,
        resources,
        principals,
        condition,
    })
}

/// Reads `name` or `not_name` (at most one of them) with `read`.
fn one_of<T>(
    fields: &Map<String, Value>,
    name: &str,
    not_name: &str,
    read: fn(&str, &Value) -> Result<Vec<T>, ParseError>,
) -> Result<Option<Listed<T>>, ParseError> {
    match (fields.get(name), fields.get(not_name)) {
        (Some(_), Some(_)) => error(format!("a statement has both {name} and {not_name}")),
        (Some(value), None) => Ok(Some(Listed::Only(read(name, value)?))),
        (None, Some(value)) => Ok(Some(Listed::AllBut(read(not_name, value)?))),
        (None, None) => Ok(None),
    }
}

/// A string or a list of strings.
fn strings(name: &str, value: &Value) -> Result<Vec<String>, ParseError> {
    match value {
        Value::String(one) => Ok(vec![one.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(one) => Ok(one.clone()),
                _ => error(format!("{name} lists something that is not a string")),
            })
            .collect(),
        _ => error(format!("{name} is neither a string nor a list of strings")),
    }
}

/// `"*"`, or an object of `AWS`, `Service`, `Federated` and `CanonicalUser` entries.
fn principal_entries(name: &str, value: &Value) -> Result<Vec<PrincipalEntry>, ParseError> {
    let fields = match value {
        Value::String(star) if star == "*" => return Ok(vec![PrincipalEntry::Anyone]),
        Value::Object(fields) => fields,
        _ => return error(format!("{name} is neither \"*\" nor an object")),
    };
    let mut entries = Vec::new();
    for (kind, value) in fields {
        for entry in strings(&format!("{name}.{kind}"), value)? {
            entries.push(match kind.as_str() {
                "AWS" => aws_entry(entry),
                "Service" => PrincipalEntry::Service(entry),
                _ => PrincipalEntry::Other(format!("{kind}: {entry}")),
            });
        }
    }
    Ok(entries)
}

/// An `AWS` principal: `*`, an account id, an account's root ARN, or another ARN.
fn aws_entry(entry: String) -> PrincipalEntry {
    if entry == "*" {
        return PrincipalEntry::Anyone;
    }
    if is_account_id(&entry) {
        return PrincipalEntry::Account(entry);
    }
    // arn:<partition>:iam::<account>:root
    let parts: Vec<&str> = entry.splitn(6, ':').collect();
    if let ["arn", _, "iam", "", account, "root"] = parts.as_slice()
        && is_account_id(account)
    {
        return PrincipalEntry::Account((*account).to_owned());
    }
    PrincipalEntry::Arn(entry)
}

pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}
