//! Secrets Manager's `cron()` expressions: six fields, checked field by field with the
//! service's rules, the hours they open windows at, and a description in plain words for
//! the common shapes.

use jiff::SignedDuration;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Day-of-week numbers run from 1 (Sunday) to 7 (Saturday).
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const NTH: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];

/// A checked `cron(Minutes Hours Day-of-month Month Day-of-week Year)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cron {
    hours: String,
    day_of_month: String,
    month: String,
    day_of_week: String,
}

impl Cron {
    /// Checks the six fields inside `cron(...)`.
    pub(crate) fn parse(inner: &str) -> Result<Cron, String> {
        let fields: Vec<&str> = inner.split_whitespace().collect();
        let [minutes, hours, dom, month, dow, year] = fields[..] else {
            return Err(format!(
                "cron({inner}) needs six fields: minutes hours day-of-month month \
                 day-of-week year"
            ));
        };
        if minutes != "0" {
            return Err(format!(
                "cron({inner}): minutes must be 0 (rotation windows open on the hour)"
            ));
        }
        if year != "*" {
            return Err(format!(
                "cron({inner}): year must be * (schedules more than a year apart are not \
                 supported)"
            ));
        }
        if (dom == "?") == (dow == "?") {
            return Err(format!(
                "cron({inner}): put `?` in exactly one of day-of-month and day-of-week"
            ));
        }
        expand(hours, 0, 23, &[])
            .map_err(|e| format!("cron({inner}): hours {hours:?}: {e} (0 to 23)"))?;
        let month_upper = month.to_ascii_uppercase();
        expand(&month_upper, 1, 12, &MONTHS)
            .map_err(|e| format!("cron({inner}): month {month:?}: {e} (1 to 12 or JAN to DEC)"))?;
        check_day_of_month(dom)
            .map_err(|e| format!("cron({inner}): day of the month {dom:?}: {e}"))?;
        let dow_upper = dow.to_ascii_uppercase();
        check_day_of_week(&dow_upper).map_err(|e| {
            format!("cron({inner}): day of the week {dow:?}: {e} (1 to 7 or SUN to SAT)")
        })?;
        Ok(Cron {
            hours: hours.to_owned(),
            day_of_month: dom.to_ascii_uppercase(),
            month: month_upper,
            day_of_week: dow_upper,
        })
    }

    /// The six fields, normalised (names upper case).
    pub(crate) fn fields(&self) -> [&str; 6] {
        [
            "0",
            &self.hours,
            &self.day_of_month,
            &self.month,
            &self.day_of_week,
            "*",
        ]
    }

    /// The hours of a day it opens a window at, in order.
    pub(crate) fn hours(&self) -> Option<Vec<u32>> {
        expand(&self.hours, 0, 23, &[]).ok()
    }

    /// Whether it runs on every day (so a window late at night is followed by one early
    /// the next morning).
    pub(crate) fn every_day(&self) -> bool {
        matches!(
            (self.day_of_month.as_str(), self.day_of_week.as_str()),
            ("*", "?") | ("?", "*")
        ) && self.month == "*"
    }

    /// About how long between two rotations.
    pub(crate) fn approximate_interval(&self) -> Option<SignedDuration> {
        let hours = self.hours()?;
        if hours.len() > 1 {
            let gap = hours.windows(2).map(|w| w[1] - w[0]).min()?;
            return Some(SignedDuration::from_hours(i64::from(gap)));
        }
        let per_year: i64 = match (self.day_of_month.as_str(), self.day_of_week.as_str()) {
            ("*", _) | (_, "*") => 365,
            ("?", dow) if !dow.contains(['#', 'L']) => {
                52 * i64::try_from(expand(dow, 1, 7, &DAYS).ok()?.len()).ok()?
            }
            (dom, "?") if !dom.contains(['/', 'W']) => {
                12 * i64::try_from(dom.split(',').count()).ok()?
            }
            _ => 12,
        };
        let months = i64::try_from(expand(&self.month, 1, 12, &MONTHS).ok()?.len()).ok()?;
        let per_year = (per_year * months / 12).max(1);
        Some(SignedDuration::from_hours(365 * 24 / per_year))
    }

    /// "04:00 UTC on the 1st of every month"; `None` for shapes it does not know how to say.
    pub(crate) fn describe(&self) -> Option<String> {
        let hours = self.hours()?;
        let times = join_words(
            &hours
                .iter()
                .map(|h| format!("{h:02}:00"))
                .collect::<Vec<_>>(),
        );
        let months = self.month_words()?;
        let days = match (self.day_of_month.as_str(), self.day_of_week.as_str()) {
            ("*", "?") | ("?", "*") if self.month == "*" => "every day".to_owned(),
            ("*", "?") | ("?", "*") => format!("every day in {months}"),
            ("L", "?") => format!("on the last day of {months}"),
            (dom, "?") => {
                let day: u32 = dom.parse().ok()?;
                format!("on the {} of {months}", ordinal(day))
            }
            ("?", dow) => self.weekdays(dow, &months)?,
            _ => return None,
        };
        Some(format!("{times} UTC {days}"))
    }

    fn weekdays(&self, dow: &str, months: &str) -> Option<String> {
        let in_months = if self.month == "*" {
            String::new()
        } else {
            format!(" in {months}")
        };
        if let Some((day, nth)) = dow.split_once('#') {
            let day = day_name(day)?;
            let nth = NTH.get(nth.parse::<usize>().ok()?.checked_sub(1)?)?;
            return Some(format!("on the {nth} {day} of {months}"));
        }
        if let Some((from, to)) = dow.split_once('-') {
            return Some(format!(
                "{} to {}{in_months}",
                day_name(from)?,
                day_name(to)?
            ));
        }
        let names: Option<Vec<String>> = dow
            .split(',')
            .map(|d| day_name(d).map(str::to_owned))
            .collect();
        Some(format!("every {}{in_months}", join_words(&names?)))
    }

    fn month_words(&self) -> Option<String> {
        if self.month == "*" {
            return Some("every month".to_owned());
        }
        if self.month.contains(['/', '-']) {
            return None;
        }
        let names: Option<Vec<String>> = self
            .month
            .split(',')
            .map(|m| {
                let index = name_or_number(m, 1, 12, &MONTHS).ok()?;
                MONTH_NAMES
                    .get(usize::try_from(index).ok()? - 1)
                    .map(|n| (*n).to_owned())
            })
            .collect();
        Some(join_words(&names?))
    }
}

fn day_name(text: &str) -> Option<&'static str> {
    let index = name_or_number(text, 1, 7, &DAYS).ok()?;
    DAY_NAMES.get(usize::try_from(index).ok()? - 1).copied()
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A number in `min..=max`, or one of `names` (the first is `min`).
fn name_or_number(text: &str, min: u32, max: u32, names: &[&str]) -> Result<u32, String> {
    if let Some(index) = names.iter().position(|n| *n == text) {
        return Ok(min + u32::try_from(index).map_err(|e| e.to_string())?);
    }
    let value: u32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a value"))?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} is out of range"))
    }
}

/// Every value a field of `*`, `a`, `a-b`, `a/s`, `a-b/s`, `*/s` items (comma separated)
/// stands for, sorted.
fn expand(field: &str, min: u32, max: u32, names: &[&str]) -> Result<Vec<u32>, String> {
    let mut values = Vec::new();
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => {
                let step: u32 = step
                    .parse()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or_else(|| format!("{step:?} is not a step"))?;
                (range, step)
            }
            None => (item, 1),
        };
        let (from, to) = match range {
            "*" => (min, max),
            _ => match range.split_once('-') {
                Some((a, b)) => (
                    name_or_number(a, min, max, names)?,
                    name_or_number(b, min, max, names)?,
                ),
                // `a/s` runs from a to the end; a lone `a` is just a.
                None if item.contains('/') => (name_or_number(range, min, max, names)?, max),
                None => {
                    let a = name_or_number(range, min, max, names)?;
                    (a, a)
                }
            },
        };
        if from > to {
            return Err(format!("{from}-{to} runs backwards"));
        }
        values.extend((from..=to).step_by(usize::try_from(step).map_err(|e| e.to_string())?));
    }
    values.sort_unstable();
    values.dedup();
    Ok(values)
}

fn check_day_of_month(field: &str) -> Result<(), String> {
    if matches!(field, "?" | "L" | "LW") {
        return Ok(());
    }
    if let Some(day) = field.strip_suffix('W') {
        return name_or_number(day, 1, 31, &[]).map(|_| ());
    }
    expand(field, 1, 31, &[])
        .map(|_| ())
        .map_err(|e| format!("{e} (1 to 31)"))
}

fn check_day_of_week(field: &str) -> Result<(), String> {
    if field == "?" {
        return Ok(());
    }
    if let Some((day, nth)) = field.split_once('#') {
        name_or_number(day, 1, 7, &DAYS)?;
        return name_or_number(nth, 1, 5, &[]).map(|_| ());
    }
    if let Some(day) = field.strip_suffix('L') {
        return name_or_number(day, 1, 7, &DAYS).map(|_| ());
    }
    expand(field, 1, 7, &DAYS).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_expand_to_the_values_they_stand_for() {
        assert_eq!(expand("4/12", 0, 23, &[]), Ok(vec![4, 16]));
        assert_eq!(expand("*/6", 0, 23, &[]), Ok(vec![0, 6, 12, 18]));
        assert_eq!(expand("1-3,7", 0, 23, &[]), Ok(vec![1, 2, 3, 7]));
        assert_eq!(expand("MON-WED", 1, 7, &DAYS), Ok(vec![2, 3, 4]));
        assert!(expand("5-2", 0, 23, &[]).is_err());
        assert!(expand("*/0", 0, 23, &[]).is_err());
    }

    #[test]
    fn ordinals() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .map(ordinal)
            .to_vec();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }
}
