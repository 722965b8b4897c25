use serde_json::json;

use super::*;

const NAME: &str = "shared/ci/key";
const PRIMARY_ARN: &str =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/ci/key-AbCdEf";
const REPLICA_ARN: &str =
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shared/ci/key-AbCdEf";

fn in_sync() -> Value {
    json!([{"Region": "eu-west-1", "KmsKeyId": "alias/aws/secretsmanager",
            "Status": "InSync", "StatusMessage": "Replication succeeded"}])
}

/// What moto answers DescribeSecret of the replica, in its region.
fn replica_described() -> Value {
    json!({"ARN": REPLICA_ARN, "Name": NAME, "LastChangedDate": 1_700_000_000.0,
           "VersionIdsToStages": {"v2": ["AWSCURRENT"], "v1": ["AWSPREVIOUS"]},
           "PrimaryRegion": "us-east-1", "ReplicationStatus": in_sync()})
}

fn store(drifts: &[ReplicaDrift]) -> DriftStore {
    let mut s = DriftStore::default();
    for d in drifts {
        s.add(NAME, "eu-west-1", d.clone());
    }
    s
}

#[test]
fn no_drift_changes_nothing() {
    let mut body = replica_described();
    assert!(!rewrite(
        &DriftStore::default(),
        "DescribeSecret",
        "eu-west-1",
        &mut body
    ));
    assert_eq!(body, replica_described());
}

#[test]
fn the_stale_version_id_is_stable_uuid_shaped_and_per_replica() {
    let a = stale_version_id(NAME, "eu-west-1");
    assert_eq!(a, stale_version_id(NAME, "eu-west-1"));
    assert_ne!(a, stale_version_id(NAME, "ap-southeast-2"));
    let parts: Vec<usize> = a.split('-').map(str::len).collect();
    assert_eq!(parts, vec![8, 4, 4, 4, 12]);
}

#[test]
fn a_stale_replica_shows_its_own_version_and_an_older_date() {
    let drifts = store(&[ReplicaDrift::StaleVersion]);
    let mut body = replica_described();
    assert!(rewrite(&drifts, "DescribeSecret", "eu-west-1", &mut body));
    let stale = stale_version_id(NAME, "eu-west-1");
    assert_eq!(
        body["VersionIdsToStages"],
        json!({stale: ["AWSCURRENT"], "v1": ["AWSPREVIOUS"]})
    );
    assert_eq!(body["LastChangedDate"], json!(1_700_000_000.0 - 86_400.0));
    assert_eq!(body["ReplicationStatus"][0]["Status"], "InProgress");
    assert!(body["ReplicationStatus"][0].get("StatusMessage").is_none());
}

#[test]
fn the_primary_keeps_its_versions_and_shows_the_replicas_status() {
    let drifts = store(&[
        ReplicaDrift::StaleVersion,
        ReplicaDrift::KmsKey("alias/other".into()),
        ReplicaDrift::Failed("Access to KMS is denied.".into()),
    ]);
    let primary = json!({"ARN": PRIMARY_ARN, "Name": NAME, "LastChangedDate": 1_700_000_000,
        "VersionIdsToStages": {"v2": ["AWSCURRENT"]}, "ReplicationStatus": in_sync()});
    let mut body = json!({"SecretList": [primary.clone()]});
    assert!(rewrite(&drifts, "ListSecrets", "us-east-1", &mut body));
    let entry = &body["SecretList"][0];
    assert_eq!(entry["VersionIdsToStages"], primary["VersionIdsToStages"]);
    assert_eq!(entry["LastChangedDate"], primary["LastChangedDate"]);
    assert!(entry.get("KmsKeyId").is_none());
    assert_eq!(
        entry["ReplicationStatus"],
        json!([{"Region": "eu-west-1", "KmsKeyId": "alias/other", "Status": "Failed",
                "StatusMessage": "Access to KMS is denied."}])
    );
}

#[test]
fn a_replica_on_another_key_says_so() {
    let drifts = store(&[ReplicaDrift::KmsKey("alias/other".into())]);
    let mut body = replica_described();
    assert!(rewrite(&drifts, "DescribeSecret", "eu-west-1", &mut body));
    assert_eq!(body["KmsKeyId"], "alias/other");
    assert_eq!(
        body["VersionIdsToStages"],
        replica_described()["VersionIdsToStages"]
    );
    assert_eq!(body["ReplicationStatus"][0]["Status"], "InSync");
}

#[test]
fn a_stale_replica_reads_the_stale_value() {
    let drifts = store(&[ReplicaDrift::StaleVersion]);
    let value = json!({"ARN": REPLICA_ARN, "Name": NAME, "VersionId": "v2",
        "VersionStages": ["AWSCURRENT"], "SecretString": "real", "CreatedDate": 1_700_000_000});
    let mut batch = json!({"SecretValues": [value.clone()], "Errors": []});
    assert!(rewrite(
        &drifts,
        "BatchGetSecretValue",
        "eu-west-1",
        &mut batch
    ));
    let got = &batch["SecretValues"][0];
    assert_eq!(got["VersionId"], json!(stale_version_id(NAME, "eu-west-1")));
    assert_eq!(got["SecretString"], STALE_VALUE);
    assert_eq!(got["CreatedDate"], json!(1_700_000_000.0 - 86_400.0));
    // In the primary's region, and for AWSPREVIOUS, moto's answer stands.
    let mut primary = value.clone();
    assert!(!rewrite(
        &drifts,
        "GetSecretValue",
        "us-east-1",
        &mut primary
    ));
    let mut previous = value;
    previous["VersionStages"] = json!(["AWSPREVIOUS"]);
    assert!(!rewrite(
        &drifts,
        "GetSecretValue",
        "eu-west-1",
        &mut previous
    ));
}

#[test]
fn a_stale_replica_is_read_by_its_own_version_id_only() {
    let drifts = store(&[ReplicaDrift::StaleVersion]);
    let stale = stale_version_id(NAME, "eu-west-1");
    let asked = json!({"SecretId": REPLICA_ARN, "VersionId": stale}).to_string();
    let sent: Value = serde_json::from_slice(
        &before_get(&drifts, "eu-west-1", asked.as_bytes()).expect("rewritten"),
    )
    .expect("JSON");
    assert_eq!(
        sent,
        json!({"SecretId": REPLICA_ARN, "VersionStage": "AWSCURRENT"})
    );
    let other = json!({"SecretId": NAME, "VersionId": "v1"}).to_string();
    assert!(before_get(&drifts, "eu-west-1", other.as_bytes()).is_none());

    let answer = json!({"Name": NAME, "VersionId": "v2", "VersionStages": ["AWSCURRENT"]});
    let req = json!({"SecretId": NAME, "VersionId": "v2"});
    let (code, message) = missing_version(&drifts, "eu-west-1", &req, &answer).expect("refused");
    assert_eq!(code, "ResourceNotFoundException");
    assert!(message.ends_with("VersionId: v2"), "{message}");
    assert!(missing_version(&drifts, "us-east-1", &req, &answer).is_none());
}

#[test]
fn list_secret_version_ids_shows_the_stale_version() {
    let drifts = store(&[ReplicaDrift::StaleVersion]);
    let mut body = json!({"ARN": REPLICA_ARN, "Name": NAME, "Versions": [
        {"VersionId": "v2", "VersionStages": ["AWSCURRENT"], "CreatedDate": 1_700_000_000},
        {"VersionId": "v1", "VersionStages": ["AWSPREVIOUS"], "CreatedDate": 1_600_000_000}]});
    assert!(rewrite(
        &drifts,
        "ListSecretVersionIds",
        "eu-west-1",
        &mut body
    ));
    assert_eq!(
        body["Versions"][0]["VersionId"],
        json!(stale_version_id(NAME, "eu-west-1"))
    );
    assert_eq!(body["Versions"][1]["VersionId"], "v1");
}

#[test]
fn healing_undoes_every_drift() {
    let mut drifts = store(&[ReplicaDrift::StaleVersion, ReplicaDrift::KmsKey("k".into())]);
    assert!(drifts.heal(NAME, "eu-west-1"));
    assert!(!drifts.heal(NAME, "eu-west-1"));
    assert!(drifts.is_empty());
}
