//! The command line and the config file: parsing, defaults, bad values refused.

use super::*;

fn cli(args: &[&str]) -> Cli {
    Cli::parse_from(std::iter::once("smtui").chain(args.iter().copied()))
}

#[test]
fn the_config_file_is_shown_under_home_as_a_user_types_it() {
    let home = Path::new("/home/ana");
    let file = Path::new("/home/ana/.config/smtui/config.toml");
    assert_eq!(shown_path(file, Some(home)), "~/.config/smtui/config.toml");
    assert_eq!(
        shown_path(Path::new("/etc/smtui.toml"), Some(home)),
        "/etc/smtui.toml"
    );
    assert_eq!(shown_path(file, None), file.display().to_string());
    let explicit = Path::new("team.toml");
    assert_eq!(file_path(Some(explicit)).as_deref(), Some(explicit));
}

#[test]
fn regions_merge_profile_and_config_without_duplicates() {
    let file = FileConfig {
        regions: vec!["eu-west-1".into(), "us-east-1".into()],
        ..Default::default()
    };
    let got = regions(&cli(&[]), &file, Some("us-east-1".into())).expect("regions");
    assert_eq!(got, ["us-east-1", "eu-west-1"]);
    let got = regions(
        &cli(&["--region", "ap-south-1"]),
        &file,
        Some("us-east-1".into()),
    )
    .expect("regions");
    assert_eq!(got, ["ap-south-1"]);
    assert!(
        regions(&cli(&["--all-regions"]), &file, None)
            .expect("all")
            .len()
            > 25
    );
    assert!(regions(&cli(&[]), &FileConfig::default(), None).is_err());
    assert!(regions(&cli(&["--region", "us-east-1;rm"]), &file, None).is_err());
}

#[test]
fn bad_config_names_line_and_field() {
    let err =
        FileConfig::parse("regions = [\"us-east-1\"]\nreveal_timout_secs = 5\n").expect_err("typo");
    assert!(
        err.contains("line 2") && err.contains("reveal_timout_secs"),
        "{err}"
    );
    let err = FileConfig::parse("[posture]\nunused_days = 0\n").expect_err("a zero day");
    assert!(
        err.contains("line 2") && err.contains("0 is out of range: 1 to 3650"),
        "{err}"
    );
    let err = FileConfig::parse("clipboard = \"x11\"\n").expect_err("bad mode");
    assert!(err.contains("x11"), "{err}");
    let err =
        FileConfig::parse("theme = \"light\"\nclipboard_timeout_secs = 18446744073709551615\n")
            .expect_err("a timeout past a day");
    assert!(
        err.contains("line 2") && err.contains("more than a day"),
        "{err}"
    );
}

#[test]
fn rotation_thresholds_and_posture_rules_come_from_the_file() {
    let file = FileConfig::parse(
        "[rotation]\nstuck_after_hours = 6\ndue_soon_days = 3\n\
         [posture]\nmax_rotation_days = 30\nunused_days = 45\nrequired_tags = [\"Owner\", \"CostCenter\"]\n",
    )
    .expect("valid");
    let t = file.rotation.thresholds();
    assert_eq!(t.stuck_after, SignedDuration::from_hours(6));
    assert_eq!(t.due_soon, SignedDuration::from_hours(72));
    let rules = file.posture.rules();
    assert_eq!(rules.max_rotation_days, Some(30));
    assert_eq!((rules.rotated_within_days, rules.unused_days), (90, 45));
    assert_eq!(rules.required_tags, ["Owner", "CostCenter"]);
    assert_eq!(
        FileConfig::default().posture.rules(),
        PostureRules::default()
    );
}

#[test]
fn listings_in_flight_come_from_the_file_within_bounds() {
    let cli = Cli::parse_from(["smtui"]);
    let file = FileConfig::parse("listings_in_flight = 24\n").expect("valid");
    assert_eq!(resolve(&cli, &file).listings_in_flight, 24);
    assert_eq!(
        resolve(&cli, &FileConfig::default()).listings_in_flight,
        smtui_aws::runner::MAX_LISTING
    );
    let err = FileConfig::parse("listings_in_flight = 0\n").expect_err("at least one");
    assert!(err.contains("listings_in_flight"), "{err}");
}

#[test]
fn marked_accounts_come_from_the_file_danger_by_default() {
    use smtui_core::model::accounts::AccountStyle;
    let file = FileConfig::parse(
        "[accounts.\"123456789012\"]\nlabel = \"prod\"\n\
         [accounts.\"*-staging\"]\nlabel = \"staging\"\nstyle = \"warn\"\n",
    )
    .expect("valid");
    let rules = file.account_rules();
    assert_eq!(rules.guard("123456789012", None), Some("prod"));
    let staging = rules
        .find("999999999999", Some("acme-staging"))
        .expect("by alias");
    assert_eq!(
        (staging.label.as_str(), staging.style),
        ("staging", AccountStyle::Warn)
    );
    let err = FileConfig::parse("[accounts.\"1\"]\nlabel = \"x\"\nstyle = \"loud\"\n")
        .expect_err("an unknown style");
    assert!(err.contains("loud"), "{err}");
}

#[test]
fn key_bindings_load_and_a_bad_one_names_its_line() {
    let file =
        FileConfig::parse("theme = \"light\"\n[keys.list]\nreveal = \"Space\"\n").expect("valid");
    let space = smtui_core::app::keymap::Key::char(' ');
    assert_eq!(
        file.keymap
            .resolve(smtui_core::room::layers::Layer::List, space),
        Some(smtui_core::room::keys::Verb::Reveal.into())
    );
    let err = FileConfig::parse("[keys.list]\nreveal = \"s\"\n").expect_err("conflict");
    assert!(err.starts_with("line 2: keys.list.reveal:"), "{err}");
}

fn generated(command: &Subcommand) -> String {
    let mut out = Vec::new();
    write_generated(command, &mut out)
        .expect("generated")
        .expect("written");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn completions_and_the_man_page_come_from_the_cli_definition() {
    for shell in [
        clap_complete::Shell::Bash,
        clap_complete::Shell::Zsh,
        clap_complete::Shell::Fish,
    ] {
        let script = generated(&Subcommand::Completions { shell });
        for word in ["theme", "all-regions", "no-mouse", "posture", "completions"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    let man = generated(&Subcommand::Man);
    assert!(man.contains(".TH smtui 1"), "{man}");
    for word in ["\\-\\-read\\-only", "\\-\\-theme", "posture"] {
        assert!(man.contains(word), "the man page has {word}");
    }
    // Every command on this one page, its options with it; no page that is not there.
    assert!(!man.contains("smtui\\-list(1)"), "{man}");
    for heading in [
        ".SS \"smtui list\"",
        ".SS \"smtui posture\"",
        "\\-\\-format",
    ] {
        assert!(man.contains(heading), "{heading} in {man}");
    }
    assert!(write_generated(&Subcommand::Man, &mut Vec::new()).is_some());
    let list = Subcommand::List {
        format: crate::headless::list::Format::Json,
        filter: String::new(),
        deleted: false,
    };
    assert!(write_generated(&list, &mut Vec::new()).is_none());
}

#[test]
fn cli_wins_over_file() {
    let file = FileConfig {
        profile: Some("file".into()),
        reveal_timeout_secs: Some(TimeoutSecs(5)),
        ..Default::default()
    };
    let resolved = resolve(&cli(&["--profile", "cli", "--read-only"]), &file);
    assert_eq!(resolved.profile.as_deref(), Some("cli"));
    assert_eq!(resolved.reveal_timeout, Duration::from_secs(5));
    assert!(resolved.read_only);
}

#[test]
fn the_mouse_is_on_unless_the_flag_or_the_file_says_no() {
    let on = FileConfig::default();
    let off = FileConfig::parse("mouse = false\n").expect("parses");
    assert!(resolve(&cli(&[]), &on).mouse);
    assert!(!resolve(&cli(&["--no-mouse"]), &on).mouse);
    assert!(!resolve(&cli(&[]), &off).mouse);
}
