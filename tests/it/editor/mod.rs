//! The editor: opening masked, typing, forms, pasting, creating a secret, duplicate JSON
//! keys, the review and the save, paging through the form and the review, without a
//! terminal and against the local stack.

mod create_flows;
mod duplicate_keys;
mod flows;
mod form_flows;
mod live;
mod masked;
mod paging;
mod paste_flows;
mod save_flows;
