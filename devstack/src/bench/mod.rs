//! `smtui-devstack bench-list` (run by `scripts/bench-list`): how long listing takes, from
//! outside, as a user would see it, against the local stack. Seeds N secrets in each of R
//! regions, then in each round runs, one after the other and in a rotating order:
//!
//! - the protocol limit: `smtui-devstack list-raw` (see [`raw`]), the same page sequence
//!   sent by a keep-alive HTTP client with no SDK;
//! - the same through the AWS SDK's paginator alone (`list-raw --sdk`): the SDK's share;
//! - `smtui list --format tsv`;
//! - the TUI under a pseudo-terminal (`script`, 160x48) with `--exit-after-load`: from
//!   process start until the frame showing every region loaded is drawn and it quits;
//! - the AWS CLI (pinned in the venv), one process per region, in sequence and in parallel.
//!
//! Every run is a new process timed from spawn to exit, and every one must list every
//! secret. Medians over the rounds, ratios to the limit's median. Then the same with
//! `--all-regions`, on a fresh stack seeded in every region smtui asks for.

mod org;
pub mod raw;
pub mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use crate::venv::{devstack_dir, ensure_aws_cli};
use crate::{Stack, StackOptions};
use report::{Samples, Timings};

/// What to measure.
#[derive(Debug, Clone)]
pub struct Options {
    pub secrets: usize,
    pub regions: Vec<String>,
    pub rounds: usize,
    pub smtui: PathBuf,
    /// Secrets in each region for the `--all-regions` run; 0 skips it.
    pub all_regions_secrets: usize,
    /// Leave the AWS CLI out (no install, no runs).
    pub no_aws_cli: bool,
    /// An organisation of this many accounts instead (`org.rs`); 0: the regions' runs.
    pub org_accounts: usize,
}

/// How many regions smtui lists at once (`MAX_LISTING` in smtui's `src/runner/lanes.rs`).
const LISTING_LANES: usize = 12;

/// Calls in flight while seeding.
const SEED_IN_FLIGHT: usize = 8;

/// The TUI's size under the pseudo-terminal.
const TUI_SIZE: &str = "stty rows 48 cols 160";

/// Runs the whole benchmark and prints its report (Markdown) on stdout.
pub async fn run(options: &Options) -> Result<()> {
    ensure!(options.rounds > 0, "at least one round");
    ensure!(
        options.smtui.exists(),
        "no smtui at {}",
        options.smtui.display()
    );
    let aws = if options.no_aws_cli || options.org_accounts > 0 {
        None
    } else {
        Some(tokio::task::spawn_blocking(ensure_aws_cli).await??)
    };
    let home = bench_home()?;
    let bench = Bench {
        options,
        aws,
        home,
        devstack: std::env::current_exe().context("locating smtui-devstack")?,
    };

    if options.org_accounts > 0 {
        return org::run(&bench, options.org_accounts).await;
    }
    let stack = bench
        .seeded_stack(&options.regions, options.secrets)
        .await?;
    let expected = options.secrets * options.regions.len();
    let mut samples = Samples::default();
    for round in 0..options.rounds {
        eprintln!("round {}/{}", round + 1, options.rounds);
        bench.round(&stack, round, expected, &mut samples)?;
    }
    println!(
        "{}",
        report::listing(&samples, options, &stack_machine_line())
    );
    drop(stack);

    if options.all_regions_secrets > 0 {
        bench.all_regions().await?;
    }
    Ok(())
}

struct Bench<'a> {
    options: &'a Options,
    aws: Option<PathBuf>,
    /// XDG homes of their own, so no user config or theme changes what is measured.
    home: PathBuf,
    devstack: PathBuf,
}

impl Bench<'_> {
    async fn seeded_stack(&self, regions: &[String], secrets: usize) -> Result<Stack> {
        let stack = Stack::start(StackOptions {
            seed: false,
            ..StackOptions::default()
        })
        .await?;
        let started = Instant::now();
        let raw = raw::Raw::new(&stack.endpoint_url());
        for region in regions {
            raw.seed_region(region, secrets, SEED_IN_FLIGHT).await?;
        }
        eprintln!(
            "seeded {secrets} secrets in each of {} regions in {:.1}s",
            regions.len(),
            started.elapsed().as_secs_f64()
        );
        Ok(stack)
    }

    fn round(
        &self,
        stack: &Stack,
        round: usize,
        expected: usize,
        samples: &mut Samples,
    ) -> Result<()> {
        let regions = &self.options.regions;
        let mut runs: Vec<&str> = vec!["limit", "sdk", "list", "tui", "wrapper"];
        if self.aws.is_some() {
            runs.extend(["aws-sequential", "aws-parallel"]);
        }
        let turn = round % runs.len();
        runs.rotate_left(turn);
        for run in runs {
            match run {
                "limit" => {
                    let (took, raw) = self.raw(stack, regions, None)?;
                    check(run, raw.secrets, expected)?;
                    samples.add(run, took);
                    samples.raw.push(raw);
                }
                "sdk" => {
                    let (took, sdk) = self.raw_with(stack, regions, &["--sdk"])?;
                    check(run, sdk.secrets, expected)?;
                    samples.add(run, took);
                }
                "list" => {
                    let (took, rows) = self.smtui_list(stack, &region_args(regions))?;
                    check(run, rows, expected)?;
                    samples.add(run, took);
                }
                "tui" => {
                    let (took, timings) = self.tui(stack, &region_args(regions))?;
                    check(run, timings.rows, expected)?;
                    samples.add(run, took);
                    samples.tui.push(timings);
                }
                "wrapper" => samples.add(run, self.wrapper()?),
                "aws-sequential" => {
                    let started = Instant::now();
                    let mut rows = 0;
                    for region in regions {
                        rows += self.aws_cli(stack, region)?.wait()?;
                    }
                    check(run, rows, expected)?;
                    samples.add(run, started.elapsed());
                }
                _ => {
                    let started = Instant::now();
                    let children = regions
                        .iter()
                        .map(|r| self.aws_cli(stack, r))
                        .collect::<Result<Vec<_>>>()?;
                    let mut rows = 0;
                    for child in children {
                        rows += child.wait()?;
                    }
                    check(run, rows, expected)?;
                    samples.add(run, started.elapsed());
                }
            }
        }
        Ok(())
    }

    /// `--all-regions` on a fresh stack: every region smtui asks for, seeded.
    async fn all_regions(&self) -> Result<()> {
        let per_region = self.options.all_regions_secrets;
        let stack = Stack::start(StackOptions {
            seed: false,
            ..StackOptions::default()
        })
        .await?;
        // Which regions: those `smtui list --all-regions` asks the empty stack for.
        stack.proxy().clear_events();
        self.smtui_list(&stack, &["--all-regions".to_owned()])?;
        let mut regions: Vec<String> = stack
            .proxy()
            .recorded_events()
            .into_iter()
            .filter(|e| e.event_name == "ListSecrets")
            .map(|e| e.region)
            .collect();
        regions.sort();
        regions.dedup();
        ensure!(regions.len() > 3, "--all-regions listed {regions:?}");
        drop(stack);
        let stack = self.seeded_stack(&regions, per_region).await?;
        let expected = per_region * regions.len();
        let all = ["--all-regions".to_owned()];
        let mut samples = Samples::default();
        let rounds = self.options.rounds.min(3);
        for round in 0..rounds {
            eprintln!("--all-regions round {}/{rounds}", round + 1);
            let proxy = stack.proxy();
            proxy.reset_max_in_flight();
            let (took, listing) = self.raw(&stack, &regions, None)?;
            check("limit", listing.secrets, expected)?;
            samples.add("limit", took);
            samples.in_flight("limit", proxy.max_in_flight("ListSecrets"));
            samples.raw.push(listing);
            // The same with smtui's cap on regions listing at once (see src/runner/lanes.rs).
            proxy.reset_max_in_flight();
            let (took, listing) = self.raw(&stack, &regions, Some(LISTING_LANES))?;
            check("limit-capped", listing.secrets, expected)?;
            samples.add("limit-capped", took);
            samples.in_flight("limit-capped", proxy.max_in_flight("ListSecrets"));
            proxy.reset_max_in_flight();
            let (took, rows) = self.smtui_list(&stack, &all)?;
            check("list", rows, expected)?;
            samples.add("list", took);
            samples.in_flight("list", proxy.max_in_flight("ListSecrets"));
            proxy.reset_max_in_flight();
            let (took, timings) = self.tui(&stack, &all)?;
            check("tui", timings.rows, expected)?;
            samples.add("tui", took);
            samples.in_flight("tui", proxy.max_in_flight("ListSecrets"));
            samples.tui.push(timings);
            samples.add("wrapper", self.wrapper()?);
        }
        println!(
            "{}",
            report::all_regions(&samples, regions.len(), per_region)
        );
        Ok(())
    }

    fn raw(
        &self,
        stack: &Stack,
        regions: &[String],
        at_once: Option<usize>,
    ) -> Result<(Duration, report::RawRun)> {
        match at_once {
            Some(n) => self.raw_with(stack, regions, &["--at-once", &n.to_string()]),
            None => self.raw_with(stack, regions, &[]),
        }
    }

    /// `smtui-devstack list-raw` with `extra` arguments.
    fn raw_with(
        &self,
        stack: &Stack,
        regions: &[String],
        extra: &[&str],
    ) -> Result<(Duration, report::RawRun)> {
        let mut cmd = Command::new(&self.devstack);
        cmd.arg("list-raw")
            .arg("--endpoint")
            .arg(stack.endpoint_url())
            .args(region_args(regions))
            .args(extra);
        let (took, stdout) = timed(&mut cmd)?;
        Ok((took, report::RawRun::parse(&stdout)?))
    }

    fn smtui_command(&self, stack: &Stack) -> Command {
        let mut cmd = Command::new(&self.options.smtui);
        stack.apply_env(&mut cmd);
        cmd.env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_STATE_HOME", self.home.join("state"))
            .arg("--endpoint-url")
            .arg(stack.endpoint_url());
        cmd
    }

    /// `smtui list --format tsv`: how long, and how many rows.
    fn smtui_list(&self, stack: &Stack, args: &[String]) -> Result<(Duration, usize)> {
        let mut cmd = self.smtui_command(stack);
        cmd.args(["list", "--format", "tsv"]).args(args);
        let (took, stdout) = timed(&mut cmd)?;
        Ok((took, stdout.lines().count().saturating_sub(1)))
    }

    /// The TUI under `script` until it has drawn every region loaded and quit.
    fn tui(&self, stack: &Stack, args: &[String]) -> Result<(Duration, Timings)> {
        let timings = self.home.join("tui-timings.txt");
        let _ = std::fs::remove_file(&timings);
        let smtui = self.smtui_command(stack);
        let mut line = format!("{TUI_SIZE}; exec {}", quote(&self.options.smtui));
        for arg in smtui.get_args().map(|a| a.to_string_lossy().into_owned()) {
            line.push_str(&format!(" {}", quote(Path::new(&arg))));
        }
        line.push_str(" --exit-after-load");
        for arg in args {
            line.push_str(&format!(" {}", quote(Path::new(arg))));
        }
        line.push_str(&format!(" 2>{}", quote(&timings)));
        let mut cmd = Command::new("script");
        stack.apply_env(&mut cmd);
        cmd.env("TERM", "xterm-256color")
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_STATE_HOME", self.home.join("state"))
            .args(["-q", "-e", "-c"])
            .arg(line)
            .arg("/dev/null");
        let took = timed_in_terminal(&mut cmd)?;
        let text = std::fs::read_to_string(&timings)
            .with_context(|| format!("the TUI wrote no timings to {}", timings.display()))?;
        Ok((took, Timings::parse(&text)?))
    }

    /// `script` and the shell around the TUI, running `true`: subtracted from its times.
    fn wrapper(&self) -> Result<Duration> {
        let mut cmd = Command::new("script");
        cmd.env("TERM", "xterm-256color")
            .args(["-q", "-e", "-c"])
            .arg(format!("{TUI_SIZE}; exec true"))
            .arg("/dev/null");
        timed_in_terminal(&mut cmd)
    }

    /// One AWS CLI listing of `region`, started.
    fn aws_cli(&self, stack: &Stack, region: &str) -> Result<AwsRun> {
        let aws = self.aws.as_ref().context("no AWS CLI")?;
        let mut cmd = Command::new(aws);
        stack.apply_env(&mut cmd);
        cmd.args(["secretsmanager", "list-secrets", "--region", region])
            .arg("--endpoint-url")
            .arg(stack.endpoint_url())
            .args(["--include-planned-deletion", "--page-size", "100"])
            .args(["--output", "json"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        Ok(AwsRun(cmd.spawn().context("starting aws")?))
    }
}

struct AwsRun(std::process::Child);

impl AwsRun {
    /// Waits for it; how many secrets it printed.
    fn wait(self) -> Result<usize> {
        let out = self.0.wait_with_output()?;
        if !out.status.success() {
            bail!("aws failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let listed: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        Ok(listed["SecretList"].as_array().map_or(0, Vec::len))
    }
}

fn region_args(regions: &[String]) -> Vec<String> {
    regions
        .iter()
        .flat_map(|r| ["--region".to_owned(), r.clone()])
        .collect()
}

fn check(what: &str, listed: usize, expected: usize) -> Result<()> {
    ensure!(
        listed == expected,
        "{what} listed {listed} secrets, not {expected}"
    );
    Ok(())
}

/// Runs to the end; how long from spawn to exit, and its stdout.
fn timed(cmd: &mut Command) -> Result<(Duration, String)> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let out = cmd
        .output()
        .with_context(|| format!("running {:?}", cmd.get_program()))?;
    let took = started.elapsed();
    if !out.status.success() {
        bail!(
            "{:?} failed ({}): {}",
            cmd.get_program(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok((took, String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// As [`timed`], with a stdin held open until it ends: at end of input `script` would
/// hang up the terminal, and the TUI would take that for a quit.
fn timed_in_terminal(cmd: &mut Command) -> Result<Duration> {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    let mut child = cmd.spawn().context("starting script (util-linux)")?;
    let status = child.wait()?;
    let took = started.elapsed();
    drop(child.stdin.take());
    ensure!(
        status.success(),
        "{:?} failed ({status})",
        cmd.get_program()
    );
    Ok(took)
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

fn bench_home() -> Result<PathBuf> {
    let home = devstack_dir().join("bench");
    for dir in ["config", "state"] {
        std::fs::create_dir_all(home.join(dir))
            .with_context(|| format!("creating {}", home.join(dir).display()))?;
    }
    Ok(home)
}

/// The machine, for the report: cores and the CPU's name.
fn stack_machine_line() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("{cores} cores, {cpu}")
}
