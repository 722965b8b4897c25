//! The pinned moto installation: a virtualenv at `.devstack/venv`, built from the
//! committed `devstack/requirements.txt` lock.
//!
//! Several test binaries start in parallel and each calls [`ensure_venv`], so the install
//! is serialised with an `flock` on `.devstack/install.lock`; a marker file holding the
//! hash of the requirements says a previous install finished (a crash mid-install leaves
//! no marker, so the next caller starts over).

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::ids::fnv1a64;

/// The moto version pinned in requirements.txt (kept in sync by a unit test).
pub const MOTO_VERSION: &str = "5.2.5";

/// The lock file, compiled in so the binary works from any directory.
pub(crate) const REQUIREMENTS: &str = include_str!("../requirements.txt");

/// A ready-to-use virtualenv.
#[derive(Debug, Clone)]
pub struct Venv {
    /// `.devstack/venv`
    pub dir: PathBuf,
    /// `.devstack/venv/bin/python`
    pub(crate) python: PathBuf,
    /// True when this call did the install (false when it was already there).
    pub installed_now: bool,
}

/// `.devstack/` at the workspace root, or `$SMTUI_DEVSTACK_DIR`.
pub(crate) fn devstack_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SMTUI_DEVSTACK_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).join(".devstack")
}

fn marker_contents() -> String {
    format!(
        "moto {MOTO_VERSION}\nrequirements-fnv1a64 {:016x}\n",
        fnv1a64(REQUIREMENTS.as_bytes())
    )
}

/// Make sure `.devstack/venv` holds exactly the pinned packages; install on first use.
///
/// Blocking (runs pip); call it from `spawn_blocking` in async code. Progress goes to
/// stderr only when an install actually happens.
pub fn ensure_venv() -> Result<Venv> {
    let root = devstack_dir();
    fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
    let venv_dir = root.join("venv");
    let python = venv_dir.join("bin").join("python");
    let marker = root.join("venv.installed");

    let _lock = lock_exclusive(&root.join("install.lock"))?;
    // Checked under the lock: whoever held it before us may just have finished.
    let wanted = marker_contents();
    if python.exists() && fs::read_to_string(&marker).is_ok_and(|m| m == wanted) {
        return Ok(Venv {
            dir: venv_dir,
            python,
            installed_now: false,
        });
    }

    eprintln!(
        "installing moto {MOTO_VERSION} into {} (first run only)...",
        display_relative(&venv_dir)
    );
    let started = Instant::now();
    // Marker first: an interrupted install must never look complete.
    remove_if_exists(&marker)?;
    // A fresh venv rather than pip-over-old: leftovers from an older lock would make
    // "pinned" a lie.
    if venv_dir.exists() {
        fs::remove_dir_all(&venv_dir)
            .with_context(|| format!("removing stale {}", venv_dir.display()))?;
    }
    create_venv(&venv_dir)?;

    pip_install(&venv_dir, &root.join("requirements.txt"), REQUIREMENTS, &[])?;
    fs::write(&marker, wanted).with_context(|| format!("writing {}", marker.display()))?;
    eprintln!(
        "moto {MOTO_VERSION} installed in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(Venv {
        dir: venv_dir,
        python,
        installed_now: true,
    })
}

/// The AWS CLI's pins (for `scripts/bench-list`), compiled in like [`REQUIREMENTS`].
pub(crate) const BENCH_REQUIREMENTS: &str = include_str!("../requirements-bench.txt");

/// Makes sure the pinned AWS CLI is in the venv too (only the benchmark wants it, so the
/// tests never pay for it); returns the path of its `aws`. Blocking, like [`ensure_venv`].
pub(crate) fn ensure_aws_cli() -> Result<PathBuf> {
    let venv = ensure_venv()?;
    let root = devstack_dir();
    let aws = venv.dir.join("bin").join("aws");
    let marker = root.join("venv.bench-installed");
    // Stale whenever the venv was rebuilt from other pins, or these changed.
    let wanted = format!(
        "{}bench-fnv1a64 {:016x}\n",
        marker_contents(),
        fnv1a64(BENCH_REQUIREMENTS.as_bytes())
    );
    let _lock = lock_exclusive(&root.join("install.lock"))?;
    if aws.exists() && fs::read_to_string(&marker).is_ok_and(|m| m == wanted) {
        return Ok(aws);
    }
    eprintln!("installing the pinned AWS CLI into the venv (first benchmark only)...");
    remove_if_exists(&marker)?;
    // --no-deps: exactly these pins, and nothing of moto's is upgraded on the way.
    pip_install(
        &venv.dir,
        &root.join("requirements-bench.txt"),
        BENCH_REQUIREMENTS,
        &["--no-deps"],
    )?;
    fs::write(&marker, wanted).with_context(|| format!("writing {}", marker.display()))?;
    Ok(aws)
}

/// Writes `requirements` to `req_path` (pip reads a file) and installs them into the venv.
fn pip_install(venv_dir: &Path, req_path: &Path, requirements: &str, extra: &[&str]) -> Result<()> {
    fs::write(req_path, requirements).with_context(|| format!("writing {}", req_path.display()))?;
    let out = run(
        Command::new(venv_dir.join("bin").join("pip"))
            .args(["install", "--disable-pip-version-check", "-q"])
            .args(extra)
            .arg("-r")
            .arg(req_path),
        "pip",
    )?;
    if !out.status.success() {
        bail!(
            "pip install -r {} failed ({}):\n{}",
            req_path.display(),
            out.status,
            tail(&out.stderr, 25)
        );
    }
    Ok(())
}

fn create_venv(venv_dir: &Path) -> Result<()> {
    let python3 = std::env::var_os("SMTUI_DEVSTACK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = run(
        Command::new(&python3).args(["-m", "venv"]).arg(venv_dir),
        "python3",
    )?;
    if !out.status.success() {
        bail!(
            "`{} -m venv {}` failed ({}); on Debian/Ubuntu install python3-venv.\n{}",
            python3.to_string_lossy(),
            venv_dir.display(),
            out.status,
            tail(&out.stderr, 15)
        );
    }
    Ok(())
}

/// Runs a command to completion, turning "not found" into an actionable message.
fn run(cmd: &mut Command, what: &str) -> Result<Output> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(Stdio::null()).output().map_err(|e| {
        if e.kind() == ErrorKind::NotFound {
            anyhow::anyhow!(
                "{what} not found (`{program}`): smtui-devstack needs Python 3.9+ with venv \
                 on PATH (or set SMTUI_DEVSTACK_PYTHON)"
            )
        } else {
            anyhow::Error::new(e).context(format!("running {program}"))
        }
    })
}

/// Holds an exclusive `flock` until dropped (closing the fd releases it).
struct FileLock(#[allow(dead_code)] File);

fn lock_exclusive(path: &Path) -> Result<FileLock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    loop {
        // SAFETY: flock on an fd we own; blocks until the other installer is done.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
        if rc == 0 {
            return Ok(FileLock(file));
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != ErrorKind::Interrupted {
            return Err(err).with_context(|| format!("locking {}", path.display()));
        }
    }
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// The last `n` lines of a process's output, for error messages.
pub(crate) fn tail(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// `.devstack/venv` relative to the current directory when possible (shorter messages).
fn display_relative(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_pin_moto_and_everything_else() {
        let pins: Vec<&str> = REQUIREMENTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert!(pins.contains(&format!("moto=={MOTO_VERSION}").as_str()));
        assert!(pins.len() > 20, "transitive deps must be pinned too");
        for p in pins {
            assert!(p.contains("=="), "unpinned requirement: {p}");
        }
    }

    #[test]
    fn the_aws_cli_is_pinned_with_what_it_adds() {
        let pins: Vec<&str> = BENCH_REQUIREMENTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert!(pins.iter().any(|p| p.starts_with("awscli==")));
        for p in pins {
            assert!(p.contains("=="), "unpinned requirement: {p}");
        }
    }

    #[test]
    fn tail_keeps_last_lines() {
        assert_eq!(tail(b"a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail(b"a", 5), "a");
    }
}
