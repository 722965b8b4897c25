//! The app core with the real AWS SDK against the local stack: listing, reveal and copy,
//! faults of every kind, and keys that never wait on the network. Each feature's own live
//! tests are in its folder (`editor::live`, `audit::live`, ...).

mod faults;
mod keys_never_wait;
mod stack;
