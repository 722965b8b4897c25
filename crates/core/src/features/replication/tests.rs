//! The comparisons the pane draws from, case by case.

use super::compare::{in_region, tags_match};
use super::*;
use crate::model::Tag;

fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: key.into(),
        value: value.into(),
    }
}

#[test]
fn skew_says_the_two_largest_units_with_a_sign() {
    let at = |s: &str| s.parse::<jiff::Timestamp>().expect("a timestamp");
    let primary = at("2026-11-02T12:00:00Z");
    assert_eq!(skew(at("2026-11-01T10:00:00Z"), primary), "-1d 2h");
    assert_eq!(skew(at("2026-11-02T15:05:00Z"), primary), "+3h 5m");
    assert_eq!(skew(at("2026-11-02T12:00:30Z"), primary), "same");
    assert_eq!(skew(at("2026-11-03T12:00:00Z"), primary), "+1d");
}

#[test]
fn tags_differ_by_the_keys_changed_added_or_missing() {
    let primary = [tag("Team", "payments"), tag("Env", "prod")];
    assert_eq!(tags_match(&primary, &primary), TagsMatch::Same);
    let copy = [tag("Team", "orders"), tag("Owner", "me")];
    assert_eq!(
        tags_match(&copy, &primary),
        TagsMatch::Differs(vec!["Env".into(), "Owner".into(), "Team".into()])
    );
}

#[test]
fn the_same_secret_in_another_region_keeps_its_name_suffix_and_account() {
    let arn = crate::ids::Arn::parse(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/ci/key-AbCdEf",
    )
    .expect("an ARN");
    assert_eq!(
        in_region(&arn, "eu-west-1").map(|a| a.to_string()),
        Some("arn:aws:secretsmanager:eu-west-1:123456789012:secret:shared/ci/key-AbCdEf".into())
    );
}
