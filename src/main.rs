//! smtui binary: hardening, CLI and config, logging, terminal setup and teardown.

use std::panic::AssertUnwindSafe;
use std::process::ExitCode;

use clap::Parser as _;
use tokio::sync::mpsc;

use smtui::config::{self, Cli, FileConfig, Subcommand};
use smtui::{crash, hardening, headless, logging, tui};
use smtui_aws::clipboard::{self, Clipboard};
use smtui_aws::recent;
use smtui_aws::runner::Runner;
use smtui_aws::{AwsContext, ConnectOptions};
use smtui_core::app::{Settings, State};

fn main() -> ExitCode {
    // First of all: a crash must not leave a core file with secrets in it.
    tui::process_started();
    let hardening = hardening::disable_core_dumps();
    crash::install_hook();
    let cli = Cli::parse();
    // Generated from the CLI definition alone: no config, no AWS, no terminal.
    if let Some(generated) = config::generate(cli.command.as_ref()) {
        return generated;
    }
    // A panic on the UI thread unwinds to here (restoring the terminal and clearing the
    // clipboard on the way); one anywhere else has made the loop quit. Either way the
    // hook kept what happened, said here on the normal screen.
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        run(&cli, hardening.as_ref().err().map(String::as_str))
    }));
    if let Some(report) = crash::report_of_panic() {
        tracing::error!(report, "panic");
        eprintln!("smtui: {report}");
        return ExitCode::from(crash::EXIT_CODE);
    }
    match result {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(message)) => {
            eprintln!("smtui: {message}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(crash::EXIT_CODE),
    }
}

/// Runs the TUI, or the command asked for; the exit code.
fn run(cli: &Cli, hardening_error: Option<&str>) -> Result<u8, String> {
    let file = FileConfig::load(cli.config.as_deref())?;
    let resolved = config::resolve(cli, &file);
    let themes = smtui::themes::load(
        cli.theme.as_deref(),
        file.theme.as_deref(),
        smtui::themes::user_dir().as_deref(),
        smtui::themes::no_colour_requested(),
    )?;
    let theme = themes.active().clone();
    if let Some(path) = &cli.log_file {
        logging::init(path, &cli.log_level)?;
    }
    if let Some(why) = hardening_error {
        tracing::warn!(%why, "could not disable core dumps");
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let options = ConnectOptions {
            profile: resolved.profile.clone(),
            endpoint_url: resolved.endpoint_url.clone(),
        };
        let ctx = AwsContext::load(&options).await;
        tui::mark("aws config loaded");
        let home_region = ctx.default_region();
        let regions = config::regions(cli, &file, home_region.clone())?;
        if let Some(code) = headless_command(cli, &file, ctx.clone(), &regions).await? {
            return Ok(code);
        }
        tracing::info!(?regions, read_only = resolved.read_only, "starting");

        let settings = Settings {
            reveal_timeout: resolved.reveal_timeout,
            clipboard_timeout: resolved.clipboard_timeout,
            read_only: resolved.read_only,
            home_region,
            rotation: file.rotation.thresholds(),
            posture: file.posture.rules(),
            accounts: file.account_rules(),
            time_zone: jiff::tz::TimeZone::system(),
            user_name: std::env::var("USER").unwrap_or_else(|_| "user".to_owned()),
            ..Settings::default()
        };
        let (tx, rx) = mpsc::unbounded_channel();
        crash::wake_on_panic(tx.clone());
        let recent_path = config::recent_roles_path();
        let recent_roles = recent_path.as_deref().map(recent::load);
        let state = State::new(settings, &regions, std::time::Instant::now())
            .with_keymap(file.keymap.clone())
            .with_hardening_failure(hardening_error)
            .with_start_warning(themes.warning)
            .with_themes(themes.available, themes.active)
            .with_config_file(
                config::file_path(cli.config.as_deref())
                    .map(|path| config::shown_path(&path, dirs::home_dir().as_deref())),
            )
            .with_profiles(smtui_aws::profiles::list().await)
            .with_recent_roles(recent_path, recent_roles.unwrap_or_default())
            .with_start_profile(resolved.profile.clone())
            .with_org(config::org_options(cli)?);
        // Before raw mode: from here a terminating signal is a quit, not a death in raw mode.
        let signals = tui::Signals::new().map_err(|e| format!("signal handlers: {e}"))?;
        let screen = tui::Screen::enter(resolved.mouse).map_err(|e| format!("terminal: {e}"))?;
        let runner = Runner::new(
            ctx,
            tx,
            Clipboard::new(clipboard::backend_for(resolved.clipboard)),
        )
        .read_only(resolved.read_only)
        .listings_in_flight(resolved.listings_in_flight)
        .connect_options(options.clone());
        let measure = tui::Options::exit_after_load(cli.exit_after_load);
        // Restores the terminal, then says what the user should read (on the normal screen).
        // Boxed: the future holds the whole state, too large to move around on the stack.
        Box::pin(tui::run(
            screen, state, runner, rx, signals, &theme, measure,
        ))
        .await
        .map(|()| 0)
        .map_err(|e| format!("terminal error: {e}"))
    })
}

/// Writes what a command printed. A reader that stopped reading (`| head`) ends the output
/// quietly, as for any command-line tool: not a panic, and the exit code says nothing failed
/// on our side.
fn emit(stdout: &str, stderr: &str, code: u8) -> u8 {
    use std::io::Write as _;
    let written = std::io::stdout()
        .lock()
        .write_all(stdout.as_bytes())
        .and_then(|()| std::io::stdout().lock().flush());
    let _ = std::io::stderr().lock().write_all(stderr.as_bytes());
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "smtui: could not write the output: {e}");
            2
        }
    }
}

/// `smtui list` and `smtui posture`: printed, with their exit code (`None`: the TUI).
async fn headless_command(
    cli: &Cli,
    file: &FileConfig,
    ctx: AwsContext,
    regions: &[String],
) -> Result<Option<u8>, String> {
    if let Some(Subcommand::List {
        format,
        filter,
        deleted,
    }) = &cli.command
    {
        let listing = match config::org_options(cli)? {
            Some(options) => {
                let user = std::env::var("USER").unwrap_or_else(|_| "user".to_owned());
                headless::org::list_org(ctx, regions, &options, &user).await
            }
            None => headless::list_everything(ctx, regions).await,
        };
        let printed = headless::list::print(
            &listing,
            *format,
            (filter, *deleted),
            jiff::Timestamp::now(),
            file.rotation.thresholds(),
        );
        return Ok(Some(emit(&printed.stdout, &printed.stderr, printed.code)));
    }
    if let Some(Subcommand::Posture {
        format,
        access,
        deep,
    }) = &cli.command
    {
        let rules = (file.rotation.thresholds(), file.posture.rules());
        let org = config::org_options(cli)?;
        if org.is_some() && (*access || *deep) {
            return Err(
                "smtui posture: --access and --deep read each account's policies and values \
                 as its own identity, which --org does not do yet: run it per account"
                    .to_owned(),
            );
        }
        let user = std::env::var("USER").unwrap_or_else(|_| "user".to_owned());
        let org = org.as_ref().map(|options| (options, user.as_str()));
        let printed =
            headless::posture::run(ctx, (regions, org), (*format, *access, *deep), rules).await;
        return Ok(Some(emit(&printed.stdout, &printed.stderr, printed.code)));
    }
    Ok(None)
}
