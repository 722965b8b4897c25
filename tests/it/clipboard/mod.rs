//! Copying: what is copied and when it is cleared, in memory and on a real X server.

mod copy_flows;
// Needs Xvfb; it runs itself again as a child process with its own `DISPLAY`.
#[cfg(all(unix, not(target_os = "macos")))]
mod x11;
