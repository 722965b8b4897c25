//! Delete and restore: the popup, the typed confirmation, the answers, and the writes
//! against the local stack (with read-only mode proven from the proxy's log).

mod flows;
mod live;
