//! The access pane: its flows and drawings through the app, with AWS's answers given by hand;
//! its reads with the real SDK against the local stack.

mod flows;
mod hostile;
mod live;
mod reads;
mod verdicts;
