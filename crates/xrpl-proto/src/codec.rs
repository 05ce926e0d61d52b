//! TODO(codec helper): see lib.rs table.
