//! Creating a secret: its name (checked by the service's rules before anything is sent)
//! and description come from prompts, its value from the editor; the save is CreateSecret
//! with a ClientRequestToken, so a retry never makes a second secret. Also the password
//! generator (GetRandomPassword), which fills the editor at the cursor.

use zeroize::Zeroizing;

use crate::features::editor::Call;
use crate::features::editor::buffer::{KeyEffect, SecretBuffer};
use crate::features::editor::call::{NewSecret, PasswordOptions};
use crate::features::editor::check::Kind;
use crate::features::editor::{EditSession, Editor, Loaded, Phase, Prompt, Room};
use crate::model::{AwsError, SecretSummary, Tag};
use crate::room::layers::Layer;
use crate::room::revealed::Revealed;
use crate::room::{Ctx, Intent, Out};
use crate::secret::SecretValue;

/// The service's longest name.
const MAX_NAME: usize = 512;

/// Secrets Manager's rules for a name: ASCII letters, digits and `/_+=.@-`, at most 512
/// characters, and not ending in a hyphen and six characters (it would look like the
/// random suffix of an ARN, and partial-ARN lookups would find the wrong secret).
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_NAME {
        return Err(format!("A name has 1 to {MAX_NAME} characters"));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "/_+=.@-".contains(*c)))
    {
        return Err(format!(
            "{bad:?} is not allowed in a name (letters, digits and /_+=.@- are)"
        ));
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 7 && bytes[bytes.len() - 7] == b'-' {
        return Err(
            "A name may not end in a hyphen and six characters: it would look like an ARN's \
             suffix"
                .to_owned(),
        );
    }
    Ok(())
}

/// Parses the generator's options: a length (default 32) and any of `no-symbols`,
/// `no-numbers`, `no-uppercase`, `no-lowercase`, `spaces`.
pub(crate) fn password_options(text: &str) -> Result<PasswordOptions, String> {
    let mut options = PasswordOptions::default();
    for word in text.split_whitespace() {
        match word {
            "no-symbols" | "no-punctuation" => options.exclude_punctuation = true,
            "no-numbers" => options.exclude_numbers = true,
            "no-uppercase" => options.exclude_uppercase = true,
            "no-lowercase" => options.exclude_lowercase = true,
            "spaces" => options.include_space = true,
            number => {
                options.length = number
                    .parse::<u16>()
                    .ok()
                    .filter(|n| (1..=4096).contains(n))
                    .ok_or_else(|| format!("{number:?}: a length from 1 to 4096, or an option"))?;
            }
        }
    }
    Ok(options)
}

/// Parses the create options: `kms=KEY`, `tag:KEY=VALUE` (repeated), `replica=REGION`
/// (repeated) and `binary`, separated by spaces. A replica in the secret's own `region`, or
/// named twice, is refused here: the service would refuse it only after the value is typed.
pub(crate) fn create_options(
    text: &str,
    description: String,
    region: &str,
) -> Result<NewSecret, String> {
    let mut spec = NewSecret {
        description,
        ..NewSecret::default()
    };
    for word in text.split_whitespace() {
        if word == "binary" {
            spec.binary = true;
        } else if let Some(key) = word.strip_prefix("kms=").filter(|k| !k.is_empty()) {
            spec.kms_key = Some(key.to_owned());
        } else if let Some(replica) = word.strip_prefix("replica=") {
            let valid = !replica.is_empty()
                && replica
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(format!("{replica:?} is not a region name"));
            }
            if replica == region {
                return Err(format!(
                    "replica={replica}: the secret is created in {region}; a replica goes to \
                     another region"
                ));
            }
            if spec.replicas.iter().any(|r| r == replica) {
                return Err(format!("replica={replica} is named twice"));
            }
            spec.replicas.push(replica.to_owned());
        } else if let Some((key, value)) = word.strip_prefix("tag:").and_then(|t| t.split_once('='))
        {
            if key.is_empty() || key.to_ascii_lowercase().starts_with("aws:") {
                return Err(format!(
                    "{key:?}: a tag key, not empty and not starting with aws:"
                ));
            }
            spec.tags.push(Tag {
                key: key.into(),
                value: value.into(),
            });
        } else {
            return Err(format!(
                "{word:?}: options are kms=KEY, tag:KEY=VALUE, replica=REGION and binary"
            ));
        }
    }
    Ok(spec)
}

/// The value to send: the text, or for a binary secret the bytes its base64 stands for
/// (`None` when it is not valid base64).
pub(crate) fn value_of(spec: &NewSecret, text: &SecretValue) -> Option<SecretValue> {
    use base64::Engine as _;
    if !spec.binary {
        return Some(text.clone());
    }
    let typed: Zeroizing<String> = Zeroizing::new(text.expose_str()?.split_whitespace().collect());
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(typed.as_bytes())
        .ok()?;
    Some(SecretValue::from_bytes(bytes))
}

impl Editor {
    /// `create`: the name first (in the region of the selected row, else the first one).
    pub(crate) fn create(region: String, out: &mut Out<Room>) {
        out.intent(Intent::Prompt {
            label: format!("Name of the new secret in {region}"),
            initial: String::new(),
            purpose: Prompt::NewName { region },
        });
    }

    /// The name or the description was typed, or (over the open `session`) the options of
    /// a password to generate.
    pub(crate) fn create_prompted(
        session: Option<&EditSession>,
        purpose: Prompt,
        text: &str,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        match purpose {
            Prompt::NewName { region } => {
                let name = text.trim().to_owned();
                if let Err(why) = check_name(&name) {
                    out.warn(why);
                    out.intent(Intent::PromptAgain {
                        text: text.to_owned(),
                    });
                    return;
                }
                // A name already taken is refused by the service (ResourceExistsException),
                // with the value still in the editor.
                out.intent(Intent::Prompt {
                    label: format!("Description of {name} (may stay empty)"),
                    initial: String::new(),
                    purpose: Prompt::NewDescription { region, name },
                });
            }
            Prompt::NewDescription { region, name } => out.intent(Intent::Prompt {
                label: format!(
                    "Options for {name} (may stay empty): kms=KEY tag:KEY=VALUE replica=REGION binary"
                ),
                initial: String::new(),
                purpose: Prompt::NewOptions {
                    region,
                    name,
                    description: text.trim().to_owned(),
                },
            }),
            Prompt::NewOptions {
                region,
                name,
                description,
            } => {
                let spec = match create_options(text, description, &region) {
                    Ok(spec) => spec,
                    Err(why) => {
                        out.warn(why);
                        out.intent(Intent::PromptAgain {
                            text: text.to_owned(),
                        });
                        return;
                    }
                };
                let kind = if spec.binary { "binary, typed as base64" } else { "text or JSON" };
                let session = EditSession {
                    region,
                    secret: None,
                    name,
                    phase: Phase::Editing,
                    loaded: Some(Loaded {
                        base_version: String::new(),
                        original: SecretValue::from_bytes(Vec::new()),
                        buffer: SecretBuffer::new(""),
                        kind: Kind::Text,
                        token: None,
                        leftovers: Vec::new(),
                        overwrite: None,
                        warnings: Vec::new(),
                    }),
                    message: Some(format!("A new secret: type its value ({kind})")),
                    theirs: None,
                    creating: Some(spec),
                    revealed: Revealed::default(),
                    guard_typed: false,
                };
                out.open(session);
            }
            // The editor's save answers this one (`EditSession::guard_prompted`).
            Prompt::Guard { .. } => {}
            Prompt::PasswordOptions => match password_options(text) {
                Ok(options) => {
                    if let Some(session) = session {
                        out.call(ctx, Call::RandomPassword {
                            region: session.region.clone(),
                            options,
                        });
                    }
                }
                Err(why) => {
                    out.warn(why);
                    out.intent(Intent::PromptAgain {
                        text: text.to_owned(),
                    });
                }
            },
        }
    }
}

impl EditSession {
    /// `Ctrl-g`: asks for the generator's options.
    pub(crate) fn ask_password(&mut self, out: &mut Out<Room>) {
        let session = self;
        if let Phase::Form { field: None, .. } = session.phase {
            session.message =
                Some("Open a field (Enter), then Ctrl-g puts a password in it".to_owned());
            return;
        }
        if matches!(
            session.phase,
            Phase::Editing | Phase::Form { field: Some(_), .. }
        ) {
            out.intent(Intent::Prompt {
                label: "Generate a password: length and options (no-symbols no-numbers \
                        no-uppercase no-lowercase spaces)"
                    .to_owned(),
                initial: "32".to_owned(),
                purpose: Prompt::PasswordOptions,
            });
        }
    }

    /// A generated password arrived: typed in at the cursor, within the size limit.
    pub(crate) fn password_generated(&mut self, result: Result<SecretValue, AwsError>, ctx: &Ctx) {
        let session = self;
        // Only while the text or a form field is being edited: not into a review, a save on
        // its way, or the hidden text behind form mode.
        let buffer = match &mut session.phase {
            Phase::Form {
                field: Some(field), ..
            } => Some(field.as_mut()),
            Phase::Editing => session.loaded.as_mut().map(|loaded| &mut loaded.buffer),
            _ => None,
        };
        let Some(buffer) = buffer else {
            if result.is_ok() {
                session.message = Some(
                    "The generated password was not inserted: the text was no longer being edited"
                        .to_owned(),
                );
            }
            return;
        };
        match result {
            Ok(password) => {
                let text = password.expose_str().unwrap_or_default();
                for c in text.chars() {
                    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
                    if buffer.key(key) == KeyEffect::TooLarge {
                        session.message =
                            Some("The password did not fit: the value is full".to_owned());
                        return;
                    }
                }
                session.message = Some(format!("Generated {} characters", text.chars().count()));
            }
            Err(error) => session.message = Some(format!("No password: {}", ctx.explain(&error))),
        }
    }

    /// The answer to CreateSecret.
    pub(crate) fn created(
        &mut self,
        name: &str,
        token: &str,
        result: Result<crate::ids::Arn, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let session = self;
        if session.name != name || !session.awaits(token) {
            return;
        }
        session.phase = Phase::Editing;
        match result {
            Ok(arn) => {
                out.info(format!("Created {} in {}", session.name, session.region));
                let row = SecretSummary {
                    description: session
                        .creating
                        .as_ref()
                        .filter(|spec| !spec.description.is_empty())
                        .map(|spec| spec.description.as_str().into()),
                    ..SecretSummary::bare(
                        ctx.stamp.identity,
                        arn,
                        session.name.clone(),
                        &session.region,
                    )
                };
                out.intent(Intent::AddRow(Box::new(row)));
                out.intent(Intent::Close(Layer::Editor));
            }
            Err(error) => {
                session.message = Some(format!(
                    "Not created: {}. Your text is still here; saving again is safe",
                    ctx.explain(&error)
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_service_rules() {
        assert!(check_name("prod/payments/stripe-key").is_ok());
        assert!(check_name("a.b@c+d=e_f").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("has space").is_err());
        assert!(check_name("ünïcode").is_err());
        assert!(check_name(&"x".repeat(513)).is_err());
        assert!(check_name("db-AbCdEf").is_err(), "looks like an ARN suffix");
        assert!(check_name("db-AbCdE").is_ok());
    }

    #[test]
    fn create_options_parse_and_say_what_is_wrong() {
        let spec = create_options(
            "kms=alias/prod tag:team=payments tag:env=prod replica=eu-west-1 binary",
            "d".into(),
            "us-east-1",
        )
        .expect("valid");
        assert_eq!(spec.kms_key.as_deref(), Some("alias/prod"));
        assert_eq!(spec.tags.len(), 2);
        assert_eq!(spec.replicas, ["eu-west-1"]);
        assert!(spec.binary);
        assert!(create_options("", String::new(), "us-east-1").is_ok());
        assert!(create_options("tag:aws:x=1", String::new(), "us-east-1").is_err());
        assert!(create_options("replica=EU", String::new(), "us-east-1").is_err());
        assert!(create_options("colour=blue", String::new(), "us-east-1").is_err());
        let own = create_options("replica=us-east-1", String::new(), "us-east-1");
        assert!(own.is_err_and(|why| why.contains("a replica goes to another region")));
        let twice = create_options("replica=eu-west-1 replica=eu-west-1", String::new(), "x");
        assert!(twice.is_err_and(|why| why.contains("named twice")));
        let binary = NewSecret {
            binary: true,
            ..NewSecret::default()
        };
        let decoded = value_of(&binary, &SecretValue::from_string("AAEC\n/w==".into()));
        assert_eq!(
            decoded.map(|v| v.expose().to_vec()),
            Some(vec![0, 1, 2, 255])
        );
        assert!(value_of(&binary, &SecretValue::from_string("not base64!".into())).is_none());
    }

    #[test]
    fn password_options_parse() {
        let o = password_options("24 no-symbols spaces").expect("valid");
        assert_eq!(o.length, 24);
        assert!(o.exclude_punctuation && o.include_space && !o.exclude_numbers);
        assert_eq!(password_options("").expect("defaults").length, 32);
        assert!(password_options("0").is_err());
        assert!(password_options("long").is_err());
    }
}
