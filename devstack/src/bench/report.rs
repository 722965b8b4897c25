//! What the benchmark collected, and its report as Markdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use anyhow::{Context, Result};

use super::Options;

/// What `smtui-devstack list-raw` prints: one line of `key=value` pairs.
#[derive(Debug, Clone, Default)]
pub struct RawRun {
    pub secrets: usize,
    pub pages: usize,
    /// The first page of the first region to answer, from the client's start (its
    /// connection included).
    pub first_page_ms: f64,
    /// The median round trip of every page.
    pub page_ms: f64,
}

impl RawRun {
    pub fn line(&self) -> String {
        format!(
            "secrets={} pages={} first_page_ms={:.2} page_ms={:.2}",
            self.secrets, self.pages, self.first_page_ms, self.page_ms
        )
    }

    pub(crate) fn parse(text: &str) -> Result<Self> {
        let fields = pairs(text.split_whitespace());
        let get = |key: &str| {
            fields
                .get(key)
                .copied()
                .with_context(|| format!("list-raw printed no {key}: {text}"))
        };
        Ok(Self {
            secrets: parse_usize(get("secrets")?)?,
            pages: parse_usize(get("pages")?)?,
            first_page_ms: get("first_page_ms")?.parse()?,
            page_ms: get("page_ms")?.parse()?,
        })
    }
}

/// What the TUI printed with `--exit-after-load`: its marks in ms since process start.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub marks: Vec<(String, f64)>,
    pub rows: usize,
    pub(crate) loading_frames: usize,
}

impl Timings {
    pub fn parse(text: &str) -> Result<Self> {
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("smtui timings (ms since start):"))
            .with_context(|| format!("no timings line in the TUI's stderr: {text}"))?;
        let mut timings = Timings::default();
        let fields = line.split(';').filter_map(|p| p.rsplit_once('='));
        for (key, value) in fields.map(|(k, v)| (k.trim(), v.trim())) {
            match key {
                "rows" => timings.rows = parse_usize(value)?,
                "frames while loading" => timings.loading_frames = parse_usize(value)?,
                "keys" | "slowest key to frame" | "slowest frame" | "slowest page update" => {}
                mark => timings.marks.push((mark.to_owned(), value.parse()?)),
            }
        }
        Ok(timings)
    }
}

fn pairs<'a>(parts: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, &'a str> {
    parts
        .filter_map(|p| p.rsplit_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

fn parse_usize(text: &str) -> Result<usize> {
    text.parse().with_context(|| format!("not a count: {text}"))
}

/// Every run's times, by name, and what else each run said.
#[derive(Debug, Default)]
pub(crate) struct Samples {
    times: BTreeMap<String, Vec<Duration>>,
    most_in_flight: BTreeMap<String, usize>,
    pub(crate) raw: Vec<RawRun>,
    pub(crate) tui: Vec<Timings>,
}

impl Samples {
    pub(crate) fn add(&mut self, run: &str, took: Duration) {
        self.times.entry(run.to_owned()).or_default().push(took);
    }

    pub(crate) fn in_flight(&mut self, run: &str, most: usize) {
        let max = self.most_in_flight.entry(run.to_owned()).or_default();
        *max = (*max).max(most);
    }

    fn ms(&self, run: &str) -> Vec<f64> {
        self.times
            .get(run)
            .map(|t| t.iter().map(|d| d.as_secs_f64() * 1e3).collect())
            .unwrap_or_default()
    }

    /// The TUI's times less the median of `script` and its shell running `true`.
    fn tui_ms(&self) -> Vec<f64> {
        let wrapper = median(&self.ms("wrapper"));
        self.ms("tui").iter().map(|t| t - wrapper).collect()
    }

    fn mark_ms(&self, mark: &str) -> Vec<f64> {
        self.tui
            .iter()
            .filter_map(|t| t.marks.iter().find(|(m, _)| m == mark).map(|(_, v)| *v))
            .collect()
    }
}

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => f64::midpoint(sorted[n / 2 - 1], sorted[n / 2]),
    }
}

/// A table row: median, min, max, the median's ratio to the limit's median, and the median
/// of each round's ratio to that round's limit (paired: both ran within a second or so of
/// each other, so a slow moment of the machine weighs on both).
fn row(out: &mut String, name: &str, values: &[f64], limits: &[f64]) {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let med = median(values);
    let paired: Vec<f64> = values.iter().zip(limits).map(|(v, l)| v / l).collect();
    let _ = writeln!(
        out,
        "| {name} | {med:.0} | {min:.0} | {max:.0} | {:.2}x | {:.2}x |",
        med / median(limits),
        median(&paired)
    );
}

/// The main report: each run's median, and the targets.
pub(crate) fn listing(samples: &Samples, options: &Options, machine: &str) -> String {
    let mut out = String::new();
    let limit = median(&samples.ms("limit"));
    let _ = writeln!(
        out,
        "{} secrets in each of {} regions ({}), {} rounds; {machine}. Times in ms from \
         process start to exit, medians.\n",
        options.secrets,
        options.regions.len(),
        options.regions.join(", "),
        options.rounds
    );
    let limits = samples.ms("limit");
    out.push_str("| run | median | min | max | to the limit | paired |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    row(&mut out, "protocol limit (raw HTTP)", &limits, &limits);
    row(
        &mut out,
        "AWS SDK paginator alone",
        &samples.ms("sdk"),
        &limits,
    );
    row(&mut out, "`smtui list`", &samples.ms("list"), &limits);
    row(
        &mut out,
        "TUI, loaded and drawn",
        &samples.tui_ms(),
        &limits,
    );
    let aws = [
        ("aws-sequential", "aws CLI, regions in sequence"),
        ("aws-parallel", "aws CLI, regions in parallel"),
    ];
    for (run, name) in aws {
        if !samples.ms(run).is_empty() {
            row(&mut out, name, &samples.ms(run), &limits);
        }
    }
    let wrapper = median(&samples.ms("wrapper"));
    let _ = writeln!(
        out,
        "\nThe TUI ran under `script` at 160x48; its row is the time from spawning `script` \
         to its exit less {wrapper:.1} ms, the median of `script` running `true`."
    );

    out.push_str("\nWhere the TUI's time goes (ms since its process started, medians):\n\n");
    out.push_str("| moment | ms |\n|---|---|\n");
    let mut marks: Vec<(String, f64)> = samples
        .tui
        .first()
        .map(|t| &t.marks)
        .into_iter()
        .flatten()
        .map(|(mark, _)| (mark.clone(), median(&samples.mark_ms(mark))))
        .collect();
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    for (mark, ms) in marks {
        let _ = writeln!(out, "| {mark} | {ms:.1} |");
    }
    let first_page = median(
        &samples
            .raw
            .iter()
            .map(|r| r.first_page_ms)
            .collect::<Vec<_>>(),
    );
    let page = median(&samples.raw.iter().map(|r| r.page_ms).collect::<Vec<_>>());
    let _ = writeln!(
        out,
        "\nThe raw client: first page {first_page:.1} ms after its start (connection \
         included), a page's round trip {page:.1} ms (medians)."
    );

    let list = median(&samples.ms("list")) / limit;
    let tui = median(&samples.tui_ms()) / limit;
    out.push_str("\nThe targets are judged on the ratio of the medians.\n");
    let first_row = median(&samples.mark_ms("first row drawn"));
    let mut targets = vec![
        verdict("`smtui list` within 1.10x of the limit", list <= 1.10),
        verdict("the TUI within 1.15x of the limit", tui <= 1.15),
        verdict(
            &format!("first row within 50 ms + one page ({:.1} ms)", 50.0 + page),
            first_row <= 50.0 + page,
        ),
    ];
    let parallel = median(&samples.ms("aws-parallel"));
    if parallel.is_finite() {
        let faster = median(&samples.ms("list")).max(median(&samples.tui_ms())) < parallel;
        targets.push(verdict("both faster than the aws CLI in parallel", faster));
    }
    out.push_str("\nTargets:\n\n");
    for target in targets {
        let _ = writeln!(out, "- {target}");
    }
    out
}

fn verdict(what: &str, met: bool) -> String {
    format!("{what}: {}", if met { "met" } else { "MISSED" })
}

/// The `--all-regions` report.
pub(crate) fn all_regions(samples: &Samples, regions: usize, per_region: usize) -> String {
    let mut out = String::new();
    let limits = samples.ms("limit");
    let _ = writeln!(
        out,
        "`--all-regions`: {per_region} secrets in each of {regions} regions, {} rounds. Times \
         in ms, medians; the most ListSecrets calls the proxy held at once.\n",
        samples.ms("limit").len()
    );
    out.push_str("| run | median | min | max | to the limit | paired | most at once |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for (run, name, values) in [
        ("limit", "protocol limit (raw HTTP)", samples.ms("limit")),
        (
            "limit-capped",
            "raw HTTP, 12 regions at once like smtui",
            samples.ms("limit-capped"),
        ),
        ("list", "`smtui list --all-regions`", samples.ms("list")),
        (
            "tui",
            "TUI `--all-regions`, loaded and drawn",
            samples.tui_ms(),
        ),
    ] {
        let mut line = String::new();
        row(&mut line, name, &values, &limits);
        let most = samples.most_in_flight.get(run).copied().unwrap_or(0);
        let _ = writeln!(out, "{} {most} |", line.trim_end());
    }
    let frames = median(
        &samples
            .tui
            .iter()
            .map(|t| t.loading_frames as f64)
            .collect::<Vec<_>>(),
    );
    let _ = writeln!(
        out,
        "\nThe TUI: first row drawn at {:.1} ms, every region at {:.1} ms (in-process, \
         medians); {frames:.0} frames drawn with rows while regions were still loading.",
        median(&samples.mark_ms("first row drawn")),
        median(&samples.mark_ms("every region drawn loaded")),
    );
    out
}
