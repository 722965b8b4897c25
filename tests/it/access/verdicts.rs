//! Each seeded case end to end: the sources read with the real SDK from the local stack (the
//! account's IAM, the resource policy, the key and its policy), evaluated as the pane
//! evaluates them, and the verdict the case was seeded for.

use std::collections::HashMap;

use smtui_aws::{AwsContext, kms, secrets};
use smtui_core::model::access::{
    AccountIam, CanRead, KeyFacts, Reach, ReadLog, Reader, readers_from_texts,
};
use smtui_devstack::fixtures as fx;

use super::live::{context, described, every_page, stack};

/// The rows of `secret` as the pane would show them, by label.
async fn rows_of(ctx: &AwsContext, iam: &AccountIam, name: &str) -> HashMap<String, Reader> {
    let stack = stack().await;
    let (arn, key_id) = described(stack, name).await;
    let region = fx::PRIMARY_REGION;
    let resource = secrets::policy(ctx, region, &arn)
        .await
        .expect("GetResourcePolicy");
    let key = match &key_id {
        Some(id) => kms::key(ctx, region, id).await.expect("the key"),
        None => KeyFacts::aws_managed(region, fx::ACCESS_ACCOUNT),
    };
    let at = (arn.as_str(), fx::ACCESS_ACCOUNT);
    let reads = ReadLog::default();
    let (rows, unreadable) = readers_from_texts(at, resource.as_deref(), &key, Some(iam), &reads);
    assert!(unreadable.is_empty(), "{unreadable:?}");
    rows.into_iter().map(|r| (r.label.clone(), r)).collect()
}

fn can(rows: &HashMap<String, Reader>, label: &str) -> CanRead {
    rows.get(label).map_or_else(
        || panic!("no row {label}: {:?}", rows.keys()),
        Reader::can_read,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_seeded_case_is_evaluated_as_it_was_seeded() {
    let ctx = context(stack().await).await;
    let (pages, _) = every_page(&ctx).await;
    let iam = AccountIam::from_pages(&pages);
    assert!(iam.unreadable.is_empty(), "{:?}", iam.unreadable);

    // Read by the reader role (its inline policy), the auditors' user (its group's) and the
    // app role (everything); the intern's boundary takes its allow away.
    let rows = rows_of(&ctx, &iam, fx::ACCESS_READER_ONLY_SECRET).await;
    assert_eq!(can(&rows, fx::ACCESS_READER_ROLE), CanRead::Yes);
    assert_eq!(can(&rows, fx::ACCESS_AUDITOR_USER), CanRead::Yes);
    assert_eq!(can(&rows, fx::ACCESS_INTERN_USER), CanRead::No);

    // The resource policy's explicit deny stops the app role IAM allows.
    let rows = rows_of(&ctx, &iam, fx::ACCESS_DENY_SECRET).await;
    assert_eq!(can(&rows, fx::ACCESS_APP_ROLE), CanRead::Denied);
    assert!(
        !rows.contains_key(fx::ACCESS_READER_ROLE),
        "nothing grants the reader this one"
    );

    // The partner account, named by the policy and by the shared key.
    let rows = rows_of(&ctx, &iam, fx::ACCESS_SHARED_SECRET).await;
    let partner = &rows[&format!("account {} (root)", fx::ACCESS_OTHER_ACCOUNT)];
    assert_eq!(
        (partner.reach, partner.can_read()),
        (Reach::OtherAccount, CanRead::Yes)
    );

    // Anyone.
    let rows = rows_of(&ctx, &iam, fx::ACCESS_PUBLIC_SECRET).await;
    let anyone = &rows["anyone (*)"];
    assert_eq!((anyone.reach, anyone.may_read()), (Reach::Public, true));

    // The vault key's policy does not delegate: the app role IAM allows cannot decrypt.
    let rows = rows_of(&ctx, &iam, fx::ACCESS_KEY_EXCLUDES_SECRET).await;
    assert_eq!(can(&rows, fx::ACCESS_APP_ROLE), CanRead::KeyStops);
}
