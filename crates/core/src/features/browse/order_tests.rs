//! The orders kept up to date as pages arrive, checked against the first version's full
//! sort over generated pages, region refreshes, sorts, filters and described secrets.

use proptest::prelude::*;

use crate::features::browse::list::SecretList;
use crate::features::browse::order::compare;
use crate::kit::Move;
use crate::model::{Rotation, SecretDetail, SecretSummary, Tag, VersionInfo, VersionStages};

/// One region longer than its key (15 bytes).
const REGIONS: [&str; 4] = [
    "us-east-1",
    "eu-west-1",
    "ap-southeast-2",
    "xx-far-away-region-1",
];
/// Prefixes past a key's first word (16 bytes) and past the whole key (31 bytes), so that
/// equal keys fall back to the strings.
const PREFIXES: [&str; 5] = [
    "",
    "prod/payments/api-key-",
    "prod/payments/api-key-x",
    "Z",
    "prod/payments/a-long-service-name/db-",
];
const FILTERS: [&str; 7] = ["", "pay", "KEY-1", "team1=", "x", "key EAST", " far pay "];
/// The accounts the secrets are listed in (by their number), and aliases they may get
/// (two may share one).
const ACCOUNTS: [&str; 3] = ["111111111111", "222222222222", "333333333333"];
const ALIASES: [&str; 3] = ["zeta-prod", "alpha-dev", "zeta-prod"];

/// One generated secret (or what DescribeSecret says about one).
#[derive(Debug, Clone)]
struct Gen {
    prefix: usize,
    n: u8,
    region: usize,
    description: Option<u8>,
    changed: Option<u8>,
    accessed: Option<u8>,
    rotating: bool,
    next: Option<u8>,
    pending: bool,
    tags: u8,
    deleted: bool,
}

#[derive(Debug, Clone)]
enum Op {
    Page(Vec<Gen>),
    Clear(usize),
    SortNext,
    Reverse,
    Filter(usize),
    ToggleDeleted,
    Region(Option<usize>),
    Describe(usize, Gen),
    Move(u8),
    /// Several accounts are held (the ACCOUNT column shows), and this one's alias is known
    /// (or it has none).
    Alias(usize, Option<usize>),
    /// `s` until the list sorts by account (shown as for `Alias`).
    SortByAccount,
}

fn at(hours: u8) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_700_000_000 + i64::from(hours) * 3600).expect("ts")
}

fn description(d: u8) -> String {
    // Some share a prefix longer than the key: equal keys, different strings.
    if d.is_multiple_of(2) {
        format!("used by the payments service, {d}")
    } else {
        format!("used by the payments service of the whole company, {d}")
    }
}

fn stages(pending: bool) -> Vec<String> {
    if pending {
        vec!["AWSPENDING".to_owned()]
    } else {
        vec!["AWSCURRENT".to_owned()]
    }
}

fn summary(g: &Gen) -> SecretSummary {
    let name = format!("{}{}", PREFIXES[g.prefix], g.n);
    let region = REGIONS[g.region];
    SecretSummary {
        identity: crate::ids::IdentityId::START,
        arn: crate::ids::Arn::parse(&format!(
            "arn:aws:secretsmanager:{region}:{}:secret:{name}",
            ACCOUNTS[usize::from(g.n) % ACCOUNTS.len()]
        ))
        .expect("an ARN"),
        name,
        region: region.into(),
        description: g.description.map(|d| description(d).into()),
        created: None,
        last_changed: g.changed.map(at),
        last_accessed: g.accessed.map(at),
        rotation: rotation(g).into(),
        owning_service: None,
        stages: vec![VersionStages {
            version_id: "v2".into(),
            stages: std::sync::Arc::new(stages(g.pending).into_iter().map(Into::into).collect()),
        }],
        tags: tags(g.tags).into(),
        deleted_date: g.deleted.then(|| at(0)),
        primary_region: None,
        kms_key_id: None,
    }
}

fn rotation(g: &Gen) -> Rotation {
    Rotation {
        enabled: g.rotating,
        next_rotation: g.next.map(at),
        ..Rotation::default()
    }
}

fn tags(n: u8) -> Vec<Tag> {
    (0..n)
        .map(|i| Tag {
            key: format!("Team{i}").into(),
            value: "Pay".into(),
        })
        .collect()
}

fn detail(of: &SecretSummary, g: &Gen) -> SecretDetail {
    SecretDetail {
        arn: of.arn.clone(),
        name: of.name.clone(),
        description: g.description.map(description),
        kms_key_id: None,
        created: None,
        last_changed: g.changed.map(at),
        last_accessed: g.accessed.map(at),
        deleted_date: None,
        tags: tags(g.tags),
        primary_region: None,
        owning_service: None,
        replicas: Vec::new(),
        rotation: rotation(g),
        versions: vec![VersionInfo {
            id: "v3".into(),
            stages: stages(g.pending),
            created: None,
            last_accessed: None,
        }],
        versions_error: None,
    }
}

/// What the list should show: the rows that pass the filter, sorted from scratch by the
/// column, then name and region, reversed when descending (the first version's order).
fn reference(list: &SecretList) -> Vec<String> {
    let words: Vec<String> = list
        .filter()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let region = list.region_filter();
    let mut rows: Vec<&SecretSummary> = list
        .all()
        .filter(|s| list.show_deleted() || s.deleted_date.is_none())
        .filter(|s| region.is_none_or(|r| s.region == r))
        .filter(|s| {
            let mut fields = vec![s.name.to_lowercase(), s.region.to_lowercase()];
            // With several accounts held, a row is found by its account's alias or ID too.
            if list.accounts_shown() {
                let id = s.arn.account();
                fields.push(list.account_label(id).to_lowercase());
                fields.push(id.to_owned());
            }
            fields.extend(s.description.as_ref().map(|d| d.to_lowercase()));
            fields.extend(
                s.tags
                    .iter()
                    .map(|t| format!("{}={}", t.key.to_lowercase(), t.value.to_lowercase())),
            );
            // Every word, each in some field.
            words
                .iter()
                .all(|w| fields.iter().any(|f| f.contains(w.as_str())))
        })
        .collect();
    let sort = list.sort();
    // The ACCOUNT column sorts by what it shows (the alias, else the ID), then the ID.
    let shown = |s: &SecretSummary| {
        let id = s.arn.account();
        (list.account_label(id).to_owned(), id.to_owned())
    };
    rows.sort_by(|a, b| {
        let by_column = match sort.column {
            crate::features::browse::row::Column::Account => shown(a).cmp(&shown(b)),
            column => compare(a, b, column),
        };
        let order = by_column
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.region.cmp(&b.region));
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    });
    rows.iter().map(|s| s.arn.to_string()).collect()
}

fn apply(list: &mut SecretList, op: &Op) {
    match op {
        Op::Page(gens) => {
            // A name is listed once in each region.
            let mut page: Vec<SecretSummary> = Vec::new();
            for s in gens.iter().map(summary) {
                if !list.all().chain(&page).any(|o| o.arn == s.arn) {
                    page.push(s);
                }
            }
            list.extend(page);
        }
        Op::Clear(r) => list.clear_region(crate::ids::IdentityId::START, REGIONS[*r]),
        Op::SortNext => list.cycle_sort(),
        Op::Reverse => list.reverse_sort(),
        Op::Filter(f) => list.set_filter(FILTERS[*f].to_owned()),
        Op::ToggleDeleted => list.toggle_deleted(),
        Op::Region(r) => list.set_region_filter(r.map(|r| REGIONS[r].to_owned())),
        Op::Describe(i, g) => {
            let total = list.total();
            let of = list.all().nth(i % total.max(1)).cloned();
            if let Some(of) = of {
                list.refresh_from_detail(of.identity, &detail(&of, g));
            }
        }
        Op::Move(n) => list.move_to(Move::Forward(usize::from(*n))),
        Op::Alias(account, alias) => {
            list.show_accounts(true);
            list.name_account(ACCOUNTS[*account], alias.map(|a| ALIASES[a]));
        }
        Op::SortByAccount => {
            list.show_accounts(true);
            while list.sort().column != crate::features::browse::row::Column::Account {
                list.cycle_sort();
            }
        }
    }
}

fn gen_secret() -> impl Strategy<Value = Gen> {
    (
        0..PREFIXES.len(),
        0..40u8,
        0..REGIONS.len(),
        proptest::option::of(0..6u8),
        proptest::option::of(0..6u8),
        proptest::option::of(0..6u8),
        any::<bool>(),
        proptest::option::of(0..6u8),
        proptest::bool::weighted(0.1),
        0..3u8,
        proptest::bool::weighted(0.1),
    )
        .prop_map(
            |(
                prefix,
                n,
                region,
                description,
                changed,
                accessed,
                rotating,
                next,
                pending,
                tags,
                deleted,
            )| {
                Gen {
                    prefix,
                    n,
                    region,
                    description,
                    changed,
                    accessed,
                    rotating,
                    next,
                    pending,
                    tags,
                    deleted,
                }
            },
        )
}

fn gen_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => proptest::collection::vec(gen_secret(), 0..40).prop_map(Op::Page),
        1 => (0..REGIONS.len()).prop_map(Op::Clear),
        1 => Just(Op::SortNext),
        1 => Just(Op::Reverse),
        1 => (0..FILTERS.len()).prop_map(Op::Filter),
        1 => Just(Op::ToggleDeleted),
        1 => proptest::option::of(0..REGIONS.len()).prop_map(Op::Region),
        2 => (any::<usize>(), gen_secret()).prop_map(|(i, g)| Op::Describe(i, g)),
        1 => (0..50u8).prop_map(Op::Move),
        1 => (0..ACCOUNTS.len(), proptest::option::of(0..ALIASES.len()))
            .prop_map(|(account, alias)| Op::Alias(account, alias)),
        1 => Just(Op::SortByAccount),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// After any sequence of pages, refreshes, sorts and filters, the list shows exactly
    /// the rows a full sort would, and every shown row is found where it is shown.
    #[test]
    fn orders_kept_as_pages_arrive_equal_a_full_sort(ops in proptest::collection::vec(gen_op(), 1..30)) {
        let mut list = SecretList::default();
        for op in &ops {
            apply(&mut list, op);
            let shown: Vec<String> = list.visible(0..usize::MAX).map(|s| s.arn.to_string()).collect();
            prop_assert_eq!(&shown, &reference(&list), "after {:?}", op);
            prop_assert!(list.selected_index() < shown.len().max(1));
            let mut probe = list.clone();
            for (i, arn) in shown.iter().enumerate() {
                prop_assert!(probe.select(&crate::features::browse::list::tests::start_row(arn)));
                prop_assert_eq!(probe.selected_index(), i);
            }
        }
    }
}
