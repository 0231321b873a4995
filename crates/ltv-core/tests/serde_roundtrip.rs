//! serde round-trips (written below).
