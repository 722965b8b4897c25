//! Rotation schedules: what the user types for `rotation-schedule`, checked against the
//! service's rules before anything is sent, and any schedule described in plain words.
//!
//! The rules (Secrets Manager user guide, "Rotation schedules", and the API reference's
//! RotationRulesType): days or an expression, not both; a plain number of days
//! (AutomaticallyAfterDays) from 1 to 1000; `rate(N hours|days)` no more often than every
//! 4 hours and at most 999 days (24 hours and more are written in days, as the service
//! shows them);
//! `cron(Minutes Hours Day-of-month Month Day-of-week Year)` with minutes 0 (windows open on
//! the hour), year `*`, and `?` in exactly one of the day fields; a window of whole hours
//! that neither runs into the next UTC day nor into the next window.

use std::fmt::Write as _;

use jiff::SignedDuration;

use crate::model::Rotation;
use crate::model::rotation::cron::Cron;

/// The shortest interval the service allows between rotations.
pub(crate) const MIN_INTERVAL_HOURS: u32 = 4;
/// AutomaticallyAfterDays' range (the API reference: 1 to 1000).
pub(crate) const MAX_DAYS: i64 = 1000;
/// The longest period a rate() expression may have (the user guide: 999 days). One day
/// less than a plain number of days: each message names both, so neither reads as a
/// mistake of the other.
pub(crate) const MAX_RATE_DAYS: u32 = 999;
/// The most hours a rate() in hours is written with; a day or more is written in days.
const MAX_RATE_HOURS: u32 = 23;

/// A schedule the service accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Schedule {
    /// RotationRules.AutomaticallyAfterDays.
    Days(i64),
    /// RotationRules.ScheduleExpression, as it will be sent.
    Expression(String),
}

/// What `rotation-schedule` sends: the schedule, the window and whether to rotate at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleChange {
    pub(crate) schedule: Schedule,
    /// RotationRules.Duration in hours (sent as `Nh`).
    pub(crate) window_hours: Option<u32>,
    /// RotateImmediately.
    pub(crate) rotate_now: bool,
}

impl ScheduleChange {
    /// The change in the words the user typed it with, for a prompt's initial text.
    pub fn to_input(&self) -> String {
        let mut text = match &self.schedule {
            Schedule::Days(days) => days.to_string(),
            Schedule::Expression(expr) => expr.clone(),
        };
        if let Some(hours) = self.window_hours {
            let _ = write!(text, " window {hours}h");
        }
        if self.rotate_now {
            text.push_str(" now");
        }
        text
    }
}

/// The input syntax, for the prompt and for messages.
pub(crate) const SYNTAX: &str = "DAYS | rate(N hours|days) | cron(0 H DOM MON DOW *), then optionally \
                          `window Nh` and `now`";

/// Parses and checks what the user typed, e.g. `30`, `rate(12 hours) window 2h`,
/// `cron(0 4 1 * ? *) window 3h now`.
pub fn parse(input: &str) -> Result<ScheduleChange, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(format!("Type a schedule: {SYNTAX}"));
    }
    let lower = text.to_ascii_lowercase();
    let (schedule_text, rest) = if lower.starts_with("rate(") || lower.starts_with("cron(") {
        let end = text
            .find(')')
            .ok_or_else(|| format!("{text:?} has no closing parenthesis"))?;
        (&text[..=end], &text[end + 1..])
    } else {
        text.split_once(char::is_whitespace).unwrap_or((text, ""))
    };
    let schedule = parse_schedule(schedule_text)?;
    let mut window_hours = None;
    let mut rotate_now = false;
    let mut words = rest.split_whitespace().peekable();
    while let Some(word) = words.next() {
        match word.to_ascii_lowercase().as_str() {
            "now" => rotate_now = true,
            "window" => {
                let hours = words
                    .next()
                    .ok_or("`window` needs a length, e.g. `window 3h`")?;
                window_hours = Some(parse_window(hours)?);
            }
            other if other.ends_with('h') => window_hours = Some(parse_window(other)?),
            other => return Err(format!("{other:?} is not understood here: {SYNTAX}")),
        }
    }
    if let Some(hours) = window_hours {
        check_window(&schedule, hours)?;
    }
    Ok(ScheduleChange {
        schedule,
        window_hours,
        rotate_now,
    })
}

/// A schedule expression: its kind and what is inside its parentheses (in any case).
enum Expr<'a> {
    Rate(&'a str),
    Cron(&'a str),
}

/// `rate(...)` or `cron(...)`; `None` for anything else (a malformed one from AWS too).
fn split(expr: &str) -> Option<Expr<'_>> {
    let inner = expr.get(5..)?.strip_suffix(')')?;
    match expr.get(..5)?.to_ascii_lowercase().as_str() {
        "rate(" => Some(Expr::Rate(inner)),
        "cron(" => Some(Expr::Cron(inner)),
        _ => None,
    }
}

fn parse_schedule(text: &str) -> Result<Schedule, String> {
    match split(text) {
        Some(Expr::Rate(inner)) => {
            return Ok(Schedule::Expression(Rate::parse(inner)?.to_string()));
        }
        Some(Expr::Cron(inner)) => {
            let cron = Cron::parse(inner)?;
            check_frequency(&cron)?;
            return Ok(Schedule::Expression(format!(
                "cron({})",
                cron.fields().join(" ")
            )));
        }
        None => {}
    }
    let lower = text.to_ascii_lowercase();
    let digits = lower
        .strip_suffix("days")
        .or_else(|| lower.strip_suffix('d'))
        .unwrap_or(&lower);
    let days: i64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a schedule: {SYNTAX}"))?;
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(format!(
            "Rotate every 1 to {MAX_DAYS} days, not {days} (or rate(N hours), \
             {MIN_INTERVAL_HOURS} to {MAX_RATE_HOURS})"
        ));
    }
    Ok(Schedule::Days(days))
}

fn parse_window(text: &str) -> Result<u32, String> {
    let hours: u32 = text
        .strip_suffix(['h', 'H'])
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("{text:?} is not a window: write whole hours, e.g. 3h"))?;
    if !(1..=24).contains(&hours) {
        return Err(format!("A window is 1h to 24h, not {hours}h"));
    }
    Ok(hours)
}

/// The window must not run into the next UTC day or the next window.
fn check_window(schedule: &Schedule, hours: u32) -> Result<(), String> {
    let expr = match schedule {
        Schedule::Expression(expr) => expr,
        Schedule::Days(days) if *days > i64::from(MAX_RATE_DAYS) => {
            return Err(format!(
                "A window needs an expression, and rate() runs to {MAX_RATE_DAYS} days: \
                 write `rate({MAX_RATE_DAYS} days) window {hours}h`, or {days} without a window"
            ));
        }
        Schedule::Days(days) => {
            return Err(format!(
                "A window needs an expression: write `rate({days} days) window {hours}h`"
            ));
        }
    };
    if let Some(Expr::Rate(rate)) = split(expr) {
        if let Ok(Rate::Hours(every)) = Rate::parse(rate)
            && hours > every
        {
            return Err(format!(
                "A {hours}h window runs into the next rotation, {every} hours later"
            ));
        }
        return Ok(());
    }
    if let Some(Expr::Cron(inner)) = split(expr)
        && let Ok(cron) = Cron::parse(inner)
        && let Some(hours_set) = cron.hours()
    {
        let latest = hours_set.iter().max().copied().unwrap_or(0);
        if latest + hours > 24 {
            return Err(format!(
                "A {hours}h window opening at {latest:02}:00 runs into the next UTC day"
            ));
        }
        if let Some(gap) = min_gap(&hours_set, false)
            && hours > gap
        {
            return Err(format!(
                "A {hours}h window runs into the next window, {gap} hours later"
            ));
        }
    }
    Ok(())
}

/// Not more often than every four hours (hour steps start again each day).
fn check_frequency(cron: &Cron) -> Result<(), String> {
    let Some(hours) = cron.hours() else {
        return Ok(());
    };
    if let Some(gap) = min_gap(&hours, cron.every_day())
        && gap < MIN_INTERVAL_HOURS
    {
        return Err(format!(
            "cron({}) rotates {gap} hour{} apart: the service allows every {MIN_INTERVAL_HOURS} \
             hours at most",
            cron.fields().join(" "),
            if gap == 1 { "" } else { "s" }
        ));
    }
    Ok(())
}

/// The smallest gap between the hours of one day (and across midnight, when the schedule
/// runs every day).
fn min_gap(hours: &[u32], across_midnight: bool) -> Option<u32> {
    let mut gaps: Vec<u32> = hours.windows(2).map(|w| w[1] - w[0]).collect();
    if across_midnight && hours.len() > 1 {
        gaps.push(24 - hours[hours.len() - 1] + hours[0]);
    }
    gaps.into_iter().min()
}

/// A `rate()` expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rate {
    Hours(u32),
    Days(u32),
}

impl Rate {
    fn parse(inner: &str) -> Result<Rate, String> {
        let mut words = inner.split_whitespace();
        let (Some(value), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!(
                "rate({inner}) is not `rate(N hours)` or `rate(N days)`"
            ));
        };
        let value: u32 = value
            .parse()
            .map_err(|_| format!("rate({inner}): {value:?} is not a whole number"))?;
        match unit.to_ascii_lowercase().as_str() {
            "hour" | "hours" if (MIN_INTERVAL_HOURS..=MAX_RATE_HOURS).contains(&value) => {
                Ok(Rate::Hours(value))
            }
            "hour" | "hours" if value > MAX_RATE_HOURS => Err(format!(
                "rate({inner}): write whole days as rate(N days) (hours run from \
                 {MIN_INTERVAL_HOURS} to {MAX_RATE_HOURS})"
            )),
            "hour" | "hours" => Err(format!(
                "rate({inner}) is too often: the service allows every {MIN_INTERVAL_HOURS} \
                 hours at most"
            )),
            "day" | "days" if (1..=MAX_RATE_DAYS).contains(&value) => Ok(Rate::Days(value)),
            "day" | "days" => Err(format!(
                "rate({inner}): rate() takes 1 to {MAX_RATE_DAYS} days (a plain number of days, \
                 1 to {MAX_DAYS})"
            )),
            other => Err(format!("rate({inner}): {other:?} is not hours or days")),
        }
    }

    fn interval(self) -> SignedDuration {
        match self {
            Rate::Hours(h) => SignedDuration::from_hours(i64::from(h)),
            Rate::Days(d) => SignedDuration::from_hours(24 * i64::from(d)),
        }
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rate::Hours(1) => write!(f, "rate(1 hour)"),
            Rate::Hours(h) => write!(f, "rate({h} hours)"),
            Rate::Days(1) => write!(f, "rate(1 day)"),
            Rate::Days(d) => write!(f, "rate({d} days)"),
        }
    }
}

/// A schedule in plain words: "every 30 days", "every 4 hours", "04:00 UTC on the 1st of
/// every month". An expression this does not know how to say is shown as it is.
pub fn describe(rotation: &Rotation) -> Option<String> {
    if let Some(expr) = &rotation.schedule {
        return Some(describe_expression(expr));
    }
    rotation.every_days.map(|days| match days {
        1 => "every day".to_owned(),
        n => format!("every {n} days"),
    })
}

fn describe_expression(expr: &str) -> String {
    match split(expr) {
        Some(Expr::Rate(inner)) => match Rate::parse(inner) {
            Ok(Rate::Hours(h)) => format!("every {h} hours"),
            Ok(Rate::Days(1)) => "every day".to_owned(),
            Ok(Rate::Days(d)) => format!("every {d} days"),
            Err(_) => expr.to_owned(),
        },
        Some(Expr::Cron(inner)) => Cron::parse(inner)
            .ok()
            .and_then(|c| c.describe())
            .unwrap_or_else(|| format!("cron: {inner}")),
        None => expr.to_owned(),
    }
}

/// The rotation window in words: the configured Duration, or the service's default.
pub(crate) fn describe_window(rotation: &Rotation) -> String {
    match &rotation.window {
        Some(window) => format!("window {window}"),
        None if rotation.schedule.as_deref().is_some_and(in_hours) => "window 1h".to_owned(),
        None => "window all day (UTC)".to_owned(),
    }
}

fn in_hours(expr: &str) -> bool {
    match split(expr) {
        Some(Expr::Rate(inner)) => matches!(Rate::parse(inner), Ok(Rate::Hours(_))),
        Some(Expr::Cron(inner)) => Cron::parse(inner)
            .ok()
            .and_then(|c| c.hours())
            .is_some_and(|h| h.len() > 1),
        None => false,
    }
}

/// About how long between rotations (for "due soon"): exact for days and rates, an
/// estimate for cron expressions; `None` when unknown.
pub(crate) fn interval(rotation: &Rotation) -> Option<SignedDuration> {
    if let Some(expr) = &rotation.schedule {
        return match split(expr)? {
            Expr::Rate(inner) => Rate::parse(inner).ok().map(Rate::interval),
            Expr::Cron(inner) => Cron::parse(inner)
                .ok()
                .and_then(|c| c.approximate_interval()),
        };
    }
    rotation
        .every_days
        .map(|d| SignedDuration::from_hours(24 * d))
}

/// The schedule as the prompt's starting text: what is set now.
pub(crate) fn current_input(rotation: &Rotation) -> String {
    let mut text = match (&rotation.schedule, rotation.every_days) {
        (Some(expr), _) => expr.clone(),
        (None, Some(days)) => days.to_string(),
        (None, None) => "30".to_owned(),
    };
    if let Some(window) = &rotation.window {
        let _ = write!(text, " window {window}");
    }
    text
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
