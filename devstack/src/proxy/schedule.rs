//! Rotation rules as Secrets Manager takes them (`RotationRules`: AutomaticallyAfterDays,
//! ScheduleExpression, Duration) and when the next rotation is due under them.
//!
//! `ScheduleExpression` is `rate(N days)`, `rate(N hours)` or an EventBridge-style
//! `cron(Minutes Hours Day-of-month Month Day-of-week Year)`. The cron evaluator knows
//! numbers, names (JAN-DEC, SUN-SAT), `*`, `?`, ranges, lists, steps (`*/n`, `a/n`,
//! `a-b/n`), `L` (last day of the month), `dL` (last weekday d of the month) and `d#n`
//! (n-th weekday d). Not supported (rejected): `W`, `LW`, `L-n`. Times are UTC.

use jiff::civil::{Date, DateTime, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value, json};

/// How far ahead [`Cron::next_after`] looks before giving up.
const CRON_HORIZON_DAYS: i32 = 366 * 5;

/// The rules of one secret, exactly as last set by RotateSecret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rules {
    pub(crate) after_days: Option<i64>,
    pub(crate) schedule: Option<String>,
    pub(crate) duration: Option<String>,
}

impl Rules {
    /// From a request's `RotationRules` object; `Err` carries an InvalidParameterException
    /// message.
    pub(crate) fn from_json(v: &Value) -> Result<Rules, String> {
        let after_days = match v.get("AutomaticallyAfterDays") {
            None | Some(Value::Null) => None,
            Some(n) => Some(
                n.as_i64()
                    .filter(|d| (1..=1000).contains(d))
                    .ok_or("RotationRules.AutomaticallyAfterDays must be within 1-1000.")?,
            ),
        };
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let rules = Rules {
            after_days,
            schedule: text("ScheduleExpression"),
            duration: text("Duration"),
        };
        if let Some(s) = &rules.schedule {
            Schedule::parse(s)?;
        }
        if let Some(d) = &rules.duration {
            parse_window(d)?;
        }
        Ok(rules)
    }

    /// The `RotationRules` object of a DescribeSecret/ListSecrets answer.
    pub(crate) fn to_json(&self) -> Value {
        let mut m = Map::new();
        if let Some(d) = self.after_days {
            m.insert("AutomaticallyAfterDays".into(), json!(d));
        }
        if let Some(s) = &self.schedule {
            m.insert("ScheduleExpression".into(), json!(s));
        }
        if let Some(d) = &self.duration {
            m.insert("Duration".into(), json!(d));
        }
        Value::Object(m)
    }

    /// When the next rotation is due, counting from `anchor` (the last rotation, or when
    /// rotation was configured). A ScheduleExpression wins over AutomaticallyAfterDays.
    pub(crate) fn next_after(&self, anchor: Timestamp) -> Option<Timestamp> {
        match self.schedule.as_deref().map(Schedule::parse) {
            Some(Ok(Schedule::Every(every))) => anchor.checked_add(every).ok(),
            Some(Ok(Schedule::Cron(cron))) => cron.next_after(anchor),
            Some(Err(_)) => None,
            None => {
                let days = self.after_days?;
                anchor
                    .checked_add(SignedDuration::from_hours(days * 24))
                    .ok()
            }
        }
    }
}

/// `Duration`: the rotation window, `1h`..`24h`.
pub(crate) fn parse_window(d: &str) -> Result<u32, String> {
    d.strip_suffix('h')
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| (1..=24).contains(n))
        .ok_or_else(|| format!("Invalid Duration {d}: use 1h to 24h"))
}

/// A parsed `ScheduleExpression`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Schedule {
    Every(SignedDuration),
    Cron(Cron),
}

impl Schedule {
    pub(crate) fn parse(expr: &str) -> Result<Schedule, String> {
        let bad = |why: &str| format!("Invalid ScheduleExpression {expr}: {why}");
        if let Some(inner) = expr.strip_prefix("rate(").and_then(|s| s.strip_suffix(')')) {
            let mut parts = inner.split_whitespace();
            let n: i64 = parts
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|n| *n >= 1)
                .ok_or_else(|| bad("rate needs a positive number"))?;
            let hours = match (parts.next(), parts.next()) {
                (Some("day" | "days"), None) if n <= 1000 => n * 24,
                (Some("hour" | "hours"), None) if (4..=23).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "use rate(N days) with N <= 1000 or rate(N hours), 4 <= N <= 23",
                    ));
                }
            };
            return Ok(Schedule::Every(SignedDuration::from_hours(hours)));
        }
        if let Some(inner) = expr.strip_prefix("cron(").and_then(|s| s.strip_suffix(')')) {
            return Cron::parse(inner).map(Schedule::Cron).map_err(|e| bad(&e));
        }
        Err(bad("expected rate(...) or cron(...)"))
    }
}

/// Day-of-month field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Dom {
    Any,
    Days(u64),
    Last,
}

/// Day-of-week field; weekdays are 1 (SUN) ..= 7 (SAT) as in AWS cron.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Dow {
    Any,
    Days(u64),
    Nth(i8, i8),
    Last(i8),
}

/// A cron expression; each set is a bitmask of allowed values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cron {
    minutes: u64,
    hours: u64,
    dom: Dom,
    months: u64,
    dow: Dow,
    /// Years 1970..=2199 as offsets from 1970.
    years: Vec<bool>,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

fn value(s: &str, min: u32, max: u32, names: &[&str]) -> Result<u32, String> {
    let upper = s.to_ascii_uppercase();
    let v = match names.iter().position(|n| *n == upper) {
        Some(i) => u32::try_from(i).map_err(|e| e.to_string())? + min,
        None => s.parse().map_err(|_| format!("bad value {s}"))?,
    };
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} outside {min}-{max}"))
    }
}

/// The values a field allows, as `(lo, hi, step)` ranges.
fn ranges(field: &str, min: u32, max: u32, names: &[&str]) -> Result<Vec<(u32, u32, u32)>, String> {
    field
        .split(',')
        .map(|part| {
            let (range, step) = match part.split_once('/') {
                Some((r, s)) => (
                    r,
                    s.parse::<u32>()
                        .ok()
                        .filter(|s| *s >= 1)
                        .ok_or_else(|| format!("bad step in {part}"))?,
                ),
                None => (part, 1),
            };
            let (lo, hi) = if range == "*" {
                (min, max)
            } else if let Some((a, b)) = range.split_once('-') {
                (value(a, min, max, names)?, value(b, min, max, names)?)
            } else {
                let v = value(range, min, max, names)?;
                (v, if part.contains('/') { max } else { v })
            };
            if lo > hi {
                return Err(format!("empty range {part}"));
            }
            Ok((lo, hi, step))
        })
        .collect()
}

fn mask(field: &str, min: u32, max: u32, names: &[&str]) -> Result<u64, String> {
    let mut m = 0u64;
    for (lo, hi, step) in ranges(field, min, max, names)? {
        let mut v = lo;
        while v <= hi {
            m |= 1 << v;
            v += step;
        }
    }
    Ok(m)
}

fn has(mask: u64, v: i8) -> bool {
    u32::try_from(v).is_ok_and(|v| v < 64 && mask & (1 << v) != 0)
}

impl Cron {
    fn parse(inner: &str) -> Result<Cron, String> {
        let f: Vec<&str> = inner.split_whitespace().collect();
        let [min, hour, dom, month, dow, year] = f[..] else {
            return Err("cron needs 6 fields".into());
        };
        if (dom == "?") == (dow == "?") {
            return Err("exactly one of day-of-month and day-of-week must be ?".into());
        }
        let dom = match dom {
            "?" => Dom::Any,
            "L" => Dom::Last,
            d => Dom::Days(mask(d, 1, 31, &[])?),
        };
        let dow = if dow == "?" {
            Dow::Any
        } else if let Some((d, n)) = dow.split_once('#') {
            let d = value(d, 1, 7, &WEEKDAYS)?;
            let n = value(n, 1, 5, &[])?;
            Dow::Nth(i8::try_from(d).unwrap_or(1), i8::try_from(n).unwrap_or(1))
        } else if let Some(d) = dow.strip_suffix('L').filter(|d| !d.is_empty()) {
            Dow::Last(i8::try_from(value(d, 1, 7, &WEEKDAYS)?).unwrap_or(1))
        } else {
            Dow::Days(mask(dow, 1, 7, &WEEKDAYS)?)
        };
        let mut years = vec![false; 230];
        for (lo, hi, step) in ranges(year, 1970, 2199, &[])? {
            let mut y = lo;
            while y <= hi {
                years[(y - 1970) as usize] = true;
                y += step;
            }
        }
        Ok(Cron {
            minutes: mask(min, 0, 59, &[])?,
            hours: mask(hour, 0, 23, &[])?,
            dom,
            months: mask(month, 1, 12, &MONTHS)?,
            dow,
            years,
        })
    }

    fn day_matches(&self, d: Date) -> bool {
        let year_ok = usize::try_from(d.year() - 1970)
            .ok()
            .and_then(|i| self.years.get(i))
            .copied()
            .unwrap_or(false);
        if !year_ok || !has(self.months, d.month()) {
            return false;
        }
        let weekday = d.weekday().to_sunday_one_offset();
        let dom_ok = match &self.dom {
            Dom::Any => true,
            Dom::Days(m) => has(*m, d.day()),
            Dom::Last => d.day() == d.days_in_month(),
        };
        let dow_ok = match &self.dow {
            Dow::Any => true,
            Dow::Days(m) => has(*m, weekday),
            Dow::Nth(w, n) => weekday == *w && (d.day() - 1) / 7 + 1 == *n,
            Dow::Last(w) => weekday == *w && d.day() + 7 > d.days_in_month(),
        };
        dom_ok && dow_ok
    }

    /// The first matching minute strictly after `t`.
    pub(crate) fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        let start = t.to_zoned(TimeZone::UTC).datetime();
        let first_day = start.date();
        let mut day = first_day;
        for _ in 0..CRON_HORIZON_DAYS {
            if self.day_matches(day) {
                for h in 0..24_i8 {
                    for m in 0..60_i8 {
                        if !has(self.hours, h) || !has(self.minutes, m) {
                            continue;
                        }
                        let at = day.at(h, m, 0, 0);
                        if at > start {
                            return utc(at);
                        }
                    }
                }
            }
            day = day.tomorrow().ok()?;
        }
        None
    }
}

fn utc(dt: DateTime) -> Option<Timestamp> {
    dt.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// Midnight UTC of `t`'s day (AWS keeps LastAccessedDate to the day).
pub(crate) fn day_of(t: Timestamp) -> Timestamp {
    let d = t.to_zoned(TimeZone::UTC).date();
    utc(date(d.year(), d.month(), d.day()).at(0, 0, 0, 0)).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn next(expr: &str, from: &str) -> String {
        let Schedule::Cron(c) = Schedule::parse(expr).expect("parses") else {
            panic!("not cron")
        };
        c.next_after(ts(from)).expect("a next time").to_string()
    }

    #[test]
    fn cron_next_times() {
        assert_eq!(
            next("cron(0 4 1 * ? *)", "2026-11-25T20:00:00Z"),
            "2026-12-01T04:00:00Z"
        );
        assert_eq!(
            next("cron(0 4 1 * ? *)", "2026-12-01T04:00:00Z"),
            "2027-01-01T04:00:00Z"
        );
        assert_eq!(
            next("cron(0 4 1 * ? *)", "2026-12-01T03:59:00Z"),
            "2026-12-01T04:00:00Z"
        );
        // Every 6 hours on weekdays (2026-11-28 is a Saturday).
        assert_eq!(
            next("cron(0 */6 ? * MON-FRI *)", "2026-11-27T19:00:00Z"),
            "2026-11-30T00:00:00Z"
        );
        assert_eq!(
            next("cron(30 10 L * ? *)", "2027-02-03T00:00:00Z"),
            "2027-02-28T10:30:00Z"
        );
        // Second Tuesday; last Friday.
        assert_eq!(
            next("cron(0 9 ? * 3#2 *)", "2026-11-25T00:00:00Z"),
            "2026-12-08T09:00:00Z"
        );
        assert_eq!(
            next("cron(0 9 ? * 6L *)", "2026-11-01T00:00:00Z"),
            "2026-11-27T09:00:00Z"
        );
        assert_eq!(
            next("cron(0 0 1 JAN ? 2028)", "2026-11-01T00:00:00Z"),
            "2028-01-01T00:00:00Z"
        );
    }

    #[test]
    fn bad_expressions_are_rejected() {
        for bad in [
            "cron(0 4 1 * * *)",
            "cron(0 4 ? * ? *)",
            "cron(0 4 1 *)",
            "cron(61 4 1 * ? *)",
            "cron(0 4 1W * ? *)",
            "rate(2 hours)",
            "rate(0 days)",
            "rate(5 weeks)",
            "every day",
        ] {
            assert!(Schedule::parse(bad).is_err(), "{bad}");
        }
        assert!(parse_window("3h").is_ok());
        assert!(parse_window("25h").is_err());
        assert!(parse_window("3").is_err());
    }

    #[test]
    fn rules_round_trip_and_next_dates() {
        let v = json!({ "ScheduleExpression": "cron(0 4 1 * ? *)", "Duration": "3h" });
        let r = Rules::from_json(&v).expect("valid");
        assert_eq!(r.to_json(), v);
        let rate =
            Rules::from_json(&json!({ "ScheduleExpression": "rate(4 hours)" })).expect("valid");
        assert_eq!(
            rate.next_after(ts("2026-11-25T20:00:00Z")),
            Some(ts("2026-11-26T00:00:00Z"))
        );
        let days = Rules::from_json(&json!({ "AutomaticallyAfterDays": 30 })).expect("valid");
        assert_eq!(
            days.next_after(ts("2026-11-25T20:00:00Z")),
            Some(ts("2026-12-25T20:00:00Z"))
        );
        assert!(Rules::from_json(&json!({ "AutomaticallyAfterDays": 0 })).is_err());
        assert!(Rules::from_json(&json!({ "Duration": "0h" })).is_err());
        assert_eq!(
            Rules::default().next_after(ts("2026-11-25T20:00:00Z")),
            None
        );
        assert_eq!(
            day_of(ts("2026-11-25T20:13:14Z")),
            ts("2026-11-25T00:00:00Z")
        );
    }
}
