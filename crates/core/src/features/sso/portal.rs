//! The Identity Center popup: one sign-in's accounts and roles, filtered as text is typed;
//! or, while the user is not signed in, the way to sign in and then the code to approve.

use ratatui::Frame;

use super::{Call, Command, IdentityCenter, Out};
use crate::kit::{Cursor, Theme};
use crate::model::sso::{PortalAccount, SsoLogin, SsoPick, roles_across};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{Ctx, Intent, TextEdit};

/// Where the popup is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// ListAccounts and the roles are on their way.
    Asking,
    Listed(Vec<PortalAccount>),
    /// No token, or an expired one: why, in words.
    SignedOut(String),
    /// The device sign-in is being started.
    Starting,
    /// The user is to open `uri` and approve `user_code` before `expires`.
    Approving {
        user_code: String,
        uri: String,
        uri_complete: Option<String>,
        expires: jiff::Timestamp,
    },
    Failed(String),
}

/// What an entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pick {
    SignIn,
    /// Pin the role in every account that grants it.
    Every(String),
    One {
        account_id: String,
        role_name: String,
    },
}

/// One line of the popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalEntry {
    pub label: String,
    pub detail: String,
    pub(crate) pick: Pick,
}

/// The popup, on the layer stack while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalView {
    pub login: SsoLogin,
    /// Whether what is chosen is pinned (opened from the switcher to pin).
    pub pin: bool,
    pub stage: Stage,
    pub(crate) input: String,
    pub(crate) selected: Cursor,
}

impl Shown<super::Room> for PortalView {
    fn layer(&self) -> Layer {
        Layer::Portal
    }

    /// Nothing fetched as an identity: the portal answers for the sign-in.
    fn holds(&self) -> Holds {
        Holds::Nothing
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        super::view::render(frame, around.whole, self, theme);
    }

    /// Typing filters the accounts and roles.
    fn takes_text(&self) -> bool {
        true
    }

    fn text(&mut self, edit: TextEdit) {
        PortalView::text(self, edit);
    }
}

impl PortalView {
    pub(crate) fn new(login: SsoLogin, pin: bool, stage: Stage) -> Self {
        Self {
            login,
            pin,
            stage,
            input: String::new(),
            selected: Cursor::default(),
        }
    }

    pub fn text(&mut self, edit: TextEdit) {
        edit.apply_to(&mut self.input);
        self.selected.set(0);
    }

    /// The entries the filter lets through, the best matches first: "every account as
    /// ROLE" for each role more than one account grants, then each account's roles; or the
    /// way to sign in.
    pub fn entries(&self) -> Vec<PortalEntry> {
        let entries = match &self.stage {
            Stage::Listed(accounts) => listed_entries(accounts),
            Stage::SignedOut(_) | Stage::Failed(_) => vec![PortalEntry {
                label: "sign in…".to_owned(),
                detail: format!("device login at {}", self.login.start_url),
                pick: Pick::SignIn,
            }],
            Stage::Asking | Stage::Starting | Stage::Approving { .. } => Vec::new(),
        };
        let texts: Vec<String> = entries
            .iter()
            .map(|e| format!("{} {}", e.label, e.detail))
            .collect();
        crate::fuzzy::best_first(&self.input.to_lowercase(), &texts)
            .into_iter()
            .map(|i| entries[i].clone())
            .collect()
    }
}

fn listed_entries(accounts: &[PortalAccount]) -> Vec<PortalEntry> {
    let mut entries: Vec<PortalEntry> = roles_across(accounts)
        .into_iter()
        .filter(|(_, with)| with.len() > 1)
        .map(|(role, with)| PortalEntry {
            label: format!("pin every account as {role} ({})", with.len()),
            detail: with
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            pick: Pick::Every(role),
        })
        .collect();
    for account in accounts {
        for role in &account.roles {
            entries.push(PortalEntry {
                label: format!("{} / {role}", account.name),
                detail: format!("{} · {}", account.id, account.email),
                pick: Pick::One {
                    account_id: account.id.clone(),
                    role_name: role.clone(),
                },
            });
        }
    }
    entries
}

impl IdentityCenter {
    /// A key in the popup.
    pub(crate) fn command(
        &mut self,
        view: &mut PortalView,
        command: Bind<Command>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        let entries = view.entries();
        if let Some(step) = command.as_move() {
            view.selected.apply(step, entries.len());
            return;
        }
        match command {
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Portal)),
            // Asked again only while nothing else is on its way (a sign-in waits on the user).
            Bind::Verb(Verb::Refresh)
                if matches!(view.stage, Stage::Listed(_) | Stage::Failed(_)) =>
            {
                view.stage = Stage::Asking;
                out.call(
                    ctx,
                    Call::Accounts {
                        login: view.login.clone(),
                    },
                );
            }
            Bind::Verb(Verb::Select) => {
                let Some(entry) = entries.get(view.selected.at()) else {
                    return;
                };
                match entry.pick.clone() {
                    Pick::SignIn => {
                        view.stage = Stage::Starting;
                        out.call(
                            ctx,
                            Call::StartSignIn {
                                login: view.login.clone(),
                            },
                        );
                    }
                    Pick::Every(role) => {
                        out.intent(Intent::Close(Layer::Portal));
                        if let Stage::Listed(accounts) = &view.stage {
                            self.pin_everywhere(view.login.clone(), &role, accounts, out);
                        }
                    }
                    Pick::One {
                        account_id,
                        role_name,
                    } => {
                        out.intent(Intent::Close(Layer::Portal));
                        out.intent(Intent::UseSsoRole {
                            login: view.login.clone(),
                            account_id,
                            role_name,
                            pick: if view.pin {
                                SsoPick::Pin
                            } else {
                                SsoPick::Switch
                            },
                        });
                    }
                }
            }
            _ => {}
        }
    }
}
