//! TODO: see lib.rs table.
