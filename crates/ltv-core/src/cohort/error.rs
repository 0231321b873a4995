//! The error of a cohort analysis: an [`LtvError`] and, for a bad input row, its 0-based index.

use std::fmt;

use crate::error::LtvError;

/// An [`LtvError`] raised while building a cohort analysis, with the 0-based input `row` it is about
/// (`None` for an error about the whole input, such as an empty one).
///
/// ```
/// use ltv_core::cohort::{CohortAnalysis, PeriodUnit};
/// let err = CohortAnalysis::from_columns(&[0, 0], &[650, 651], &[10.0, f64::NAN], PeriodUnit::Month).unwrap_err();
/// assert_eq!((err.row, err.error.kind(), err.error.field()), (Some(1), "not_finite", "revenue"));
/// assert_eq!(err.to_string(), "row 1: revenue = NaN is not a finite number");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortError {
    /// The 0-based input row, when the error is about one row.
    pub row: Option<usize>,
    /// What is wrong.
    pub error: LtvError,
}

impl CohortError {
    pub(crate) fn at(row: usize, error: LtvError) -> Self {
        Self { row: Some(row), error }
    }
}

impl From<LtvError> for CohortError {
    fn from(error: LtvError) -> Self {
        Self { row: None, error }
    }
}

impl fmt::Display for CohortError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "row {row}: {}", self.error),
            None => self.error.fmt(f),
        }
    }
}

impl std::error::Error for CohortError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
