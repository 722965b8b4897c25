//! `smtui list --org` and `smtui posture --org` run as a user would, against the local
//! stack's organisation: every member account listed through its own role, rows with their
//! account and alias, the account whose role refuses the assume and the one whose listing
//! is denied said on stderr with exit 2, and the rest printed.

use smtui_devstack::fixtures::org;

use super::headless_commands::smtui;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_org_prints_every_account_s_secrets_with_its_account() {
    let (code, stdout, stderr) = smtui("list", &["--org", "--format", "json"]).await;
    assert_eq!(
        code, 2,
        "an account refused, another's listing denied: {stderr}"
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("JSON rows");
    for member in &org::MEMBER_ACCOUNTS {
        let listed: Vec<&str> = rows
            .iter()
            .filter(|r| r["account"] == member.id)
            .filter_map(|r| r["name"].as_str())
            .collect();
        let seeded: Vec<&str> = member
            .secrets_in("us-east-1")
            .iter()
            .map(|s| s.name)
            .collect();
        if member.id == org::REFUSED_ASSUME_ACCOUNT || member.id == org::DENIED_LISTING_ACCOUNT {
            assert!(listed.is_empty(), "{}: {listed:?}", member.name);
            continue;
        }
        let mut expected = seeded.clone();
        expected.sort_unstable();
        assert_eq!(listed, expected, "{}", member.name);
        let alias = rows
            .iter()
            .find(|r| r["account"] == member.id)
            .map(|r| r["account_alias"].clone());
        if !listed.is_empty() {
            assert_eq!(
                alias,
                Some(member.alias.map_or(serde_json::Value::Null, Into::into)),
                "{}",
                member.name
            );
        }
    }
    // The management account's own secrets are there too, under its ID.
    assert!(
        rows.iter().any(|r| r["account"] == org::MANAGEMENT_ACCOUNT
            && r["name"] == "prod/payments/stripe-api-key"),
        "the management account's rows"
    );
    assert!(
        stderr.contains(&format!(
            "AssumeRole in account {} (security-prod) failed",
            org::REFUSED_ASSUME_ACCOUNT
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "ListSecrets in us-east-1 of account {} failed",
            org::DENIED_LISTING_ACCOUNT
        )),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_org_narrowed_to_a_unit_and_a_name_gives_tsv_with_account_columns() {
    let (code, stdout, stderr) = smtui(
        "list",
        &[
            "--org",
            "--org-unit",
            org::OU_DEV,
            "--org-name",
            "payments-*",
            "--format",
            "tsv",
        ],
    )
    .await;
    assert_eq!(code, 0, "{stderr}");
    let mut lines = stdout.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.ends_with("\taccount\taccount_alias"), "{header}");
    let accounts: std::collections::BTreeSet<&str> = lines
        .map(|l| l.split('\t').nth_back(1).unwrap_or_default())
        .collect();
    assert_eq!(
        accounts.into_iter().collect::<Vec<_>>(),
        [org::PAYMENTS_DEV.id, org::MANAGEMENT_ACCOUNT],
        "the management account, and only payments-dev of the dev unit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posture_org_names_the_accounts_it_assessed() {
    let (code, stdout, stderr) = smtui("posture", &["--org", "--format", "json"]).await;
    assert_eq!(code, 2, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON report");
    let accounts: Vec<&str> = report["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(
        accounts.len(),
        8,
        "the management account and 7 members: {accounts:?}"
    );
    assert!(!accounts.contains(&org::REFUSED_ASSUME_ACCOUNT));
    let (code, _, stderr) = smtui("posture", &["--org", "--access"]).await;
    assert_ne!(code, 0);
    assert!(stderr.contains("--access"), "{stderr}");
}
