//! `smtui posture` and `smtui list` run as a user would, against the seeded local stack:
//! the posture report, the checks each fixture fails, the config file's rules and the exit
//! codes (1: a check fails, 2: a region could not be listed); the listing in JSON and TSV,
//! filtered, with a failed region said on stderr and the rest still printed.

use std::process::Command;

use smtui_devstack::{Stack, StackOptions, fixtures as fx};
use tokio::sync::OnceCell;

static STACK: OnceCell<Stack> = OnceCell::const_new();

/// Some tests make a region unreachable for a moment; the others must not list it then.
static REACHABILITY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn stack() -> &'static Stack {
    STACK
        .get_or_init(|| async {
            Stack::start(StackOptions {
                seed: true,
                ..StackOptions::default()
            })
            .await
            .expect("local stack starts")
        })
        .await
}

/// Runs `smtui posture ARGS` against the stack: (exit code, stdout, stderr).
async fn posture(args: &[&str]) -> (i32, String, String) {
    smtui("posture", args).await
}

/// Runs `smtui COMMAND ARGS` against the stack: (exit code, stdout, stderr). Callers that
/// change a region's reachability hold `REACHABILITY` around it; the others take it here.
pub(super) async fn smtui(subcommand: &str, args: &[&str]) -> (i32, String, String) {
    let _quiet = REACHABILITY.lock().await;
    run(subcommand, args).await
}

async fn run(subcommand: &str, args: &[&str]) -> (i32, String, String) {
    run_at(&stack().await.endpoint_url(), subcommand, args).await
}

/// Runs `smtui COMMAND ARGS` against the stack at `endpoint`, with the test keys and no AWS
/// config of the machine's: (exit code, stdout, stderr).
pub(crate) async fn run_at(
    endpoint: &str,
    subcommand: &str,
    args: &[&str],
) -> (i32, String, String) {
    let endpoint = endpoint.to_owned();
    let mut command = Command::new(env!("CARGO_BIN_EXE_smtui"));
    command
        .arg(subcommand)
        .args(args)
        .args(["--endpoint-url", &endpoint])
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1");
    let out = tokio::task::spawn_blocking(move || command.output().expect("run smtui"))
        .await
        .expect("join");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn failed_checks(json: &serde_json::Value, name: &str) -> Vec<String> {
    let finding = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("{name} assessed"));
    finding["failed"]
        .as_array()
        .expect("failed")
        .iter()
        .map(|c| c.as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_json_report_names_what_each_secret_fails_and_exits_1() {
    let (code, stdout, stderr) = posture(&["--format", "json", "--region", "us-east-1"]).await;
    assert_eq!(code, 1, "checks fail in the demo data: {stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(
        json["secrets"].as_u64(),
        u64::try_from(fx::listed_count("us-east-1").expect("count")).ok()
    );
    assert!(
        failed_checks(&json, fx::ROTATING_SECRET)
            .iter()
            .all(|c| c == "SecretsManager.5"),
        "rotation fine, only the tag check may fail"
    );
    let overdue = failed_checks(&json, fx::OVERDUE_SECRET);
    assert!(
        overdue.contains(&"SecretsManager.4".to_owned()),
        "{overdue:?}"
    );
    let stuck = failed_checks(&json, fx::STUCK_SECRET);
    assert!(stuck.contains(&"SecretsManager.2".to_owned()), "{stuck:?}");
    let stale = failed_checks(&json, fx::STALE_SECRET);
    for check in ["SecretsManager.1", "SecretsManager.3"] {
        assert!(stale.contains(&check.to_owned()), "{check} in {stale:?}");
    }
    assert_eq!(
        json["by_health"]["Stuck"].as_u64().map(|n| n >= 2),
        Some(true)
    );
    assert_eq!(json["findings"][0]["health"], "Stuck", "riskiest first");
    assert_eq!(json["regions_failed"].as_array().map(Vec::len), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn required_tags_come_from_the_config_file_and_the_table_is_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[posture]\nrequired_tags = [\"Owner\"]\n").expect("config");
    let config = config.to_str().expect("utf-8 path").to_owned();
    let (code, stdout, _) = posture(&["--region", "us-east-1", "--config", &config]).await;
    assert_eq!(code, 1);
    assert!(
        stdout.contains("SecretsManager.5  tagged Owner"),
        "{stdout}"
    );
    // A secret scheduled for deletion is not listed, so not assessed.
    for name in fx::OWNERLESS_SECRETS
        .into_iter()
        .filter(|n| *n != fx::DELETED_SECRET)
    {
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().any(|w| w == name))
            .unwrap_or_else(|| panic!("{name} in the table"));
        assert!(line.contains("SecretsManager.5"), "{line}");
    }
    assert!(
        !stdout.contains('\u{1b}'),
        "no escape sequence reaches the terminal"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_region_that_cannot_be_listed_exits_2_and_says_which() {
    let _alone = REACHABILITY.lock().await;
    stack()
        .await
        .proxy()
        .set_unreachable("ap-southeast-2", true);
    let (code, stdout, stderr) = run(
        "posture",
        &[
            "--format",
            "json",
            "--region",
            "eu-west-1",
            "--region",
            "ap-southeast-2",
        ],
    )
    .await;
    stack()
        .await
        .proxy()
        .set_unreachable("ap-southeast-2", false);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("ap-southeast-2"), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(json["regions_failed"][0], "ap-southeast-2");
    assert_eq!(
        json["secrets"].as_u64(),
        u64::try_from(fx::listed_count("eu-west-1").expect("count")).ok(),
        "what did load is still reported"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_prints_every_secret_as_json_or_tsv_filtered() {
    let (code, stdout, stderr) =
        smtui("list", &["--format", "json", "--region", "eu-west-1"]).await;
    assert_eq!(code, 0, "{stderr}");
    let rows: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let rows = rows.as_array().expect("an array");
    assert_eq!(
        rows.iter()
            .filter(|r| r["scheduled_for_deletion"].is_null())
            .count(),
        fx::listed_count("eu-west-1").expect("count"),
        "every secret of the region (and those scheduled for deletion, marked)"
    );
    let eu = rows
        .iter()
        .find(|r| r["name"] == fx::EU_SECRET)
        .expect("the known eu-west-1 secret");
    assert_eq!(eu["region"], "eu-west-1");
    assert!(
        eu["arn"]
            .as_str()
            .is_some_and(|a| a.starts_with("arn:aws:secretsmanager:eu-west-1:"))
    );

    let (code, stdout, _) = smtui(
        "list",
        &[
            "--format",
            "tsv",
            "--region",
            "us-east-1",
            "--filter",
            "prod/billing",
        ],
    )
    .await;
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("name\tregion\tarn"),
        "a header: {stdout}"
    );
    assert!(
        lines.iter().skip(1).all(|l| l.contains("prod/billing")),
        "{stdout}"
    );
    let rotating = lines
        .iter()
        .find(|l| l.starts_with(&format!("{}\t", fx::ROTATING_SECRET)))
        .expect("the rotating fixture");
    let fields: Vec<&str> = rotating.split('\t').collect();
    assert_eq!(fields.get(6), Some(&"Healthy"), "{rotating}");
    assert_eq!(
        fields.get(9),
        Some(&"MySQL credentials for billing, rotated monthly"),
        "the description: {rotating}"
    );
    assert_eq!(fields.get(10), Some(&""), "not scheduled for deletion");
}

/// As in the TUI, a secret scheduled for deletion is left out unless asked for; asked for,
/// the table marks it rather than showing it as live.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_leaves_out_what_is_scheduled_for_deletion_unless_asked_then_marks_it() {
    let args = ["--format", "table", "--region", "us-east-1"];
    let (code, stdout, stderr) = smtui("list", &args).await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.lines().count() - 1,
        fx::listed_count("us-east-1").expect("count"),
        "as many rows as the TUI shows: {stdout}"
    );
    assert!(!stdout.contains(fx::DELETED_SECRET), "{stdout}");

    let (code, stdout, stderr) = smtui("list", &[&args[..], &["--deleted"]].concat()).await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.lines().count() - 1,
        fx::US_EAST_1_CREATED,
        "every secret created: {stdout}"
    );
    let marked = format!("{} (deleting 20", fx::DELETED_SECRET);
    assert!(stdout.contains(&marked), "{stdout}");
    let deleting = stdout.lines().filter(|l| l.contains(" (deleting ")).count();
    assert_eq!(deleting, fx::US_EAST_1_SCHEDULED_FOR_DELETION, "{stdout}");

    let (_, stdout, _) = smtui("list", &["--format", "json", "--region", "us-east-1"]).await;
    let rows: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert!(
        rows.as_array()
            .expect("an array")
            .iter()
            .all(|r| r["scheduled_for_deletion"].is_null()),
        "none scheduled for deletion without --deleted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_says_which_region_failed_and_prints_the_rest() {
    let _alone = REACHABILITY.lock().await;
    stack().await.proxy().set_unreachable("eu-west-1", true);
    let (code, stdout, stderr) = run(
        "list",
        &[
            "--format",
            "tsv",
            "--region",
            "ap-southeast-2",
            "--region",
            "eu-west-1",
        ],
    )
    .await;
    stack().await.proxy().set_unreachable("eu-west-1", false);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("eu-west-1"), "{stderr}");
    assert!(
        stdout.contains(fx::AP_SECRET),
        "what loaded is printed: {stdout}"
    );
}

/// `smtui list | head -1`: the reader stops early, and smtui ends quietly (no panic, no
/// "Broken pipe" on stderr), as command-line tools do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_stops_early_ends_the_output_quietly() {
    let _quiet = REACHABILITY.lock().await;
    let endpoint = stack().await.endpoint_url();
    for subcommand in ["list", "posture"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smtui"))
            .args([subcommand, "--format", "json", "--endpoint-url", &endpoint])
            .args(["--region", "us-east-1", "--region", "eu-west-1"])
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", "us-east-1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run smtui");
        // Closed before anything is read, as `head -c 0` would.
        drop(child.stdout.take());
        let out = tokio::task::spawn_blocking(move || child.wait_with_output().expect("wait"))
            .await
            .expect("join");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panic") && !stderr.contains("Broken pipe"),
            "{subcommand}: {stderr}"
        );
        assert_ne!(out.status.code(), Some(101), "{subcommand}: {stderr}");
    }
}

/// Profiles that cannot give credentials: every region says that no credentials could be
/// had and why, rather than blaming the network (the SDK fails such a call before sending
/// it, as a dispatch failure). A role profile names its missing source profile; what a
/// failing `credential_process` wrote to stderr is left out (it may hold anything).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_without_credentials_says_why_instead_of_the_network() {
    let _quiet = REACHABILITY.lock().await;
    let endpoint = stack().await.endpoint_url();
    let files = tempfile::tempdir().expect("temp dir");
    let config = files.path().join("config");
    std::fs::write(
        &config,
        "[profile auditor]\nrole_arn = arn:aws:iam::123456789012:role/Auditor\n\
         source_profile = nosuch\nregion = us-east-1\n\
         [profile helper]\ncredential_process = sh -c 'echo canary-7f3 >&2; exit 1'\n\
         region = us-east-1\n",
    )
    .expect("config");
    let list_as = |profile: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_smtui"))
            .args(["list", "--profile", profile, "--endpoint-url", &endpoint])
            .args(["--region", "us-east-1"])
            .env("AWS_CONFIG_FILE", &config)
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_PROFILE")
            .output()
            .expect("run smtui");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("ListSecrets in us-east-1 failed: no credentials:"),
            "{stderr}"
        );
        assert!(!stderr.contains("network"), "{stderr}");
        stderr
    };
    let auditor = list_as("auditor");
    assert!(
        auditor.contains("source profile nosuch referenced from auditor"),
        "{auditor}"
    );
    let helper = list_as("helper");
    assert!(
        helper.contains("exited with") && !helper.contains("canary-7f3"),
        "{helper}"
    );
}

/// `--access` reads each secret's resource policy and customer managed key: the public
/// secret fails Access.1, the shared one Access.2 (its key lets the partner decrypt), the
/// others pass; without `--access` no access check is run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posture_access_names_the_public_and_the_shared_secret() {
    let (_, plain, _) = posture(&["--format", "json", "--region", "us-east-1"]).await;
    let plain: serde_json::Value = serde_json::from_str(&plain).expect("JSON on stdout");
    assert_eq!(plain["access_checked"], 0);
    assert!(!failed_checks(&plain, fx::ACCESS_PUBLIC_SECRET).contains(&"Access.1".to_owned()));

    let (code, stdout, stderr) =
        posture(&["--format", "json", "--region", "us-east-1", "--access"]).await;
    assert_eq!(code, 1, "checks fail: {stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(
        json["access_checked"].as_u64(),
        u64::try_from(fx::listed_count("us-east-1").expect("count")).ok(),
        "every listed secret's access read: {stderr}"
    );
    assert!(failed_checks(&json, fx::ACCESS_PUBLIC_SECRET).contains(&"Access.1".to_owned()));
    assert!(failed_checks(&json, fx::ACCESS_SHARED_SECRET).contains(&"Access.2".to_owned()));
    for quiet in [
        fx::ACCESS_DENY_SECRET,
        fx::ACCESS_KEY_EXCLUDES_SECRET,
        fx::JSON_SECRET,
    ] {
        let failed = failed_checks(&json, quiet);
        assert!(
            !failed.iter().any(|c| c.starts_with("Access.")),
            "{quiet}: {failed:?}"
        );
    }
    let shared = json["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["name"] == fx::ACCESS_SHARED_SECRET))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        shared["access"]["other_accounts"][0],
        fx::ACCESS_OTHER_ACCOUNT
    );
    assert_eq!(
        shared["access"]["unused"],
        serde_json::Value::Null,
        "CloudTrail is not read: nothing is called unused"
    );
}
