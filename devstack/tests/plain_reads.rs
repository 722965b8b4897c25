//! A `GetSecretValue` naming neither a version nor a label, as the AWS CLI, boto3 or a
//! script sends it, reads AWSCURRENT through the proxy after AWSCURRENT has moved, as on
//! AWS, although moto itself still answers from its old default version. Through the real
//! AWS SDK.

use anyhow::{Context, Result};
use aws_sdk_secretsmanager::Client;
use smtui_devstack::{Stack, StackOptions};

/// The secret's value as a client that names no version reads it.
async fn plain_read(client: &Client, name: &str) -> Result<(String, String)> {
    let got = client.get_secret_value().secret_id(name).send().await?;
    Ok((
        got.secret_string().context("a string")?.to_owned(),
        got.version_id().context("a version")?.to_owned(),
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_naming_no_version_reads_awscurrent_after_it_moved() -> Result<()> {
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await?;
    let proxied = Client::new(&stack.sdk_config("us-east-1"));
    let straight = Client::from_conf(
        aws_sdk_secretsmanager::config::Builder::from(&stack.sdk_config("us-east-1"))
            .endpoint_url(stack.moto_url())
            .build(),
    );

    let name = "app/plain-read";
    let first = proxied
        .create_secret()
        .name(name)
        .secret_string("first")
        .send()
        .await?
        .version_id()
        .context("the first version")?
        .to_owned();
    // A new version staged aside, then made current as a rotation's last step (or smtui's
    // rollback) does it.
    let second = proxied
        .put_secret_value()
        .secret_id(name)
        .secret_string("second")
        .version_stages("AWSPENDING")
        .send()
        .await?
        .version_id()
        .context("the second version")?
        .to_owned();
    proxied
        .update_secret_version_stage()
        .secret_id(name)
        .version_stage("AWSCURRENT")
        .move_to_version_id(&second)
        .remove_from_version_id(&first)
        .send()
        .await?;

    assert_eq!(
        plain_read(&straight, name).await?,
        ("first".to_owned(), first.clone()),
        "moto alone answers from its old default version (README, Known differences)"
    );
    assert_eq!(
        plain_read(&proxied, name).await?,
        ("second".to_owned(), second.clone()),
        "through the proxy, AWSCURRENT as AWS answers"
    );
    // A version or a label the client names is what it gets.
    let named = proxied
        .get_secret_value()
        .secret_id(name)
        .version_id(&first)
        .send()
        .await?;
    assert_eq!(named.secret_string(), Some("first"));
    let previous = proxied
        .get_secret_value()
        .secret_id(name)
        .version_stage("AWSPREVIOUS")
        .send()
        .await?;
    assert_eq!(previous.secret_string(), Some("first"));
    Ok(())
}
