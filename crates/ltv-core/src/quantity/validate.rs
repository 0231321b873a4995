//! Range checks shared by every quantity and formula, generic over [`Number`].
//!
//! The checks are `#[inline]` and the error paths `#[cold]`: on `f64` columns the happy path is a handful of
//! comparisons per value.

use crate::error::{LtvError, Result};
use crate::number::{Checks, FirstError, Number};

#[cold]
#[inline(never)]
pub(crate) fn invalid<T: Number>(field: &'static str, value: T, allowed: &'static str) -> LtvError {
    LtvError::InvalidInput { field, value: value.describe(), allowed, suggestion: None }
}

#[cold]
#[inline(never)]
fn not_finite<T: Number>(field: &'static str, value: T) -> LtvError {
    LtvError::NotFinite { field, value: value.describe() }
}

/// Out of `[lo, hi]`: a value in (1, 100] above `hi` was probably typed as a percentage, so suggest `value / 100`.
#[cold]
#[inline(never)]
fn out_of_range<T: Number>(field: &'static str, value: T, hi: T, allowed: &'static str) -> LtvError {
    let hundred = T::from_u32(100);
    let suggestion = (value > hi && value > T::ONE && value <= hundred)
        .then(|| value.checked_div(hundred).map(|v| v.describe()))
        .flatten();
    LtvError::InvalidInput { field, value: value.describe(), allowed, suggestion }
}

#[inline]
pub(crate) fn finite<T: Number>(field: &'static str, value: T) -> Result<T> {
    finite_with(&mut FirstError, field, value)
}

/// A fraction in [0, 1] (gross margin, conversion rate, retention).
#[inline]
pub(crate) fn fraction<T: Number>(field: &'static str, value: T) -> Result<T> {
    fraction_with(&mut FirstError, field, value)
}

/// A value >= 0 (money, durations).
#[inline]
pub(crate) fn non_negative<T: Number>(field: &'static str, value: T) -> Result<T> {
    non_negative_with(&mut FirstError, field, value)
}

/// A value > 0 (ratios, denominators).
#[inline]
pub(crate) fn positive<T: Number>(field: &'static str, value: T) -> Result<T> {
    positive_with(&mut FirstError, field, value)
}

// The same checks under any [`Checks`] policy: one condition each (combined with `&`), the error built only
// when it fails. Their errors are those of the functions above, in the same order (not finite first).

#[inline(always)]
pub(crate) fn finite_with<T: Number, C: Checks>(c: &mut C, field: &'static str, value: T) -> Result<T, C::Error> {
    c.require(value.is_finite(), || not_finite(field, value))?;
    Ok(value)
}

#[inline(always)]
pub(crate) fn within_with<T: Number, C: Checks>(
    c: &mut C,
    field: &'static str,
    value: T,
    lo: T,
    hi: T,
    allowed: &'static str,
) -> Result<T, C::Error> {
    c.require((value >= lo) & (value <= hi), || {
        if value.is_finite() { out_of_range(field, value, hi, allowed) } else { not_finite(field, value) }
    })?;
    Ok(value)
}

#[inline(always)]
pub(crate) fn fraction_with<T: Number, C: Checks>(c: &mut C, field: &'static str, value: T) -> Result<T, C::Error> {
    within_with(c, field, value, T::ZERO, T::ONE, "a fraction in [0, 1]")
}

#[inline(always)]
pub(crate) fn non_negative_with<T: Number, C: Checks>(c: &mut C, field: &'static str, value: T) -> Result<T, C::Error> {
    c.require(value.is_finite() & (value >= T::ZERO), || {
        if value.is_finite() { invalid(field, value, "a value >= 0") } else { not_finite(field, value) }
    })?;
    Ok(value)
}

#[inline(always)]
pub(crate) fn positive_with<T: Number, C: Checks>(c: &mut C, field: &'static str, value: T) -> Result<T, C::Error> {
    c.require(value.is_finite() & (value > T::ZERO), || {
        if value.is_finite() { invalid(field, value, "a value > 0") } else { not_finite(field, value) }
    })?;
    Ok(value)
}
