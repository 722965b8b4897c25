//! The optional log file (`--log-file`): what may reach it and how it is opened.
//!
//! No log line of smtui's own holds a value; the AWS SDK's can. At TRACE its orchestrator
//! logs every request it transmits and, with `LOG_SENSITIVE_BODIES=true` in the
//! environment, every response body it reads (a whole GetSecretValue answer); SigV4 logs
//! the request it signs, body included (a PutSecretValue would carry the new value). Those
//! targets are capped at DEBUG whatever `--log-level` asks for, so no environment variable
//! or filter can put a value in the log.
//!
//! Every field of every line (the message included) goes through the sanitiser: a name or
//! an error text from AWS with ESC or a line break in it cannot forge log lines or act on
//! the terminal of whoever reads the log.

use std::fs::File;
use std::path::Path;

use tracing::Subscriber;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::field::MakeExt as _;
use tracing_subscriber::filter::{EnvFilter, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The SDK's targets that log HTTP bodies at TRACE (read in aws-smithy-runtime's
/// `client/orchestrator.rs` and `orchestrator/http.rs`, and aws-sigv4's `http_request/sign.rs`).
pub const BODY_TARGETS: [&str; 2] = ["aws_smithy_runtime::client::orchestrator", "aws_sigv4"];

/// The subscriber for `filter` (an `EnvFilter` directive, as `--log-level` takes), writing
/// plain text to `writer`, with the body-logging targets capped at DEBUG.
pub fn subscriber<W>(filter: &str, writer: W) -> Result<impl Subscriber + Send + Sync, String>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_new(filter).map_err(|e| format!("--log-level: {e}"))?;
    // A second filter layer: an event must pass both, so no directive in `filter` (however
    // specific) can lift the cap.
    let cap = Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_targets(BODY_TARGETS.map(|target| (target, LevelFilter::DEBUG)));
    Ok(tracing_subscriber::registry().with(filter).with(cap).with(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .fmt_fields(escaped_fields())
            .with_writer(writer),
    ))
}

/// Writes each field as `name=value` (the message bare), its text escaped by the sanitiser
/// whatever the value's type: a `%display` value's own text is not escaped by `Debug`.
fn escaped_fields() -> impl for<'w> tracing_subscriber::fmt::FormatFields<'w> {
    tracing_subscriber::fmt::format::debug_fn(|writer, field, value| {
        let text = format!("{value:?}");
        let text = smtui_core::sanitize::sanitize_line(&text);
        if field.name() == "message" {
            write!(writer, "{text}")
        } else {
            write!(writer, "{}={text}", field.name())
        }
    })
    .delimited(" ")
}

/// Opens the log file and makes it the process's log.
pub fn init(path: &Path, filter: &str) -> Result<(), String> {
    let file = open(path)?;
    subscriber(filter, std::sync::Mutex::new(file))?
        .try_init()
        .map_err(|e| format!("log: {e}"))
}

/// Opens (or creates, mode 0600) the log for appending. Refuses a symbolic link (it could
/// point the log anywhere, another user's file included), and an existing file that is not
/// the user's or that group or others may read or write: names and ARNs are nobody else's
/// business, and a file others can write could be swapped under us.
pub(crate) fn open(path: &Path) -> Result<File, String> {
    let shown = path.display();
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options
        .open(path)
        .map_err(|e| format!("log file {}", smtui_aws::private_file::opening(path, &e)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // The checks read the file just opened (fstat), not the path again.
        let meta = file
            .metadata()
            .map_err(|e| format!("log file {shown}: {e}"))?;
        smtui_aws::private_file::owned_file(&meta, path).map_err(|e| format!("log file {e}"))?;
        if meta.mode() & 0o077 != 0 {
            return Err(format!(
                "log file {shown}: group or others may read or write it (mode {:o}); \
                 `chmod 600` it or choose another path",
                meta.mode() & 0o777
            ));
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'w> MakeWriter<'w> for Captured {
        type Writer = Captured;
        fn make_writer(&'w self) -> Self::Writer {
            self.clone()
        }
    }

    #[test]
    fn every_field_is_escaped_and_an_event_stays_one_line() {
        let captured = Captured::default();
        let subscriber = subscriber("trace", captured.clone()).expect("subscriber");
        let evil = "name\u{1b}]52;c;ZXZpbA==\u{7}\nFORGED 2026 ERROR line";
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(region = evil, why = %evil, "loaded {evil}");
        });
        let text = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("region=") && text.contains("why="), "{text}");
        assert!(text.contains("\\e]52"), "escaped visibly: {text}");
    }
}
