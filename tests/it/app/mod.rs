//! The app's shell around the rooms: the layer stack, the palette, rebound keys, the
//! messages log, and the two ways out (quit and terminate).

mod identities;
mod layers_and_palette;
mod messages_flows;
mod palette_flows;
mod popups;
mod terminate_flows;
