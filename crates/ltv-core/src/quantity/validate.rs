//! Range checks shared by every quantity and formula, generic over [`Number`].
//!
//! The checks are `#[inline]` and the error paths `#[cold]`: on `f64` columns the happy path is a handful of
//! comparisons per value.

use crate::error::{LtvError, Result};
use crate::number::Number;

#[cold]
#[inline(never)]
pub(crate) fn invalid<T: Number>(field: &'static str, value: T, allowed: &'static str) -> LtvError {
    LtvError::InvalidInput { field, value: value.to_string(), allowed, suggestion: None }
}

#[cold]
#[inline(never)]
fn not_finite<T: Number>(field: &'static str, value: T) -> LtvError {
    LtvError::NotFinite { field, value: value.to_string() }
}

/// Out of `[lo, hi]`: a value in (1, 100] above `hi` was probably typed as a percentage, so suggest `value / 100`.
#[cold]
#[inline(never)]
fn out_of_range<T: Number>(field: &'static str, value: T, hi: T, allowed: &'static str) -> LtvError {
    let hundred = T::from_u32(100);
    let suggestion = (value > hi && value > T::ONE && value <= hundred)
        .then(|| value.checked_div(hundred).map(|v| v.to_string()))
        .flatten();
    LtvError::InvalidInput { field, value: value.to_string(), allowed, suggestion }
}

#[inline]
pub(crate) fn finite<T: Number>(field: &'static str, value: T) -> Result<T> {
    if value.is_finite() { Ok(value) } else { Err(not_finite(field, value)) }
}

/// `lo <= value <= hi`; above `hi`, suggests the value read as a percentage.
#[inline]
pub(crate) fn within<T: Number>(field: &'static str, value: T, lo: T, hi: T, allowed: &'static str) -> Result<T> {
    if value >= lo && value <= hi {
        Ok(value)
    } else if !value.is_finite() {
        Err(not_finite(field, value))
    } else {
        Err(out_of_range(field, value, hi, allowed))
    }
}

/// A fraction in [0, 1] (gross margin, conversion rate, retention).
#[inline]
pub(crate) fn fraction<T: Number>(field: &'static str, value: T) -> Result<T> {
    within(field, value, T::ZERO, T::ONE, "a fraction in [0, 1]")
}

/// A value >= 0 (money, durations).
#[inline]
pub(crate) fn non_negative<T: Number>(field: &'static str, value: T) -> Result<T> {
    finite(field, value)?;
    if value >= T::ZERO { Ok(value) } else { Err(invalid(field, value, "a value >= 0")) }
}

/// A value > 0 (ratios, denominators).
#[inline]
pub(crate) fn positive<T: Number>(field: &'static str, value: T) -> Result<T> {
    finite(field, value)?;
    if value > T::ZERO { Ok(value) } else { Err(invalid(field, value, "a value > 0")) }
}
