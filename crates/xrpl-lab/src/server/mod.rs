//! TODO: see lib.rs table.

pub mod assets;
