//! Well-known seeded secrets that tests may rely on, and how many secrets each region
//! holds. Values are fake but look real. The access cases (IAM identities, KMS keys,
//! resource policies, recorded policy simulations) are in `access` (re-exported here); the
//! organisation (member accounts, their secrets, the management account's roles and the
//! STS rules) in [`org`]; IAM Identity Center's assignments in [`sso`].
//!
//! This is what the seeder promises the tests, so it names nothing of the crate: the seeder
//! reads it and creates exactly these (plus generated filler), and an integration test
//! checks they read back as declared here.

mod access;
pub mod org;
pub mod sso;
pub use access::*;

/// The seeded regions, primary first.
pub const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];
pub const PRIMARY_REGION: &str = "us-east-1";

/// Secrets *created* per region (fixtures included). More than 100 in us-east-1 so
/// ListSecrets needs two pages.
pub const US_EAST_1_CREATED: usize = 176;
pub(crate) const EU_WEST_1_CREATED: usize = 42;
pub(crate) const AP_SOUTHEAST_2_CREATED: usize = 30;
/// Scheduled for deletion per region (hidden from a default ListSecrets).
pub const US_EAST_1_SCHEDULED_FOR_DELETION: usize = 4;
pub(crate) const EU_WEST_1_SCHEDULED_FOR_DELETION: usize = 1;
pub(crate) const AP_SOUTHEAST_2_SCHEDULED_FOR_DELETION: usize = 1;

/// `(region, created, scheduled for deletion, replicas received)`.
pub const REGION_PLAN: [(&str, usize, usize, usize); 3] = [
    (
        "us-east-1",
        US_EAST_1_CREATED,
        US_EAST_1_SCHEDULED_FOR_DELETION,
        0,
    ),
    (
        "eu-west-1",
        EU_WEST_1_CREATED,
        EU_WEST_1_SCHEDULED_FOR_DELETION,
        1,
    ),
    (
        "ap-southeast-2",
        AP_SOUTHEAST_2_CREATED,
        AP_SOUTHEAST_2_SCHEDULED_FOR_DELETION,
        0,
    ),
];

/// What a default ListSecrets (no IncludePlannedDeletion) returns in `region`.
pub fn listed_count(region: &str) -> Option<usize> {
    REGION_PLAN
        .iter()
        .find(|(r, ..)| *r == region)
        .map(|(_, created, deleted, replicas)| created - deleted + replicas)
}

// --- us-east-1 fixtures -------------------------------------------------------------

/// A plain-string API token.
pub const STRING_SECRET: &str = "prod/payments/stripe-api-key";
pub const STRING_SECRET_VALUE: &str = "sk_live_51NfAkE7Qm2xZr9TbW4kLp8VcY3sHd6Jg0Ue5Ra1Oi";
pub const STRING_SECRET_DESCRIPTION: &str =
    "Stripe live secret key used by the payments service to create charges";

/// A JSON database credential (username, password, host, port, dbname, engine).
pub const JSON_SECRET: &str = "prod/orders/postgres";
pub const JSON_SECRET_VALUE: &str = r#"{"username":"orders_app","password":"Vx7#pQ2m!Lr9zT4wK8sN","host":"orders-prod.cluster-c8fk2xq1zj3n.internal","port":5432,"dbname":"orders","engine":"postgres"}"#;

/// A binary secret (SecretBinary): the start of a DER-encoded PKCS#12 keystore.
pub const BINARY_SECRET: &str = "prod/edge/mtls-client-keystore";
pub const BINARY_SECRET_BYTES: &[u8] = &[
    0x30, 0x82, 0x0a, 0x51, 0x02, 0x01, 0x03, 0x30, 0x82, 0x0a, 0x17, 0x06, 0x09, 0x2a, 0x86, 0x48,
    0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x82, 0x0a, 0x08, 0x04, 0x82, 0x0a, 0x04, 0x00, 0xff,
    0x7f, 0x80, 0x1b, 0x5b, 0x33, 0x31, 0x6d,
];

/// Three versions: AWSCURRENT, AWSPREVIOUS and an older one with no label.
pub const VERSIONED_SECRET: &str = "prod/auth/jwt-signing-key";
pub const VERSIONED_SECRET_OLDEST: &str = "hs256-2023-k1-Qm9vZ0h1c2xlQmFja3VwS2V5MQ";
pub const VERSIONED_SECRET_PREVIOUS: &str = "hs256-2024-k2-TXlQcmV2aW91c1NpZ25pbmdLZXk";
pub const VERSIONED_SECRET_CURRENT: &str = "hs256-2025-k3-Q3VycmVudFNpZ25pbmdLZXlWMw";

/// Has a version labelled AWSPENDING (put with VersionStages=["AWSPENDING"]).
pub const PENDING_SECRET: &str = "staging/auth/oauth-client-secret";
pub(crate) const PENDING_SECRET_CURRENT: &str = "oc_stg_4f9a1c7e2b8d6053a1e9c4b7";
pub const PENDING_SECRET_PENDING: &str = "oc_stg_9e2d7b1a6c3f8045d2b7e1a9";

/// Scheduled for deletion (hidden from ListSecrets unless IncludePlannedDeletion).
pub const DELETED_SECRET: &str = "staging/legacy/ftp-password";
pub(crate) const DELETED_SECRET_RECOVERY_DAYS: i64 = 7;

/// Replicated from us-east-1 to [`REPLICA_REGION`].
pub const REPLICATED_SECRET: &str = "shared/ci/github-deploy-key";
pub const REPLICATED_SECRET_VALUE: &str = "ghp_R3pl1c4t3dD3pl0yK3yF0rC1xQ9wE2rT5yU8";
pub const REPLICA_REGION: &str = "eu-west-1";

/// Rotation configured (lambda + 30-day schedule). Rotation state *healthy*: last
/// rotated [`ROTATING_SECRET_ROTATED_DAYS_AGO`] days ago, so NextRotationDate is more than
/// 7 days ahead. Read yesterday.
pub const ROTATING_SECRET: &str = "prod/billing/mysql";
pub const ROTATING_SECRET_ROTATED_DAYS_AGO: u64 = 3;
pub const ROTATING_SECRET_VALUE: &str = r#"{"username":"billing_svc","password":"mR4!tQ8zLw2#Xc6vBn0p","host":"billing-prod.cluster-c8fk2xq1zj3n.internal","port":3306,"dbname":"billing","engine":"mysql"}"#;
pub(crate) const ROTATION_LAMBDA_NAME: &str = "smtui-demo-rotate-secret";
pub const ROTATION_LAMBDA_ARN: &str =
    "arn:aws:lambda:us-east-1:123456789012:function:smtui-demo-rotate-secret";
pub(crate) const ROTATION_DAYS: i64 = 30;

// --- us-east-1 rotation and posture fixtures ------------------------------------------
//
// Each is in one rotation state the app derives (dates are relative to seed time; the
// proxy keeps them, see `ProxyHandle::backdate`). Unless stated otherwise they use
// [`ROTATION_LAMBDA_ARN`] and every [`ROTATION_DAYS`] days. [`OWNERLESS_SECRETS`] lists
// those without an `Owner` tag.

/// *Due soon*: rotated [`DUE_SOON_ROTATED_DAYS_AGO`] days ago, so NextRotationDate is
/// within the next 7 days. Owner tag; read 2 days ago.
pub const DUE_SOON_SECRET: &str = "prod/warehouse/redshift-credentials";
pub(crate) const DUE_SOON_ROTATED_DAYS_AGO: u64 = 26;

/// *Overdue*: rotated [`OVERDUE_ROTATED_DAYS_AGO`] days ago, so NextRotationDate is in
/// the past (and it was not rotated within 90 days). No Owner tag; read yesterday.
pub const OVERDUE_SECRET: &str = "prod/crm/salesforce-api-credentials";
pub(crate) const OVERDUE_ROTATED_DAYS_AGO: u64 = 120;

/// *Never rotated*: rotation on since [`NEVER_ROTATED_CONFIGURED_DAYS_AGO`] days ago
/// (RotateSecret with RotateImmediately=false), no LastRotatedDate; NextRotationDate
/// counts from the configuration. Owner tag.
pub const NEVER_ROTATED_SECRET: &str = "prod/search/opensearch-master-password";
pub const NEVER_ROTATED_CONFIGURED_DAYS_AGO: u64 = 10;

/// *Rotating*: a rotation started [`ROTATION_IN_PROGRESS_MINUTES_AGO`] minutes ago
/// (AWSPENDING on a new version, RotationStarted recorded, no RotationFailed). Last
/// rotated 30 days ago.
pub const ROTATION_IN_PROGRESS_SECRET: &str = "prod/ledger/kafka-sasl-password";
pub(crate) const ROTATION_IN_PROGRESS_MINUTES_AGO: u64 = 2;

/// *Stuck*: a rotation started [`STUCK_ROTATION_DAYS_AGO`] days ago never completed
/// (AWSPENDING on a version created then; RotationStarted then RotationFailed recorded
/// then). Last rotated 33 days ago. No Owner tag.
pub const STUCK_SECRET: &str = "prod/identity/ldap-bind-password";
pub const STUCK_ROTATION_DAYS_AGO: u64 = 3;

/// Rotates on [`HOURLY_SCHEDULE`] (no AutomaticallyAfterDays); last rotated an hour ago.
pub const HOURLY_SECRET: &str = "prod/gateway/hmac-signing-secret";
pub const HOURLY_SCHEDULE: &str = "rate(4 hours)";

/// Rotates on [`CRON_SCHEDULE`] within a [`CRON_WINDOW`] window; last rotated in the
/// most recent window (the 1st of this month, or of the last one).
pub const CRON_SECRET: &str = "prod/treasury/bank-api-credentials";
pub const CRON_SCHEDULE: &str = "cron(0 4 1 * ? *)";
pub const CRON_WINDOW: &str = "3h";

/// Posture: rotation off, last read [`STALE_SECRET_READ_DAYS_AGO`] days ago (more than
/// 90), no Owner tag.
pub const STALE_SECRET: &str = "prod/partner-portal/soap-api-password";
pub const STALE_SECRET_READ_DAYS_AGO: u64 = 200;

/// Fixtures with a LastAccessedDate within the last 2 days from seeding (reads by
/// tests make more).
pub const RECENTLY_READ_SECRETS: [&str; 4] = [
    ROTATING_SECRET,
    DUE_SOON_SECRET,
    OVERDUE_SECRET,
    HOURLY_SECRET,
];

/// Every us-east-1 fixture without an `Owner` tag (the app's default required tag).
/// [`STRING_SECRET`] and most rotation fixtures have one; about half the generated
/// filler has one.
pub const OWNERLESS_SECRETS: [&str; 10] = [
    JSON_SECRET,
    BINARY_SECRET,
    VERSIONED_SECRET,
    PENDING_SECRET,
    DELETED_SECRET,
    REPLICATED_SECRET,
    ROTATING_SECRET,
    OVERDUE_SECRET,
    STUCK_SECRET,
    STALE_SECRET,
];

/// Tags on [`STRING_SECRET`].
pub(crate) const STRING_SECRET_TAGS: [(&str, &str); 4] = [
    ("Team", "payments"),
    ("Env", "prod"),
    ("Owner", "maria.gonzalez@example.com"),
    ("CostCenter", "CC-4120"),
];

// --- other regions -------------------------------------------------------------------

/// A known string secret in eu-west-1.
pub const EU_SECRET: &str = "prod/gdpr/export-signing-key";
pub const EU_SECRET_VALUE: &str = "gdpr_exp_7Hq2Lm9Xz4Rt8Wn1Vb6Kc3Ps";
/// A known string secret in ap-southeast-2.
pub const AP_SECRET: &str = "prod/payroll/xero-api-key";
pub(crate) const AP_SECRET_VALUE: &str = "xero_live_5Tg8Jk2Mn7Qp4Wr9Ys1Ud6Fh";
