//! `smtui-devstack`: install moto, run the local stack, or run smtui against it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use smtui_devstack::bench;
use smtui_devstack::fixtures::{REGIONS, org, sso};
use smtui_devstack::venv::{MOTO_VERSION, ensure_venv};
use smtui_devstack::{Stack, StackOptions};
use tokio::signal::unix::{SignalKind, signal};

#[derive(Parser)]
#[command(
    name = "smtui-devstack",
    version,
    about = "Local AWS for smtui: pinned moto behind a recording proxy, seeded with demo secrets"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Install the pinned moto into .devstack/venv (nothing else).
    Install,
    /// Start moto + proxy, seed 3 regions, print the env to export, run until Ctrl-C.
    Up {
        /// Do not seed (an empty moto).
        #[arg(long)]
        no_seed: bool,
    },
    /// Start + seed, then run smtui against the stack (with the demo's AWS config of role
    /// profiles, `.devstack/smtui/aws-config`); stop everything when it exits.
    Demo {
        /// The smtui binary (default: `smtui` next to this executable).
        #[arg(long, value_name = "PATH")]
        smtui: Option<PathBuf>,
        /// Extra arguments for smtui (after `--`).
        #[arg(last = true)]
        smtui_args: Vec<String>,
    },
    /// List every region once with a minimal keep-alive HTTP client (no SDK): the protocol
    /// limit `bench-list` compares with. Prints what it listed and its page times.
    ListRaw {
        #[arg(long)]
        endpoint: String,
        #[arg(long = "region", required = true)]
        regions: Vec<String>,
        /// At most this many regions listing at once (default: all of them).
        #[arg(long)]
        at_once: Option<usize>,
        /// List through the AWS SDK's paginator instead (the SDK's share of the difference).
        #[arg(long)]
        sdk: bool,
    },
    /// Create N synthetic secrets in each region (what bench-list seeds), for trying things
    /// by hand against `up --no-seed`.
    SeedRaw {
        #[arg(long)]
        endpoint: String,
        #[arg(long = "region", required = true)]
        regions: Vec<String>,
        #[arg(long, default_value_t = 2000)]
        secrets: usize,
    },
    /// The listing benchmark (scripts/bench-list): seeds a stack, then times the protocol
    /// limit, `smtui list`, the TUI and the AWS CLI side by side. Markdown on stdout.
    BenchList {
        /// Secrets in each region.
        #[arg(long, default_value_t = 2000)]
        secrets: usize,
        /// Regions (default: us-east-1, eu-west-1, ap-southeast-2).
        #[arg(long = "region")]
        regions: Vec<String>,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// The smtui binary (a release build).
        #[arg(long, value_name = "PATH")]
        smtui: PathBuf,
        /// Secrets in each region for the `--all-regions` run (0: no such run).
        #[arg(long, default_value_t = 200)]
        all_regions_secrets: usize,
        /// Leave the AWS CLI out.
        #[arg(long)]
        no_aws_cli: bool,
        /// Instead: an organisation of this many member accounts, each with --secrets in
        /// every region, listed by `smtui --org` against the protocol limit.
        #[arg(long, default_value_t = 0)]
        org_accounts: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("smtui-devstack: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("smtui-devstack: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Cmd::Install => {
            let venv = tokio::task::spawn_blocking(ensure_venv).await??;
            if !venv.installed_now {
                eprintln!(
                    "moto {MOTO_VERSION} already installed in {}",
                    venv.dir.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Up { no_seed } => up(!no_seed).await,
        Cmd::Demo { smtui, smtui_args } => demo(smtui, smtui_args).await,
        Cmd::ListRaw {
            endpoint,
            regions,
            at_once,
            sdk,
        } => {
            let listings = if sdk {
                bench::raw::list_all_with_sdk(&endpoint, &regions).await?
            } else {
                bench::raw::Raw::new(&endpoint)
                    .list_all(&regions, at_once)
                    .await?
            };
            let mut pages: Vec<f64> = listings
                .iter()
                .flat_map(|l| l.pages.iter().map(|p| p.as_secs_f64() * 1e3))
                .collect();
            pages.sort_by(f64::total_cmp);
            let run = bench::report::RawRun {
                secrets: listings.iter().map(|l| l.secrets).sum(),
                pages: pages.len(),
                first_page_ms: listings
                    .iter()
                    .filter_map(|l| l.pages.first())
                    .map(|p| p.as_secs_f64() * 1e3)
                    .fold(f64::INFINITY, f64::min),
                page_ms: bench::report::median(&pages),
            };
            println!("{}", run.line());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::SeedRaw {
            endpoint,
            regions,
            secrets,
        } => {
            let raw = bench::raw::Raw::new(&endpoint);
            for region in &regions {
                raw.seed_region(region, secrets, 8).await?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::BenchList {
            secrets,
            regions,
            rounds,
            smtui,
            all_regions_secrets,
            no_aws_cli,
            org_accounts,
        } => {
            let regions = if regions.is_empty() {
                REGIONS.iter().map(|r| (*r).to_owned()).collect()
            } else {
                regions
            };
            bench::run(&bench::Options {
                secrets,
                regions,
                rounds,
                smtui,
                all_regions_secrets,
                no_aws_cli,
                org_accounts,
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn start(seed: bool) -> Result<Stack> {
    // Install first (it prints its own progress), so the lines below come in the order
    // things actually happen; Stack::start then finds the venv ready.
    tokio::task::spawn_blocking(ensure_venv).await??;
    eprintln!("starting moto {MOTO_VERSION} and the devstack proxy...");
    if seed {
        eprintln!("seeding {} regions...", REGIONS.len());
    }
    let stack = Stack::start(StackOptions {
        seed,
        ..StackOptions::default()
    })
    .await?;
    let t = stack.timings();
    eprintln!(
        "ready: venv check {:.1}s, moto+proxy {:.1}s, seed {:.1}s",
        t.venv.as_secs_f64(),
        t.moto.as_secs_f64(),
        t.seed.as_secs_f64()
    );
    if let Some(summary) = stack.seed_summary() {
        for r in &summary.regions {
            eprintln!(
                "  {:<15} {:>4} secrets listed ({} incl. scheduled for deletion)",
                r.region, r.listed, r.listed_including_deleted
            );
        }
        for ou in org::ORG_UNITS {
            let accounts: Vec<String> = org::MEMBER_ACCOUNTS
                .iter()
                .filter(|a| a.ou == ou)
                .map(|a| format!("{} {}", a.name, a.id))
                .collect();
            eprintln!("  OU {ou:<4} {}", accounts.join(", "));
        }
        eprintln!(
            "  role {} asks for MFA: code {}",
            org::MFA_ADMIN_ROLE.arn,
            org::MFA_TOKEN_CODE
        );
        eprintln!(
            "  Identity Center {} ({}): approve a sign-in with: curl '{}/smtui-devstack/approve?user_code=CODE'",
            sso::START_URL,
            sso::USER_NAME,
            stack.endpoint_url()
        );
    }
    Ok(stack)
}

/// Resolves on SIGINT, SIGTERM or SIGHUP with the signal number.
async fn termination() -> Result<i32> {
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    Ok(tokio::select! {
        _ = int.recv() => libc::SIGINT,
        _ = term.recv() => libc::SIGTERM,
        _ = hup.recv() => libc::SIGHUP,
    })
}

async fn up(seed: bool) -> Result<ExitCode> {
    // Install handlers before the slow start so an early Ctrl-C still cleans up.
    let stop = tokio::spawn(termination());
    let stack = start(seed).await?;
    println!("endpoint: {}", stack.endpoint_url());
    println!("moto:     {}", stack.moto_url());
    println!("# export these to point the AWS CLI / SDKs / smtui at the stack:");
    for (k, v) in stack.env() {
        println!("export {k}={}", shell_quote(&v));
    }
    eprintln!("running; Ctrl-C to stop");
    let _ = stop.await;
    eprintln!("stopping moto and the proxy...");
    drop(stack);
    Ok(ExitCode::SUCCESS)
}

async fn demo(smtui: Option<PathBuf>, extra: Vec<String>) -> Result<ExitCode> {
    let smtui = match smtui {
        Some(p) => p,
        None => std::env::current_exe()
            .context("locating this executable")?
            .with_file_name("smtui"),
    };
    if !smtui.exists() {
        anyhow::bail!(
            "smtui binary not found at {} (build it with `cargo build`, or pass --smtui PATH)",
            smtui.display()
        );
    }
    let mut stop = tokio::spawn(termination());
    let stack = start(true).await?;

    let mut std_cmd = std::process::Command::new(&smtui);
    stack.apply_env(&mut std_cmd);
    // The demo's role profiles, for smtui only (the stack's env names an empty file).
    std_cmd.env("AWS_CONFIG_FILE", stack.write_demo_aws_config()?);
    // A home of its own, where its IAM Identity Center sign-in is cached.
    std_cmd.env("HOME", stack.demo_home()?);
    std_cmd.arg("--endpoint-url").arg(stack.endpoint_url());
    for r in REGIONS {
        std_cmd.arg("--region").arg(r);
    }
    std_cmd.args(&extra);
    let mut cmd = tokio::process::Command::from(std_cmd);
    // smtui inherits the terminal. If we are SIGKILLed it gets SIGTERM, so it can still
    // restore the terminal before exiting.
    smtui_devstack::moto::set_parent_death_signal_to(&mut cmd, libc::SIGTERM);
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", smtui.display()))?;

    let status = tokio::select! {
        status = child.wait() => status?,
        sig = &mut stop => {
            let sig = sig.ok().and_then(Result::ok).unwrap_or(libc::SIGTERM);
            // Ctrl-C reaches smtui directly (same process group); other signals are
            // passed on. Either way give it a moment to restore the terminal.
            if let Some(pid) = child.id()
                && sig != libc::SIGINT
            {
                // SAFETY: kill(2) on our own child.
                unsafe { libc::kill(pid.cast_signed(), libc::SIGTERM) };
            }
            match tokio::time::timeout(Duration::from_secs(3), child.wait()).await {
                Ok(status) => status?,
                Err(_) => {
                    let _ = child.kill().await;
                    child.wait().await?
                }
            }
        }
    };
    drop(stack);
    Ok(exit_code(status))
}

/// smtui's exit code; 128+signal when it was killed, like a shell reports it.
fn exit_code(status: std::process::ExitStatus) -> ExitCode {
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/:._-=".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
