//! Command line and config file, merged. A bad config file fails at start with its path,
//! line and field, never with a panic.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use serde::Deserialize;

use jiff::SignedDuration;
use smtui_aws::clipboard::Mode as ClipboardMode;
use smtui_aws::regions::COMMERCIAL_REGIONS;
use smtui_core::app::keymap::{Keymap, KeysConfig};
use smtui_core::model::posture::PostureRules;
use smtui_core::model::rotation::Thresholds;

// Flags are bools on the command line; clap reads them best as such.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Parser)]
#[command(
    name = "smtui",
    version,
    about = "A terminal console for AWS Secrets Manager: every region at once, values masked until asked for."
)]
pub struct Cli {
    /// AWS profile (credentials come from the standard chain: env, profiles, SSO, credential_process).
    #[arg(long, global = true)]
    pub(crate) profile: Option<String>,
    /// Region to browse; repeat for several. Default: the profile's region plus the config file's.
    #[arg(long = "region", value_name = "REGION", global = true)]
    pub(crate) regions: Vec<String>,
    /// Browse every commercial region that Secrets Manager serves.
    #[arg(long, conflicts_with = "regions", global = true)]
    pub(crate) all_regions: bool,
    /// Send every AWS call to this endpoint (AWS_ENDPOINT_URL is honoured too).
    #[arg(long, value_name = "URL", global = true)]
    pub(crate) endpoint_url: Option<String>,
    /// Make every mutating action impossible.
    #[arg(long)]
    pub(crate) read_only: bool,
    /// Every ACTIVE account of the AWS Organization (from the management account or a
    /// delegated administrator), each through --org-role, pinned side by side.
    #[arg(long, global = true)]
    pub(crate) org: bool,
    /// The role assumed in each account with --org (a read-only one is recommended).
    #[arg(long, value_name = "NAME", requires = "org", global = true, default_value = smtui_core::model::org::DEFAULT_ROLE)]
    pub(crate) org_role: String,
    /// With --org: only the accounts of this organisational unit (its name or ou- ID) and
    /// of the units under it.
    #[arg(long, value_name = "OU", requires = "org", global = true)]
    pub(crate) org_unit: Option<String>,
    /// With --org: only the accounts whose name matches (`*` for any run of characters).
    #[arg(long, value_name = "PATTERN", requires = "org", global = true)]
    pub(crate) org_name: Option<String>,
    /// Config file. Default: $XDG_CONFIG_HOME/smtui/config.toml (or the platform's equivalent).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    /// Theme: a built-in name (default, light, high-contrast, catppuccin-mocha, gruvbox-dark,
    /// solarized-dark), one of yours in <config dir>/smtui/themes, or a path to a theme file.
    #[arg(long)]
    pub theme: Option<String>,
    /// No mouse: the terminal's own text selection works as usual (also `mouse = false` in
    /// the config file).
    #[arg(long)]
    pub(crate) no_mouse: bool,
    /// Clipboard: auto, system or osc52.
    #[arg(long, value_parser = parse_clipboard_mode)]
    pub(crate) clipboard: Option<ClipboardMode>,
    /// Write a log to this file (never contains secret values). No log is written otherwise.
    #[arg(long, value_name = "PATH", global = true)]
    pub log_file: Option<PathBuf>,
    /// Log filter, e.g. "info" or "smtui=debug,aws_config=info".
    #[arg(long, default_value = "info", global = true)]
    pub log_level: String,
    /// For measuring: quit once every region has been listed and drawn, then print the
    /// load's timings to stderr (used by scripts/bench-list).
    #[arg(long, hide = true)]
    pub exit_after_load: bool,
    /// Without a command: the TUI.
    #[command(subcommand)]
    pub command: Option<Subcommand>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Print every secret of the regions (name, region, ARN, dates, rotation, tags,
    /// description, deletion date; with --org, its account and the account's alias), for
    /// scripts; exit 2 when a region (or with --org an account) could not be listed (what
    /// did load is printed). Secrets scheduled for deletion are left out, as the TUI
    /// hides them, unless --deleted asks for them.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: crate::headless::list::Format,
        /// Only secrets where every word is in the name, region, description or a tag
        /// (`key=value`), ignoring case, as in the TUI's filter.
        #[arg(long, default_value = "")]
        filter: String,
        /// Also the secrets scheduled for deletion (the table marks them "(deleting DATE)";
        /// JSON and TSV give the date as scheduled_for_deletion).
        #[arg(long)]
        deleted: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell), e.g.
    /// `smtui completions bash > ~/.local/share/bash-completion/completions/smtui`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `smtui man > ~/.local/share/man/man1/smtui.1`.
    Man,
    /// Print the posture of every listed secret (the rotation overview's checks); exit 1
    /// when any check fails, 2 when a region (or with --access a policy) could not be read.
    Posture {
        #[arg(long, value_enum, default_value = "table")]
        format: crate::headless::posture::Format,
        /// Also check for public and other-account readers (reads each resource and key policy).
        #[arg(long)]
        access: bool,
        /// Also check that no value is shared with another secret: reads every value
        /// (BatchGetSecretValue; a GetSecretValue event in CloudTrail and a KMS decrypt per
        /// secret), compared by keyed hash, never printed.
        #[arg(long)]
        deep: bool,
    },
}

/// `completions` and `man`, printed from the CLI definition alone (no config, no AWS): the
/// exit code, or `None` for every other command.
pub fn generate(command: Option<&Subcommand>) -> Option<std::process::ExitCode> {
    let written = write_generated(command?, &mut std::io::stdout().lock())?;
    Some(match written {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("smtui: {e}");
            std::process::ExitCode::from(2)
        }
    })
}

fn write_generated(
    command: &Subcommand,
    out: &mut impl std::io::Write,
) -> Option<std::io::Result<()>> {
    use clap::CommandFactory as _;
    match command {
        Subcommand::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "smtui", out);
            Some(Ok(()))
        }
        Subcommand::Man => Some(render_man(out)),
        Subcommand::List { .. } | Subcommand::Posture { .. } => None,
    }
}

/// One manual page with every command on it: clap_mangen's own page would point at
/// `smtui-list(1)` and the like, pages no one installs.
fn render_man(out: &mut impl std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory as _;
    use clap_mangen::Man;
    let mut cli = Cli::command();
    cli.build();
    let man = Man::new(cli.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    let commands = cli
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help");
    for command in commands {
        writeln!(out, ".SS \"smtui {}\"", command.get_name())?;
        let page = Man::new(command.clone());
        // Each section's own heading (`.SH …`) goes: here they are parts of one command.
        for render in [Man::render_description_section, Man::render_options_section] {
            let mut section = Vec::new();
            render(&page, &mut section)?;
            let text = String::from_utf8_lossy(&section);
            for line in text.lines().filter(|l| !l.starts_with(".SH ")) {
                writeln!(out, "{line}")?;
            }
        }
    }
    man.render_version_section(out)
}

fn parse_clipboard_mode(text: &str) -> Result<ClipboardMode, String> {
    match text {
        "auto" => Ok(ClipboardMode::Auto),
        "system" => Ok(ClipboardMode::System),
        "osc52" => Ok(ClipboardMode::Osc52),
        other => Err(format!(
            "unknown clipboard mode {other:?} (auto, system, osc52)"
        )),
    }
}

/// The longest timeout the config accepts: a day. Longer is not a timeout any more (and a
/// huge number would overflow the clock).
pub(crate) const MAX_TIMEOUT_SECS: u64 = 86_400;

/// A timeout in seconds, checked when the file is read so a bad one is reported with its
/// line and field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeoutSecs(pub(crate) u64);

impl<'de> Deserialize<'de> for TimeoutSecs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let secs = u64::deserialize(deserializer)?;
        if secs > MAX_TIMEOUT_SECS {
            return Err(serde::de::Error::custom(format!(
                "{secs} s is more than a day; at most {MAX_TIMEOUT_SECS} (0 turns it off)"
            )));
        }
        Ok(Self(secs))
    }
}

/// A whole number within `MIN..=MAX`, checked when the file is read (so a bad one is
/// reported with its line and field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounded<const MIN: i64, const MAX: i64>(pub(crate) i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        if (MIN..=MAX).contains(&n) {
            Ok(Self(n))
        } else {
            Err(serde::de::Error::custom(format!(
                "{n} is out of range: {MIN} to {MAX}"
            )))
        }
    }
}

/// `[rotation]`: when the rotation panel calls a rotation stuck, and a next one due soon.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RotationConfig {
    /// AWSPENDING older than this many hours is stuck (default 2).
    pub(crate) stuck_after_hours: Option<Bounded<1, 720>>,
    /// The next rotation is "due soon" this many days ahead (default 7).
    pub(crate) due_soon_days: Option<Bounded<0, 365>>,
}

/// `[posture]`: the checks of the rotation overview and `smtui posture`.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PostureConfig {
    /// SecretsManager.1: rotation at least this frequent (default: any schedule passes).
    pub(crate) max_rotation_days: Option<Bounded<1, 1000>>,
    /// SecretsManager.4 (default 90).
    pub(crate) rotated_within_days: Option<Bounded<1, 3650>>,
    /// SecretsManager.3 (default 90).
    pub(crate) unused_days: Option<Bounded<1, 3650>>,
    /// SecretsManager.5: every secret carries these tag keys (default: at least one tag).
    #[serde(default)]
    pub(crate) required_tags: Vec<String>,
}

impl RotationConfig {
    pub fn thresholds(&self) -> Thresholds {
        let default = Thresholds::default();
        Thresholds {
            stuck_after: self
                .stuck_after_hours
                .map_or(default.stuck_after, |h| SignedDuration::from_hours(h.0)),
            due_soon: self
                .due_soon_days
                .map_or(default.due_soon, |d| SignedDuration::from_hours(24 * d.0)),
        }
    }
}

impl PostureConfig {
    pub fn rules(&self) -> PostureRules {
        let default = PostureRules::default();
        PostureRules {
            max_rotation_days: self.max_rotation_days.map(|d| d.0),
            rotated_within_days: self
                .rotated_within_days
                .map_or(default.rotated_within_days, |d| d.0),
            unused_days: self.unused_days.map_or(default.unused_days, |d| d.0),
            required_tags: self.required_tags.clone(),
        }
    }
}

/// `[accounts."123456789012"]` (or an alias pattern, `"*-prod"`): `label = "prod"` and
/// `style = "danger"` (the default: rows and title in the error colour, and a write wants
/// the label typed first) or `"warn"`.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct AccountConfig {
    label: String,
    #[serde(default)]
    style: AccountStyleConfig,
}

#[derive(Debug, Default, Deserialize, PartialEq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum AccountStyleConfig {
    #[default]
    Danger,
    Warn,
}

impl FileConfig {
    /// The `[accounts]` rules, as the core takes them: IDs first, in the file's order.
    pub fn account_rules(&self) -> smtui_core::model::accounts::AccountRules {
        use smtui_core::model::accounts::{AccountRule, AccountRules, AccountStyle};
        AccountRules(
            self.accounts
                .iter()
                .map(|(matches, config)| AccountRule {
                    matches: matches.clone(),
                    label: config.label.clone(),
                    style: match config.style {
                        AccountStyleConfig::Danger => AccountStyle::Danger,
                        AccountStyleConfig::Warn => AccountStyle::Warn,
                    },
                })
                .collect(),
        )
    }
}

/// The config file. Every field is optional.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub(crate) profile: Option<String>,
    #[serde(default)]
    pub(crate) regions: Vec<String>,
    pub(crate) reveal_timeout_secs: Option<TimeoutSecs>,
    pub(crate) clipboard_timeout_secs: Option<TimeoutSecs>,
    pub(crate) clipboard: Option<ClipboardMode>,
    pub theme: Option<String>,
    /// Clicks and the wheel (default on).
    pub(crate) mouse: Option<bool>,
    /// Listings in flight at once over every account and region (12 by default).
    pub(crate) listings_in_flight: Option<Bounded<1, 64>>,
    pub(crate) endpoint_url: Option<String>,
    /// Key bindings per layer (see `app::keymap`), as written.
    #[serde(default)]
    pub(crate) keys: KeysConfig,
    #[serde(default)]
    pub rotation: RotationConfig,
    #[serde(default)]
    pub posture: PostureConfig,
    /// `[accounts."ID or alias pattern"]`: a label and a style for accounts to handle with
    /// care.
    #[serde(default)]
    pub(crate) accounts: std::collections::BTreeMap<String, AccountConfig>,
    /// The default keymap with `keys` applied, checked when the file is read.
    #[serde(skip)]
    pub keymap: Keymap,
}

/// smtui's config directory (`config.toml`, `themes/`): `$SMTUI_CONFIG_DIR`, else `smtui`
/// in the platform's (`$XDG_CONFIG_HOME`). The local stack names one of its own, so the
/// demo neither reads the user's config nor writes next to it.
pub(crate) fn config_dir() -> Option<PathBuf> {
    dir_from("SMTUI_CONFIG_DIR", dirs::config_dir)
}

/// smtui's state directory (the roles it remembers): `$SMTUI_STATE_DIR`, else `smtui` in
/// the platform's (`$XDG_STATE_HOME`, or the local data directory where there is none).
/// The local stack names one of its own: a role assumed in the demo is never offered
/// against real AWS.
pub(crate) fn state_dir() -> Option<PathBuf> {
    dir_from("SMTUI_STATE_DIR", || {
        dirs::state_dir().or_else(dirs::data_local_dir)
    })
}

/// Where the roles assumed recently are kept; `None` when the platform has no state
/// directory.
pub fn recent_roles_path() -> Option<PathBuf> {
    state_dir().map(|dir| dir.join("recent-roles.toml"))
}

fn dir_from(variable: &str, platform: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
    match std::env::var_os(variable).filter(|dir| !dir.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => platform().map(|dir| dir.join("smtui")),
    }
}

impl FileConfig {
    /// Reads `path`; a missing default file is fine, a missing explicit one is not.
    pub fn load(path: Option<&Path>) -> Result<Self, String> {
        let explicit = path.is_some();
        let Some(path) = file_path(path) else {
            return Ok(Self::default());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let mut file: Self = toml::from_str(text).map_err(|e| e.to_string())?;
        file.keymap = Keymap::with_overrides(&file.keys, text)?;
        Ok(file)
    }
}

/// The config file smtui reads: `--config`'s, else `<config dir>/smtui/config.toml`.
pub fn file_path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => config_dir().map(|dir| dir.join("config.toml")),
    }
}

/// `--org` and its narrowing, as the org room takes them (`None` without `--org`).
pub fn org_options(cli: &Cli) -> Result<Option<smtui_core::model::org::OrgOptions>, String> {
    if !cli.org {
        return Ok(None);
    }
    let mut words = vec![format!("role={}", cli.org_role)];
    words.extend(cli.org_unit.iter().map(|unit| format!("unit={unit}")));
    words.extend(cli.org_name.iter().map(|name| format!("name={name}")));
    (words.join(" ").parse())
        .map(Some)
        .map_err(|why| format!("--org: {why}"))
}

/// `path` as a user would type it: under `home`, as `~/…`.
pub fn shown_path(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

/// What the app runs with, after merging CLI over config over defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub read_only: bool,
    pub reveal_timeout: Duration,
    pub clipboard_timeout: Duration,
    pub clipboard: ClipboardMode,
    pub(crate) theme: String,
    pub mouse: bool,
    /// Listings in flight at once over every account and region.
    pub listings_in_flight: usize,
}

pub fn resolve(cli: &Cli, file: &FileConfig) -> Resolved {
    Resolved {
        profile: cli.profile.clone().or_else(|| file.profile.clone()),
        endpoint_url: cli
            .endpoint_url
            .clone()
            .or_else(|| file.endpoint_url.clone()),
        read_only: cli.read_only,
        reveal_timeout: Duration::from_secs(file.reveal_timeout_secs.map_or(30, |t| t.0)),
        clipboard_timeout: Duration::from_secs(file.clipboard_timeout_secs.map_or(30, |t| t.0)),
        clipboard: cli.clipboard.or(file.clipboard).unwrap_or_default(),
        theme: cli
            .theme
            .clone()
            .or_else(|| file.theme.clone())
            .unwrap_or_else(|| "default".to_owned()),
        mouse: !cli.no_mouse && file.mouse.unwrap_or(true),
        listings_in_flight: file
            .listings_in_flight
            .and_then(|n| usize::try_from(n.0).ok())
            .unwrap_or(smtui_aws::runner::MAX_LISTING),
    }
}

/// The regions to browse: `--all-regions`, else `--region`s, else the profile's region plus
/// the config file's. Order kept, duplicates dropped.
pub fn regions(
    cli: &Cli,
    file: &FileConfig,
    profile_region: Option<String>,
) -> Result<Vec<String>, String> {
    let candidates: Vec<String> = if cli.all_regions {
        COMMERCIAL_REGIONS.iter().map(|r| (*r).to_owned()).collect()
    } else if !cli.regions.is_empty() {
        cli.regions.clone()
    } else {
        profile_region
            .into_iter()
            .chain(file.regions.iter().cloned())
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    for region in candidates {
        let region = region.trim().to_owned();
        let valid = !region.is_empty()
            && region
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Err(format!("{region:?} is not a region name"));
        }
        if !out.contains(&region) {
            out.push(region);
        }
    }
    if out.is_empty() {
        return Err("no region to browse: pass --region, set a region in the profile, or list regions in the config file".to_owned());
    }
    Ok(out)
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
