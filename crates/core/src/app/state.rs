//! The whole app state: the rooms side by side, the layer stack, the footer's message and
//! the settings. Rendering reads it; only the router (`update`) changes it.

use std::time::Instant;

use crate::app::confirm;
use crate::app::help::Help;
use crate::app::keymap::Keymap;
use crate::app::palette::Palette;
use crate::app::prompt::PromptRoom;
use crate::app::rooms::Rooms;
use crate::app::stack::Layers;
use crate::features::appearance::Appearance;
use crate::features::browse::Browse;
use crate::features::clipboard::ClipboardRoom;
use crate::features::detail::{CachedDetail, Details};
use crate::features::messages::footer::Footer;
use crate::features::reveal::Reveal;
use crate::features::session::Session;
use crate::ids::IdentityId;
use crate::model::SecretSummary;
use crate::room::layers::{Focus, Layer, Tab};
use crate::room::settings::Settings;
use crate::room::{Ctx, StatusLine};

#[derive(Debug)]
pub struct State {
    pub settings: Settings,
    pub keymap: Keymap,
    pub layers: Layers,
    pub session: Session,
    pub browse: Browse,
    pub details: Details,
    pub reveal: Reveal,
    pub clipboard: ClipboardRoom,
    pub help: Help,
    pub palette: Palette,
    pub(crate) prompt: PromptRoom,
    /// Every registered room's state (`app/rooms/`).
    pub rooms: Rooms,
    /// Who can read each secret whose access was read this session, by row (the fleet
    /// overview's access checks); an identity's go with it.
    pub access: crate::model::posture::AccessFindings,
    /// The pane a narrow screen shows (the value pane whenever it has focus).
    pub(crate) tab: Tab,
    /// Whether the last frame showed one pane under a tab bar (recorded as it is drawn).
    pub(crate) tabs_shown: crate::kit::Drawn<bool>,
    /// The footer's message, and the layer it belongs to (see `features::messages::footer`).
    pub status: Option<Footer>,
    pub(crate) now: Instant,
    /// The wall clock at the last action (set by the run loop), for dates and relative
    /// times; `update` never reads a clock itself.
    pub wall: jiff::Timestamp,
    /// Fresh random bytes for the action being handled, set by the run loop before each
    /// one as it sets `wall` (the core reads no random source itself). The editor mints a
    /// save's ClientRequestToken from them.
    pub nonce: [u8; 16],
    pub quit: bool,
}

impl State {
    pub fn new(settings: Settings, regions: &[String], now: Instant) -> Self {
        Self {
            session: Session::new(settings.home_region.clone()),
            settings,
            keymap: Keymap::default(),
            layers: Layers::default(),
            browse: Browse::new(regions),
            details: Details::default(),
            reveal: Reveal::default(),
            clipboard: ClipboardRoom::default(),
            help: Help::default(),
            palette: Palette::default(),
            prompt: PromptRoom::default(),
            rooms: Rooms::default(),
            access: crate::model::posture::AccessFindings::new(),
            tab: Tab::default(),
            tabs_shown: crate::kit::Drawn::default(),
            status: None,
            now,
            wall: jiff::Timestamp::UNIX_EPOCH,
            nonce: [0; 16],
            quit: false,
        }
    }

    /// Hardening that failed at start (core dumps still on): said in the footer from the
    /// first frame, not only in an optional log.
    #[must_use]
    pub fn with_hardening_failure(mut self, why: Option<&str>) -> Self {
        if let Some(why) = why {
            self.status = Some(Footer::new(StatusLine {
                level: crate::room::Level::Warn,
                text: crate::sanitize::sanitize_line(&format!(
                    "Core dumps could not be disabled ({why}): a crash could write memory, \
                     values included, to disk"
                ))
                .into_owned(),
            }));
        }
        self
    }

    /// The themes that can be chosen (`T`), and the one drawn.
    #[must_use]
    pub fn with_themes(mut self, themes: Vec<crate::kit::Theme>, active: usize) -> Self {
        let config_file = self.rooms.appearance.config_file.take();
        self.rooms.appearance = Appearance::new(themes, active);
        self.rooms.appearance.config_file = config_file;
        self
    }

    /// The config file a theme is kept in, as shown to the user (the theme picker names it).
    #[must_use]
    pub fn with_config_file(mut self, shown: Option<String>) -> Self {
        self.rooms.appearance.config_file = shown;
        self
    }

    /// A warning for the footer from the first frame (a theme that could not be used),
    /// after any already there.
    #[must_use]
    pub fn with_start_warning(mut self, warning: Option<String>) -> Self {
        let Some(warning) = warning else {
            return self;
        };
        let text = match self.status.take() {
            Some(earlier) => format!("{} · {warning}", earlier.line.text),
            None => warning,
        };
        self.status = Some(Footer::new(StatusLine {
            level: crate::room::Level::Warn,
            text: crate::sanitize::sanitize_line(&text).into_owned(),
        }));
        self
    }

    /// The roles assumed recently, as read from `path`, where a switch remembers them
    /// again (none: nothing remembered).
    #[must_use]
    pub fn with_recent_roles(
        mut self,
        path: Option<std::path::PathBuf>,
        roles: Vec<crate::recent::RecentRole>,
    ) -> Self {
        self.session.recent = roles;
        self.session.recent_path = path;
        self
    }

    /// `smtui --org`: the organisation's accounts are pinned once who smtui is is known.
    #[must_use]
    pub fn with_org(mut self, options: Option<crate::features::org::OrgOptions>) -> Self {
        if let Some(options) = options {
            self.rooms.org.start_with(options);
        }
        self
    }

    /// The profile smtui started with, for the title.
    #[must_use]
    pub fn with_start_profile(mut self, profile: Option<String>) -> Self {
        self.session.start_profile = profile;
        self.hand_sso_logins();
        self
    }

    /// The profiles of the user's AWS config, for the role switcher.
    #[must_use]
    pub fn with_profiles(mut self, profiles: Vec<crate::model::ProfileInfo>) -> Self {
        self.session.profiles = profiles;
        self.hand_sso_logins();
        self
    }

    /// The Identity Center room's sign-ins, from the profiles: the start profile's first
    /// (what `sso-login` signs in to), followed through its chain of roles.
    fn hand_sso_logins(&mut self) {
        let mut logins = crate::model::sso::logins(&self.session.profiles);
        let own = self
            .session
            .start_profile
            .as_deref()
            .and_then(|start| crate::model::sso::login_of(&self.session.profiles, start))
            .map(|login| login.cache_key().to_owned());
        if let Some(at) = own.and_then(|key| logins.iter().position(|l| l.cache_key() == key)) {
            let login = logins.remove(at);
            logins.insert(0, login);
        }
        self.rooms.sso.set_logins(logins);
    }

    #[must_use]
    pub fn with_keymap(mut self, keymap: Keymap) -> Self {
        self.keymap = keymap;
        self
    }

    /// How each held identity's account is named (its alias, else its ID; who the identity
    /// is until GetCallerIdentity has answered as it), in the order held: the account ×
    /// region bar's names.
    pub fn held_accounts(&self) -> Vec<(IdentityId, String)> {
        self.browse
            .identities()
            .into_iter()
            .map(|identity| {
                let name = self.account_name(identity);
                if self.session.expired(identity, self.wall) {
                    (identity, format!("{name} (credentials expired)"))
                } else {
                    (identity, name)
                }
            })
            .collect()
    }

    /// The accounts an organisation's discovery could not assume a role in, with why (the
    /// account bar's last entries).
    pub fn refused_accounts(&self) -> Vec<(String, String)> {
        self.rooms.org.refused()
    }

    /// Whether an organisation's accounts are still to come (`--exit-after-load` waits).
    pub fn discovering(&self) -> bool {
        self.rooms.org.busy()
    }

    /// How `identity`'s account is named: its alias, else its ID (from who it is, or from
    /// the role it assumed), else who it is.
    pub fn account_name(&self, identity: IdentityId) -> String {
        if let Some(account) = self.account_id(identity) {
            return self.browse.list.account_label(account).to_owned();
        }
        (self.session.known.iter())
            .find(|k| k.identity.id == identity)
            .map_or_else(|| "…".to_owned(), |k| k.identity.short_name())
    }

    /// The account a write as `identity` goes to, for its confirmation, while several
    /// identities are held (with one, the title says who smtui is): the alias and the ID
    /// (`payments-prod (111122223333)`), the ID alone without an alias.
    pub fn write_account(&self, identity: IdentityId) -> Option<String> {
        if self.browse.identities().len() < 2 {
            return None;
        }
        let Some(account) = self.account_id(identity) else {
            return Some(self.account_name(identity));
        };
        let label = self.browse.list.account_label(account);
        Some(if label == account {
            label.to_owned()
        } else {
            format!("{label} ({account})")
        })
    }

    /// The account `identity` works in, when known (from who it is, or the role it
    /// assumed).
    pub fn account_id(&self, identity: IdentityId) -> Option<&str> {
        if let Some(Ok(caller)) = self.session.caller_of(identity) {
            return Some(&caller.account);
        }
        (self.session.known.iter())
            .find(|k| k.identity.id == identity)
            .and_then(|k| k.identity.account())
    }

    /// The label to type before a write as `identity`, when the config marks its account
    /// dangerous.
    pub fn write_guard(&self, identity: IdentityId) -> Option<String> {
        let account = self.account_id(identity)?;
        self.ctx().write_guard(account).map(str::to_owned)
    }

    /// The rule of the account the panes are about: the selected row's, else the one
    /// worked in (the title's badge).
    pub fn marked_account(&self) -> Option<&crate::model::accounts::AccountRule> {
        let identity = self
            .selected()
            .map_or(self.session.identity, |s| s.identity);
        let account = self.account_id(identity)?;
        (self.settings.accounts).find(account, self.browse.list.alias_of(account))
    }

    pub fn selected(&self) -> Option<&SecretSummary> {
        self.browse.list.selected()
    }

    /// The cached detail of the selected secret, if any.
    pub fn selected_detail(&self) -> Option<&CachedDetail> {
        let selected = self.selected()?;
        self.details.get(selected.identity, &selected.arn)
    }

    /// The read-only context rooms and views see.
    pub fn ctx(&self) -> Ctx<'_> {
        ctx_of(
            &self.settings,
            &self.session,
            &self.browse,
            Some(&self.details),
            &self.layers,
            (self.now, self.wall, self.nonce),
        )
    }

    /// The pane a narrow screen shows: the value pane while it has focus, else the tab
    /// chosen last.
    pub fn shown_tab(&self) -> Tab {
        if self.layers.focus() == Focus::Value {
            Tab::Value
        } else {
            self.tab
        }
    }

    /// Whether the top layer takes printable keys as text before any binding.
    pub(crate) fn takes_text(&self) -> bool {
        match self.layers.top() {
            Layer::Filter | Layer::Palette | Layer::Prompt | Layer::Roles => true,
            Layer::Confirm => self
                .layers
                .popup::<confirm::Popup>()
                .is_some_and(confirm::Popup::takes_text),
            // A room's popup says so itself (`Shown::takes_text`).
            _ => self
                .layers
                .top_popup()
                .is_some_and(crate::app::room::Popup::takes_text),
        }
    }

    /// The footer's message, or "" when it shows key hints.
    pub fn status_text(&self) -> &str {
        self.status.as_ref().map_or("", |s| s.line.text.as_str())
    }

    /// A secret's value may be on screen in clear: the value pane, or a popup that says it
    /// may (`Shown::shows_values`: the editor, its review or conflict, a comparison of
    /// versions with its values revealed). When this turns false the run loop forgets the
    /// drawn cells.
    pub fn shows_values(&self) -> bool {
        self.reveal.shows_value() || self.layers.shows_values()
    }

    /// A countdown is on screen, information waits to time out, or credentials held will
    /// expire (the tick renews them), so a once-a-second tick is useful.
    pub fn has_countdown(&self) -> bool {
        self.reveal.shows_value()
            || self.status.as_ref().is_some_and(Footer::times_out)
            || self.clipboard.has_countdown()
            || self.session.held_identities().any(|k| k.expires.is_some())
    }
}

/// A context from the parts of the state it reads, so the router can lend it to a room
/// while that room's own state is borrowed mutably. `details` is `None` for the detail
/// room itself.
pub(crate) fn ctx_of<'a>(
    settings: &'a Settings,
    session: &'a Session,
    browse: &'a Browse,
    details: Option<&'a Details>,
    layers: &Layers,
    (now, wall, nonce): (Instant, jiff::Timestamp, [u8; 16]),
) -> Ctx<'a> {
    let selected = browse.list.selected();
    Ctx {
        settings,
        now,
        wall,
        nonce,
        stamp: session.stamp(),
        held: session.held_stamps(),
        selected,
        detail: selected
            .and_then(|s| details?.get(s.identity, &s.arn))
            .map(|d| &d.result),
        identity: session.caller(),
        callers: session.callers(),
        focus: layers.focus(),
        aliases: browse.list.aliases(),
    }
}
