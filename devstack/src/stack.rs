//! [`Stack`]: moto + proxy (+ seed data) behind one handle, for smtui's tests and demo.
//!
//! The stack owns a small tokio runtime of its own. That makes it independent of the
//! caller's runtime (a `#[tokio::test]`'s runtime ends with the test; a stack shared by
//! several tests must outlive each of them), and it gives moto a spawning thread that
//! lives exactly as long as the stack, which is what `PR_SET_PDEATHSIG` keys on.

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_secretsmanager::config::{Credentials, SharedCredentialsProvider};
use tokio::runtime::Runtime;

use crate::moto::MotoServer;
use crate::proxy::{Proxy, ProxyHandle, ProxyOptions};
use crate::seed::SeedSummary;
use crate::venv::{devstack_dir, ensure_venv};

/// Environment variables that would let the user's real AWS setup leak into a child
/// process; [`Stack::apply_env`] removes them.
pub(crate) const SCRUBBED_ENV: [&str; 14] = [
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_ENDPOINT_URL_SECRETS_MANAGER",
    "AWS_ENDPOINT_URL_CLOUDTRAIL",
    // They win over AWS_ENDPOINT_URL for the Identity Center portal and OIDC clients.
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
];

#[derive(Debug, Clone)]
pub struct StackOptions {
    /// Seed the three regions with [`crate::fixtures`] data. Default: true.
    pub seed: bool,
    pub proxy: ProxyOptions,
    /// Make moto check credentials against its IAM users, so the test credentials are
    /// refused with moto's XML auth errors (which the proxy turns into AWS's JSON shape).
    /// Cannot be combined with `seed`, which needs to write. Default: false.
    pub enforce_iam_auth: bool,
    /// With `enforce_iam_auth`: how many calls moto lets through before it starts checking,
    /// for a test's own setup (see [`crate::iam::USER_SETUP_CALLS`]). Default: 0.
    pub unauthenticated_setup_calls: u32,
}

impl Default for StackOptions {
    fn default() -> Self {
        StackOptions {
            seed: true,
            proxy: ProxyOptions::default(),
            enforce_iam_auth: false,
            unauthenticated_setup_calls: 0,
        }
    }
}

/// How long each start phase took (reported by `smtui-devstack up`).
#[derive(Debug, Clone, Copy, Default)]
pub struct StartTimings {
    pub venv: Duration,
    pub moto: Duration,
    pub seed: Duration,
}

/// A running local AWS: moto behind the recording proxy. Dropping it stops both.
pub struct Stack {
    proxy: Option<Proxy>,
    /// `None` while stopped by [`Stack::stop_emulator`].
    moto: std::sync::Mutex<Option<MotoServer>>,
    moto_port: u16,
    iam_auth_after: Option<u32>,
    seeded: bool,
    handle: ProxyHandle,
    endpoint: String,
    moto_url: String,
    aws_dir: PathBuf,
    seed: Option<SeedSummary>,
    timings: StartTimings,
    /// Runs moto's spawning thread; dropping it (last) shuts the stack's tasks down.
    runtime: OwnedRuntime,
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stack")
            .field("endpoint", &self.endpoint)
            .field("moto_url", &self.moto_url)
            .finish_non_exhaustive()
    }
}

struct Parts {
    proxy: Proxy,
    moto: MotoServer,
    iam_auth_after: Option<u32>,
    seed: Option<SeedSummary>,
    timings: StartTimings,
}

impl Stack {
    /// Installs moto if needed, starts it and the proxy, seeds if asked. Usable from any
    /// async runtime (the stack runs on its own).
    pub async fn start(opts: StackOptions) -> Result<Stack> {
        let runtime = OwnedRuntime::new()?;
        let parts = runtime.handle().spawn(start_parts(opts)).await??;
        Self::assemble(runtime, parts)
    }

    /// The same from synchronous code (e.g. a `OnceLock<Stack>` shared by tests). Must not
    /// be called from inside an async runtime.
    pub fn start_blocking(opts: StackOptions) -> Result<Stack> {
        let runtime = OwnedRuntime::new()?;
        let handle = runtime.handle().clone();
        let parts = handle.block_on(async { handle.spawn(start_parts(opts)).await })??;
        Self::assemble(runtime, parts)
    }

    fn assemble(runtime: OwnedRuntime, parts: Parts) -> Result<Stack> {
        let aws_dir = empty_aws_files()?;
        Ok(Stack {
            handle: parts.proxy.handle().clone(),
            endpoint: parts.proxy.url(),
            moto_url: parts.moto.url(),
            moto_port: parts.moto.port(),
            iam_auth_after: parts.iam_auth_after,
            seeded: parts.seed.is_some(),
            proxy: Some(parts.proxy),
            moto: std::sync::Mutex::new(Some(parts.moto)),
            aws_dir,
            seed: parts.seed,
            timings: parts.timings,
            runtime,
        })
    }

    /// `http://127.0.0.1:PORT` of the proxy: what the SDK and smtui should talk to.
    pub fn endpoint_url(&self) -> String {
        self.endpoint.clone()
    }

    /// moto itself, bypassing the proxy (no recording, no faults).
    pub fn moto_url(&self) -> String {
        self.moto_url.clone()
    }

    pub fn proxy(&self) -> &ProxyHandle {
        &self.handle
    }

    pub fn seed_summary(&self) -> Option<&SeedSummary> {
        self.seed.as_ref()
    }

    pub fn timings(&self) -> StartTimings {
        self.timings
    }

    /// Environment for a process that should use this stack and nothing else: smtui
    /// included, whose config and state (the roles it remembers) are the stack's own, so a
    /// role assumed against the stack is never offered against real AWS.
    pub fn env(&self) -> Vec<(String, String)> {
        let file = |name: &str| self.aws_dir.join(name).display().to_string();
        let smtui = |name: &str| {
            devstack_dir()
                .join("smtui")
                .join(name)
                .display()
                .to_string()
        };
        [
            ("AWS_ACCESS_KEY_ID", "testing".to_string()),
            ("AWS_SECRET_ACCESS_KEY", "testing".to_string()),
            ("AWS_REGION", "us-east-1".to_string()),
            ("AWS_DEFAULT_REGION", "us-east-1".to_string()),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_CONFIG_FILE", file("config")),
            ("AWS_SHARED_CREDENTIALS_FILE", file("credentials")),
            ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
            ("SMTUI_CONFIG_DIR", smtui("config")),
            ("SMTUI_STATE_DIR", smtui("state")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// Sets [`Stack::env`] on `cmd` and removes [`SCRUBBED_ENV`].
    pub fn apply_env(&self, cmd: &mut std::process::Command) {
        for k in SCRUBBED_ENV {
            cmd.env_remove(k);
        }
        cmd.envs(self.env());
    }

    /// An SDK config for `region` pointing at the proxy with the static test keys.
    pub fn sdk_config(&self, region: &str) -> SdkConfig {
        SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region.to_string()))
            .endpoint_url(&self.endpoint)
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
                "testing",
                "testing",
                None,
                None,
                "smtui-devstack",
            )))
            .build()
    }

    /// The emulator goes away (killed, as a crash would), the proxy stays: every call is
    /// answered with a connection error until [`Stack::start_emulator`].
    pub fn stop_emulator(&self) {
        let stopped = self
            .moto
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        drop(stopped);
    }

    /// The emulator comes back on the same port, empty as a restarted moto is, and is
    /// seeded again if the stack was (new secrets, so new ARNs: the same names).
    pub async fn start_emulator(&self) -> Result<()> {
        let (port, iam, endpoint, proxy) = (
            self.moto_port,
            self.iam_auth_after,
            self.endpoint.clone(),
            self.handle.clone(),
        );
        let seeded = self.seeded;
        // On the stack's own runtime: moto's parent-death signal follows its thread.
        let moto = self
            .runtime
            .handle()
            .spawn(async move {
                let venv = tokio::task::spawn_blocking(ensure_venv)
                    .await
                    .context("venv task panicked")??;
                let moto = MotoServer::start_on_port(&venv, port, iam).await?;
                if seeded {
                    crate::seed::seed(&endpoint, &proxy).await?;
                }
                anyhow::Ok(moto)
            })
            .await??;
        *self
            .moto
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(moto);
        Ok(())
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        // Proxy first so no request is forwarded to a dying moto, then moto (killed and
        // reaped), then the runtime (see OwnedRuntime).
        drop(self.proxy.take());
        self.stop_emulator();
    }
}

async fn start_parts(opts: StackOptions) -> Result<Parts> {
    let t = Instant::now();
    let venv = tokio::task::spawn_blocking(ensure_venv)
        .await
        .context("venv install task panicked")??;
    let venv_time = t.elapsed();

    // Runs on a worker of the stack's own runtime: see the module doc on PDEATHSIG.
    let t = Instant::now();
    anyhow::ensure!(
        !(opts.seed && opts.enforce_iam_auth),
        "a stack cannot be seeded with IAM auth enforced"
    );
    let iam_auth_after = opts
        .enforce_iam_auth
        .then_some(opts.unauthenticated_setup_calls);
    let moto = MotoServer::start(&venv, iam_auth_after).await?;
    let mut proxy_options = opts.proxy;
    // moto checks signatures then: the proxy must not touch a request body.
    proxy_options.forward_verbatim |= opts.enforce_iam_auth;
    let proxy = Proxy::start(moto.addr(), proxy_options).await?;
    let moto_time = t.elapsed();

    let t = Instant::now();
    let seed = if opts.seed {
        Some(
            crate::seed::seed(&proxy.url(), proxy.handle())
                .await
                .with_context(|| {
                    format!(
                        "seeding moto failed; moto log {}",
                        moto.log_path().display()
                    )
                })?,
        )
    } else {
        None
    };
    Ok(Parts {
        proxy,
        moto,
        iam_auth_after,
        seed,
        timings: StartTimings {
            venv: venv_time,
            moto: moto_time,
            seed: t.elapsed(),
        },
    })
}

/// Empty AWS config/credentials files so the SDK never reads the user's `~/.aws`.
fn empty_aws_files() -> Result<PathBuf> {
    let dir = devstack_dir().join("aws");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for name in ["config", "credentials"] {
        let path = dir.join(name);
        OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .open(&path)
            .with_context(|| format!("creating {}", path.display()))?;
    }
    Ok(dir)
}

/// A runtime that may be dropped anywhere: dropping a tokio `Runtime` inside another
/// runtime's async context panics, `shutdown_background` does not.
struct OwnedRuntime(Option<Runtime>);

impl OwnedRuntime {
    fn new() -> Result<OwnedRuntime> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("smtui-devstack")
            .enable_all()
            .build()
            .context("building the devstack runtime")?;
        Ok(OwnedRuntime(Some(rt)))
    }

    fn handle(&self) -> &tokio::runtime::Handle {
        self.0
            .as_ref()
            .map(Runtime::handle)
            .expect("runtime present until drop")
    }
}

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}
