//! The audit pane (CloudTrail): its lookups, summary and filter, as drawn, and against the
//! local stack. Shared builders are in `common::audit`.

mod flows;
mod live;
mod summary;
mod view;
