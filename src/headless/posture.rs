//! `smtui posture`: the rotation overview's report without the TUI, as a table or JSON,
//! for scripts and CI. Exit 0 when every check passes, 1 when any fails, 2 when a region
//! could not be listed, or with `--access` a secret's policy or key could not be read (the
//! report then covers only what was).

use std::fmt::Write as _;

use jiff::Timestamp;
use serde::Serialize;
use smtui_core::model::org::OrgOptions;

use crate::headless::Listing;
use crate::headless::access::Access;
use crate::headless::values::Deep;
use smtui_core::model::posture::{Check, PostureRules, Report, assess};
use smtui_core::model::rotation::Thresholds;
use smtui_core::sanitize::sanitize_line;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub(crate) const EXIT_PASS: u8 = 0;
pub(crate) const EXIT_FAIL: u8 = 1;
pub(crate) const EXIT_INCOMPLETE: u8 = 2;

/// What to print on stdout and stderr, and the exit code.
#[derive(Debug)]
pub struct Printed {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    report: &'a Report,
    checks: Vec<CheckJson>,
    regions_failed: Vec<String>,
    /// With `--org`: every account listed (each finding's ARN names its account).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    accounts: Vec<AccountJson<'a>>,
}

#[derive(Serialize)]
struct AccountJson<'a> {
    id: &'a str,
    name: &'a str,
    alias: Option<&'a str>,
}

#[derive(Serialize)]
struct CheckJson {
    id: &'static str,
    asks: String,
    failing: usize,
}

/// `smtui posture [--access] [--deep]`: lists every region, reads who can read each secret
/// and every value when asked, and prints the report.
pub async fn run(
    ctx: smtui_aws::AwsContext,
    (regions, org): (&[String], Option<(&OrgOptions, &str)>),
    (format, access, deep): (Format, bool, bool),
    (thresholds, rules): (Thresholds, PostureRules),
) -> Printed {
    let listing = match org {
        Some((options, user)) => {
            crate::headless::org::list_org(ctx.clone(), regions, options, user).await
        }
        None => crate::headless::list_everything(ctx.clone(), regions).await,
    };
    let access = if access {
        crate::headless::access::read_access(&ctx, &listing).await
    } else {
        Access::default()
    };
    let deep = if deep {
        crate::headless::values::read_shared(ctx.clone(), &listing).await
    } else {
        Deep::default()
    };
    print(
        (&listing, &access, &deep),
        format,
        Timestamp::now(),
        thresholds,
        &rules,
    )
}

/// The report of `listing`, printed.
pub fn print(
    (listing, access, deep): (&Listing, &Access, &Deep),
    format: Format,
    now: Timestamp,
    thresholds: Thresholds,
    rules: &PostureRules,
) -> Printed {
    let mut report = assess(&listing.secrets, now, thresholds, rules, &access.findings);
    deep.values.apply_to(&mut report);
    let mut stderr = listing.failures();
    for error in &access.failed {
        let _ = writeln!(stderr, "smtui: {}", sanitize_line(&error.to_string()));
    }
    stderr.push_str(&deep.failures());
    let stdout = match format {
        Format::Json => {
            let checks = report
                .failing
                .iter()
                .map(|(check, failing)| CheckJson {
                    id: check.id(),
                    asks: check.describe(rules),
                    failing: *failing,
                })
                .collect();
            let json = Json {
                report: &report,
                checks,
                regions_failed: listing.failed.iter().map(|e| e.region.clone()).collect(),
                accounts: listing
                    .accounts
                    .iter()
                    .map(|a| AccountJson {
                        id: &a.id,
                        name: &a.name,
                        alias: a.alias.as_deref(),
                    })
                    .collect(),
            };
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            text
        }
        // Nothing listed anywhere: no check can pass, and none is said to.
        Format::Table if listing.secrets.is_empty() && !listing.failed.is_empty() => {
            "Nothing assessed: no region could be listed (why is on stderr).\n".to_owned()
        }
        Format::Table => table(&report, rules, listing),
    };
    let code = if !listing.failed.is_empty() || !access.failed.is_empty() || !deep.failed.is_empty()
    {
        EXIT_INCOMPLETE
    } else if report.any_failed() {
        EXIT_FAIL
    } else {
        EXIT_PASS
    };
    Printed {
        stdout,
        stderr,
        code,
    }
}

fn table(report: &Report, rules: &PostureRules, listing: &Listing) -> String {
    let mut out = String::new();
    let counts: Vec<String> = report
        .by_health
        .iter()
        .map(|(health, n)| format!("{} {n}", health.label()))
        .collect();
    let _ = writeln!(out, "{} secrets: {}", report.secrets, counts.join(", "));
    for (check, failing) in &report.failing {
        let verdict = if *failing == 0 {
            "pass".to_owned()
        } else {
            format!("{failing} fail")
        };
        let _ = writeln!(
            out,
            "{:<17} {:<40} {verdict}",
            check.id(),
            check.describe(rules)
        );
    }
    let _ = writeln!(out);
    let name_width = report
        .findings
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 80);
    // With `--org`, each finding's account (its alias, else its ID) after its name.
    let account = |f: &smtui_core::model::posture::Finding| {
        listing
            .account_of(f.identity)
            .map_or_else(String::new, |a| {
                format!("{} ", sanitize_line(a.alias.as_deref().unwrap_or(&a.id)))
            })
    };
    let account_width = if listing.org {
        (report.findings.iter())
            .map(|f| account(f).chars().count())
            .max()
            .unwrap_or(8)
            .max(8)
    } else {
        0
    };
    let head = if listing.org { "ACCOUNT " } else { "" };
    let _ = writeln!(
        out,
        "{:<14} {:<name_width$} {head:<account_width$}{:<15} {:<10} FAILED",
        "HEALTH", "NAME", "REGION", "NEXT"
    );
    for f in &report.findings {
        let failed: Vec<&str> = f.failed.iter().map(|c| Check::id(*c)).collect();
        let next = f
            .next_rotation
            .map_or_else(|| "-".to_owned(), |t| t.strftime("%Y-%m-%d").to_string());
        let _ = writeln!(
            out,
            "{:<14} {:<name_width$} {:<account_width$}{:<15} {:<10} {}",
            f.health.label(),
            sanitize_line(&f.name),
            account(f),
            sanitize_line(&f.region),
            next,
            failed.join(" "),
        );
        if let Some(others) = f.shares_with.as_ref().filter(|o| !o.is_empty()) {
            let _ = writeln!(out, "{:<14} {}", "", shared_with(others));
        }
    }
    out
}

/// "a value shared with a, b and 3 more": at most three names on the line.
fn shared_with(others: &[String]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = others
        .iter()
        .take(SHOWN)
        .map(|n| sanitize_line(n).into_owned())
        .collect();
    let more = others.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("a value shared with {}{more}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtui_core::model::{ErrorKind, Rotation, SecretSummary};

    fn secret(name: &str, enabled: bool) -> SecretSummary {
        SecretSummary {
            identity: smtui_core::ids::IdentityId::START,
            // An ARN holds no control character (the AWS crate refuses one that does): a
            // hostile name's is made of what is left of it.
            arn: smtui_core::ids::Arn::parse(&format!(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:{}",
                name.replace(|c: char| c.is_control() || c.is_whitespace(), "")
            ))
            .expect("an ARN"),
            name: name.into(),
            region: "us-east-1".into(),
            description: None,
            created: Some("2026-11-01T00:00:00Z".parse().expect("ts")),
            last_changed: None,
            last_accessed: Some("2026-11-20T00:00:00Z".parse().expect("ts")),
            rotation: Rotation {
                enabled,
                every_days: Some(30),
                last_rotated: Some("2026-11-10T00:00:00Z".parse().expect("ts")),
                next_rotation: Some("2026-12-10T00:00:00Z".parse().expect("ts")),
                ..Rotation::default()
            }
            .into(),
            owning_service: None,
            stages: Vec::new(),
            tags: vec![smtui_core::model::Tag {
                key: "Owner".into(),
                value: "x".into(),
            }]
            .into(),
            deleted_date: None,
            primary_region: None,
            kms_key_id: None,
        }
    }

    fn printed(listing: &Listing, format: Format) -> Printed {
        print(
            (listing, &Access::default(), &Deep::default()),
            format,
            "2026-11-25T12:00:00Z".parse().expect("ts"),
            Thresholds::default(),
            &PostureRules::default(),
        )
    }

    #[test]
    fn exit_codes_say_pass_fail_or_incomplete() {
        let mut listing = Listing {
            secrets: vec![secret("good", true)],
            failed: Vec::new(),
            ..Listing::default()
        };
        assert_eq!(printed(&listing, Format::Table).code, EXIT_PASS);
        listing.secrets.push(secret("off", false));
        assert_eq!(printed(&listing, Format::Table).code, EXIT_FAIL);
        listing.failed.push(AwsErrorFixture::denied());
        let out = printed(&listing, Format::Json);
        assert_eq!(out.code, EXIT_INCOMPLETE);
        assert!(out.stderr.contains("ap-southeast-2"), "{}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        assert_eq!(json["regions_failed"][0], "ap-southeast-2");
        assert_eq!(json["checks"][0]["id"], "SecretsManager.1");
        assert_eq!(json["checks"][0]["failing"], 1);
        // Nothing listed at all: no check is said to pass.
        let nothing = Listing {
            secrets: Vec::new(),
            failed: vec![AwsErrorFixture::denied()],
            ..Listing::default()
        };
        let out = printed(&nothing, Format::Table);
        assert_eq!(out.code, EXIT_INCOMPLETE);
        assert!(out.stdout.starts_with("Nothing assessed"), "{}", out.stdout);
        assert!(!out.stdout.contains("pass"), "{}", out.stdout);
    }

    #[test]
    fn names_are_sanitised_in_the_table() {
        let listing = Listing {
            secrets: vec![secret("evil\u{1b}[31mname", false)],
            failed: Vec::new(),
            ..Listing::default()
        };
        let out = printed(&listing, Format::Table);
        assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
        assert!(out.stdout.contains("SecretsManager.1"));
    }

    struct AwsErrorFixture;

    impl AwsErrorFixture {
        fn denied() -> smtui_core::model::AwsError {
            smtui_core::model::AwsError {
                kind: ErrorKind::AccessDenied,
                operation: "ListSecrets",
                region: "ap-southeast-2".into(),
                code: Some("AccessDeniedException".into()),
                message: Some("not authorized".into()),
            }
        }
    }
}
