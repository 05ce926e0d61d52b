//! TODO(crypto helper): see lib.rs table.
