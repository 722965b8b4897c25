//! The access pane evaluates every principal of the account whenever one of its sources
//! arrives (the resource policy, the key, each IAM page, each CloudTrail page): it must stay
//! far under a frame at the sizes real accounts reach. Measured: merging IAM's pages and
//! evaluating the rows for accounts of 500, 2,000 and 5,000 roles (three policies each, a
//! boundary on every tenth, a group per hundred users), with a resource policy and a
//! customer managed key. Run with `cargo bench --bench access`; results in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use smtui_core::model::access::{
    AccountIam, IamGroup, IamPage, IamRole, IamUser, Key, ManagedPolicy, Policy, PolicyText,
    ReadLog, Sources, parse_policy, readers,
};

const SIZES: [usize; 3] = [500, 2_000, 5_000];
const ACCOUNT: &str = "123456789012";
const SECRET: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/app/db-AbCdEf";

fn text(name: &str, json: String) -> PolicyText {
    PolicyText {
        name: name.to_owned(),
        text: json,
    }
}

/// An account of `roles` roles and a tenth as many users, in one page per 1,000 entities.
fn pages(roles: usize) -> Vec<IamPage> {
    let statement = |action: &str, resource: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"}}]}}"#
        )
    };
    let managed = (0..20)
        .map(|i| ManagedPolicy {
            arn: format!("arn:aws:iam::{ACCOUNT}:policy/shared-{i}"),
            name: format!("shared-{i}"),
            document: Some(statement(
                "secretsmanager:GetSecretValue",
                &format!("arn:aws:secretsmanager:*:{ACCOUNT}:secret:team-{i}/*"),
            )),
        })
        .collect();
    let mut all = IamPage {
        policies: managed,
        ..IamPage::default()
    };
    for i in 0..roles {
        all.roles.push(IamRole {
            arn: format!("arn:aws:iam::{ACCOUNT}:role/service-{i}"),
            name: format!("service-{i}"),
            inline: vec![
                text("logs", statement("logs:*", "*")),
                text(
                    "secrets",
                    statement(
                        "secretsmanager:GetSecretValue",
                        &format!("arn:aws:secretsmanager:*:*:secret:prod/app-{i}/*"),
                    ),
                ),
            ],
            attached: vec![format!("arn:aws:iam::{ACCOUNT}:policy/shared-{}", i % 20)],
            boundary: (i % 10 == 0).then(|| format!("arn:aws:iam::{ACCOUNT}:policy/shared-0")),
        });
    }
    for i in 0..roles / 10 {
        all.users.push(IamUser {
            arn: format!("arn:aws:iam::{ACCOUNT}:user/person-{i}"),
            name: format!("person-{i}"),
            inline: Vec::new(),
            attached: Vec::new(),
            groups: vec![format!("group-{}", i / 100)],
            boundary: None,
        });
    }
    for g in 0..=roles / 1_000 {
        all.groups.push(IamGroup {
            name: format!("group-{g}"),
            inline: vec![text(
                "read-prod",
                statement("secretsmanager:GetSecretValue", "*"),
            )],
            attached: Vec::new(),
        });
    }
    vec![all]
}

fn policy(name: &str, json: &str) -> Policy {
    Policy {
        name: name.to_owned(),
        document: parse_policy(json).expect("a benchmark policy parses"),
    }
}

fn bench(c: &mut Criterion) {
    let resource = policy(
        "resource policy",
        r#"{"Statement":[{"Sid":"Deny","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/service-7"},"Action":"secretsmanager:GetSecretValue","Resource":"*"},{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#,
    );
    let key_policy = policy(
        "key policy",
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"kms:Decrypt","Resource":"*"}]}"#,
    );
    let mut group = c.benchmark_group("access");
    for size in SIZES {
        let pages = pages(size);
        group.bench_with_input(BenchmarkId::new("merge_pages", size), &pages, |b, pages| {
            b.iter(|| black_box(AccountIam::from_pages(pages)));
        });
        let iam = AccountIam::from_pages(&pages);
        let reads = ReadLog::default();
        group.bench_with_input(BenchmarkId::new("evaluate_rows", size), &iam, |b, iam| {
            b.iter(|| {
                black_box(readers(&Sources {
                    secret_arn: SECRET,
                    account: ACCOUNT,
                    resource_policy: Some(&resource),
                    key: Key::CustomerManaged {
                        arn: "arn:aws:kms:us-east-1:123456789012:key/k",
                        account: ACCOUNT,
                        policy: &key_policy,
                    },
                    key_policy: Some(&key_policy),
                    iam: Some(iam),
                    reads: &reads,
                }))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
