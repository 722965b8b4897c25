//! `smtui posture --deep` as a user runs it, against a stack of its own: every value is
//! read (BatchGetSecretValue) and the secrets sharing one fail `Values.1`, naming each
//! other; no value is printed. Without `--deep` posture reads no value at all.

use smtui_devstack::{Stack, StackOptions};

use crate::common::live::sdk_config;

const SHARED: &str = "deep-shared-Pw-93kq";

async fn run(stack: &Stack, args: &[&str]) -> (i32, String, String) {
    let regions = ["--region", "eu-west-1", "--region", "us-east-1"];
    let args: Vec<&str> = regions.iter().chain(args).copied().collect();
    crate::cli::headless_commands::run_at(&stack.endpoint_url(), "posture", &args).await
}

fn reads(stack: &Stack) -> usize {
    stack
        .proxy()
        .recorded_events()
        .iter()
        .filter(|e| e.event_name == "GetSecretValue" || e.event_name == "BatchGetSecretValue")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_posture_fails_the_secrets_sharing_a_value_and_prints_none() {
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await
    .expect("local stack starts");
    let config = sdk_config(&stack.endpoint_url()).await;
    let config = config
        .into_builder()
        .region(aws_config::Region::new("eu-west-1"))
        .build();
    let client = aws_sdk_secretsmanager::Client::new(&config);
    for (name, value) in [
        (
            "deep/db",
            format!(r#"{{"username":"app","password":"{SHARED}"}}"#),
        ),
        ("deep/legacy", SHARED.to_owned()),
        ("deep/alone", "only-here".to_owned()),
    ] {
        client
            .create_secret()
            .name(name)
            .secret_string(value)
            .send()
            .await
            .expect("CreateSecret");
    }
    // A replica mirrors its primary: one secret, read once, whose value is no reuse.
    client
        .create_secret()
        .name("deep/replicated")
        .secret_string("replicated-value")
        .add_replica_regions(
            aws_sdk_secretsmanager::types::ReplicaRegionType::builder()
                .region("us-east-1")
                .build(),
        )
        .send()
        .await
        .expect("CreateSecret with a replica");

    let (_, plain, _) = run(&stack, &["--format", "json"]).await;
    assert!(!plain.contains("Values.1"), "{plain}");
    assert_eq!(reads(&stack), 0, "posture without --deep reads no value");

    let (code, stdout, stderr) = run(&stack, &["--format", "json", "--deep"]).await;
    assert_eq!(code, 1, "checks fail: {stderr}");
    // Four secrets to read, in eu-west-1: one batch (the replica in us-east-1 is read
    // through its primary).
    assert_eq!(reads(&stack), 1, "--deep reads the values in one batch");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let finding = |name: &str| {
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {stdout}"))
            .clone()
    };
    let fails = |name: &str| {
        finding(name)["failed"]
            .as_array()
            .expect("failed")
            .iter()
            .any(|c| c == "Values.1")
    };
    assert!(fails("deep/db") && fails("deep/legacy") && !fails("deep/alone"));
    assert!(!fails("deep/replicated"), "a replica is no reuse: {stdout}");
    assert_eq!(
        finding("deep/db")["shares_with"],
        serde_json::json!(["deep/legacy"])
    );
    assert_eq!(finding("deep/alone")["shares_with"], serde_json::json!([]));
    let check = json["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["id"] == "Values.1")
        .expect("the check listed")
        .clone();
    assert_eq!(check["failing"], 2);
    assert_eq!(check["asks"], "no value shared with another secret");

    let (_, table, _) = run(&stack, &["--deep"]).await;
    assert!(table.contains("a value shared with deep/legacy"), "{table}");
    for said in [&stdout, &stderr, &table] {
        assert!(
            !said.contains(SHARED) && !said.contains("only-here"),
            "{said}"
        );
    }
}
