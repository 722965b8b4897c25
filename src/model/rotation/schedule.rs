//! Rotation schedules: what the user types for `rotation-schedule`, checked against the
//! service's rules before anything is sent, and any schedule described in plain words.
//!
//! The rules (Secrets Manager user guide, "Rotation schedules"): days or an expression, not
//! both; `rate(N hours|days)` no more often than every 4 hours and at most 999 days;
//! `cron(Minutes Hours Day-of-month Month Day-of-week Year)` with minutes 0 (windows open on
//! the hour), year `*`, and `?` in exactly one of the day fields; a window of whole hours
//! that neither runs into the next UTC day nor into the next window.

use std::fmt::Write as _;

use jiff::SignedDuration;

use crate::model::Rotation;
use crate::model::rotation::cron::Cron;

/// The shortest interval the service allows between rotations.
pub const MIN_INTERVAL_HOURS: u32 = 4;
/// AutomaticallyAfterDays' range.
pub const MAX_DAYS: i64 = 1000;
/// The longest period a rate() expression may have.
pub const MAX_RATE_DAYS: u32 = 999;

/// A schedule the service accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// RotationRules.AutomaticallyAfterDays.
    Days(i64),
    /// RotationRules.ScheduleExpression, as it will be sent.
    Expression(String),
}

/// What `rotation-schedule` sends: the schedule, the window and whether to rotate at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleChange {
    pub schedule: Schedule,
    /// RotationRules.Duration in hours (sent as `Nh`).
    pub window_hours: Option<u32>,
    /// RotateImmediately.
    pub rotate_now: bool,
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
pub const SYNTAX: &str = "DAYS | rate(N hours|days) | cron(0 H DOM MON DOW *), then optionally \
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
        return Err(format!("Rotate every 1 to {MAX_DAYS} days, not {days}"));
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
    let Schedule::Expression(expr) = schedule else {
        return Err("A window needs an expression: write `rate(N days)` instead of N".into());
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
            "hour" | "hours" if (MIN_INTERVAL_HOURS..24).contains(&value) => Ok(Rate::Hours(value)),
            "hour" | "hours" if value >= 24 => Err(format!(
                "rate({inner}): write whole days as rate(N days) (hours run from \
                 {MIN_INTERVAL_HOURS} to 23)"
            )),
            "hour" | "hours" => Err(format!(
                "rate({inner}) is too often: the service allows every {MIN_INTERVAL_HOURS} \
                 hours at most"
            )),
            "day" | "days" if (1..=MAX_RATE_DAYS).contains(&value) => Ok(Rate::Days(value)),
            "day" | "days" => Err(format!("rate({inner}): days run from 1 to {MAX_RATE_DAYS}")),
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
pub fn describe_window(rotation: &Rotation) -> String {
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
pub fn interval(rotation: &Rotation) -> Option<SignedDuration> {
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
pub fn current_input(rotation: &Rotation) -> String {
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
mod tests {
    use super::*;

    fn ok(input: &str) -> ScheduleChange {
        parse(input).unwrap_or_else(|e| panic!("{input:?} refused: {e}"))
    }

    fn refused(input: &str) -> String {
        match parse(input) {
            Ok(change) => panic!("{input:?} accepted as {change:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn days_rates_and_cron_expressions_the_service_accepts() {
        assert_eq!(ok("30").schedule, Schedule::Days(30));
        assert_eq!(ok("30d").schedule, Schedule::Days(30));
        assert_eq!(ok(" 1000 ").schedule, Schedule::Days(1000));
        let rate = ok("rate(4 hours) window 2h now");
        assert_eq!(rate.schedule, Schedule::Expression("rate(4 hours)".into()));
        assert_eq!(rate.window_hours, Some(2));
        assert!(rate.rotate_now);
        assert_eq!(
            ok("RATE(1 Day)").schedule,
            Schedule::Expression("rate(1 day)".into())
        );
        assert_eq!(ok("rate(999 days)").window_hours, None);
        let cron = ok("cron(0 4 1 * ? *) 3h");
        assert_eq!(
            cron.schedule,
            Schedule::Expression("cron(0 4 1 * ? *)".into())
        );
        assert_eq!(cron.window_hours, Some(3));
        for valid in [
            "cron(0 4/12 * * ? *)",
            "cron(0 0 ? * SUN#1 *)",
            "cron(0 16 L * ? *)",
            "cron(0 8 1/7 * ? *)",
            "cron(0 22 ? * MON-FRI *)",
            "cron(0 0,12 * JAN,JUL ? *)",
            "cron(0 2/10 * * ? *) window 2h",
        ] {
            ok(valid);
        }
    }

    #[test]
    fn what_the_service_would_refuse_is_refused_before_sending() {
        for (input, says) in [
            ("", "Type a schedule"),
            ("0", "1 to 1000"),
            ("1001", "1 to 1000"),
            ("monthly", "not a schedule"),
            ("rate(3 hours)", "every 4 hours at most"),
            ("rate(24 hours)", "rate(N days)"),
            ("rate(1000 days)", "1 to 999"),
            ("rate(5 weeks)", "not hours or days"),
            ("rate(five days)", "not a whole number"),
            ("rate(4 hours", "no closing parenthesis"),
            ("cron(15 4 * * ? *)", "minutes must be 0"),
            ("cron(0 4 * * ? 2027)", "year must be *"),
            ("cron(0 4 * * * *)", "`?`"),
            ("cron(0 4 ? * ? *)", "`?`"),
            ("cron(0 4 * *)", "six fields"),
            ("cron(0 25 * * ? *)", "hours"),
            ("cron(0 * * * ? *)", "every 4 hours at most"),
            ("cron(0 */2 * * ? *)", "every 4 hours at most"),
            ("cron(0 1,22 * * ? *)", "every 4 hours at most"),
            ("cron(0 4 32 * ? *)", "day of the month"),
            ("cron(0 4 ? * FUNDAY *)", "day of the week"),
            ("cron(0 4 1 13 ? *)", "month"),
            ("30 window 3h", "needs an expression"),
            ("rate(6 hours) window 7h", "next rotation"),
            ("cron(0 22 * * ? *) window 3h", "next UTC day"),
            ("cron(0 4,8 * * ? *) window 5h", "next window"),
            ("rate(2 days) window 25h", "1h to 24h"),
            ("rate(2 days) window", "needs a length"),
            ("rate(2 days) soon", "not understood"),
        ] {
            let error = refused(input);
            assert!(error.contains(says), "{input:?}: {error:?} lacks {says:?}");
        }
    }

    #[test]
    fn a_cron_on_one_day_a_week_may_use_hours_close_to_midnight() {
        // 22:00 then 01:00 is three hours apart only when the schedule runs every day.
        ok("cron(0 1,22 ? * MON *)");
    }

    fn rotation(schedule: Option<&str>, days: Option<i64>, window: Option<&str>) -> Rotation {
        Rotation {
            enabled: true,
            every_days: days,
            schedule: schedule.map(str::to_owned),
            window: window.map(str::to_owned),
            ..Rotation::default()
        }
    }

    #[test]
    fn schedules_in_plain_words() {
        for (schedule, days, says) in [
            (None, Some(30), "every 30 days"),
            (None, Some(1), "every day"),
            (Some("rate(4 hours)"), None, "every 4 hours"),
            (Some("rate(10 days)"), None, "every 10 days"),
            (
                Some("cron(0 4 1 * ? *)"),
                None,
                "04:00 UTC on the 1st of every month",
            ),
            (
                Some("cron(0 16 L * ? *)"),
                None,
                "16:00 UTC on the last day of every month",
            ),
            (Some("cron(0 4 * * ? *)"), None, "04:00 UTC every day"),
            (
                Some("cron(0 4/12 * * ? *)"),
                None,
                "04:00 and 16:00 UTC every day",
            ),
            (Some("cron(0 0 ? * SUN *)"), None, "00:00 UTC every Sunday"),
            (
                Some("cron(0 0 ? * SUN#1 *)"),
                None,
                "00:00 UTC on the first Sunday of every month",
            ),
            (
                Some("cron(0 9 ? * MON-FRI *)"),
                None,
                "09:00 UTC Monday to Friday",
            ),
            (
                Some("cron(0 3 22 JAN,JUL ? *)"),
                None,
                "03:00 UTC on the 22nd of January and July",
            ),
            (Some("cron(0 8 1/7 * ? *)"), None, "cron: 0 8 1/7 * ? *"),
        ] {
            assert_eq!(
                describe(&rotation(schedule, days, None)).as_deref(),
                Some(says),
                "{schedule:?} {days:?}"
            );
        }
        assert_eq!(describe(&Rotation::default()), None);
    }

    #[test]
    fn malformed_expressions_from_aws_never_panic() {
        for expr in [
            "cron(", "rate(", "cron()", "rate()", "cRoN(x)", "(", "", "é(rate",
        ] {
            let r = rotation(Some(expr), None, None);
            let _ = describe(&r);
            let _ = describe_window(&r);
            let _ = interval(&r);
        }
        assert_eq!(
            describe(&rotation(Some("cron("), None, None)).as_deref(),
            Some("cron(")
        );
    }

    #[test]
    fn windows_say_the_services_default_when_none_is_set() {
        assert_eq!(
            describe_window(&rotation(Some("rate(4 hours)"), None, None)),
            "window 1h"
        );
        assert_eq!(
            describe_window(&rotation(None, Some(30), None)),
            "window all day (UTC)"
        );
        assert_eq!(
            describe_window(&rotation(Some("cron(0 4 1 * ? *)"), None, Some("3h"))),
            "window 3h"
        );
    }

    #[test]
    fn intervals_for_due_soon() {
        let hours = |h: i64| Some(SignedDuration::from_hours(h));
        assert_eq!(interval(&rotation(None, Some(30), None)), hours(720));
        assert_eq!(
            interval(&rotation(Some("rate(6 hours)"), None, None)),
            hours(6)
        );
        assert_eq!(
            interval(&rotation(Some("cron(0 4 * * ? *)"), None, None)),
            hours(24)
        );
        assert_eq!(
            interval(&rotation(Some("cron(0 4/12 * * ? *)"), None, None)),
            hours(12)
        );
        assert_eq!(
            interval(&rotation(Some("cron(0 4 ? * MON *)"), None, None)),
            hours(168)
        );
        assert_eq!(
            interval(&rotation(Some("cron(0 4 1 * ? *)"), None, None)),
            hours(730)
        );
        assert_eq!(interval(&Rotation::default()), None);
    }

    #[test]
    fn the_current_schedule_is_the_prompts_starting_text_and_parses_back() {
        for r in [
            rotation(None, Some(30), None),
            rotation(Some("cron(0 4 1 * ? *)"), None, Some("3h")),
            rotation(Some("rate(12 hours)"), None, Some("2h")),
        ] {
            let text = current_input(&r);
            let change = ok(&text);
            assert_eq!(ok(&change.to_input()), change, "{text}");
        }
    }
}
