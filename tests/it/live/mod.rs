//! The app core with the real AWS SDK against the local stack: listing, reveal and copy, and
//! faults of every kind. Each feature's own live tests are in its folder (`editor::live`,
//! `audit::live`, ...); keys that never wait on the network are timed in a binary of their
//! own, `tests/keys_never_wait.rs`.

mod faults;
mod stack;
