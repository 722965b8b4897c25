//! The schedule rules, one case per rule the service has, and the plain words.

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
        (
            "rate(1000 days)",
            "rate() takes 1 to 999 days (a plain number of days, 1 to 1000)",
        ),
        ("rate(0 days)", "rate() takes 1 to 999 days"),
        ("0", "(or rate(N hours), 4 to 23)"),
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
        ("30 window 3h", "write `rate(30 days) window 3h`"),
        ("999 window 3h", "write `rate(999 days) window 3h`"),
        ("1000 window 3h", "rate() runs to 999 days"),
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
