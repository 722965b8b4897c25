//! Properties of the two parsers of untrusted input, over generated inputs (proptest).
//!
//! The sanitiser: whatever the text, its output holds nothing the rule does not draw and no
//! line break, and it can be decoded back to the exact input, so two different texts never
//! look the same. Escaping is deliberately not idempotent (each pass doubles backslashes,
//! which is what keeps an escape apart from typed text); what holds instead is that the
//! output, sanitised again, only has its backslashes doubled: nothing else in it is escaped.
//!
//! The JSON splitter: any bytes, no panic; a value never shows through `Debug`; for an
//! object, every entry is kept in order with its key, and each value is exactly the field
//! (or, for a string with a lone surrogate, said not to be text).

use std::fmt::Write as _;

use proptest::prelude::*;
use smtui_core::sanitize::{is_unsafe_char, is_unsafe_text, sanitize_line, sanitize_lines};
use smtui_core::secret::{REDACTED, SecretValue, ValueView};

/// Decodes the sanitiser's escapes; `None` for text it could not have written.
fn unescape(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            'e' => out.push('\u{1b}'),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Characters that exercise every branch of the rule, more often than `any::<char>()` would.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        4 => proptest::char::range('\0', '\u{7f}'),
        4 => prop::sample::select(vec![
            '\\', '\u{1b}', '\n', '\r', '\t', '\u{9b}', '\u{85}', ' ', '\u{a0}', '\u{3000}',
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{202e}', '\u{2066}', '\u{206a}', '\u{2028}',
            '\u{feff}', '\u{fe0f}', '\u{fe0e}', '\u{e0100}', '\u{180b}', '\u{2800}', '\u{3164}',
            '\u{115f}', '\u{034f}', '\u{e000}', '\u{e0041}', '\u{378}', '\u{301}', '\u{94d}',
            'é', 'ی', 'خ', 'क', 'ष', '葛', '👩', '💻', '🏽', '❤', '🔥', '✓', '{', '}', 'u',
        ]),
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..40).prop_map(String::from_iter)
}

proptest! {
    #[test]
    fn sanitised_lines_hold_nothing_the_rule_forbids(text in tricky_text()) {
        let out = sanitize_line(&text);
        prop_assert!(!is_unsafe_text(&out), "{out:?}");
        prop_assert!(!out.chars().any(is_unsafe_char), "{out:?}");
        prop_assert!(!out.contains(['\n', '\r']), "{out:?}");
        // Nothing in the output is escaped again but its backslashes.
        prop_assert_eq!(sanitize_line(&out), out.replace('\\', "\\\\"));
    }

    #[test]
    fn sanitising_is_reversible_so_no_two_texts_look_alike(text in tricky_text()) {
        prop_assert_eq!(unescape(&sanitize_line(&text)), Some(text));
    }

    #[test]
    fn different_texts_never_sanitise_alike(a in tricky_text(), b in tricky_text()) {
        prop_assume!(a != b);
        prop_assert_ne!(sanitize_line(&a), sanitize_line(&b));
    }

    #[test]
    fn multi_line_form_splits_only_on_line_ends(text in tricky_text()) {
        let lines: Vec<String> = sanitize_lines(&text)
            .iter()
            .map(|line| unescape(line).expect("decodes"))
            .collect();
        prop_assert_eq!(lines.join("\n"), text.replace("\r\n", "\n"));
    }
}

/// A JSON string value as UTF-16 code units, so lone surrogates can be written too.
#[derive(Debug, Clone)]
enum Unit {
    Char(char),
    Surrogate(u16),
}

fn json_string(units: &[Unit]) -> String {
    let mut out = String::from("\"");
    for unit in units {
        match unit {
            Unit::Char(c) => {
                let quoted = serde_json::to_string(&c.to_string()).expect("a char serialises");
                out.push_str(&quoted[1..quoted.len() - 1]);
            }
            Unit::Surrogate(n) => {
                let _ = write!(out, "\\u{n:04x}");
            }
        }
    }
    out.push('"');
    out
}

/// What JSON says the string is: its text, or `None` when a surrogate is left unpaired.
fn json_string_text(units: &[Unit]) -> Option<String> {
    let utf16 = units.iter().flat_map(|unit| match unit {
        Unit::Char(c) => c.encode_utf16(&mut [0; 2]).to_vec(),
        Unit::Surrogate(n) => vec![*n],
    });
    char::decode_utf16(utf16)
        .collect::<Result<String, _>>()
        .ok()
}

fn units() -> impl Strategy<Value = Vec<Unit>> {
    let unit = prop_oneof![
        6 => tricky_char().prop_map(Unit::Char),
        1 => (0xD800u16..=0xDFFF).prop_map(Unit::Surrogate),
    ];
    prop::collection::vec(unit, 0..12)
}

/// A field of a generated object: a string (with surrogates maybe), or other JSON as text.
#[derive(Debug, Clone)]
enum Field {
    Str(Vec<Unit>),
    Other(String),
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        3 => units().prop_map(Field::Str),
        1 => prop::sample::select(vec!["5432", "-1.5e3", "true", "null", "[1,\"two\"]", "{\"a\":{}}"])
            .prop_map(|s| Field::Other(s.to_owned())),
    ]
}

/// Bytes that look enough like JSON to reach deep into the parser.
fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<Vec<u8>>(),
        any::<String>().prop_map(String::into_bytes),
        prop::collection::vec(
            prop::sample::select(br#"{}[]":,\ udD8c0fA1-.e9tn "#.to_vec()),
            0..60
        ),
        prop::collection::vec((units(), field()), 0..5).prop_map(|fields| {
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}:{}", json_string(k), field_text(v)))
                .collect();
            format!("{{{}}}", body.join(",")).into_bytes()
        }),
    ]
}

fn field_text(field: &Field) -> String {
    match field {
        Field::Str(units) => json_string(units),
        Field::Other(json) => json.clone(),
    }
}

proptest! {
    #[test]
    fn the_json_splitter_takes_any_bytes(bytes in jsonish()) {
        let as_text = ValueView::from_parts(Some(SecretValue::from_bytes(bytes.clone())), None);
        let as_binary = ValueView::from_parts(None, Some(SecretValue::from_bytes(bytes)));
        for view in [as_text, as_binary] {
            let debug = format!("{view:?}");
            prop_assert!(debug.contains(REDACTED), "{debug}");
            if let ValueView::Json { entries, .. } = &view {
                // Each value is a SecretValue: only its redaction shows.
                prop_assert_eq!(debug.matches(REDACTED).count(), entries.len() + 1);
            }
        }
    }

    #[test]
    fn every_key_is_kept_and_every_value_stays_secret(
        fields in prop::collection::vec((units(), field()), 0..6),
    ) {
        // Written by hand so duplicate keys and lone surrogates stay as generated.
        let body: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, (key, value))| {
                let value = match value {
                    // A canary in every string, to look for in the Debug output.
                    Field::Str(units) => {
                        let mut units = units.clone();
                        units.extend(format!("CANARY{i}x").chars().map(Unit::Char));
                        Field::Str(units)
                    }
                    other @ Field::Other(_) => other.clone(),
                };
                (key, value)
            })
            .map(|(key, value)| format!("{}: {}", json_string(key), field_text(&value)))
            .collect();
        let raw = format!("{{{}}}", body.join(", "));
        let view = ValueView::from_parts(Some(SecretValue::from_string(raw.clone())), None);
        let debug = format!("{view:?}");
        let ValueView::Json { entries, pretty } = view else {
            return Err(TestCaseError::fail(format!("not split: {raw}")));
        };
        prop_assert_eq!(entries.len(), fields.len());
        prop_assert!(!debug.contains("CANARY"), "{debug}");
        prop_assert!(pretty.expose_str().is_some(), "the raw JSON stays text");
        for (i, (entry, (key, value))) in entries.iter().zip(&fields).enumerate() {
            let shown_key = json_string_text(key);
            match &shown_key {
                Some(text) => prop_assert_eq!(&entry.key, text),
                None => prop_assert!(entry.key.contains('\u{FFFD}'), "{:?}", entry.key),
            }
            match value {
                Field::Str(units) => {
                    let mut units = units.clone();
                    units.extend(format!("CANARY{i}x").chars().map(Unit::Char));
                    match json_string_text(&units) {
                        Some(text) => {
                            prop_assert_eq!(entry.value.expose_str(), Some(text.as_str()));
                            prop_assert!(entry.not_text().is_none());
                        }
                        None => prop_assert!(entry.not_text().is_some()),
                    }
                }
                Field::Other(json) => prop_assert_eq!(entry.value.expose_str(), Some(json.as_str())),
            }
        }
    }
}

/// A JSON value of any type, its strings from `tricky_text`.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        tricky_text().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::vec((tricky_text(), inner), 0..4)
                .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A CloudTrail record whose every field the parser reads may be anything.
fn cloudtrail_record() -> impl Strategy<Value = String> {
    let keys = [
        "eventName",
        "eventTime",
        "eventID",
        "userIdentity",
        "sourceIPAddress",
        "userAgent",
        "errorCode",
        "errorMessage",
        "requestParameters",
        "additionalEventData",
        "responseElements",
        "eventType",
    ];
    (
        prop::collection::vec(any_json(), keys.len()),
        any_json(),
        prop::collection::vec(any::<u8>(), 0..64),
        0..3u8,
    )
        .prop_map(move |(values, identity, bytes, shape)| {
            if shape == 0 {
                // Not JSON at all.
                return String::from_utf8_lossy(&bytes).into_owned();
            }
            let mut record: serde_json::Map<String, serde_json::Value> =
                keys.iter().map(|k| (*k).to_owned()).zip(values).collect();
            if shape == 2 {
                record.insert(
                    "userIdentity".to_owned(),
                    serde_json::json!({"type": "AssumedRole", "arn": identity, "sessionContext": identity}),
                );
            }
            serde_json::Value::Object(record).to_string()
        })
}

proptest! {
    #[test]
    fn any_cloudtrail_record_becomes_a_row_with_capped_fields(record in cloudtrail_record()) {
        use smtui_core::model::audit::{AuditEvent, Envelope, MAX_FIELD_CHARS, MAX_RAW_BYTES};
        let event = AuditEvent::parse(&Envelope {
            event_id: Some("e"),
            event_name: Some("GetSecretValue"),
            event_time: None,
            username: None,
            cloudtrail_event: Some(&record),
        });
        prop_assert!(!event.name.is_empty());
        let capped = |text: &str| text.chars().count() <= MAX_FIELD_CHARS;
        for text in [&event.name, &event.id]
            .into_iter()
            .chain(event.source_ip.iter())
            .chain(event.user_agent.iter())
            .chain(event.error_code.iter())
            .chain(event.secret_ids.iter())
        {
            prop_assert!(capped(text), "{} chars", text.chars().count());
        }
        // The principal's label joins a few capped fields.
        prop_assert!(event.principal.label.chars().count() <= 3 * MAX_FIELD_CHARS + 16);
        prop_assert!(event.raw.len() <= MAX_RAW_BYTES + 64);
        for text in [&event.name, &event.principal.label, &event.short_agent()] {
            prop_assert!(!is_unsafe_text(&sanitize_line(text)));
        }
    }
}
