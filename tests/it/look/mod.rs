//! The look: themes, layouts of each width, and whole screens snapshotted with insta.

mod flows;
mod ui_snapshots;
