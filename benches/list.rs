//! The list must stay instant at 10,000+ secrets: filter on every keystroke, sort, and draw.
//! Run with `cargo bench --bench list`; results are written down in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Instant;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui::app::{Action, Envelope, Outcome, Settings, State, update};
use smtui::features::browse::SecretList;
use smtui::model::{SecretSummary, Tag};
use smtui::ui::{Theme, render};

const TEAMS: [&str; 6] = [
    "payments", "orders", "identity", "search", "platform", "data",
];
const KINDS: [&str; 5] = [
    "postgres",
    "api-key",
    "oauth-client",
    "tls-cert",
    "webhook-secret",
];

fn secrets(n: usize) -> Vec<SecretSummary> {
    (0..n)
        .map(|i| {
            let team = TEAMS[i % TEAMS.len()];
            let kind = KINDS[(i / 7) % KINDS.len()];
            let env = ["prod", "staging", "dev"][i % 3];
            SecretSummary {
                arn: format!(
                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:{env}/{team}/{kind}-{i}"
                ),
                name: format!("{env}/{team}/{kind}-{i}"),
                region: ["us-east-1", "eu-west-1", "ap-southeast-2"][i % 3].to_owned(),
                description: Some(format!("{kind} used by the {team} service in {env}")),
                created: None,
                last_changed: Some(
                    jiff::Timestamp::from_second(1_700_000_000 + i64::try_from(i).expect("small"))
                        .expect("ts"),
                ),
                last_accessed: None,
                rotation: smtui::model::Rotation {
                    enabled: i % 4 == 0,
                    ..Default::default()
                },
                owning_service: None,
                stages: Vec::new(),
                tags: vec![
                    Tag {
                        key: "Team".into(),
                        value: team.into(),
                    },
                    Tag {
                        key: "Env".into(),
                        value: env.into(),
                    },
                ],
                deleted_date: None,
                primary_region: None,
            }
        })
        .collect()
}

fn filter_and_sort(c: &mut Criterion) {
    let mut group = c.benchmark_group("list");
    for n in [10_000usize, 50_000] {
        let mut list = SecretList::default();
        list.extend(secrets(n));
        // A keystroke: the filter grows by one character and everything is re-filtered.
        group.bench_with_input(BenchmarkId::new("filter_keystroke", n), &n, |b, _| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                list.set_filter(if flip {
                    "payments/post".into()
                } else {
                    "payments/pos".into()
                });
                black_box(list.len())
            });
        });
        // The first keystroke: a filter that still matches a third of all rows.
        group.bench_with_input(BenchmarkId::new("filter_keystroke_broad", n), &n, |b, _| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                list.set_filter(if flip { "prod".into() } else { "pro".into() });
                black_box(list.len())
            });
        });
        list.set_filter(String::new());
        // A page of 100 arriving into a list of N: appended to the sorted order, re-sorted.
        let page = secrets(n + 100).split_off(n);
        group.bench_with_input(BenchmarkId::new("append_page_of_100", n), &n, |b, _| {
            b.iter_batched(
                || (list.clone(), page.clone()),
                // Returned, so criterion drops it outside the timing.
                |(mut list, page)| {
                    list.extend(page);
                    list
                },
                BatchSize::LargeInput,
            );
        });
        group.bench_with_input(BenchmarkId::new("sort_all", n), &n, |b, _| {
            b.iter(|| {
                list.cycle_sort();
                black_box(list.len())
            });
        });
    }
    group.finish();
}

fn draw(c: &mut Criterion) {
    let regions = vec![
        "us-east-1".to_owned(),
        "eu-west-1".to_owned(),
        "ap-southeast-2".to_owned(),
    ];
    let mut state = State::new(Settings::default(), &regions, Instant::now());
    let page = Action::Result(Envelope {
        stamp: state.session.stamp(),
        outcome: Outcome::SecretsPage {
            region: "us-east-1".into(),
            page: secrets(10_000),
            last: true,
        },
    });
    update(&mut state, page, Instant::now());
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    c.bench_function("draw_frame_10k_rows_160x48", |b| {
        b.iter(|| {
            terminal
                .draw(|f| render(f, &state, &theme))
                .map(|_| ())
                .expect("draw");
        });
    });
}

criterion_group!(benches, filter_and_sort, draw);
criterion_main!(benches);
