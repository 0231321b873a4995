//! The demo package's library target holds no code: it runs the README's Rust examples (which use both
//! `ltv-core` and `ltv-models`) as doctests, so the front page cannot drift from the crates.
#![forbid(unsafe_code)]

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
