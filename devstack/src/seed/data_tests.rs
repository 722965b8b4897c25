//! The seed plan: counts, unique names, fixture rules, determinism.

use super::*;

#[test]
fn plans_match_fixture_counts_and_rules() {
    for (idx, (region, created, deleted, _)) in fx::REGION_PLAN.iter().enumerate() {
        let plan = plan(idx, region, *created);
        assert_eq!(plan.len(), *created, "{region}");
        assert_eq!(
            plan.iter()
                .filter(|s| s.delete_after_days.is_some())
                .count(),
            *deleted,
            "{region}"
        );
        let mut names: Vec<&str> = plan.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), *created, "unique names in {region}");
        for n in &names {
            assert!(fx::REGIONS.iter().all(|r| !n.contains(r)), "{n}");
        }
        assert!(plan.iter().any(|s| s.rotation.is_some()));
        assert!(plan.iter().any(|s| s.versions.len() > 1));
        assert!(plan.iter().any(|s| s.tags.len() == 5));
        assert!(plan.iter().any(|s| s.tags.is_empty()));
        assert!(
            plan.iter()
                .any(|s| matches!(s.versions[0], Value::Binary(_)))
        );
    }
}

#[test]
fn rotation_fixtures_are_well_formed() {
    let us = fixtures("us-east-1");
    let find = |n: &str| us.iter().find(|s| s.name == n).expect(n);
    for s in &us {
        if let Some(r) = &s.rotation {
            // A pending rotation is started after the rest is seeded; nothing else
            // may happen to such a secret.
            if r.pending.is_some() {
                assert!(s.replicate_to.is_none() && s.delete_after_days.is_none());
            }
            assert!(r.after_days.is_some() || r.schedule.is_some(), "{}", s.name);
        }
        let has_owner = s.tags.iter().any(|(k, _)| k == "Owner");
        assert_eq!(
            !has_owner,
            fx::OWNERLESS_SECRETS.contains(&s.name.as_str()),
            "{}",
            s.name
        );
    }
    for n in fx::RECENTLY_READ_SECRETS {
        assert!(find(n).last_read_ago.is_some_and(|d| d <= days(2)), "{n}");
    }
    assert_eq!(
        find(fx::STALE_SECRET).last_read_ago,
        Some(days(fx::STALE_SECRET_READ_DAYS_AGO))
    );
    assert_eq!(
        find(fx::CRON_SECRET)
            .rotation
            .as_ref()
            .and_then(|r| r.window),
        Some(fx::CRON_WINDOW)
    );
}

#[test]
fn generation_is_deterministic() {
    let a = generated(0, 50);
    let b = generated(0, 50);
    assert_eq!(
        a.iter().map(|s| (&s.name, &s.versions)).collect::<Vec<_>>(),
        b.iter().map(|s| (&s.name, &s.versions)).collect::<Vec<_>>()
    );
}
