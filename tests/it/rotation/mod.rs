//! Rotation: the panel in every state, rotate, schedule, cancel and repair, without a
//! terminal and against the local stack.

mod flows;
mod live;
mod writes;
