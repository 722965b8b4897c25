//! The access pane: its flows and drawings through the app, with AWS's answers given by hand.

mod flows;
