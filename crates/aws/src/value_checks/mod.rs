//! Value checks: where a value is stored, which values are reused (and, for the replication
//! pane, whether a replica holds its primary's value). Values are read, fingerprinted (`fingerprint`) and zeroized here;
//! only fingerprints leave this module.

pub mod fingerprint;
pub mod read;
