//! Several identities held at once, as a user holds them (issue: the whole organisation in
//! one console): `pin` adds an identity beside those held and its secrets join the list
//! with an ACCOUNT column and an account × region bar; writes name the account they go
//! to; `unpin` drops an identity's rows. Through the router (`pin_flows`) and with the real
//! SDK against the local stack, where the second identity is a role in another account
//! (`pin_live`).

mod danger_flows;
mod expiry_live;
mod mfa_live;
mod org_flows;
mod org_live;
mod pin_flows;
mod pin_live;
mod renew_flows;
