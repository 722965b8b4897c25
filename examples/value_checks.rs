//! What the value checks cost at 100,000 secrets: fingerprinting values in the AWS crate
//! (a JSON database secret of four fields and a plain token, alternately), and
//! `reused-values` over everything listed as the core runs it: every batch answered through
//! the app's `update` as the runner would answer it, the groups made at the end. Each run
//! is a fresh process that reads its peak resident set (VmHWM) from /proc/self/status, with
//! and without the scan, so the scan's own memory is the difference. Linux only.
//!
//! `cargo run --release --example value_checks` (results in BENCHMARKS.md)

#[allow(dead_code)]
#[path = "../benches/common/mod.rs"]
mod common;

use std::process::Command as Process;
use std::time::Instant;

use smtui_aws::value_checks::fingerprint;
use smtui_core::app::{Action, AwsCall, Command, Effect, Envelope, Outcome, update};
use smtui_core::features::values::{self, Findings, ValueCheck};
use smtui_core::room::keys::Verb;
use smtui_core::secret::SecretValue;

const SECRETS: usize = 100_000;
const MODE: &str = "SMTUI_VALUE_CHECKS_MODE";

/// The value of synthetic secret `i`: one in ten shares its password with another.
fn value(i: usize) -> SecretValue {
    let password = if i.is_multiple_of(10) {
        i / 10 % 500
    } else {
        i
    };
    let text = if i.is_multiple_of(2) {
        format!(
            r#"{{"engine":"postgres","host":"db-{i}.internal","username":"app_{i}","password":"Pw-{password:08}-xK29qLm"}}"#
        )
    } else {
        format!("tok_{password:08}_Zq81mNc4Lr7Tw2Vb")
    };
    SecretValue::from_string(text)
}

#[allow(clippy::cast_precision_loss)]
fn main() {
    if let Ok(mode) = std::env::var(MODE) {
        let state = common::loaded_state(SECRETS, &[]);
        if mode == "scan" {
            reuse_scan(state);
        }
        println!("{}", kib("VmHWM"));
        return;
    }
    let started = Instant::now();
    let mut prints = 0;
    for i in 0..SECRETS {
        prints += fingerprint::of_value(Some(value(i)), None).prints.len();
    }
    let took = started.elapsed();
    println!(
        "fingerprinting {SECRETS} values ({prints} fingerprints): {:.0} ms, {:.1} µs a value",
        took.as_secs_f64() * 1e3,
        took.as_secs_f64() * 1e6 / SECRETS as f64
    );
    let me = std::env::current_exe().expect("this program");
    let peak = |mode: &str| -> u64 {
        let out = Process::new(&me)
            .env(MODE, mode)
            .output()
            .expect("run a measurement");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0)
    };
    let listed = peak("listed");
    let scanned = peak("scan");
    println!(
        "peak RSS, {SECRETS} listed: {:.1} MiB; after reused-values over all of them: {:.1} MiB (+{:.1} MiB)",
        mib(listed),
        mib(scanned),
        mib(scanned.saturating_sub(listed))
    );
}

/// `reused-values` over everything listed, each batch answered as the runner would.
fn reuse_scan(mut state: smtui_core::app::State) {
    let started = Instant::now();
    let mut effects = update(
        &mut state,
        Action::Command(Command::Values(values::Command::ReusedValues)),
        Instant::now(),
    );
    // The widest scope offered: everything listed.
    for _ in 0..2 {
        update(
            &mut state,
            Action::Command(Command::Verb(Verb::Down)),
            Instant::now(),
        );
    }
    effects.extend(update(
        &mut state,
        Action::Command(Command::Verb(Verb::Select)),
        Instant::now(),
    ));
    let mut batches = 0;
    while let Some(effect) = effects.pop() {
        let Effect::Aws {
            stamp,
            call: AwsCall::Values(values::Call::Read { scan, secrets }),
        } = effect
        else {
            continue;
        };
        batches += 1;
        let result = secrets
            .iter()
            .map(|s| {
                let i: usize = s
                    .name
                    .rsplit('-')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                (s.clone(), Ok(fingerprint::of_value(Some(value(i)), None)))
            })
            .collect();
        let answer = Outcome::Values(values::Outcome::Read {
            scan,
            secrets,
            result: Ok(result),
        });
        effects.extend(update(
            &mut state,
            Action::Result(Envelope {
                stamp,
                outcome: answer,
            }),
            Instant::now(),
        ));
    }
    let check = state.layers.popup::<ValueCheck>().expect("the check open");
    let Findings::Reused { groups, .. } = &check.findings else {
        panic!("a reuse check")
    };
    eprintln!(
        "reused-values: {batches} batches, {} groups, {:.0} ms (values fingerprinted included)",
        groups.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    assert!(!groups.is_empty(), "shared passwords found");
}

fn kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[allow(clippy::cast_precision_loss)]
fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
