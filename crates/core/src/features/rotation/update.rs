//! The rotation room's actions. Each is confirmed first (the confirm layer holds the call)
//! and refused in read-only mode by the router before any question is asked; after each,
//! the secret is described again, so the panel shows what the service now says.

use crate::features::rotation::Call;
use crate::features::rotation::call::RotationRules;
use crate::features::rotation::{
    Prompt, Room, RotationRoom, Subject, function_name, relative, short_id,
};
use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::model::rotation::Health;
use crate::model::rotation::schedule::{self, Schedule, ScheduleChange};
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes, Out, Written};
use crate::sanitize::sanitize_line;

impl RotationRoom {
    /// `rotate`: RotateSecret now. While a rotation is stuck the service refuses a new one,
    /// so the repair is offered instead.
    pub(crate) fn rotate(&self, ctx: &Ctx, out: &mut Out<Room>) {
        let Some(subject) = described(ctx, out) else {
            return;
        };
        if let Some(pending) = pending_in_the_way(&subject, self, ctx, out) {
            out.warn(format!(
                "{}: {pending}; the service refuses a new rotation until it finishes or is \
                 repaired",
                subject.secret
            ));
            return;
        }
        if !subject.rotation.enabled && !subject.has_rotator() {
            out.info(format!(
                "{} has no rotation configured: set a schedule and a function first",
                subject.secret
            ));
            self.schedule(ctx, out);
            return;
        }
        let rotator = rotator(&subject);
        out.intent(Intent::Confirm(ConfirmRequest {
            question: format!(
                "Rotate {} in {} now? {rotator} makes a new version and moves AWSCURRENT to it; \
                 whatever reads the secret gets the new value from then on.",
                subject.secret, subject.secret.region
            ),
            on_yes: OnYes::call(
                ctx,
                Call::Rotate {
                    secret: subject.secret.clone(),
                },
            ),
            typed: None,
        }));
    }

    /// `rotation-schedule`: asks for the schedule, starting from the one set now. The
    /// service takes no new schedule while a rotation is pending (it is sent with
    /// RotateSecret), so that is said first, and a stuck one opens the repair.
    pub(crate) fn schedule(&self, ctx: &Ctx, out: &mut Out<Room>) {
        let Some(subject) = described(ctx, out) else {
            return;
        };
        if let Some(pending) = pending_in_the_way(&subject, self, ctx, out) {
            out.warn(format!(
                "{}: {pending}; the service takes no new schedule until it finishes or is \
                 repaired",
                subject.secret
            ));
            return;
        }
        out.intent(Intent::Prompt {
            label: format!(
                "Rotation schedule of {}: {}",
                subject.secret,
                schedule::SYNTAX
            ),
            initial: schedule::current_input(&subject.rotation),
            purpose: Prompt::Schedule {
                secret: subject.secret,
            },
        });
    }

    /// The schedule (and, when none is configured, the function) typed into the prompt.
    /// A mistake is explained and the prompt comes back with the text as typed.
    pub(crate) fn prompted(purpose: Prompt, text: &str, ctx: &Ctx, out: &mut Out<Room>) {
        match purpose {
            Prompt::Schedule { secret } => {
                let change = match schedule::parse(text) {
                    Ok(change) => change,
                    Err(why) => {
                        out.error(why);
                        out.intent(Intent::Prompt {
                            label: format!("Rotation schedule of {secret}: {}", schedule::SYNTAX),
                            initial: text.to_owned(),
                            purpose: Prompt::Schedule { secret },
                        });
                        return;
                    }
                };
                let subject = Subject::of(ctx).filter(|s| s.secret == secret);
                let needs_function = subject.as_ref().is_none_or(|s| !s.has_rotator());
                if needs_function {
                    out.intent(Intent::Prompt {
                        label: format!(
                            "{secret} has no rotation function: the ARN of the Lambda that \
                             rotates it"
                        ),
                        initial: String::new(),
                        purpose: Prompt::Function {
                            secret,
                            schedule: text.to_owned(),
                        },
                    });
                    return;
                }
                let rotator = subject.as_ref().map_or_else(String::new, rotator);
                confirm_schedule(secret, &change, None, &rotator, ctx, out);
            }
            Prompt::Function { secret, schedule } => {
                let function = text.trim();
                let Ok(change) = schedule::parse(&schedule) else {
                    return;
                };
                let Some(function_arn) = lambda_function(function) else {
                    out.error(format!(
                        "{:?} is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)",
                        sanitize_line(function)
                    ));
                    out.intent(Intent::Prompt {
                        label: format!("The ARN of the Lambda that rotates {secret}"),
                        initial: function.to_owned(),
                        purpose: Prompt::Function { secret, schedule },
                    });
                    return;
                };
                let rotator = format!("the function {}", function_name(function));
                confirm_schedule(secret, &change, Some(function_arn), &rotator, ctx, out);
            }
        }
    }

    /// `cancel-rotation`: CancelRotateSecret.
    pub(crate) fn cancel(ctx: &Ctx, out: &mut Out<Room>) {
        let Some(subject) = described(ctx, out) else {
            return;
        };
        if !subject.rotation.enabled && subject.stages.pending_elsewhere().is_none() {
            out.info(format!(
                "Automatic rotation of {} is already off",
                subject.secret
            ));
            return;
        }
        out.intent(Intent::Confirm(ConfirmRequest {
            question: format!(
                "Turn automatic rotation of {} off? It is no longer rotated on schedule (a \
                 rotation under way is cancelled; if AWSPENDING stays behind, repair-rotation \
                 removes it). The rotation settings can be set again with rotation-schedule.",
                subject.secret
            ),
            on_yes: OnYes::call(
                ctx,
                Call::CancelRotation {
                    secret: subject.secret,
                },
            ),
            typed: None,
        }));
    }

    /// `repair-rotation`: removes the AWSPENDING label a rotation left on another version.
    pub(crate) fn repair(ctx: &Ctx, out: &mut Out<Room>) {
        let Some(subject) = described(ctx, out) else {
            return;
        };
        let Some(pending) = subject.stages.pending_elsewhere() else {
            out.info(format!(
                "{} has no rotation to repair: AWSPENDING is on no version but AWSCURRENT's",
                subject.secret
            ));
            return;
        };
        let since = subject
            .stages
            .pending_since
            .map(|at| format!(" (put there {})", relative(at, ctx.wall)))
            .unwrap_or_default();
        let current = subject
            .stages
            .current
            .as_deref()
            .map_or_else(|| "the current version".to_owned(), short_id);
        out.intent(Intent::Confirm(ConfirmRequest {
            question: format!(
                "Remove the AWSPENDING label from version {} of {}{since}? The rotation that \
                 put it there is abandoned: the version stays, unlabelled, and AWSCURRENT \
                 ({current}) is untouched, so whatever reads the secret is unaffected. A new \
                 rotation can start afterwards.",
                short_id(pending),
                subject.secret
            ),
            on_yes: OnYes::call(
                ctx,
                Call::RemovePending {
                    secret: subject.secret.clone(),
                    version: pending.to_owned(),
                },
            ),
            typed: None,
        }));
    }

    /// The answer to a rotation write: said in the footer, then the secret is described
    /// again so the panel follows.
    pub(crate) fn wrote(
        call: &Call,
        result: Result<Written, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let secret = call.secret();
        let error = match result {
            Ok(written) => {
                out.info(done(call, &secret.name, &written));
                out.intent(Intent::SecretChanged {
                    secret: secret.clone(),
                });
                return;
            }
            Err(error) => error,
        };
        let in_progress = error.message.as_deref().is_some_and(|m| {
            let m = m.to_ascii_lowercase();
            m.contains("previous rotation") || m.contains("in progress")
        });
        let text = match call {
            // Refused before it began: nothing changed.
            _ if in_progress => format!(
                "{secret} unchanged: {} (repair-rotation removes a stuck AWSPENDING)",
                ctx.explain_as(secret.identity, &error)
            ),
            // RotateSecret can fail after it has started (its function missing, say),
            // leaving a new AWSPENDING version and the new schedule: never claimed
            // unchanged.
            Call::Rotate { .. } | Call::SetRotation { .. } => format!(
                "{secret}: the rotation did not go through: {}. The panel shows what the \
                 service left",
                ctx.explain_as(secret.identity, &error)
            ),
            _ => format!(
                "{secret} unchanged: {}",
                ctx.explain_as(secret.identity, &error)
            ),
        };
        out.error(text);
        // What the service refused may be because the panel was out of date.
        out.intent(Intent::SecretChanged {
            secret: secret.clone(),
        });
    }
}

/// The selected secret once described; otherwise asks for it and says so.
fn described(ctx: &Ctx, out: &mut Out<Room>) -> Option<Subject> {
    match ctx.detail {
        Some(Ok(_)) => Subject::of(ctx),
        Some(Err(error)) => {
            out.error(format!("Not changed: {}", ctx.explain_detail(error)));
            None
        }
        None if ctx.selected.is_some() => {
            out.info("Still describing the secret; try again in a moment");
            out.intent(Intent::Describe);
            None
        }
        None => None,
    }
}

/// What stands in the way of a new rotation, in words; a stuck one opens the repair.
fn pending_in_the_way(
    subject: &Subject,
    room: &RotationRoom,
    ctx: &Ctx,
    out: &mut Out<Room>,
) -> Option<String> {
    let pending = subject.stages.pending_elsewhere()?;
    let since = subject
        .stages
        .pending_since
        .map(|at| format!(" since {}", relative(at, ctx.wall)))
        .unwrap_or_default();
    let what = format!(
        "a rotation has AWSPENDING on version {}{since}",
        short_id(pending)
    );
    if subject.health(ctx, room) == Health::Stuck {
        RotationRoom::repair(ctx, out);
        return Some(format!("{what} and is stuck"));
    }
    Some(format!("{what} and is still running"))
}

/// Who runs the rotation, in words.
fn rotator(subject: &Subject) -> String {
    match (&subject.owning_service, &subject.rotation.lambda_arn) {
        (Some(service), _) => format!("{} (managed rotation)", sanitize_line(service)),
        (None, Some(function)) => {
            format!("The function {}", function_name(function.as_str()))
        }
        (None, None) => "The rotation function".to_owned(),
    }
}

/// The typed text as a Lambda function's ARN, parsed once here (`None` if it is not one).
fn lambda_function(text: &str) -> Option<crate::ids::Arn> {
    crate::ids::Arn::parse(text).ok().filter(|arn| {
        arn.service() == "lambda"
            && arn
                .resource()
                .strip_prefix("function:")
                .is_some_and(|name| !name.is_empty() && !name.starts_with(':'))
    })
}

fn confirm_schedule(
    secret: SecretRef,
    change: &ScheduleChange,
    lambda_arn: Option<crate::ids::Arn>,
    rotator: &str,
    ctx: &Ctx,
    out: &mut Out<Room>,
) {
    let (rules, words) = match &change.schedule {
        Schedule::Days(days) => (
            RotationRules {
                every_days: Some(*days),
                ..RotationRules::default()
            },
            format!("every {days} days"),
        ),
        Schedule::Expression(expr) => {
            let rotation = crate::model::Rotation {
                schedule: Some(expr.clone()),
                ..crate::model::Rotation::default()
            };
            (
                RotationRules {
                    schedule: Some(expr.clone()),
                    window: change.window_hours.map(|h| format!("{h}h")),
                    ..RotationRules::default()
                },
                format!(
                    "{} ({expr})",
                    schedule::describe(&rotation).unwrap_or_else(|| expr.clone())
                ),
            )
        }
    };
    let window = change
        .window_hours
        .map(|h| format!(", in a {h}-hour window"))
        .unwrap_or_default();
    let now = if change.rotate_now {
        format!(" and rotate it now ({rotator} runs at once)")
    } else {
        " without rotating it now".to_owned()
    };
    out.intent(Intent::Confirm(ConfirmRequest {
        question: format!("Rotate {secret} {words}{window},{now}?"),
        on_yes: OnYes::call(
            ctx,
            Call::SetRotation {
                secret,
                rules,
                lambda_arn,
                rotate_now: change.rotate_now,
            },
        ),
        typed: None,
    }));
}

fn done(call: &Call, name: &str, written: &Written) -> String {
    match (call, written) {
        (Call::Rotate { .. } | Call::SetRotation { .. }, Written::Rotated { version }) => {
            let version = version
                .as_deref()
                .map(|v| format!(" (new version {})", short_id(v)))
                .unwrap_or_default();
            format!("{name}: rotation started{version}; the panel follows it")
        }
        (Call::SetRotation { .. }, _) => format!("{name}: rotation schedule set"),
        (Call::CancelRotation { .. }, _) => format!("{name}: automatic rotation is off"),
        (Call::RemovePending { version, .. }, _) => format!(
            "{name}: AWSPENDING removed from version {}; it can rotate again",
            short_id(version)
        ),
        _ => format!("{name}: done"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_arns_are_recognised() {
        assert!(
            lambda_function("arn:aws:lambda:us-east-1:123456789012:function:rotate-db").is_some()
        );
        assert!(
            lambda_function("arn:aws-cn:lambda:cn-north-1:123456789012:function:rotate:live")
                .is_some()
        );
        for not in [
            "",
            "rotate-db",
            "arn:aws:iam::123456789012:role/x",
            "arn:aws:lambda:us-east-1:1:layer:x",
        ] {
            assert!(lambda_function(not).is_none(), "{not}");
        }
    }

    /// RotateSecret can fail after it started (a new AWSPENDING left behind): never said
    /// to have left the secret unchanged; refused before it began, it did.
    #[test]
    fn a_failed_rotation_is_not_claimed_unchanged() {
        let settings = crate::room::settings::Settings::default();
        let ctx = Ctx::bare(&settings, std::time::Instant::now());
        let said = |message: &str| {
            let call = Call::Rotate {
                secret: SecretRef::new(
                    crate::ids::IdentityId::START,
                    "us-east-1",
                    "arn:aws:secretsmanager:us-east-1:1:secret:s",
                    "s",
                )
                .expect("an ARN"),
            };
            let error = AwsError {
                kind: crate::model::ErrorKind::Other,
                operation: "RotateSecret",
                region: "us-east-1".into(),
                code: None,
                message: Some(message.into()),
            };
            let mut out = Out::<Room>::default();
            RotationRoom::wrote(&call, Err(error), &ctx, &mut out);
            out.status_text()
        };
        let failed = said("Resource not found for ARN 'arn:aws:lambda:…:function:rot'.");
        assert!(
            failed.contains("did not go through") && !failed.contains("unchanged"),
            "{failed}"
        );
        let refused = said("A previous rotation isn't complete.");
        assert!(refused.contains("unchanged"), "{refused}");
    }
}
