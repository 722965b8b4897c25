//! Synthetic secrets for the list benchmarks and the memory measurement, and a state loaded
//! with them the way the TUI loads it: pages of 100 through the app's own `update`.

use std::time::Instant;

use smtui_core::app::{Action, Envelope, Outcome, Settings, State, update};
use smtui_core::model::{SecretSummary, Tag};

pub const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];
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

/// Secret `i`, shaped like the demo data: a name such as `prod/payments/api-key-123`, a
/// description, a last-changed date, two tags, in one of three regions.
pub fn secret(i: usize, region: &str) -> SecretSummary {
    let team = TEAMS[i % TEAMS.len()];
    let kind = KINDS[(i / 7) % KINDS.len()];
    let env = ["prod", "staging", "dev"][(i / 3) % 3];
    SecretSummary {
        identity: smtui_core::ids::IdentityId::START,
        arn: smtui_core::ids::Arn::parse(&format!(
            "arn:aws:secretsmanager:{region}:123456789012:secret:{env}/{team}/{kind}-{i}"
        ))
        .expect("an ARN"),
        name: format!("{env}/{team}/{kind}-{i}"),
        region: region.to_owned(),
        description: Some(format!("{kind} used by the {team} service in {env}")),
        created: None,
        last_changed: Some(
            jiff::Timestamp::from_second(1_700_000_000 + i64::try_from(i).expect("small"))
                .expect("ts"),
        ),
        last_accessed: None,
        rotation: smtui_core::model::Rotation {
            enabled: i.is_multiple_of(4),
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
        kms_key_id: None,
    }
}

/// Secrets `from..from + count`, all in `region`.
pub fn page(from: usize, count: usize, region: &str) -> Vec<SecretSummary> {
    (from..from + count).map(|i| secret(i, region)).collect()
}

/// The result of one ListSecrets page, as the runner sends it.
pub fn page_action(state: &State, region: &str, page: Vec<SecretSummary>, last: bool) -> Action {
    Action::Result(Envelope {
        stamp: state.session.stamp(),
        outcome: Outcome::SecretsPage {
            region: region.to_owned(),
            page,
            last,
        },
    })
}

/// A state with `n` secrets listed over the three regions (plus `extra` regions that stay
/// empty), loaded as the TUI loads them: pages of 100, the regions' pages interleaved as
/// parallel lanes deliver them, each through `update`.
pub fn loaded_state(n: usize, extra: &[&str]) -> State {
    let regions: Vec<String> = REGIONS
        .iter()
        .chain(extra)
        .map(|r| (*r).to_owned())
        .collect();
    let mut state = State::new(Settings::default(), &regions, Instant::now());
    let per_region = n / REGIONS.len();
    let mut next = [0usize; 3];
    loop {
        let mut any = false;
        for (r, region) in REGIONS.iter().enumerate() {
            let share = per_region + usize::from(r < n % REGIONS.len());
            if next[r] >= share {
                continue;
            }
            any = true;
            let count = 100.min(share - next[r]);
            let first = r + REGIONS.len() * next[r];
            let rows = (0..count)
                .map(|k| secret(first + REGIONS.len() * k, region))
                .collect();
            next[r] += count;
            let action = page_action(&state, region, rows, next[r] == share);
            update(&mut state, action, Instant::now());
        }
        if !any {
            break;
        }
    }
    assert_eq!(state.browse.list.total(), n, "every secret listed");
    state
}
