//! The role switcher (`role`): the profiles of the user's AWS config, "another role by its
//! ARN", and the identity before (role-back), with a filter typed as text. Opened to pin
//! (`pin`), it offers the same identities, to hold beside those held; opened to unpin
//! (`unpin`), the identities pinned.

use ratatui::Frame;

use crate::features::session::Command as SessionCommand;
use crate::features::session::{Origin, Out, Room, Session};
use crate::kit::{Cursor, Theme};
use crate::model::{ProfileInfo, ProfileKind};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{Intent, TextEdit};

/// What an entry of the switcher does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    Profile(String),
    /// A role assumed before, by its ARN.
    Recent(crate::ids::Arn),
    AssumeByArn,
    /// GetSessionToken with an MFA code.
    MfaSession,
    Back,
    /// Stop holding this pinned identity.
    Unpin(crate::ids::IdentityId),
    /// The accounts and roles IAM Identity Center grants through this sign-in.
    Portal(crate::model::sso::SsoLogin),
}

/// What the switcher was opened for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Purpose {
    /// Work as the identity chosen (the one before is no longer held).
    #[default]
    Switch,
    /// Hold the identity chosen beside those held: its secrets join the list.
    Pin,
    /// Stop holding a pinned identity.
    Unpin,
}

impl Purpose {
    /// The switcher's title.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Purpose::Switch => " Switch identity ",
            Purpose::Pin => " Pin an identity beside those held ",
            Purpose::Unpin => " Unpin an identity ",
        }
    }

    /// The line the filter is typed on.
    pub(crate) fn prompt(self) -> &'static str {
        match self {
            Purpose::Switch => "Work as: ",
            Purpose::Pin => "Pin: ",
            Purpose::Unpin => "Unpin: ",
        }
    }
}

/// One line of the switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    pub(crate) detail: String,
    pub(crate) choice: Choice,
}

/// The switcher popup, on the layer stack while open: the filter typed and the highlighted
/// entry (the entries come from the session). Closing it drops it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Switcher {
    pub(crate) input: String,
    pub(crate) selected: Cursor,
    pub purpose: Purpose,
}

/// It takes its keys with the session, lent beside it by the router.
impl Shown<Room> for Switcher {
    fn layer(&self) -> Layer {
        Layer::Roles
    }

    /// Nothing fetched as an identity: it stays whoever smtui works as.
    fn holds(&self) -> Holds {
        Holds::Nothing
    }

    /// Drawn with the session the frame lends: the identities it lists are the session's.
    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        if let Some(session) = around.lent::<Session>() {
            super::view::render_switcher(frame, around.whole, session, self, theme);
        }
    }
}

/// A profile in a few words: what it is, and whether it wants MFA.
fn describe(profile: &ProfileInfo) -> String {
    let mut text = match &profile.kind {
        ProfileKind::Plain => "keys or a credential process".to_owned(),
        ProfileKind::Role { role_arn, source } => match source {
            Some(source) => format!("role {role_arn} from {source}"),
            None => format!("role {role_arn}"),
        },
        ProfileKind::Sso { .. } => "IAM Identity Center".to_owned(),
    };
    if profile.mfa_serial.is_some() {
        text.push_str(" · MFA");
    }
    text
}

impl Session {
    /// The entries to switch to that the filter `input` lets through.
    pub fn switcher_entries(&self, input: &str) -> Vec<Entry> {
        self.entries_for(input, Purpose::Switch)
    }

    /// The entries the filter `input` lets through, for `purpose`: pinning offers what
    /// switching does but going back; unpinning, the identities pinned.
    pub fn entries_for(&self, input: &str, purpose: Purpose) -> Vec<Entry> {
        let needle = input.to_lowercase();
        if purpose == Purpose::Unpin {
            let entries = self.pinned_entries();
            return best_first(&needle, &entries);
        }
        // What smtui works as now is not offered as somewhere to switch to, nor what is
        // held already as somewhere to pin.
        let taken: Vec<&Origin> = match purpose {
            Purpose::Pin => self.held_identities().map(|k| &k.origin).collect(),
            _ => self.current().map(|k| &k.origin).into_iter().collect(),
        };
        let is_current_profile = |name: &str| {
            taken
                .iter()
                .any(|o| matches!(o, Origin::Profile(p) | Origin::MfaProfile(p) if p == name))
        };
        let is_current_role = |arn: &crate::ids::Arn| {
            taken
                .iter()
                .any(|o| matches!(o, Origin::Role { role_arn, .. } if role_arn == arn))
        };
        let mut entries: Vec<Entry> = self
            .profiles
            .iter()
            .filter(|p| !is_current_profile(&p.name))
            .map(|p| Entry {
                label: format!("profile {}", p.name),
                detail: describe(p),
                choice: Choice::Profile(p.name.clone()),
            })
            .collect();
        entries.extend(
            self.recent
                .iter()
                .filter(|r| !is_current_role(&r.role_arn))
                .map(|r| Entry {
                    label: format!(
                        "role {}",
                        r.role_arn.role_name().unwrap_or(r.role_arn.as_str())
                    ),
                    detail: format!(
                        "{} · recent, used {} time{}",
                        r.role_arn,
                        r.uses,
                        if r.uses == 1 { "" } else { "s" }
                    ),
                    choice: Choice::Recent(r.role_arn.clone()),
                }),
        );
        entries.extend(self.sso_logins().into_iter().map(|login| Entry {
            label: format!("Identity Center {}…", login.name()),
            detail: format!(
                "every account and role the portal grants ({})",
                login.start_url
            ),
            choice: Choice::Portal(login),
        }));
        entries.push(Entry {
            label: "another role…".to_owned(),
            detail: "assume a role by its ARN".to_owned(),
            choice: Choice::AssumeByArn,
        });
        entries.push(Entry {
            label: "MFA session…".to_owned(),
            detail: "one MFA code (GetSessionToken), then MFA roles without another".to_owned(),
            choice: Choice::MfaSession,
        });
        if let Some(previous) = self.previous().filter(|_| purpose == Purpose::Switch) {
            let label = self
                .known
                .iter()
                .find(|k| k.identity.id == previous)
                .map_or_else(String::new, |k| k.identity.to_string());
            entries.insert(
                0,
                Entry {
                    label: "back".to_owned(),
                    detail: label,
                    choice: Choice::Back,
                },
            );
        }
        best_first(&needle, &entries)
    }

    /// Every identity held beside the one worked as, to unpin.
    fn pinned_entries(&self) -> Vec<Entry> {
        self.pinned()
            .map(|known| Entry {
                label: known.identity.short_name(),
                detail: known.identity.to_string(),
                choice: Choice::Unpin(known.identity.id),
            })
            .collect()
    }

    pub(crate) fn open_switcher(&mut self, purpose: Purpose, out: &mut Out) {
        if let Some(role) = &self.assuming {
            out.info(format!("Still switching to {role}"));
            return;
        }
        if purpose == Purpose::Unpin && self.pinned().next().is_none() {
            out.info("No identity is pinned: pin one beside this one with pin");
            return;
        }
        out.open(Switcher {
            purpose,
            ..Switcher::default()
        });
    }
}

impl Switcher {
    pub(crate) fn text(&mut self, edit: TextEdit) {
        edit.apply_to(&mut self.input);
        self.selected.set(0);
    }

    /// The switcher's keys, over `session`'s entries; what was chosen, for the router to
    /// act on.
    pub(crate) fn command(
        &mut self,
        session: &Session,
        command: Bind<SessionCommand>,
        out: &mut Out,
    ) -> Option<Choice> {
        let entries = session.entries_for(&self.input, self.purpose);
        if let Some(step) = command.as_move() {
            self.selected.apply(step, entries.len());
            return None;
        }
        match command {
            Bind::Verb(Verb::Select) => {
                let chosen = entries.get(self.selected.at()).map(|e| e.choice.clone());
                out.intent(Intent::Close(Layer::Roles));
                chosen
            }
            Bind::Verb(Verb::Back) => {
                out.intent(Intent::Close(Layer::Roles));
                None
            }
            _ => None,
        }
    }
}

/// `entries` the filter `needle` lets through, the best matches first.
fn best_first(needle: &str, entries: &[Entry]) -> Vec<Entry> {
    let texts: Vec<String> = entries
        .iter()
        .map(|e| format!("{} {}", e.label, e.detail))
        .collect();
    crate::fuzzy::best_first(needle, &texts)
        .into_iter()
        .map(|i| entries[i].clone())
        .collect()
}
