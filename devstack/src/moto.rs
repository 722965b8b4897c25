//! Runs `python -m moto.server` from the pinned venv on a free loopback port.
//!
//! The child must never outlive us, however we die: it gets its own process group (so a
//! terminal's Ctrl-C does not kill it before we clean up in order), `PR_SET_PDEATHSIG`
//! on Linux (so SIGKILL of this process still takes moto down), and Drop kills the group
//! and reaps it.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use tokio::process::{Child, Command};

use crate::venv::{Venv, devstack_dir, tail};

/// How long moto may take to answer its first HTTP request (cold Python imports are slow
/// on a loaded 2-core CI machine).
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// Port races (someone else grabbed the port we probed) are retried this many times.
const START_ATTEMPTS: usize = 4;
/// Old logs beyond this many are deleted so `.devstack/logs` does not grow forever.
const KEEP_LOGS: usize = 40;

/// A running moto server; killed and reaped on drop.
#[derive(Debug)]
pub(crate) struct MotoServer {
    child: Child,
    port: u16,
    log_path: PathBuf,
}

impl MotoServer {
    /// Start moto and wait until it answers HTTP.
    ///
    /// Note: `PR_SET_PDEATHSIG` fires when the *thread* that spawned the child exits, so
    /// call this from a long-lived thread (a tokio worker, not `spawn_blocking`).
    /// [`crate::Stack`] does this for you.
    /// With `iam_auth_after: Some(n)`, moto lets `n` calls through and then checks every
    /// call's credentials and permissions against its IAM users
    /// (`INITIAL_NO_AUTH_ACTION_COUNT=n`), so unknown keys and missing permissions get real
    /// auth errors.
    pub(crate) async fn start(venv: &Venv, iam_auth_after: Option<u32>) -> Result<MotoServer> {
        let logs = devstack_dir().join("logs");
        fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
        prune_logs(&logs);
        let mut last_err = None;
        for _ in 0..START_ATTEMPTS {
            let port = free_port()?;
            match Self::try_start(venv, port, &logs, iam_auth_after).await {
                Ok(server) => return Ok(server),
                Err(StartError::PortTaken(e)) => last_err = Some(e),
                Err(StartError::Fatal(e)) => return Err(e),
            }
        }
        Err(last_err.unwrap_or_else(|| anyhow::anyhow!("moto failed to start")))
    }

    /// Starts moto again on `port` (after a stop), waiting for the port to be free.
    pub(crate) async fn start_on_port(
        venv: &Venv,
        port: u16,
        iam_auth_after: Option<u32>,
    ) -> Result<MotoServer> {
        let logs = devstack_dir().join("logs");
        let mut last_err = None;
        for _ in 0..50 {
            match Self::try_start(venv, port, &logs, iam_auth_after).await {
                Ok(server) => return Ok(server),
                Err(StartError::PortTaken(e)) => {
                    last_err = Some(e);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(StartError::Fatal(e)) => return Err(e),
            }
        }
        Err(last_err.unwrap_or_else(|| anyhow::anyhow!("moto failed to restart on {port}")))
    }

    async fn try_start(
        venv: &Venv,
        port: u16,
        logs: &Path,
        iam_auth_after: Option<u32>,
    ) -> Result<MotoServer, StartError> {
        let log_path = logs.join(format!(
            "moto-{}-{port}-{}.log",
            std::process::id(),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis())
        ));
        let log = File::create(&log_path)
            .with_context(|| format!("creating {}", log_path.display()))
            .map_err(StartError::Fatal)?;
        let log_err = log.try_clone().map_err(|e| StartError::Fatal(e.into()))?;

        let mut cmd = Command::new(&venv.python);
        cmd.args([
            "-m",
            "moto.server",
            "-H",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("PYTHONUNBUFFERED", "1")
        // The user's real AWS settings have no business inside the emulator.
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(log_err))
        .kill_on_drop(true)
        .process_group(0);
        if let Some(calls) = iam_auth_after {
            cmd.env("INITIAL_NO_AUTH_ACTION_COUNT", calls.to_string());
        }
        set_parent_death_signal(&mut cmd);
        let child = cmd
            .spawn()
            .with_context(|| format!("spawning {}", venv.python.display()))
            .map_err(StartError::Fatal)?;
        let mut server = MotoServer {
            child,
            port,
            log_path,
        };
        server.wait_ready().await?;
        Ok(server)
    }

    async fn wait_ready(&mut self) -> Result<(), StartError> {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = self.log_tail();
                let err = anyhow::anyhow!(
                    "moto exited during startup ({status}); log {}:\n{log}",
                    self.log_path.display()
                );
                return Err(if log.contains("Address already in use") {
                    StartError::PortTaken(err)
                } else {
                    StartError::Fatal(err)
                });
            }
            let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
            if tokio::task::spawn_blocking(move || answers_http(addr))
                .await
                .unwrap_or(false)
            {
                return Ok(());
            }
            if started.elapsed() > READY_TIMEOUT {
                return Err(StartError::Fatal(anyhow::anyhow!(
                    "moto did not answer on 127.0.0.1:{} within {}s; log {}:\n{}",
                    self.port,
                    READY_TIMEOUT.as_secs(),
                    self.log_path.display(),
                    self.log_tail()
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT`
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    pub(crate) fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// The last lines of moto's log, for error messages.
    pub(crate) fn log_tail(&self) -> String {
        fs::read(&self.log_path)
            .map(|b| tail(&b, 20))
            .unwrap_or_default()
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        if let Some(pid) = self.child.id() {
            // Negative pid: the whole process group, in case moto ever forks workers.
            // SAFETY: plain kill(2); the group id is the child's pid (process_group(0)).
            unsafe {
                libc::kill(-(pid.cast_signed()), libc::SIGKILL);
            }
        }
        let _ = self.child.start_kill();
        // Reap synchronously (bounded) so no zombie lingers and the port is free when
        // drop returns; SIGKILL makes this take milliseconds.
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                _ => break,
            }
        }
    }
}

enum StartError {
    /// Worth retrying on another port.
    PortTaken(anyhow::Error),
    Fatal(anyhow::Error),
}

impl From<StartError> for anyhow::Error {
    fn from(e: StartError) -> Self {
        match e {
            StartError::PortTaken(e) | StartError::Fatal(e) => e,
        }
    }
}

/// Ask the kernel for a free port. Racy by nature (we drop it before moto binds), hence
/// the retries in [`MotoServer::start`].
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("binding 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// True once something on `addr` speaks HTTP (any status line will do).
fn answers_http(addr: SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut buf = [0u8; 5];
    stream.read_exact(&mut buf).is_ok() && &buf == b"HTTP/"
}

#[cfg(target_os = "linux")]
pub fn set_parent_death_signal_to(cmd: &mut Command, signal: libc::c_int) {
    let parent = std::process::id();
    // SAFETY: only async-signal-safe calls (prctl, getppid, _exit) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, signal as libc::c_ulong, 0, 0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent may have died before prctl took effect: then nobody will
            // signal us, so don't start at all.
            if libc::getppid().cast_unsigned() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn set_parent_death_signal_to(_cmd: &mut Command, _signal: i32) {}

fn set_parent_death_signal(cmd: &mut Command) {
    set_parent_death_signal_to(cmd, libc::SIGKILL);
}

/// Keep only the newest [`KEEP_LOGS`] moto logs.
fn prune_logs(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut logs: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("moto-"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    logs.sort_by_key(|l| std::cmp::Reverse(l.0));
    for (_, path) in logs.into_iter().skip(KEEP_LOGS) {
        let _ = fs::remove_file(path);
    }
}
