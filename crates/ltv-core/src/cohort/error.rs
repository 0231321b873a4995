//! The error of a cohort analysis: the crate's one row error, [`RowError`].

pub use crate::error::RowError;

/// The former name of [`RowError`] (the cohort and lead tables had twin types).
#[deprecated(since = "0.2.0", note = "use ltv_core::RowError (one row-error type for every table)")]
pub type CohortError = RowError;
