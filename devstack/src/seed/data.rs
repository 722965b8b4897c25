//! Deterministic seed data: fixture secrets plus generated filler that looks like a real
//! organisation's Secrets Manager. Everything derives from indices (no randomness), so
//! every run, machine and CI sees identical data.
//!
//! Names never contain a region name: moto builds replica ARNs by string-replacing the
//! region, and a name containing one would be mangled.

use std::time::Duration;

use crate::fixtures as fx;
use crate::ids::splitmix64;

const DAY: Duration = Duration::from_secs(86_400);

fn days(n: u64) -> Duration {
    DAY * u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    String(String),
    Binary(Vec<u8>),
}

/// When the last rotation completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rotated {
    Never,
    Ago(Duration),
    /// In the most recent window of the cron schedule (20 minutes into it).
    LastScheduledWindow,
}

/// A secret's rotation as seeded; every duration counts back from seed time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RotationSpec {
    pub(crate) after_days: Option<i64>,
    pub(crate) schedule: Option<&'static str>,
    pub(crate) window: Option<&'static str>,
    pub(crate) configured_ago: Duration,
    pub(crate) rotated: Rotated,
    /// A rotation in progress since then; `true`: it failed (RotationFailed recorded).
    pub(crate) pending: Option<(Duration, bool)>,
}

impl RotationSpec {
    /// Every [`fx::ROTATION_DAYS`] days, last rotated `rotated`.
    fn monthly(rotated: Rotated) -> RotationSpec {
        RotationSpec {
            after_days: Some(fx::ROTATION_DAYS),
            schedule: None,
            window: None,
            configured_ago: days(400),
            rotated,
            pending: None,
        }
    }
}

/// Everything the seeder does to one secret, in order: create with `versions[0]` (under
/// `kms_key_alias`'s key), put `resource_policy`, put the remaining versions, put
/// `pending`, configure rotation, replicate, schedule deletion, then put past dates on it
/// through the proxy (`ProxyHandle::backdate`).
#[derive(Debug, Clone)]
pub(crate) struct SecretSpec {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) tags: Vec<(String, String)>,
    /// Oldest first; the last one ends up AWSCURRENT, the one before AWSPREVIOUS.
    pub(crate) versions: Vec<Value>,
    pub(crate) pending: Option<String>,
    pub(crate) rotation: Option<RotationSpec>,
    pub(crate) replicate_to: Option<&'static str>,
    pub(crate) delete_after_days: Option<i64>,
    /// LastAccessedDate this long before seed time.
    pub(crate) last_read_ago: Option<Duration>,
    pub(crate) resource_policy: Option<&'static str>,
    /// A customer managed key's alias (`seed::access::create_keys`); `None`: the AWS
    /// managed key.
    pub(crate) kms_key_alias: Option<&'static str>,
}

impl SecretSpec {
    pub(super) fn plain(name: &str, description: Option<&str>, value: Value) -> SecretSpec {
        SecretSpec {
            name: name.to_string(),
            description: description.map(str::to_string),
            tags: Vec::new(),
            versions: vec![value],
            pending: None,
            rotation: None,
            replicate_to: None,
            delete_after_days: None,
            last_read_ago: None,
            resource_policy: None,
            kms_key_alias: None,
        }
    }

    pub(super) fn tagged(mut self, pairs: &[(&str, &str)]) -> SecretSpec {
        self.tags = tags(pairs);
        self
    }

    fn rotating(mut self, rotation: RotationSpec) -> SecretSpec {
        self.rotation = Some(rotation);
        self
    }

    pub(super) fn read_ago(mut self, ago: Duration) -> SecretSpec {
        self.last_read_ago = Some(ago);
        self
    }
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

/// The fixture secrets of `region` (see [`crate::fixtures`]).
pub(crate) fn fixtures(region: &str) -> Vec<SecretSpec> {
    match region {
        "us-east-1" => {
            let mut string = SecretSpec::plain(
                fx::STRING_SECRET,
                Some(fx::STRING_SECRET_DESCRIPTION),
                s(fx::STRING_SECRET_VALUE),
            );
            string.tags = tags(&fx::STRING_SECRET_TAGS);
            let mut json = SecretSpec::plain(
                fx::JSON_SECRET,
                Some("Primary Postgres credentials for the orders service"),
                s(fx::JSON_SECRET_VALUE),
            );
            json.tags = tags(&[("Team", "orders"), ("Env", "prod")]);
            let binary = SecretSpec::plain(
                fx::BINARY_SECRET,
                Some("PKCS#12 client keystore for mTLS to the edge proxies"),
                Value::Binary(fx::BINARY_SECRET_BYTES.to_vec()),
            );
            let mut versioned = SecretSpec::plain(
                fx::VERSIONED_SECRET,
                Some("HS256 key that signs session JWTs"),
                s(fx::VERSIONED_SECRET_OLDEST),
            );
            versioned.versions.extend([
                s(fx::VERSIONED_SECRET_PREVIOUS),
                s(fx::VERSIONED_SECRET_CURRENT),
            ]);
            let mut pending = SecretSpec::plain(
                fx::PENDING_SECRET,
                Some("OAuth client secret for the staging identity provider"),
                s(fx::PENDING_SECRET_CURRENT),
            );
            pending.pending = Some(fx::PENDING_SECRET_PENDING.to_string());
            let mut deleted = SecretSpec::plain(
                fx::DELETED_SECRET,
                Some("Legacy FTP drop password (service decommissioned)"),
                s("ftp-Legacy-2019!pass"),
            );
            deleted.delete_after_days = Some(fx::DELETED_SECRET_RECOVERY_DAYS);
            let mut replicated = SecretSpec::plain(
                fx::REPLICATED_SECRET,
                Some("GitHub deploy token used by CI in every region"),
                s(fx::REPLICATED_SECRET_VALUE),
            );
            replicated.replicate_to = Some(fx::REPLICA_REGION);
            replicated.tags = tags(&[("Team", "platform"), ("Env", "shared")]);
            let mut rotating = SecretSpec::plain(
                fx::ROTATING_SECRET,
                Some("MySQL credentials for billing, rotated monthly"),
                s(fx::ROTATING_SECRET_VALUE),
            );
            rotating.rotation = Some(RotationSpec::monthly(Rotated::Ago(days(
                fx::ROTATING_SECRET_ROTATED_DAYS_AGO,
            ))));
            rotating.last_read_ago = Some(DAY);
            let mut all = vec![
                string, json, binary, versioned, pending, deleted, replicated, rotating,
            ];
            all.extend(rotation_fixtures());
            all.extend(super::access::secrets());
            all
        }
        "eu-west-1" => vec![SecretSpec::plain(
            fx::EU_SECRET,
            Some("Signs GDPR data-export archives"),
            s(fx::EU_SECRET_VALUE),
        )],
        "ap-southeast-2" => vec![SecretSpec::plain(
            fx::AP_SECRET,
            Some("Xero API key for the payroll integration"),
            s(fx::AP_SECRET_VALUE),
        )],
        _ => Vec::new(),
    }
}

/// The us-east-1 fixtures in each derived rotation state, plus the posture ones.
fn rotation_fixtures() -> Vec<SecretSpec> {
    let owner = |who: &'static str| [("Team", "platform"), ("Env", "prod"), ("Owner", who)];
    let db = |user: &str, pass: &str, host: &str| {
        s(&format!(
            r#"{{"username":"{user}","password":"{pass}","host":"{host}","port":5439}}"#
        ))
    };
    let monthly = RotationSpec::monthly;
    vec![
        SecretSpec::plain(
            fx::DUE_SOON_SECRET,
            Some("Redshift credentials for the analytics warehouse loader"),
            db("loader", "Rs9!kQ2vLm7#Wx4tZp1c", "warehouse.c3xq9z.redshift.internal"),
        )
        .tagged(&owner("li.wei@example.com"))
        .rotating(monthly(Rotated::Ago(days(fx::DUE_SOON_ROTATED_DAYS_AGO))))
        .read_ago(days(2)),
        SecretSpec::plain(
            fx::OVERDUE_SECRET,
            Some("Salesforce connected-app credentials for the CRM sync"),
            s(r#"{"client_id":"3MVG9crm-sync-7f2a","client_secret":"Sf8#Lq3wZx9!Tn2vKb6m","username":"sync@example.com"}"#),
        )
        .tagged(&[("Team", "sales-eng"), ("Env", "prod")])
        .rotating(monthly(Rotated::Ago(days(fx::OVERDUE_ROTATED_DAYS_AGO))))
        .read_ago(DAY),
        SecretSpec::plain(
            fx::NEVER_ROTATED_SECRET,
            Some("OpenSearch master user password"),
            s("os-Master-4tP9!xQ2mL7wZc"),
        )
        .tagged(&owner("deepak.rao@example.com"))
        .rotating(RotationSpec {
            configured_ago: days(fx::NEVER_ROTATED_CONFIGURED_DAYS_AGO),
            ..monthly(Rotated::Never)
        }),
        SecretSpec::plain(
            fx::ROTATION_IN_PROGRESS_SECRET,
            Some("SASL/SCRAM password of the ledger service's Kafka user"),
            s("kafka-Ledger-8Hq2!Zr5wX1mTv"),
        )
        .tagged(&owner("jonas.berg@example.com"))
        .rotating(RotationSpec {
            pending: Some((
                Duration::from_secs(60 * fx::ROTATION_IN_PROGRESS_MINUTES_AGO),
                false,
            )),
            ..monthly(Rotated::Ago(days(30)))
        }),
        SecretSpec::plain(
            fx::STUCK_SECRET,
            Some("LDAP bind password for the identity service"),
            s("ldap-Bind-6Vn3#Kq8wPz2Lx"),
        )
        .tagged(&[("Team", "identity"), ("Env", "prod")])
        .rotating(RotationSpec {
            pending: Some((days(fx::STUCK_ROTATION_DAYS_AGO), true)),
            ..monthly(Rotated::Ago(days(33)))
        }),
        SecretSpec::plain(
            fx::HOURLY_SECRET,
            Some("HMAC key the API gateway signs webhooks with"),
            s("hmac-Gw-2Rt7!Yp4nQx9Lk3V"),
        )
        .tagged(&owner("sam.oconnor@example.com"))
        .rotating(RotationSpec {
            after_days: None,
            schedule: Some(fx::HOURLY_SCHEDULE),
            ..monthly(Rotated::Ago(Duration::from_secs(3600)))
        })
        .read_ago(Duration::from_secs(600)),
        SecretSpec::plain(
            fx::CRON_SECRET,
            Some("Bank API client credentials for treasury payouts"),
            s(r#"{"client_id":"treasury-payouts","client_secret":"Bk4!mZ8qTx2#Lw6Rn9Vc"}"#),
        )
        .tagged(&owner("fatima.haddad@example.com"))
        .rotating(RotationSpec {
            after_days: None,
            schedule: Some(fx::CRON_SCHEDULE),
            window: Some(fx::CRON_WINDOW),
            ..monthly(Rotated::LastScheduledWindow)
        }),
        SecretSpec::plain(
            fx::STALE_SECRET,
            Some("SOAP API password for the legacy partner portal"),
            s("soap-Partner-3Xw8!Lm5qZt1"),
        )
        .tagged(&[("Team", "partners"), ("Env", "prod")])
        .read_ago(days(fx::STALE_SECRET_READ_DAYS_AGO)),
    ]
}

const ENVS: [&str; 4] = ["prod", "staging", "dev", "shared"];
const SERVICES: [&str; 14] = [
    "payments",
    "orders",
    "auth",
    "search",
    "billing",
    "inventory",
    "notifications",
    "analytics",
    "users",
    "reporting",
    "gateway",
    "ledger",
    "shipping",
    "ci",
];
const KINDS: [&str; 14] = [
    "stripe-api-key",
    "postgres",
    "mysql",
    "redis-auth-token",
    "datadog-api-key",
    "sendgrid-api-key",
    "slack-webhook-url",
    "jwt-signing-key",
    "github-deploy-key",
    "tls-keystore",
    "oauth-client",
    "mongodb",
    "pagerduty-routing-key",
    "signing-keypair",
];
const OWNERS: [&str; 6] = [
    "maria.gonzalez@example.com",
    "deepak.rao@example.com",
    "li.wei@example.com",
    "sam.oconnor@example.com",
    "fatima.haddad@example.com",
    "jonas.berg@example.com",
];
const COMBOS: usize = ENVS.len() * SERVICES.len() * KINDS.len();
/// Coprime with [`COMBOS`] (784 = 2^4 * 7^2), so `k * STRIDE % COMBOS` is a permutation:
/// unique names, with neighbouring secrets spread over envs, services and kinds.
const STRIDE: usize = 37;

/// Generated filler indices to schedule for deletion, per region.
fn deleted_indices(region_idx: usize) -> &'static [usize] {
    match region_idx {
        0 => &[17, 58, 99],
        1 => &[20],
        _ => &[10],
    }
}

/// Deterministic pseudo-random stream for one secret.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = splitmix64(self.0);
        self.0
    }

    fn alnum(&mut self, n: usize) -> String {
        const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..n)
            .map(|_| char::from(CHARS[(self.next() % CHARS.len() as u64) as usize]))
            .collect()
    }

    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[(self.next() % 16) as usize]))
            .collect()
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() & 0xff) as u8).collect()
    }
}

fn db_json(rng: &mut Rng, env: &str, service: &str, engine: &str, port: u16) -> String {
    serde_json::json!({
        "username": format!("{}_{}", service.replace('-', "_"), if env == "prod" { "app" } else { env }),
        "password": rng.alnum(20),
        "host": format!("{service}-{env}.cluster-{}.internal", rng.hex(12)),
        "port": port,
        "dbname": service.replace('-', "_"),
        "engine": engine,
    })
    .to_string()
}

/// Value and human description of one generated secret.
fn value_for(rng: &mut Rng, kind: &str, env: &str, service: &str) -> (Value, String) {
    let live = if env == "prod" { "live" } else { "test" };
    let (v, what) = match kind {
        "stripe-api-key" => (
            s(&format!("sk_{live}_{}", rng.alnum(32))),
            "Stripe secret key",
        ),
        "postgres" => (
            s(&db_json(rng, env, service, "postgres", 5432)),
            "Postgres credentials",
        ),
        "mysql" => (
            s(&db_json(rng, env, service, "mysql", 3306)),
            "MySQL credentials",
        ),
        "mongodb" => (
            s(&db_json(rng, env, service, "mongo", 27017)),
            "MongoDB credentials",
        ),
        "redis-auth-token" => (s(&rng.alnum(40)), "ElastiCache Redis AUTH token"),
        "datadog-api-key" | "pagerduty-routing-key" => (
            s(&rng.hex(32)),
            if kind == "datadog-api-key" {
                "Datadog API key"
            } else {
                "PagerDuty Events v2 routing key"
            },
        ),
        "sendgrid-api-key" => (
            s(&format!("SG.{}.{}", rng.alnum(22), rng.alnum(43))),
            "SendGrid API key for transactional mail",
        ),
        "slack-webhook-url" => (
            s(&format!(
                "https://hooks.slack.com/services/T{}/B{}/{}",
                rng.alnum(8).to_uppercase(),
                rng.alnum(10).to_uppercase(),
                rng.alnum(24)
            )),
            "Slack incoming webhook for alerts",
        ),
        "jwt-signing-key" => (s(&rng.alnum(43)), "JWT signing key"),
        "github-deploy-key" => (s(&format!("ghp_{}", rng.alnum(36))), "GitHub deploy token"),
        "oauth-client" => (
            s(&serde_json::json!({
                "client_id": format!("{service}-{env}-{}", rng.hex(8)),
                "client_secret": rng.alnum(40),
                "token_url": format!("https://auth.{env}.example.com/oauth2/token"),
            })
            .to_string()),
            "OAuth client credentials",
        ),
        // "tls-keystore" | "signing-keypair": binary.
        _ => {
            let mut bytes = vec![0x30, 0x82, 0x04];
            let n = 61 + (rng.next() % 160) as usize;
            bytes.extend(rng.bytes(n));
            (Value::Binary(bytes), "DER-encoded key material")
        }
    };
    (v, format!("{what} for the {service} service ({env})"))
}

/// The generated (non-fixture) secrets of `region`; `count` of them, never colliding
/// with any fixture name.
pub(crate) fn generated(region_idx: usize, count: usize) -> Vec<SecretSpec> {
    let reserved: Vec<String> = fx::REGIONS
        .iter()
        .flat_map(|r| fixtures(r))
        .map(|f| f.name)
        .collect();
    let offset = region_idx * 211;
    (0..COMBOS)
        .map(|k| (k * STRIDE + offset) % COMBOS)
        .map(|c| {
            let env = ENVS[c % ENVS.len()];
            let service = SERVICES[(c / ENVS.len()) % SERVICES.len()];
            let kind = KINDS[c / (ENVS.len() * SERVICES.len())];
            (env, service, kind)
        })
        .filter(|(env, service, kind)| !reserved.contains(&format!("{env}/{service}/{kind}")))
        .take(count)
        .enumerate()
        .map(|(k, (env, service, kind))| {
            let mut rng = Rng((region_idx as u64) << 32 | k as u64);
            let (first, description) = value_for(&mut rng, kind, env, service);
            let mut versions = vec![first];
            if k.is_multiple_of(5) {
                // Two rotations' worth of history.
                for _ in 0..2 {
                    versions.push(value_for(&mut rng, kind, env, service).0);
                }
            }
            let all_tags = [
                ("Team", service.to_string()),
                ("Env", env.to_string()),
                ("Owner", OWNERS[k % OWNERS.len()].to_string()),
                (
                    "CostCenter",
                    format!("CC-{}", 4000 + (service.len() * 7 + env.len()) % 37 * 10),
                ),
                ("DataClassification", "confidential".to_string()),
            ];
            SecretSpec {
                name: format!("{env}/{service}/{kind}"),
                description: (k % 6 != 5).then_some(description),
                tags: all_tags
                    .into_iter()
                    .take(k % 6)
                    .map(|(t, v)| (t.to_string(), v))
                    .collect(),
                versions,
                pending: None,
                // Healthy: rotated within the last 3 weeks of a 30-day schedule.
                rotation: (matches!(kind, "postgres" | "mysql") && k.is_multiple_of(2)).then(
                    || {
                        let ago = days(k as u64 % 21) + Duration::from_secs(3600 * (k as u64 % 24));
                        RotationSpec::monthly(Rotated::Ago(ago))
                    },
                ),
                replicate_to: None,
                delete_after_days: deleted_indices(region_idx)
                    .contains(&k)
                    .then_some(7 + (k as i64 % 24)),
                // Everything generated was read within the last month.
                last_read_ago: Some(days(k as u64 % 30) + Duration::from_secs(7200)),
                resource_policy: None,
                kms_key_alias: None,
            }
        })
        .collect()
}

/// Every secret to create in `region`: fixtures first, then filler up to `total`.
pub(crate) fn plan(region_idx: usize, region: &str, total: usize) -> Vec<SecretSpec> {
    let mut all = fixtures(region);
    let filler = total.saturating_sub(all.len());
    all.extend(generated(region_idx, filler));
    all
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
