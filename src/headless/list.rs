//! `smtui list`: every secret of the regions, listed through the same engine as the TUI,
//! printed for scripts: JSON, TSV or a table. As in the TUI, secrets scheduled for deletion
//! are left out unless asked for (`--deleted`); the table then marks them. A region that fails is said on stderr and the
//! exit code is 2; the rows that did load are printed all the same.

use std::fmt::Write as _;

use jiff::Timestamp;
use serde::Serialize;

use crate::headless::Listing;
use smtui_core::model::SecretSummary;
use smtui_core::model::rotation::{Facts, StageMap, Thresholds, derive};
use smtui_core::sanitize::sanitize_line;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Tsv,
    Json,
}

/// What to print, and the exit code.
#[derive(Debug)]
pub struct Printed {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// A row of `--org`: the secret's, then its account and the account's alias.
#[derive(Serialize)]
struct OrgRow<'a> {
    #[serde(flatten)]
    row: &'a Row<'a>,
    account: &'a str,
    account_alias: Option<&'a str>,
}

#[derive(Serialize)]
struct Row<'a> {
    /// With `--org`: the account, and its alias (`None` elsewhere, and not printed).
    #[serde(skip)]
    account: Option<(&'a str, Option<&'a str>)>,
    name: &'a str,
    region: &'a str,
    arn: &'a str,
    description: Option<&'a str>,
    created: Option<Timestamp>,
    last_changed: Option<Timestamp>,
    last_accessed: Option<Timestamp>,
    rotation: &'static str,
    rotation_enabled: bool,
    next_rotation: Option<Timestamp>,
    scheduled_for_deletion: Option<Timestamp>,
    tags: std::collections::BTreeMap<&'a str, &'a str>,
}

/// The filter's text, and whether secrets scheduled for deletion are listed too.
pub fn print(
    listing: &Listing,
    format: Format,
    (filter, deleted): (&str, bool),
    now: Timestamp,
    thresholds: Thresholds,
) -> Printed {
    let mut secrets: Vec<&SecretSummary> = listing
        .secrets
        .iter()
        .filter(|s| deleted || s.deleted_date.is_none())
        .filter(|s| smtui_core::features::browse::matches(s, filter))
        .collect();
    secrets.sort_by(|a, b| {
        (a.name.cmp(&b.name))
            .then_with(|| a.region.cmp(&b.region))
            .then_with(|| a.arn.account().cmp(b.arn.account()))
    });
    let rows: Vec<Row> = secrets
        .iter()
        .map(|s| Row {
            account: listing
                .account_of(s.identity)
                .map(|a| (a.id.as_str(), a.alias.as_deref())),
            ..row(s, now, thresholds)
        })
        .collect();
    let stdout = match format {
        Format::Json if listing.org => {
            let rows: Vec<OrgRow> = rows
                .iter()
                .map(|row| {
                    let (account, account_alias) = row.account.unwrap_or_default();
                    OrgRow {
                        row,
                        account,
                        account_alias,
                    }
                })
                .collect();
            json(&rows)
        }
        Format::Json => json(&rows),
        Format::Tsv => tsv(&rows, listing.org),
        Format::Table => table(&rows, listing.org),
    };
    let stderr = listing.failures();
    Printed {
        stdout,
        stderr,
        code: if listing.failed.is_empty() { 0 } else { 2 },
    }
}

fn row(s: &SecretSummary, now: Timestamp, thresholds: Thresholds) -> Row<'_> {
    let health = derive(
        Facts {
            rotation: &s.rotation,
            stages: &StageMap::of_summary(s),
            events: &[],
        },
        now,
        thresholds,
    );
    Row {
        account: None,
        name: &s.name,
        region: &s.region,
        arn: s.arn.as_str(),
        description: s.description.as_deref(),
        created: s.created,
        last_changed: s.last_changed,
        last_accessed: s.last_accessed,
        rotation: health.label(),
        rotation_enabled: s.rotation.enabled,
        next_rotation: smtui_core::model::rotation::next_rotation(&s.rotation)
            .filter(|_| s.rotation.enabled),
        scheduled_for_deletion: s.deleted_date,
        tags: s
            .tags
            .iter()
            .map(|t| (t.key.as_str(), t.value.as_str()))
            .collect(),
    }
}

fn json<T: Serialize>(rows: &[T]) -> String {
    let mut text = serde_json::to_string_pretty(rows).unwrap_or_default();
    text.push('\n');
    text
}

/// `2026-11-25T12:00:00Z` (what `%Y-%m-%dT%H:%M:%SZ` gives) written straight from the
/// date's fields: `strftime` parses its format again for each of thousands of dates.
fn push_date(out: &mut String, t: Option<Timestamp>) {
    if let Some(t) = t {
        let d = jiff::tz::Offset::UTC.to_datetime(t);
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        );
    }
}

fn tags(row: &Row) -> String {
    row.tags
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// One secret a line, tab-separated, with a header; tabs and line breaks in a field are
/// escaped by the sanitiser, so every line has the same columns. Columns added later go at
/// the end, so a script's `cut -f` keeps working.
fn tsv(rows: &[Row], org: bool) -> String {
    let mut out = String::from(concat!(
        "name\tregion\tarn\tcreated\tlast_changed\tlast_accessed\trotation\tnext_rotation",
        "\ttags\tdescription\tscheduled_for_deletion"
    ));
    out.push_str(if org {
        "\taccount\taccount_alias\n"
    } else {
        "\n"
    });
    // Written field by field into one string (thousands of rows: no string per field).
    // Dates and the rotation label are plain ASCII the sanitiser would leave as they are.
    for r in rows {
        for text in [r.name, r.region, r.arn] {
            out.push_str(&sanitize_line(text));
            out.push('\t');
        }
        for t in [r.created, r.last_changed, r.last_accessed] {
            push_date(&mut out, t);
            out.push('\t');
        }
        out.push_str(r.rotation);
        out.push('\t');
        push_date(&mut out, r.next_rotation);
        out.push('\t');
        out.push_str(&sanitize_line(&tags(r)));
        out.push('\t');
        out.push_str(&sanitize_line(r.description.unwrap_or_default()));
        out.push('\t');
        push_date(&mut out, r.scheduled_for_deletion);
        if org {
            let (account, alias) = r.account.unwrap_or_default();
            out.push('\t');
            out.push_str(account);
            out.push('\t');
            out.push_str(&sanitize_line(alias.unwrap_or_default()));
        }
        out.push('\n');
    }
    out
}

/// The table's name: a secret scheduled for deletion says so after it, with the day it
/// goes for good, as the TUI's list does.
fn table_name(row: &Row) -> String {
    let name = sanitize_line(row.name);
    match row.scheduled_for_deletion {
        Some(on) => format!("{name} (deleting {})", on.strftime("%Y-%m-%d")),
        None => name.into_owned(),
    }
}

/// How the table names a row's account: its alias, else its ID.
fn account_cell<'a>(row: &Row<'a>) -> &'a str {
    row.account.map_or("", |(id, alias)| alias.unwrap_or(id))
}

fn table(rows: &[Row], org: bool) -> String {
    let names: Vec<String> = rows.iter().map(table_name).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 80);
    // With `--org`, the account after the name (as wide as its widest, at most 32).
    let account_width = if org {
        rows.iter()
            .map(|r| account_cell(r).chars().count())
            .max()
            .unwrap_or(7)
            .clamp(7, 32)
            + 1
    } else {
        0
    };
    let account_head = if org { "ACCOUNT" } else { "" };
    let mut out = format!(
        "{:<width$} {account_head:<account_width$}{:<15} {:<10} {:<10} {:<13} TAGS\n",
        "NAME", "REGION", "CHANGED", "ACCESSED", "ROTATION"
    );
    for (r, name) in rows.iter().zip(&names) {
        let account = sanitize_line(account_cell(r));
        let day = |t: Option<Timestamp>| {
            t.map_or_else(|| "-".to_owned(), |t| t.strftime("%Y-%m-%d").to_string())
        };
        let _ = writeln!(
            out,
            "{:<width$} {account:<account_width$}{:<15} {:<10} {:<10} {:<13} {}",
            name,
            sanitize_line(r.region),
            day(r.last_changed),
            day(r.last_accessed),
            r.rotation,
            sanitize_line(&tags(r))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtui_core::model::{ErrorKind, Rotation, Tag};

    fn secret(name: &str, region: &str) -> SecretSummary {
        SecretSummary {
            identity: smtui_core::ids::IdentityId::START,
            // An ARN holds no control character or space (the AWS crate refuses one that
            // does): a hostile name's is made of what is left of it.
            arn: smtui_core::ids::Arn::parse(&format!(
                "arn:aws:secretsmanager:{region}:123456789012:secret:{}-AbCdEf",
                name.replace(|c: char| c.is_control() || c.is_whitespace(), "")
            ))
            .expect("an ARN"),
            name: name.into(),
            region: region.into(),
            description: Some("db creds".into()),
            created: None,
            last_changed: None,
            last_accessed: None,
            rotation: Rotation::default().into(),
            owning_service: None,
            stages: Vec::new(),
            tags: vec![Tag {
                key: "Team".into(),
                value: "payments".into(),
            }]
            .into(),
            deleted_date: None,
            primary_region: None,
            kms_key_id: None,
        }
    }

    #[test]
    fn dates_are_written_as_the_strftime_format_wrote_them() {
        for text in [
            "2026-11-25T12:00:00Z",
            "2001-02-03T04:05:06.789Z",
            "1999-12-31T23:59:59.999999999Z",
            "0999-01-01T00:00:00Z",
        ] {
            let t: Timestamp = text.parse().expect("a timestamp");
            let mut written = String::new();
            push_date(&mut written, Some(t));
            assert_eq!(written, t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
        let mut none = String::new();
        push_date(&mut none, None);
        assert_eq!(none, "");
    }

    fn printed(listing: &Listing, format: Format, filter: &str) -> Printed {
        print(
            listing,
            format,
            (filter, false),
            "2026-11-25T12:00:00Z".parse().expect("ts"),
            Thresholds::default(),
        )
    }

    #[test]
    fn the_filter_takes_words_and_the_region_as_the_tui_s_does() {
        let listing = Listing {
            secrets: vec![
                secret("prod/b", "us-east-1"),
                secret("prod/a", "eu-west-1"),
                secret("dev/c", "eu-west-1"),
            ],
            failed: Vec::new(),
            ..Listing::default()
        };
        let tsv = printed(&listing, Format::Tsv, "eu-west-1 PROD").stdout;
        let names: Vec<&str> = tsv
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        assert_eq!(names, ["prod/a"], "{tsv}");
    }

    #[test]
    fn secrets_scheduled_for_deletion_are_left_out_unless_asked_for_then_marked() {
        let mut doomed = secret("prod/auth/stripe-api-key", "us-east-1");
        doomed.deleted_date = Some("2026-12-16T09:00:00Z".parse().expect("ts"));
        let listing = Listing {
            secrets: vec![secret("prod/auth/live", "us-east-1"), doomed],
            failed: Vec::new(),
            ..Listing::default()
        };
        for format in [Format::Table, Format::Tsv, Format::Json] {
            let out = printed(&listing, format, "").stdout;
            assert!(!out.contains("stripe-api-key"), "{format:?}: {out}");
            assert!(out.contains("prod/auth/live"), "{format:?}: {out}");
        }
        let at = "2026-11-25T12:00:00Z".parse().expect("ts");
        let all = |format| print(&listing, format, ("", true), at, Thresholds::default()).stdout;
        let table = all(Format::Table);
        assert!(
            table.contains("prod/auth/stripe-api-key (deleting 2026-12-16) "),
            "{table}"
        );
        assert!(
            table.contains("prod/auth/live ") && !table.contains("live (deleting"),
            "{table}"
        );
        let tsv = all(Format::Tsv);
        assert!(tsv.contains("\t2026-12-16T09:00:00Z\n"), "{tsv}");
        let json: serde_json::Value = serde_json::from_str(&all(Format::Json)).expect("json");
        assert_eq!(json[1]["scheduled_for_deletion"], "2026-12-16T09:00:00Z");
    }

    #[test]
    fn formats_filter_and_a_failed_region() {
        let mut listing = Listing {
            secrets: vec![
                secret("prod/b", "us-east-1"),
                secret("prod/a\tx\u{1b}[2J", "eu-west-1"),
                secret("dev/c", "us-east-1"),
            ],
            failed: Vec::new(),
            ..Listing::default()
        };
        listing.secrets[1].description = Some("the prod/a\tx".into());
        let tsv = printed(&listing, Format::Tsv, "PROD").stdout;
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), 3, "header and two rows: {tsv}");
        assert!(lines.iter().all(|l| l.split('\t').count() == 11), "{tsv}");
        assert!(lines[0].ends_with("\tdescription\tscheduled_for_deletion"));
        assert!(
            lines[1].contains("\tthe prod/a\\tx"),
            "the description, its tab escaped: {tsv}"
        );
        assert!(!tsv.contains('\u{1b}'));
        let json: serde_json::Value =
            serde_json::from_str(&printed(&listing, Format::Json, "team=pay").stdout)
                .expect("json");
        assert_eq!(json.as_array().map(Vec::len), Some(3), "tags match too");
        assert_eq!(json[0]["name"], "dev/c", "sorted by name");
        assert_eq!(json[0]["rotation"], "Disabled");
        assert_eq!(json[0]["tags"]["Team"], "payments");
        listing.failed.push(smtui_core::model::AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "ListSecrets",
            region: "ap-southeast-2".into(),
            code: None,
            message: Some("denied".into()),
        });
        let out = printed(&listing, Format::Table, "");
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("ap-southeast-2"));
        assert_eq!(out.stdout.lines().count(), 4, "what loaded is printed");
    }
}
