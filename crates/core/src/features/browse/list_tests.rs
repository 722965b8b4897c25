//! The list's tests (kept apart: the list itself is long enough).

use super::*;
use crate::model::Tag;

pub(crate) use super::super::test_rows::{start_row, summary};

#[test]
fn the_selection_is_found_by_its_arn_through_pages_filters_and_a_cleared_region() {
    let mut list = SecretList::default();
    list.extend(
        (0..300)
            .map(|i| summary(&format!("s{i:03}"), "us-east-1"))
            .collect(),
    );
    list.extend(
        (0..300)
            .map(|i| summary(&format!("e{i:03}"), "eu-west-1"))
            .collect(),
    );
    list.move_to(Move::Forward(450));
    let chosen = list.selected().expect("selected").arn.clone();
    // Pages that sort before it move it down; it stays selected.
    list.extend(
        (0..100)
            .map(|i| summary(&format!("a{i:03}"), "us-east-1"))
            .collect(),
    );
    assert_eq!(list.selected().map(|s| s.arn.clone()), Some(chosen.clone()));
    // A region cleared (indices of every row change) and a filter.
    list.clear_region(crate::ids::IdentityId::START, "eu-west-1");
    list.set_filter("s2".into());
    assert!(list.selected().is_some_and(|s| s.name.starts_with("s2")));
    list.set_filter(String::new());
    assert!(list.select(&start_row(chosen.as_str())));
    assert_eq!(list.selected().map(|s| s.arn.clone()), Some(chosen));
    assert!(!list.select(&start_row(
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:e001"
    )));
}

#[test]
fn the_rotation_column_sorts_the_riskiest_first() {
    let at = |t: &str| Some(t.parse::<jiff::Timestamp>().expect("ts"));
    let mut off = summary("off", "us-east-1");
    std::sync::Arc::make_mut(&mut off.rotation).enabled = false;
    let mut later = summary("later", "us-east-1");
    std::sync::Arc::make_mut(&mut later.rotation).enabled = true;
    std::sync::Arc::make_mut(&mut later.rotation).next_rotation = at("2026-12-20T00:00:00Z");
    let mut late = summary("late", "us-east-1");
    std::sync::Arc::make_mut(&mut late.rotation).enabled = true;
    std::sync::Arc::make_mut(&mut late.rotation).next_rotation = at("2026-08-01T00:00:00Z");
    let mut pending = summary("pending", "us-east-1");
    pending.stages = vec![crate::model::VersionStages {
        version_id: "v9".into(),
        stages: vec!["AWSPENDING".into()].into(),
    }];
    let mut list = SecretList::default();
    list.extend(vec![off, later, late, pending]);
    while list.sort().column != Column::Rotation {
        list.cycle_sort();
    }
    assert_eq!(names(&list), ["pending", "late", "later", "off"]);
}

fn names(list: &SecretList) -> Vec<&str> {
    list.visible(0..usize::MAX)
        .map(|s| s.name.as_str())
        .collect()
}

#[test]
fn filter_matches_name_description_and_tags_case_insensitively() {
    let mut list = SecretList::default();
    let mut tagged = summary("beta", "eu-west-1");
    tagged.tags = vec![Tag {
        key: "Team".into(),
        value: "Payments".into(),
    }]
    .into();
    let mut described = summary("gamma", "us-east-1");
    described.description = Some("Stripe API key".into());
    list.extend(vec![summary("alpha", "us-east-1"), tagged, described]);
    list.set_filter("PAYMENTS".into());
    assert_eq!(names(&list), ["beta"]);
    list.set_filter("stripe".into());
    assert_eq!(names(&list), ["gamma"]);
    list.set_filter(String::new());
    assert_eq!(names(&list), ["alpha", "beta", "gamma"]);
}

#[test]
fn every_word_must_match_the_name_region_description_or_tags_in_any_order() {
    let mut list = SecretList::default();
    let mut ledger = summary("prod/ledger/kafka-sasl-password", "us-east-1");
    ledger.description = Some("SASL password of the ledger's Kafka user".into());
    let mut github = summary("prod/search/github-deploy-key", "eu-west-1");
    github.tags = vec![Tag {
        key: "Team".into(),
        value: "Search".into(),
    }]
    .into();
    list.extend(vec![
        ledger,
        github,
        summary("staging/ledger/github-deploy-key", "us-east-1"),
    ]);
    list.set_filter("prod github".into());
    assert_eq!(names(&list), ["prod/search/github-deploy-key"]);
    list.set_filter("  GITHUB   prod ".into());
    assert_eq!(names(&list), ["prod/search/github-deploy-key"], "any order");
    list.set_filter("eu-west-1".into());
    assert_eq!(
        names(&list),
        ["prod/search/github-deploy-key"],
        "the region"
    );
    list.set_filter("us-east ledger kafka".into());
    assert_eq!(names(&list), ["prod/ledger/kafka-sasl-password"]);
    list.set_filter("team=search deploy".into());
    assert_eq!(names(&list), ["prod/search/github-deploy-key"], "a tag");
    // A word is one plain substring: `/` is part of it, not fuzzy.
    list.set_filter("ledger/github".into());
    assert_eq!(names(&list), ["staging/ledger/github-deploy-key"]);
    list.set_filter("prod ledger/github".into());
    assert!(names(&list).is_empty());
    // No word runs from one field into the next (the name's end into the region).
    list.set_filter("keyus-east".into());
    assert!(names(&list).is_empty());
    list.set_filter("key us-east".into());
    assert_eq!(names(&list), ["staging/ledger/github-deploy-key"]);
}

#[test]
fn selection_follows_the_secret_through_sorting() {
    let mut list = SecretList::default();
    list.extend(vec![
        summary("b", "us-east-1"),
        summary("a", "eu-west-1"),
        summary("c", "ap-southeast-2"),
    ]);
    list.move_to(Move::Forward(1));
    assert_eq!(list.selected().map(|s| s.name.as_str()), Some("b"));
    list.cycle_sort();
    assert_eq!(list.sort().column, Column::Region);
    assert_eq!(names(&list), ["c", "a", "b"]);
    assert_eq!(list.selected().map(|s| s.name.as_str()), Some("b"));
    list.reverse_sort();
    assert_eq!(names(&list), ["b", "a", "c"]);
}

#[test]
fn scheduled_for_deletion_is_hidden_until_toggled() {
    let mut list = SecretList::default();
    let mut doomed = summary("doomed", "us-east-1");
    doomed.deleted_date = Some(jiff::Timestamp::UNIX_EPOCH);
    list.extend(vec![summary("kept", "us-east-1"), doomed]);
    assert_eq!(names(&list), ["kept"]);
    list.toggle_deleted();
    assert_eq!(names(&list), ["doomed", "kept"]);
}

#[test]
fn clearing_a_region_keeps_the_others() {
    let mut list = SecretList::default();
    list.extend(vec![summary("a", "us-east-1"), summary("b", "eu-west-1")]);
    list.clear_region(crate::ids::IdentityId::START, "us-east-1");
    assert_eq!(names(&list), ["b"]);
    assert_eq!(list.total(), 1);
}

#[test]
fn pages_filters_and_sorts_in_any_order_give_the_sorted_filtered_rows() {
    let mut list = SecretList::default();
    list.reverse_sort();
    list.set_filter("p".into());
    list.extend(vec![
        summary("prod/b", "us-east-1"),
        summary("dev/x", "eu-west-1"),
    ]);
    list.extend(vec![
        summary("prod/a", "eu-west-1"),
        summary("prod/c", "us-east-1"),
    ]);
    assert_eq!(names(&list), ["prod/c", "prod/b", "prod/a"]);
    list.clear_region(crate::ids::IdentityId::START, "eu-west-1");
    list.extend(vec![summary("prod/z", "eu-west-1")]);
    list.reverse_sort();
    assert_eq!(names(&list), ["prod/b", "prod/c", "prod/z"]);
    list.set_filter(String::new());
    assert_eq!(names(&list), ["prod/b", "prod/c", "prod/z"]);
    list.cycle_sort();
    assert_eq!(names(&list), ["prod/z", "prod/b", "prod/c"]);
}

#[test]
fn pages_merged_in_give_the_same_order_as_sorting_everything() {
    let names: Vec<String> = (0..300)
        .map(|i| format!("s{:03}", (i * 7919) % 1000))
        .collect();
    for column in 0..Column::ALL.len() {
        let mut paged = SecretList::default();
        for _ in 0..column {
            paged.cycle_sort();
        }
        paged.reverse_sort();
        for chunk in names.chunks(37) {
            let page = chunk.iter().enumerate().map(|(i, n)| {
                let mut s = summary(n, ["us-east-1", "eu-west-1"][i % 2]);
                std::sync::Arc::make_mut(&mut s.rotation).enabled = i % 3 == 0;
                s
            });
            paged.extend(page.collect());
        }
        let mut resorted = paged.clone();
        resorted.orders = crate::features::browse::order::Orders::build(&resorted.rows);
        resorted.set_filter(String::new());
        assert_eq!(names_of(&paged), names_of(&resorted), "column {column}");
    }
}

fn names_of(list: &SecretList) -> Vec<(String, String)> {
    list.visible(0..usize::MAX)
        .map(|s| (s.name.clone(), s.region.to_string()))
        .collect()
}

#[test]
fn a_refresh_gives_the_selection_back_when_its_secret_returns() {
    let mut list = SecretList::default();
    list.extend(vec![
        summary("a", "us-east-1"),
        summary("b", "us-east-1"),
        summary("c", "us-east-1"),
    ]);
    list.move_to(Move::Forward(2));
    // A refresh: the region is cleared as its first new page arrives, and the selected
    // secret only comes back in the second page.
    list.remember_selection();
    list.clear_region(crate::ids::IdentityId::START, "us-east-1");
    list.extend(vec![summary("a", "us-east-1")]);
    list.extend(vec![summary("b", "us-east-1"), summary("c", "us-east-1")]);
    assert_eq!(list.selected().map(|s| s.name.as_str()), Some("c"));

    // Moving in between means the user has chosen again.
    list.remember_selection();
    list.clear_region(crate::ids::IdentityId::START, "us-east-1");
    list.extend(vec![summary("a", "us-east-1"), summary("b", "us-east-1")]);
    list.move_to(Move::Forward(1));
    list.extend(vec![summary("c", "us-east-1")]);
    assert_eq!(list.selected().map(|s| s.name.as_str()), Some("b"));
}

#[test]
fn a_refresh_of_several_regions_comes_back_to_the_same_secret() {
    let mut list = SecretList::default();
    list.extend(vec![summary("x", "us-east-1"), summary("y", "eu-west-1")]);
    assert_eq!(list.selected().map(|s| s.name.as_str()), Some("x"));
    list.remember_selection();
    // us-east-1's first page is empty for now; the selection falls to y, then
    // eu-west-1 is cleared too, and x only comes back at the end.
    list.clear_region(crate::ids::IdentityId::START, "us-east-1");
    list.clear_region(crate::ids::IdentityId::START, "eu-west-1");
    list.extend(vec![summary("y", "eu-west-1")]);
    list.extend(vec![summary("x", "us-east-1")]);
    assert_eq!(list.selected().map(|s| s.name.as_str()), Some("x"));
}

/// One name in two regions (a replica): the rows tie on the sort column, and the selection
/// must come back to the one it was on, not to whichever of the two sorts first.
#[test]
fn a_refresh_comes_back_to_the_same_region_s_copy_of_a_name() {
    for arrival in [["us-east-1", "eu-west-1"], ["eu-west-1", "us-east-1"]] {
        let mut list = SecretList::default();
        list.extend(vec![
            summary("a/shared", "eu-west-1"),
            summary("z", "eu-west-1"),
        ]);
        list.extend(vec![summary("a/shared", "us-east-1")]);
        let us = |list: &SecretList| list.selected().map(|s| s.region.clone());
        list.move_to(Move::Forward(1));
        assert_eq!(us(&list).as_deref(), Some("us-east-1"), "the second copy");
        list.remember_selection();
        for region in arrival {
            list.clear_region(crate::ids::IdentityId::START, region);
            list.extend(vec![summary("a/shared", region)]);
        }
        assert_eq!(us(&list).as_deref(), Some("us-east-1"), "{arrival:?}");
        // Sorted by name, the copies keep one order whatever arrived first.
        let regions: Vec<&str> = list.visible(0..2).map(|s| s.region.as_str()).collect();
        assert_eq!(regions, ["eu-west-1", "us-east-1"]);
    }
}

#[test]
fn the_selection_stays_on_the_first_row_until_the_user_moves() {
    let mut list = SecretList::default();
    list.extend(vec![summary("m/secret", "us-east-1")]);
    list.extend(vec![
        summary("a/secret", "eu-west-1"),
        summary("z/secret", "eu-west-1"),
    ]);
    assert_eq!(
        list.selected().map(|s| s.name.as_str()),
        Some("a/secret"),
        "the first row, not the first to arrive"
    );
    list.move_to(Move::Forward(1));
    list.extend(vec![summary("0/first", "ap-south-1")]);
    assert_eq!(
        list.selected().map(|s| s.name.as_str()),
        Some("m/secret"),
        "once chosen, the selection follows its secret"
    );
}
