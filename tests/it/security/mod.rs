//! What must never leak or be obeyed: values in logs, hostile text from AWS, the log file's
//! checks, and the panic hook's report.

mod crash_hook;
mod hostile_text;
#[cfg(unix)]
mod log_file;
mod no_leaks;
