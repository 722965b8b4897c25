//! Process hardening done first thing at start: no core dumps that could hold secret values.

/// Sets RLIMIT_CORE to 0 and marks the process non-dumpable (which also stops other
/// processes of the same user from ptrace-attaching to read its memory).
pub fn disable_core_dumps() -> Result<(), String> {
    #[cfg(unix)]
    {
        use nix::sys::resource::{Resource, setrlimit};
        setrlimit(Resource::RLIMIT_CORE, 0, 0)
            .map_err(|e| format!("setrlimit(RLIMIT_CORE): {e}"))?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    nix::sys::prctl::set_dumpable(false).map_err(|e| format!("prctl(PR_SET_DUMPABLE): {e}"))?;
    Ok(())
}

/// Whether core dumps are off for this process (for the tests below).
#[cfg(test)]
pub(crate) fn core_dumps_disabled() -> bool {
    #[cfg(unix)]
    {
        nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_CORE)
            .is_ok_and(|(soft, _)| soft == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn core_dumps_are_disabled() {
        super::disable_core_dumps().expect("hardening");
        assert!(super::core_dumps_disabled());
    }
}
