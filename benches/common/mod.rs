//! Synthetic secrets for the list benchmarks and the memory measurement, and a state loaded
//! with them the way the TUI loads it: pages of 100 through the app's own `update`; with
//! many accounts, each pinned as `--org` pins it (`accounts.rs`).

pub mod accounts;

use std::time::Instant;

use smtui_core::app::{Action, Envelope, Outcome, Settings, State, update};
use smtui_core::model::{SecretSummary, Tag, VersionStages};

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

/// The account of the one-account loads.
pub const ACCOUNT: &str = "123456789012";

/// Secret `i` of the one account, in `region`: see `secret_in`.
pub fn secret(i: usize, region: &str) -> SecretSummary {
    secret_in(i, region, ACCOUNT)
}

/// Secret `i` of `account`, shaped as ListSecrets gives one: a name such as
/// `prod/payments/api-key-123`, its ARN (the account's ID, AWS's six-character suffix), a
/// description, created, last-changed and (mostly) last-accessed dates, two tags, the
/// version holding AWSCURRENT (and every other one's previous version), in `region`.
/// Every fourth rotates, with its rotation function, schedule and dates.
pub fn secret_in(i: usize, region: &str, account: &str) -> SecretSummary {
    let team = TEAMS[i % TEAMS.len()];
    let kind = KINDS[(i / 7) % KINDS.len()];
    let env = ["prod", "staging", "dev"][(i / 3) % 3];
    let name = format!("{env}/{team}/{kind}-{i}");
    let at = |offset: i64| {
        let second = 1_700_000_000 + i64::try_from(i).expect("small") + offset;
        Some(jiff::Timestamp::from_second(second).expect("ts"))
    };
    let rotates = i.is_multiple_of(4);
    let rotation = smtui_core::model::Rotation {
        enabled: rotates,
        lambda_arn: rotates.then(|| {
            arn(&format!(
                "arn:aws:lambda:{region}:{account}:function:{team}-{kind}-rotator"
            ))
        }),
        every_days: rotates.then_some(30),
        last_rotated: if rotates { at(-86_400) } else { None },
        next_rotation: if rotates { at(29 * 86_400) } else { None },
        ..Default::default()
    };
    let mut stages = vec![VersionStages {
        version_id: version_id(i, 0).into(),
        stages: vec!["AWSCURRENT".into()].into(),
    }];
    if i.is_multiple_of(2) {
        stages.push(VersionStages {
            version_id: version_id(i, 1).into(),
            stages: vec!["AWSPREVIOUS".into()].into(),
        });
    }
    SecretSummary {
        identity: smtui_core::ids::IdentityId::START,
        arn: arn(&format!(
            "arn:aws:secretsmanager:{region}:{account}:secret:{name}-{}",
            suffix(i)
        )),
        name,
        // Each row its own copies, as the AWS crate builds them: the list keeps one.
        region: region.into(),
        description: Some(format!("{kind} used by the {team} service in {env}").into()),
        created: at(-30 * 86_400),
        last_changed: at(0),
        // ListSecrets gives the day it was last read, for the secrets ever read.
        last_accessed: if i % 4 == 3 {
            None
        } else {
            at(86_400).map(|t| t - jiff::SignedDuration::from_secs(t.as_second() % 86_400))
        },
        rotation: rotation.into(),
        owning_service: None,
        stages,
        tags: vec![
            Tag {
                key: "Team".into(),
                value: team.into(),
            },
            Tag {
                key: "Env".into(),
                value: env.into(),
            },
        ]
        .into(),
        deleted_date: None,
        primary_region: None,
        kms_key_id: None,
    }
}

fn arn(text: &str) -> smtui_core::ids::Arn {
    smtui_core::ids::Arn::parse(text).expect("an ARN")
}

/// The six characters AWS appends to a secret's name in its ARN.
fn suffix(i: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x = i.wrapping_mul(2_654_435_761) ^ 0x5bd1_e995;
    (0..6)
        .map(|_| {
            let c = ALPHABET[x % ALPHABET.len()];
            x /= ALPHABET.len();
            char::from(c)
        })
        .collect()
}

/// A version ID as AWS makes them (a UUID), distinct for every secret and version.
fn version_id(i: usize, version: u64) -> String {
    let x = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (version << 56);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        x >> 32,
        (x >> 16) & 0xffff,
        x & 0xfff,
        (x >> 12) & 0xfff,
        x.rotate_left(17) & 0xffff_ffff_ffff
    )
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
