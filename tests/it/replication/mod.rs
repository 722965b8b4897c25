//! The replication pane: its flows and drawings through the app, with AWS's answers given
//! by hand; its reads, value check and writes with the real SDK against the local stack.

mod fixtures;
mod flows;
mod live;
mod writes;
