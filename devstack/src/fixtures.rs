//! Well-known seeded secrets that tests may rely on. Values are fake but look real.
//! [`crate::seed::seed`] creates exactly these (plus generated filler); an integration
//! test checks they read back as declared here.

/// The seeded regions, primary first.
pub const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];
pub const PRIMARY_REGION: &str = "us-east-1";

/// Secrets *created* per region (fixtures included). More than 100 in us-east-1 so
/// ListSecrets needs two pages.
pub const US_EAST_1_CREATED: usize = 168;
pub const EU_WEST_1_CREATED: usize = 42;
pub const AP_SOUTHEAST_2_CREATED: usize = 30;
/// Scheduled for deletion per region (hidden from a default ListSecrets).
pub const US_EAST_1_SCHEDULED_FOR_DELETION: usize = 4;
pub const EU_WEST_1_SCHEDULED_FOR_DELETION: usize = 1;
pub const AP_SOUTHEAST_2_SCHEDULED_FOR_DELETION: usize = 1;

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
pub const PENDING_SECRET_CURRENT: &str = "oc_stg_4f9a1c7e2b8d6053a1e9c4b7";
pub const PENDING_SECRET_PENDING: &str = "oc_stg_9e2d7b1a6c3f8045d2b7e1a9";

/// Scheduled for deletion (hidden from ListSecrets unless IncludePlannedDeletion).
pub const DELETED_SECRET: &str = "staging/legacy/ftp-password";
pub const DELETED_SECRET_RECOVERY_DAYS: i64 = 7;

/// Replicated from us-east-1 to [`REPLICA_REGION`].
pub const REPLICATED_SECRET: &str = "shared/ci/github-deploy-key";
pub const REPLICATED_SECRET_VALUE: &str = "ghp_R3pl1c4t3dD3pl0yK3yF0rC1xQ9wE2rT5yU8";
pub const REPLICA_REGION: &str = "eu-west-1";

/// Rotation configured (lambda + 30-day schedule).
pub const ROTATING_SECRET: &str = "prod/billing/mysql";
pub const ROTATING_SECRET_VALUE: &str = r#"{"username":"billing_svc","password":"mR4!tQ8zLw2#Xc6vBn0p","host":"billing-prod.cluster-c8fk2xq1zj3n.internal","port":3306,"dbname":"billing","engine":"mysql"}"#;
pub const ROTATION_LAMBDA_NAME: &str = "smtui-demo-rotate-secret";
pub const ROTATION_LAMBDA_ARN: &str =
    "arn:aws:lambda:us-east-1:123456789012:function:smtui-demo-rotate-secret";
pub const ROTATION_DAYS: i64 = 30;

/// Tags on [`STRING_SECRET`].
pub const STRING_SECRET_TAGS: [(&str, &str); 4] = [
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
pub const AP_SECRET_VALUE: &str = "xero_live_5Tg8Jk2Mn7Qp4Wr9Ys1Ud6Fh";
